/**
 * Why recovery took that long: per design, the mean RTO split into phases along the critical path
 * (detection, paging, diagnosis, promotion, DNS propagation, pool eviction, ...), as a stacked bar
 * in minutes. Only when the Result has `rto_phases`.
 */
import { phaseLabel } from '../explain.js';
import type { ReportResult } from '../types.js';
import { topLevel, WIDTH, type Chart } from './common.js';

/** The phases of recovery per design, or null when no design has them. */
export function rtoPhasesChart(result: ReportResult): Chart | null {
  const rows: Array<Record<string, string | number>> = [];
  for (const d of result.designs) {
    (d.rto_phases ?? []).forEach((p, order) => rows.push({ design: d.name, phase: phaseLabel(p.phase), order, minutes: p.mean_s / 60, share: p.share }));
  }
  if (rows.length === 0) return null;
  const phases = [...new Set(rows.map((r) => r.phase as string))];
  const spec = topLevel('Where the recovery time goes', 'mean time per phase along the critical path, recovered replications', {
    data: { values: rows },
    width: WIDTH,
    height: { step: 36 },
    mark: { type: 'bar' },
    encoding: {
      y: { field: 'design', type: 'nominal', title: null, sort: result.designs.map((d) => d.name) },
      x: { field: 'minutes', type: 'quantitative', title: 'mean time (minutes)', stack: 'zero' },
      color: { field: 'phase', type: 'nominal', title: 'phase', scale: { scheme: 'tableau20', domain: phases } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [{ field: 'design' }, { field: 'phase' }, { field: 'minutes', format: '.1f', title: 'minutes' }, { field: 'share', format: '.0%' }],
    },
  });
  return {
    id: 'rto-phases',
    title: 'Where the recovery time goes',
    caption: 'The mean RTO of each design split into the phases of its critical path, averaged over the replications that recovered.',
    spec,
  };
}

/**
 * The RTO distribution per design: one tick per recovered replication and a box (quartiles, whiskers
 * to min and max) per design, in minutes. Replications that never recovered have no RTO; their
 * count is part of the design's label, never plotted as a made-up value. A log axis when the
 * designs' RTOs span more than a factor of 30 (seconds against hours).
 */
import type { ReportResult } from '../types.js';
import { designScale, topLevel, WIDTH, type Chart } from './common.js';

/** The label of a design's row: its name, and how many replications did not recover. */
function rowLabel(d: ReportResult['designs'][number]): string {
  const { recovered, not_recovered } = d.metrics.rto_s;
  return not_recovered === 0 ? d.name : `${d.name} (${not_recovered} of ${recovered + not_recovered} not recovered)`;
}

/** The RTO distribution chart of `result`. */
export function rtoDistributionChart(result: ReportResult): Chart {
  const rows: Array<Record<string, string | number>> = [];
  for (const d of result.designs) {
    for (const r of d.replications) if (r.rto_s !== null) rows.push({ design: d.name, row: rowLabel(d), rto_min: r.rto_s / 60, replication: r.replication });
  }
  const values = rows.map((r) => r.rto_min as number);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const log = values.length > 0 && lo > 0 && hi / lo > 30;
  const x = { field: 'rto_min', type: 'quantitative', title: `RTO (minutes${log ? ', log scale' : ''})`, scale: log ? { type: 'log' } : { zero: true } };
  const y = { field: 'row', type: 'nominal', title: null, sort: result.designs.map(rowLabel), scale: { domain: result.designs.map(rowLabel) }, axis: { labelLimit: 320 } };
  const color = { field: 'design', type: 'nominal', scale: designScale(result), title: 'design' };
  const spec = topLevel('RTO distribution per design', 'one tick per recovered replication; box: quartiles, whiskers: min to max', {
    data: { values: rows },
    width: WIDTH,
    height: { step: 44 },
    layer: [
      { mark: { type: 'boxplot', extent: 'min-max', opacity: 0.35, size: 26, median: { color: 'black' } }, encoding: { x, y, color } },
      { mark: { type: 'tick', thickness: 2, size: 30 }, encoding: { x, y, color, tooltip: [{ field: 'design' }, { field: 'replication' }, { field: 'rto_min', title: 'RTO (min)', format: '.2f' }] } },
    ],
  });
  return {
    id: 'rto-distribution',
    title: 'RTO distribution per design',
    caption: 'Time from fault start until the service is back within its SLO and stays there, one tick per replication that recovered. A design\'s label says how many replications did not recover within the horizon; they have no RTO and are not drawn.',
    spec,
  };
}

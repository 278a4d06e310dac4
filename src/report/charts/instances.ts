/**
 * Instances serving around the fault (`instances:<service>@<region>` series), one panel per service
 * and region that autoscales in some design, a line per design (mean across replications per
 * bucket, shaded p5–p95): when the new capacity arrived, and where the region's limit stopped it.
 * Designs that do not autoscale there draw their fixed (or runbook-scaled) count for comparison.
 * Only when some design autoscales.
 */
import type { ReportResult } from '../types.js';
import { faultWindow, topLevel, type Chart } from './common.js';
import { facetBands } from './facetBands.js';

/** The instances chart, or null when no design autoscales (or none has the series). */
export function instancesChart(result: ReportResult): Chart | null {
  const groups = [...new Set(result.designs.flatMap((d) => (d.autoscaling ?? []).map((a) => `${a.service}@${a.region}`)))];
  if (groups.length === 0) return null;
  const { body, rows } = facetBands(result, {
    series: (d) => groups.map((g) => [`instances:${g}`, g]),
    groupField: 'service_region',
    yTitle: 'instances serving',
    window: faultWindow(result),
  });
  if (rows === 0) return null;
  return {
    id: 'instances',
    title: 'Instances serving',
    caption: 'Instances serving in each autoscaled service and region, per timeline bucket (x: minutes from the fault start), mean across replications with the p5–p95 band. The climb after the fault is the scale-out lag; a line that stops below what the load needs is the region\'s instance limit (see the autoscaling table\'s refusals).',
    spec: topLevel('Instances serving', 'per autoscaled service and region, mean across replications per bucket, shaded p5–p95', body),
  };
}

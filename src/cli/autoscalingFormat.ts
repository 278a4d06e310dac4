/**
 * Autoscaling in `run`'s output: per design, service and region, the scale-outs, the requests the
 * region's instance limit refused (insufficient capacity) and the most instances reached. Printed
 * only when the Result has autoscaling.
 */
import type { Result } from '../runner/result.js';
import { table } from './format.js';

function num(x: number | null, digits: number): string {
  return x === null ? '-' : x.toFixed(digits);
}

/** The autoscaling table (empty when no design autoscales). */
export function autoscalingLines(result: Result): string[] {
  if (!result.designs.some((d) => d.autoscaling && d.autoscaling.length > 0)) return [];
  const rows: string[][] = [['design', 'service', 'region', 'scale-outs', 'refused (insufficient capacity)', 'max instances']];
  for (const d of result.designs) {
    for (const a of d.autoscaling ?? []) {
      rows.push([d.name, a.service, a.region, num(a.scale_outs.mean, 1), num(a.refused_insufficient_capacity.mean, 1), num(a.max_instances.mean, 1)]);
    }
  }
  return ['', 'autoscaling (mean over replications; --json: autoscaling, timeline instances:<service>@<region>)', table(rows)];
}

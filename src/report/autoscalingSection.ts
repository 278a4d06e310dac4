/**
 * Autoscaling in a report: per design, service and region, the scale-outs, the instances the
 * region's `instance_limit` refused (insufficient capacity), the most instances reached and the
 * scale-ins, each the mean over replications (`designs[].autoscaling`). Only when some design autoscales. `run`
 * prints the same rows (src/cli/autoscalingFormat.ts).
 */
import { fixed } from './format.js';
import type { ReportResult } from './types.js';

/** The autoscaling table: header and rows of plain text cells (writers escape them). */
export interface AutoscalingTable {
  header: string[];
  rows: string[][];
}

/** The autoscaling table of `result`, or null when no design autoscales. */
export function autoscalingTable(result: Pick<ReportResult, 'designs'>): AutoscalingTable | null {
  if (!result.designs.some((d) => d.autoscaling && d.autoscaling.length > 0)) return null;
  const header = ['design', 'service', 'region', 'scale-outs', 'refused (insufficient capacity)', 'max instances', 'scale-ins'];
  const rows: string[][] = [];
  for (const d of result.designs) {
    for (const a of d.autoscaling ?? []) {
      rows.push([d.name, a.service, a.region, fixed(a.scale_outs.mean, 1), fixed(a.refused_insufficient_capacity.mean, 1), fixed(a.max_instances.mean, 1), fixed(a.scale_ins?.mean ?? null, 1)]);
    }
  }
  return { header, rows };
}

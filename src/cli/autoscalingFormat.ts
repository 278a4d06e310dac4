/**
 * Autoscaling in `run`'s output: per design, service and region, the scale-outs, the requests the
 * region's instance limit refused (insufficient capacity), the most instances reached and the
 * scale-ins. Printed
 * only when the Result has autoscaling; the rows are the report's (src/report/autoscalingSection.ts).
 */
import { autoscalingTable } from '../report/autoscalingSection.js';
import type { Result } from '../runner/result.js';
import { table } from './format.js';

/** The autoscaling table (empty when no design autoscales). */
export function autoscalingLines(result: Result): string[] {
  const t = autoscalingTable(result);
  if (!t) return [];
  return ['', 'autoscaling (mean over replications; --json: autoscaling, timeline instances:<service>@<region>)', table([t.header, ...t.rows])];
}

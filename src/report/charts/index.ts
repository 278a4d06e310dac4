/**
 * The charts of a report for one Result, in reading order. A chart whose data the Result does not
 * have (no cost, no phases, no queues, no autoscaling, no stale connections, one client class) is left out.
 */
import type { ReportResult } from '../types.js';
import { backlogChart } from './backlog.js';
import { causeChart } from './cause.js';
import type { Chart } from './common.js';
import { costVsRtoChart } from './costVsRto.js';
import { instancesChart } from './instances.js';
import { rtoDistributionChart } from './rtoDistribution.js';
import { rtoPhasesChart } from './rtoPhases.js';
import { attemptsByClassChart, goodputChart, retryAmplificationChart } from './storm.js';
import { successRatioChart } from './successRatio.js';

export type { Chart } from './common.js';

/** Every chart `result` has data for. */
export function chartsFor(result: ReportResult): Chart[] {
  const charts = [successRatioChart(result), rtoDistributionChart(result), costVsRtoChart(result), rtoPhasesChart(result), backlogChart(result), instancesChart(result), causeChart(result), retryAmplificationChart(result), goodputChart(result), attemptsByClassChart(result)];
  return charts.filter((c): c is Chart => c !== null);
}

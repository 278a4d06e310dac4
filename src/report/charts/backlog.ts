/**
 * Queue backlogs around the fault: items waiting for delivery per timeline bucket (`backlog:<queue>`
 * series), mean across replications with its p5–p95 band, one colour per design and one panel per
 * queue. Only when the Result has queues with a backlog.
 */
import type { ReportResult } from '../types.js';
import { faultWindow, hasSeries, seriesKeys, topLevel, type Chart } from './common.js';
import { facetBands } from './facetBands.js';

/** The backlog chart, or null when no design has a queue that ever held items. */
export function backlogChart(result: ReportResult): Chart | null {
  if (!hasSeries(result, 'backlog')) return null;
  const { body } = facetBands(result, {
    series: (d) => seriesKeys(d, 'backlog').map((key) => [key, key.slice('backlog:'.length)]),
    groupField: 'queue',
    yTitle: 'items waiting',
    window: faultWindow(result),
  });
  const spec = topLevel('Queue backlogs', 'items waiting for delivery, mean across replications per bucket, shaded p5–p95', body);
  return {
    id: 'backlog',
    title: 'Queue backlogs',
    caption: 'Items waiting for delivery in each queue, per timeline bucket (x: minutes from the fault start). The business is not back until every backlog is below its threshold: the drain after the failover is where business RTO outlasts RTO.',
    spec,
  };
}

/**
 * Queue backlogs around the fault: items waiting for delivery per timeline bucket (`backlog:<queue>`
 * series), mean across replications with its p5–p95 band, one colour per design and one panel per
 * queue. Only when the Result has queues with a backlog.
 */
import type { ReportResult } from '../types.js';
import { bandRows, designScale, faultWindow, hasSeries, seriesKeys, timeX, topLevel, WIDTH, type Chart } from './common.js';

/** The backlog chart, or null when no design has a queue that ever held items. */
export function backlogChart(result: ReportResult): Chart | null {
  if (!hasSeries(result, 'backlog')) return null;
  const window = faultWindow(result);
  const rows: Array<Record<string, string | number>> = [];
  for (const d of result.designs) {
    for (const key of seriesKeys(d, 'backlog')) rows.push(...bandRows(d, key, window, { queue: key.slice('backlog:'.length) }));
  }
  const color = { field: 'design', type: 'nominal', scale: designScale(result), title: 'design' };
  const spec = topLevel('Queue backlogs', 'items waiting for delivery, mean across replications per bucket, shaded p5–p95', {
    data: { values: rows },
    facet: { row: { field: 'queue', type: 'nominal', title: null } },
    spec: {
      width: WIDTH,
      height: 140,
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { x: timeX(window), y: { field: 'p5', type: 'quantitative', title: 'items waiting' }, y2: { field: 'p95' }, color } },
        { mark: { type: 'line', strokeWidth: 2 }, encoding: { x: timeX(window), y: { field: 'mean', type: 'quantitative', title: 'items waiting' }, color } },
      ],
    },
  });
  return {
    id: 'backlog',
    title: 'Queue backlogs',
    caption: 'Items waiting for delivery in each queue, per timeline bucket (x: minutes from the fault start). The business is not back until every backlog is below its threshold: the drain after the failover is where business RTO outlasts RTO.',
    spec,
  };
}

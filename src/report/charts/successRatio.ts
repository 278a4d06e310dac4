/**
 * Success ratio around the fault, one panel per design: the mean across replications per timeline
 * bucket with its p5–p95 band, and a vertical rule at each notable event of the design's
 * representative replication (the one whose RTO is nearest the median).
 */
import type { ReportResult } from '../types.js';
import { bandRows, designScale, faultWindow, timeX, topLevel, WIDTH, type Chart } from './common.js';

/** The success-ratio chart of `result`. */
export function successRatioChart(result: ReportResult): Chart {
  const window = faultWindow(result);
  const rows: Array<Record<string, string | number>> = [];
  for (const d of result.designs) {
    rows.push(...bandRows(d, 'success_ratio', window, { layer: 'band' }));
    for (const e of d.timeline.events) {
      if (e.t_s < window[0] || e.t_s > window[1]) continue;
      rows.push({ design: d.name, layer: 'event', t_min: e.t_s / 60, event: e.kind, text: e.text, replication: d.timeline.representative_replication });
    }
  }
  const band = { filter: "datum.layer === 'band'" };
  const spec = topLevel(
    'Success ratio around the fault',
    'mean across replications per bucket, shaded p5–p95; vertical rules: events of the representative replication',
    {
      data: { values: rows },
      facet: { row: { field: 'design', type: 'nominal', title: null, sort: result.designs.map((d) => d.name), header: { labelOrient: 'top', labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelFontSize: 12, labelFontWeight: 'bold', labelPadding: 4 } } },
      spec: {
        width: WIDTH,
        height: 110,
        layer: [
          {
            transform: [band],
            mark: { type: 'area', opacity: 0.25 },
            encoding: { x: timeX(window), y: { field: 'p5', type: 'quantitative', title: 'success ratio', scale: { domain: [0, 1] } }, y2: { field: 'p95' }, color: { field: 'design', type: 'nominal', scale: designScale(result), title: 'design' } },
          },
          {
            transform: [band],
            mark: { type: 'line', strokeWidth: 2 },
            encoding: { x: timeX(window), y: { field: 'mean', type: 'quantitative', title: 'success ratio' }, color: { field: 'design', type: 'nominal', scale: designScale(result), title: 'design' } },
          },
          {
            transform: [{ filter: "datum.layer === 'event'" }],
            mark: { type: 'rule', strokeDash: [4, 3], strokeWidth: 1.2 },
            encoding: {
              x: timeX(window),
              stroke: { field: 'event', type: 'nominal', title: 'event', scale: { scheme: 'dark2' } },
              tooltip: [{ field: 'text', title: 'event' }, { field: 't_min', title: 'minutes from fault', format: '.1f' }, { field: 'replication', title: 'replication' }],
            },
          },
        ],
      },
    },
  );
  return {
    id: 'success-ratio',
    title: 'Success ratio around the fault',
    caption: 'Share of requests that succeeded within the SLO latency, per timeline bucket (x: bucket start, minutes from the fault start). Line: mean across replications; band: 5th to 95th percentile; dashed rules: the notable events of each design\'s representative replication (listed below).',
    spec,
  };
}

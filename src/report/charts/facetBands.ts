/**
 * A faceted timeline: one panel per group (a queue, a service in a region), and in each panel the
 * mean of that group's series across replications per bucket as a line per design, with its
 * p5–p95 band shaded. Used where each group has its own scale (backlogs, instance counts).
 */
import type { ReportDesign, ReportResult } from '../types.js';
import { bandRows, designScale, timeX, WIDTH, type VegaLiteSpec } from './common.js';

/** How a faceted timeline is drawn: the series of each design and the group each belongs to. */
export interface FacetOptions {
  /** `[series key, group]` pairs of a design (keys it lacks draw nothing). */
  series: (design: ReportDesign) => Array<[string, string]>;
  /** Name of the row field holding the group (in the saved spec's data). */
  groupField: string;
  yTitle: string;
  window: [number, number];
}

/** The data and faceted layers (a vega-lite spec without title), and how many rows it has. */
export function facetBands(result: ReportResult, o: FacetOptions): { body: VegaLiteSpec; rows: number } {
  const rows: Array<Record<string, string | number>> = [];
  for (const d of result.designs) {
    for (const [key, group] of o.series(d)) rows.push(...bandRows(d, key, o.window, { [o.groupField]: group }));
  }
  const x = timeX(o.window);
  // Legend swatches at full strength: the band's faint fill would hide which colour is which.
  const color = { field: 'design', type: 'nominal', scale: designScale(result), title: 'design', legend: { symbolOpacity: 1 } };
  const body = {
    data: { values: rows },
    facet: { row: { field: o.groupField, type: 'nominal', title: null } },
    spec: {
      width: WIDTH,
      height: 140,
      layer: [
        { mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'p5', type: 'quantitative', title: o.yTitle }, y2: { field: 'p95' }, color } },
        { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: o.yTitle }, color } },
      ],
    },
  };
  return { body, rows: rows.length };
}

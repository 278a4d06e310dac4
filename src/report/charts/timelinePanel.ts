/**
 * A timeline panel: for each design, the mean of one or more series across replications per
 * bucket as a line, with its p5–p95 band shaded; colour by design, dash by series when several
 * series share the panel (e.g. goodput and offered load, or one line per client class).
 */
import type { ReportResult } from '../types.js';
import { bandRows, designScale, timeX, WIDTH, type VegaLiteSpec } from './common.js';

/** A series drawn in a panel: its key in `timeline.series` and how the legend names it. */
export interface PanelSeries {
  key: string;
  label: string;
}

/** Options of a timeline panel. */
export interface PanelOptions {
  /** The series per design (a function, since per-class series differ between designs). */
  series: (design: ReportResult['designs'][number]) => PanelSeries[];
  yTitle: string;
  window: [number, number];
  height?: number;
  /** Legend title of the dash channel when several series share the panel. */
  seriesTitle?: string;
  /** Shade the p5–p95 band (off when several series would make it unreadable). */
  band?: boolean;
}

/** The rows and layers of a timeline panel (a vega-lite unit/layer spec, without title). */
export function timelinePanel(result: ReportResult, o: PanelOptions): VegaLiteSpec {
  const rows: Array<Record<string, string | number>> = [];
  let several = false;
  for (const d of result.designs) {
    const series = o.series(d);
    if (series.length > 1) several = true;
    for (const s of series) rows.push(...bandRows(d, s.key, o.window, { series: s.label }));
  }
  const x = timeX(o.window);
  const color = { field: 'design', type: 'nominal', scale: designScale(result), title: 'design' };
  const dash = several ? { strokeDash: { field: 'series', type: 'nominal', title: o.seriesTitle ?? 'series' } } : {};
  const line = { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'mean', type: 'quantitative', title: o.yTitle }, color, ...dash, detail: { field: 'series' } } };
  const layers = o.band === false ? [line] : [{ mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { field: 'p5', type: 'quantitative', title: o.yTitle }, y2: { field: 'p95' }, color, detail: { field: 'series' } } }, line];
  return { data: { values: rows }, width: WIDTH, height: o.height ?? 200, layer: layers };
}

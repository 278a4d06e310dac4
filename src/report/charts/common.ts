/**
 * What every chart of a report shares: the vega-lite spec type, the look (one font, so SVGs
 * rendered in Node and charts drawn in the browser agree), one colour per design across all charts,
 * and the time window "around the fault" that timeline charts show.
 */
import type { ReportDesign, ReportResult } from '../types.js';

/** A vega-lite spec as JSON (the report saves it so users can restyle the chart). */
export type VegaLiteSpec = Record<string, unknown>;

/** One chart of a report: a file-name-safe id, its title, and the self-contained spec (data inline). */
export interface Chart {
  id: string;
  title: string;
  /** What the chart shows and how to read it, for the caption under it. */
  caption: string;
  spec: VegaLiteSpec;
}

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
export const FONT = 'DejaVu Sans';
export const WIDTH = 640;

/** The config block every chart carries. */
export const CONFIG = {
  font: FONT,
  title: { fontSize: 15, subtitleFontSize: 12, anchor: 'start', subtitleColor: '#555' },
  axis: { labelFontSize: 11, titleFontSize: 12 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 280 },
  view: { stroke: '#ddd' },
  background: 'white',
};

/** Tableau 10: distinguishable, print-safe colours, one per design in scenario order. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

/** The colour scale of designs (scenario order), shared by every chart of one Result. */
export function designScale(result: { designs: Array<{ name: string }> }): { domain: string[]; range: string[] } {
  const domain = result.designs.map((d) => d.name);
  return { domain, range: domain.map((_, i) => PALETTE[i % PALETTE.length]!) };
}

/** A top-level spec with the common fields. */
export function topLevel(title: string, subtitle: string, body: VegaLiteSpec): VegaLiteSpec {
  return { $schema: SCHEMA, title: { text: title, subtitle }, config: CONFIG, ...body };
}

/**
 * The part of the timeline around the fault, in seconds from its start: from the first bucket to
 * a quarter past the latest recovery or notable event of any design (the whole timeline when some
 * design has a replication that never recovered, since that is the story).
 */
export function faultWindow(result: ReportResult): [number, number] {
  const first = result.designs[0]!.timeline;
  const start = first.t_s[0] ?? 0;
  const end = Math.max(...result.designs.map((d) => (d.timeline.t_s.at(-1) ?? 0) + d.timeline.bucket_s));
  if (result.designs.some((d) => d.metrics.rto_s.not_recovered > 0)) return [start, end];
  let last = 0;
  for (const d of result.designs) {
    last = Math.max(last, d.metrics.rto_s.max ?? 0, ...d.timeline.events.map((e) => e.t_s));
  }
  return [start, Math.min(end, last * 1.25 + 2 * first.bucket_s)];
}

/** The series of `design` named `base`, or `base:<suffix>` variants (per service or class). */
export function seriesKeys(design: ReportDesign, base: string): string[] {
  const keys = Object.keys(design.timeline.series);
  return keys.includes(base) ? [base] : keys.filter((k) => k.startsWith(`${base}:`));
}

/** Whether some design has the series `base` with a non-zero mean somewhere. */
export function hasSeries(result: ReportResult, base: string): boolean {
  return result.designs.some((d) => seriesKeys(d, base).some((k) => d.timeline.series[k]!.mean.some((v) => v !== null && v !== 0)));
}

/** One row per bucket in `window` of the band `key` of `design`: time in minutes from the fault. */
export function bandRows(design: ReportDesign, key: string, window: [number, number], extra: Record<string, string> = {}): Array<Record<string, string | number>> {
  const { t_s, series } = design.timeline;
  const band = series[key];
  const rows: Array<Record<string, string | number>> = [];
  if (!band) return rows;
  t_s.forEach((t, i) => {
    const mean = band.mean[i];
    if (t < window[0] || t > window[1] || mean === null || mean === undefined) return;
    rows.push({ design: design.name, ...extra, t_min: t / 60, mean, p5: band.p5[i] ?? mean, p95: band.p95[i] ?? mean });
  });
  return rows;
}

/** The x encoding of timeline charts: minutes from the fault start, over `window` (seconds). */
export function timeX(window: [number, number]): VegaLiteSpec {
  return { field: 't_min', type: 'quantitative', title: 'time from fault start (min)', scale: { domain: [window[0] / 60, window[1] / 60], nice: false, zero: false } };
}

/**
 * Renders a chart in Node, without a browser: vega-lite compiles the spec to vega, a headless vega
 * View draws it as SVG, and resvg rasterises the SVG to PNG (at twice the chart's size, with the
 * system's DejaVu fonts, the family every spec names).
 */
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vl from 'vega-lite';
import type { VegaLiteSpec } from './charts/common.js';
import { FONT } from './charts/common.js';

/** A chart as SVG text and PNG bytes. */
export interface RenderedChart {
  svg: string;
  png: Uint8Array;
}

/** The vega spec a vega-lite spec compiles to. */
export function compile(spec: VegaLiteSpec): vega.Spec {
  return vl.compile(spec as unknown as vl.TopLevelSpec).spec;
}

/** Draws `spec` as SVG, then as PNG. */
export async function renderChart(spec: VegaLiteSpec): Promise<RenderedChart> {
  const view = new vega.View(vega.parse(compile(spec)), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { loadSystemFonts: true, defaultFontFamily: FONT } }).render().asPng();
    return { svg, png };
  } finally {
    view.finalize();
  }
}

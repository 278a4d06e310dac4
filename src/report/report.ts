/**
 * A report over one or more Result files, as the set of files to write into its directory:
 * `report.html` (offline, every chart), `summary.md` (for a pull-request comment), and per chart
 * `specs/<id>.vl.json` (the vega-lite spec, data inline, to restyle), `charts/<id>.svg` and
 * `charts/<id>.png` (rendered in Node). A sweep or sensitivity document renders its own charts and
 * tables the same way. With several documents, one section each, in the order given,
 * and chart ids prefixed `r<i>-`. Everything is built in memory first; the caller writes it.
 */
import { chartLibraries } from './assets.js';
import { reportHtml, reportTitle } from './html.js';
import { reportMarkdown } from './markdown.js';
import { renderChart } from './render.js';
import { documentScenario, sections } from './section.js';
import type { SourcedDocument } from './types.js';

/** One file of a report: its path relative to the report directory, and its content. */
export interface ReportFile {
  path: string;
  content: string | Uint8Array;
}

/** Options of `buildReport`. */
export interface BuildOptions {
  /** Called after each chart is rendered with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Every file of the report over `results`, the HTML page first. */
export async function buildReport(results: SourcedDocument[], opts: BuildOptions = {}): Promise<ReportFile[]> {
  const secs = sections(results);
  const title = reportTitle(secs);
  const files: ReportFile[] = [
    { path: 'report.html', content: reportHtml(secs, chartLibraries()) },
    { path: 'summary.md', content: reportMarkdown(secs, title) },
  ];
  const total = secs.reduce((n, s) => n + s.charts.length, 0);
  let done = 0;
  for (const s of secs) {
    for (const c of s.charts) {
      const id = `${s.prefix}${c.id}`;
      const { svg, png } = await renderChart(c.spec);
      files.push({ path: `specs/${id}.vl.json`, content: `${JSON.stringify(c.spec, null, 2)}\n` }, { path: `charts/${id}.svg`, content: svg }, { path: `charts/${id}.png`, content: png });
      opts.onProgress?.(++done, total);
    }
  }
  return files;
}

/** A scenario name as a directory name: letters, digits, `.`, `_` and `-` kept, anything else `-`. */
function safeName(name: string): string {
  const s = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return s === '' ? 'scenario' : s;
}

/** The default report directory: `reports/<scenario>`, or the scenario names joined by `+`. */
export function defaultReportDir(results: SourcedDocument[]): string {
  return `reports/${[...new Set(results.map((r) => safeName(documentScenario(r).name)))].join('+')}`;
}

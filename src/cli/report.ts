/**
 * Writing a report from the CLI (`outagesim report`, and `run`/`compare`/`sweep`/`sensitivity --report`): builds every
 * file in memory (with a progress bar over the charts on a TTY), then writes each one atomically
 * into the directory. Bad input stops before the directory is touched.
 */
import { join } from 'node:path';
import { buildReport, defaultReportDir } from '../report/report.js';
import type { SourcedDocument } from '../report/types.js';
import { writeFileAtomic } from './io.js';
import { progress, progressMode } from './progress.js';

/** Renders `results` into `dir` (default `reports/<scenario>`); returns a one-line summary of what was written. */
export async function writeReport(results: SourcedDocument[], dir: string | undefined, quiet: boolean | undefined): Promise<string> {
  const out = dir ?? defaultReportDir(results);
  // A bar on a TTY only: building a report takes seconds, not the minutes a progress line is for.
  const bar = progress(progressMode(quiet, process.stderr.isTTY === true) === 'bar' ? 'bar' : 'none', (t) => process.stderr.write(t), undefined, undefined, 'charts');
  let files;
  try {
    files = await buildReport(results, { onProgress: bar.onProgress });
  } finally {
    bar.finish();
  }
  for (const f of files) writeFileAtomic(join(out, f.path), f.content);
  const charts = files.filter((f) => f.path.endsWith('.png')).length;
  return `report written to ${out}/: report.html, summary.md, ${charts} chart${charts === 1 ? '' : 's'} (charts/*.svg, charts/*.png, specs/*.vl.json)`;
}

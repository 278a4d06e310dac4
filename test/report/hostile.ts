/**
 * A Result whose every name is hostile: the scenario's own name (free text in a scenario file)
 * and, edited into the Result file afterwards as anyone can, design names with <script>, Markdown
 * control characters and a line break.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportResult } from '../../src/report/types.js';
import { resultJson } from './fixtures.js';

export const HOSTILE_SCENARIO = '<script>alert("scenario")</script> | *bold* `code` # $x$';
export const HOSTILE_DESIGNS = ['<script>alert(1)</script>', 'a|b *c* _d_ `e` [f](g)'];

/** Runs tiny.yaml renamed to HOSTILE_SCENARIO, then renames its designs in the Result. */
export async function hostileResult(): Promise<ReportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'outagesim-hostile-'));
  const file = join(dir, 'hostile.yaml');
  const tiny = readFileSync('test/fixtures/runner/tiny.yaml', 'utf8');
  writeFileSync(file, tiny.replace(/^name: tiny$/m, `name: ${JSON.stringify(HOSTILE_SCENARIO)}`));
  const result = JSON.parse(await resultJson(file, 2)) as ReportResult;
  const rename = new Map(result.designs.map((d, i) => [d.name, HOSTILE_DESIGNS[i]!]));
  for (const d of result.designs) d.name = rename.get(d.name)!;
  for (const c of result.comparisons) {
    c.design = rename.get(c.design)!;
    c.baseline = rename.get(c.baseline)!;
    c.verdict = `${c.verdict} <img src=x onerror=alert(2)>`;
  }
  return result;
}

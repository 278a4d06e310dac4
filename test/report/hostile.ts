/**
 * A Result whose every name is hostile, as a scenario file can make it: a scenario name and
 * design names with <script> and Markdown control characters (which then also appear in the
 * tool's own verdict sentences).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportResult } from '../../src/report/types.js';
import { resultJson } from './fixtures.js';

export const HOSTILE_SCENARIO = '<script>alert("scenario")</script> | *bold* `code` # $x$';
export const HOSTILE_DESIGNS = ['<script>alert(1)</script>', 'a|b *c* _d_ `e` [f](g) <img src=x onerror=alert(2)>'];

/** Runs tiny.yaml with its scenario and designs renamed to the hostile names. */
export async function hostileResult(): Promise<ReportResult> {
  const dir = mkdtempSync(join(tmpdir(), 'outagesim-hostile-'));
  const file = join(dir, 'hostile.yaml');
  const tiny = readFileSync('test/fixtures/runner/tiny.yaml', 'utf8')
    .replace(/^name: tiny$/m, `name: ${JSON.stringify(HOSTILE_SCENARIO)}`)
    .replace(/^  base: \{\}$/m, `  ${JSON.stringify(HOSTILE_DESIGNS[0])}: {}`)
    .replace(/^  more-instances:$/m, `  ${JSON.stringify(HOSTILE_DESIGNS[1])}:`);
  writeFileSync(file, tiny);
  const result = JSON.parse(await resultJson(file, 2)) as ReportResult;
  if (result.designs.map((d) => d.name).join('\n') !== HOSTILE_DESIGNS.join('\n')) throw new Error('the hostile scenario did not keep its design names');
  return result;
}

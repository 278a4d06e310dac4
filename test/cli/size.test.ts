/** The `size` command: the points table and answer, the JSON document, the work-estimate refusal and --force, bad flags. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { cli } from '../support/cli.js';

const FIXTURE = 'test/fixtures/size/mmc.yaml';
const ARGS = ['size', FIXTURE, '--design', 'a08', '--vary', 'system.services.server.concurrency', '--target', 'services.server.queue_wait_s < 5ms', '--workers', '1', '--quiet'];

describe('outagesim size', () => {
  it('prints every point tried with its CI and the smallest value meeting the target; --out writes the document', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'size-')), 'size.json');
    const text = await cli([...ARGS, '--out', out]);
    expect(text.code).toBe(0);
    // a = 0.8: Erlang C waits 40 ms with one slot, 1.9 ms with two.
    expect(text.stdout).toMatch(/Smallest system\.services\.server\.concurrency for design "a08" meeting services\.server\.queue_wait_s < 5ms with 95% confidence: 2,/);
    expect(text.stdout).toMatch(/^\s*1\s+1\s+.*\bno\b/m);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc).toMatchObject({ format: 'outagesim-size', design: 'a08', answer: 2, target: { metric: 'services.server.queue_wait_s', op: '<', value: 0.005 } });
    expect(doc.points.map((p: { value: number; meets: boolean }) => [p.value, p.meets])).toEqual([[1, false], [2, true]]);
  });

  it('refuses a point whose work estimate is above the limit (exit 2) unless --force', async () => {
    let stderr = '';
    const ctx = { stdout: () => {}, stderr: (t: string) => { stderr += t; }, workLimitRequests: 1000 };
    expect(await runCli(['node', 'outagesim', ...ARGS], ctx)).toBe(2);
    expect(stderr).toMatch(/client requests.*--force/s);
    expect(await runCli(['node', 'outagesim', ...ARGS, '--force'], ctx)).toBe(0);
  });

  it('names a metric the result does not have, an unknown design and a malformed target (exit 2)', async () => {
    const noMetric = await cli([...ARGS.slice(0, 6), '--target', 'services.server.nonsense < 1']);
    expect(noMetric.code).toBe(2);
    expect(noMetric.stderr).toMatch(/--target services\.server\.nonsense: the design's result has no such metric/);
    const noDesign = await cli(['size', FIXTURE, '--design', 'zz', '--vary', 'system.services.server.concurrency', '--target', 'rto_s < 1m']);
    expect(noDesign.stderr).toMatch(/--design zz: no such design \(designs: a08, a25, a45\)/);
    const bad = await cli(['size', FIXTURE, '--vary', 'x', '--target', 'rto_s = 1m']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--target must be "<metric> <op> <value>"/);
  });
});

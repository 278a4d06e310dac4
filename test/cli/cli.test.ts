import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';

const TINY = 'test/fixtures/runner/tiny.yaml';
const CRASHING = new URL('../fixtures/runner/crashingWorker.ts', import.meta.url);

async function cli(args: string[], extra: { workerUrl?: URL } = {}) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'outagesim', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, ...extra });
  return { code, stdout, stderr };
}

const tmp = () => mkdtempSync(join(tmpdir(), 'outagesim-cli-'));

describe('outagesim CLI', () => {
  it('run --json includes comparisons; compare --json prints the same document', async () => {
    const run = await cli(['run', TINY, '--replications', '3', '--workers', '2', '--json']);
    const compare = await cli(['compare', TINY, '--replications', '3', '--workers', '2', '--json']);
    expect(run.code).toBe(0);
    expect(compare.stdout).toBe(run.stdout);
    const result = JSON.parse(run.stdout);
    expect(result.comparisons.map((c: { metric: string }) => c.metric)).toEqual(['rto_s', 'rpo_s', 'lost_writes', 'availability', 'retry_amplification']);
  }, 30_000);

  it('compare prints designs side by side, paired differences and one verdict per metric', async () => {
    const { code, stdout } = await cli(['compare', TINY, '--replications', '3', '--quiet']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/RTO p50 +\S+.*\S+\n/);
    expect(stdout).toContain('paired differences (design − base');
    expect(stdout.split('\n').filter((l) => l.startsWith('- ')).length).toBe(5);
    expect(stdout).toMatch(/RTO: .*where both recovered/);
  }, 30_000);

  it('a replication that throws in a worker: exit 1, names design, replication and seed, writes nothing', async () => {
    const dir = tmp();
    const out = join(dir, 'result.json');
    const { code, stderr } = await cli(['run', TINY, '--workers', '2', '--out', out], { workerUrl: CRASHING });
    expect(code).toBe(1);
    expect(stderr).toMatch(/replication 3 of design "more-instances" \(seed 11\) failed: injected failure/);
    expect(stderr).toContain(`outagesim run ${TINY} --replication 3 --trace --design more-instances`);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('run --replication K --trace reruns one replication in this thread and prints its events', async () => {
    const { code, stdout } = await cli(['run', TINY, '--replication', '2', '--trace', '--design', 'base']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^design base · replication 2 · seed 11/);
    expect(stdout).toContain('event trace');
    expect(stdout).toMatch(/\+0ms +fault/);
    expect(stdout).not.toContain('more-instances');
    expect((await cli(['run', TINY, '--trace'])).code).toBe(2);
    expect((await cli(['run', TINY, '--replication', '1', '--design', 'nope'])).code).toBe(2);
  }, 30_000);

  it('shards merge to the single-machine bytes; mismatched shards exit 2 with a clear message', async () => {
    const dir = tmp();
    const s = (i: number, extra: string[] = []) => cli(['run', TINY, '--replications', '3', '--shard', `${i}/2`, '--out', join(dir, `s${i}${extra.length ? 'x' : ''}.json`), '--workers', '1', ...extra]);
    expect((await s(1)).code).toBe(0);
    expect((await s(2)).code).toBe(0);
    expect((await s(2, ['--seed', '12'])).code).toBe(0);
    const single = await cli(['run', TINY, '--replications', '3', '--json']);
    const merged = await cli(['merge', join(dir, 's2.json'), join(dir, 's1.json')]);
    expect(merged.code).toBe(0);
    expect(merged.stdout).toBe(single.stdout);
    const out = join(dir, 'merged.json');
    expect((await cli(['merge', join(dir, 's1.json'), join(dir, 's2.json'), '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(single.stdout);
    const bad = await cli(['merge', join(dir, 's1.json'), join(dir, 's2x.json')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot merge: .*s2x\.json has seed 12 but .*s1\.json has 11/);
    expect((await cli(['run', TINY, '--shard', '1/2'])).stderr).toMatch(/--shard needs --out/);
    expect((await cli(['run', TINY, '--shard', '3/2', '--out', out])).code).toBe(2);
  }, 60_000);

  it('--precision reports whether the target was reached or the cap hit', async () => {
    const { code, stdout } = await cli(['run', TINY, '--precision', '0.1%', '--replications', '2', '--max-replications', '4', '--quiet']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/! cap of 4 replications hit before precision 0\.1% was reached/);
    expect((await cli(['run', TINY, '--precision', '150%'])).code).toBe(2);
  }, 30_000);

  it('Ctrl-C stops the workers: exit 130 and no result file', async () => {
    const dir = tmp();
    const out = join(dir, 'result.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', TINY, '--replications', '400', '--workers', '2', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    setTimeout(() => child.kill('SIGINT'), 2500);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);
});

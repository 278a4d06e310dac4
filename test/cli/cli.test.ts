import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { cli } from '../support/cli.js';

const TINY = 'test/fixtures/runner/tiny.yaml';
const CRASHING = new URL('../fixtures/runner/crashingWorker.ts', import.meta.url);
const TRILLION = 'test/fixtures/cli/trillion-replications.yaml';

const tmp = () => mkdtempSync(join(tmpdir(), 'outagesim-cli-'));

describe('outagesim CLI', () => {
  it('run --json includes comparisons; compare --json prints the same document', async () => {
    const run = await cli(['run', TINY, '--replications', '3', '--workers', '2', '--json']);
    const compare = await cli(['compare', TINY, '--replications', '3', '--workers', '2', '--json']);
    expect(run.code).toBe(0);
    expect(compare.stdout).toBe(run.stdout);
    const result = JSON.parse(run.stdout);
    expect(result.comparisons.map((c: { metric: string }) => c.metric)).toEqual(['rto_s', 'rpo_s', 'lost_writes', 'availability', 'retry_amplification']);
  });

  it('compare prints designs side by side, paired differences and one verdict per metric', async () => {
    const { code, stdout } = await cli(['compare', TINY, '--replications', '3', '--quiet']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/RTO p50 +\S+.*\S+\n/);
    expect(stdout).toContain('paired differences (design − base');
    expect(stdout.split('\n').filter((l) => l.startsWith('- ')).length).toBe(5);
    expect(stdout).toMatch(/RTO: .*where both recovered/);
  });

  it('a replication that throws in a worker: exit 1, names design, replication and seed, writes nothing', async () => {
    const dir = tmp();
    const out = join(dir, 'result.json');
    const { code, stderr } = await cli(['run', TINY, '--workers', '2', '--out', out], { workerUrl: CRASHING });
    expect(code).toBe(1);
    expect(stderr).toMatch(/replication 3 of design "more-instances" \(seed 11\) failed: injected failure/);
    expect(stderr).toContain(`outagesim run ${TINY} --replication 3 --trace --design more-instances`);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('run --replication K --trace reruns one replication in this thread and prints its events', async () => {
    const { code, stdout } = await cli(['run', TINY, '--replication', '2', '--trace', '--design', 'base']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^design base · replication 2 · seed 11/);
    expect(stdout).toContain('event trace');
    expect(stdout).toMatch(/\+0ms +fault/);
    expect(stdout).not.toContain('more-instances');
    expect((await cli(['run', TINY, '--trace'])).code).toBe(2);
    expect((await cli(['run', TINY, '--replication', '1', '--design', 'nope'])).code).toBe(2);
  });

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
  });

  it('--precision reports whether the target was reached or the cap hit', async () => {
    const { code, stdout } = await cli(['run', TINY, '--precision', '0.1%', '--replications', '2', '--max-replications', '4', '--quiet']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/! cap of 4 replications hit before precision 0\.1% was reached/);
    expect((await cli(['run', TINY, '--precision', '150%'])).code).toBe(2);
  });

  it('Ctrl-C stops the workers: exit 130 and no result file', async () => {
    const dir = tmp();
    const out = join(dir, 'result.json');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', TINY, '--replications', '2000', '--workers', '2', '--out', out], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // Interrupt once the CLI says its workers are running (never after a fixed delay).
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (d) => {
        stderr += String(d);
        if (/^running 2,000 replications of 2 designs on 2 workers/m.test(stderr)) resolve();
      });
      void exited.then(() => resolve());
    });
    child.kill('SIGINT');
    const code = await exited;
    expect(stderr).toMatch(/^running 2,000 replications/m);
    expect(code).toBe(130);
    expect(stderr).toContain('interrupted');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a run whose work estimate is above the limit at once: exit 2, the estimate and how long it would take', async () => {
    const dir = tmp();
    const out = join(dir, 'result.json');
    const { code, stderr, stdout } = await cli(['run', TRILLION, '--out', out]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    // 60/s × 600 s = 36,000 requests per replication, × 10^12 replications
    expect(stderr).toContain('this run would simulate about 3.6e16 client requests (1e12 replications × 1 design × about 36,000 requests each)');
    expect(stderr).toMatch(/about [\d,.]+ years of CPU time/);
    expect(stderr).toContain('pass --force');
    expect(readdirSync(dir)).toEqual([]);
    expect((await cli(['compare', TRILLION])).code).toBe(2);
    expect((await cli(['run', TRILLION, '--shard', '1/2', '--out', out])).code).toBe(2);
    expect((await cli(['run', TINY, '--precision', '5%', '--max-replications', '1000000'])).stderr).toContain('1e6 replications × 2 designs');
    const validate = await cli(['validate', TRILLION]);
    expect(validate.code).toBe(0);
    expect(validate.stdout).toMatch(/ok \(1 design: baseline\); but its run is about 3\.6e16 client requests .* refuse it without --force/);
  });

  it('--force runs a scenario above the limit', async () => {
    // tiny: 2 designs × 36,000 requests per replication; a limit of 100,000 refuses 2 replications
    const limited = (args: string[]) => runCli(['node', 'outagesim', ...args], { stdout: () => {}, stderr: () => {}, workLimitRequests: 100_000 });
    expect(await limited(['run', TINY, '--replications', '2', '--quiet'])).toBe(2);
    expect(await limited(['run', TINY, '--replications', '2', '--quiet', '--force'])).toBe(0);
    expect(await limited(['run', TINY, '--replication', '1', '--quiet'])).toBe(0);
  });

  it('says on stderr when the workers are running, and nothing with --quiet', async () => {
    const loud = await cli(['run', TINY, '--replications', '2', '--workers', '2']);
    expect(loud.stderr).toMatch(/^running 2 replications of 2 designs on 2 workers \(about 144,000 client requests, ~[^)]+ on 2 workers\)$/m);
    const quiet = await cli(['run', TINY, '--replications', '2', '--workers', '2', '--quiet']);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(loud.stdout);
  });
});

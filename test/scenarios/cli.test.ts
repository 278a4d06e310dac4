/**
 * Smoke test of the `outagesim` command as a user runs it (a child process): `run --json` prints
 * the Result document of the SPEC with the same content as the API, `validate` accepts the
 * shipped scenarios, and a bad scenario exits 2 naming file:line:column without writing --out.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/index.js';
import { loadScenario } from '../../src/scenario/load.js';

const SCENARIO = 'scenarios/active-passive-failover.yaml';
const tmp = mkdtempSync(join(tmpdir(), 'outagesim-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function outagesim(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { encoding: 'utf8', timeout: 600_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SUMMARY_KEYS = ['n', 'mean', 'sd', 'p50', 'p95', 'p99', 'min', 'max', 'ci95'];

describe('outagesim CLI', () => {
  it('run --json prints the Result document, equal to what the API computes', async () => {
    const { code, stdout } = outagesim('run', SCENARIO, '--replications', '2', '--json', '--quiet');
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.tool).toEqual({ name: 'outagesim', version: expect.any(String) });
    expect(result.scenario).toMatchObject({ name: 'active-passive-failover', file: SCENARIO, seed: 7, replications: 2, horizon_s: 3600 });
    expect(result.scenario.practical.rto_s).toEqual({ relative: 0.05 });
    expect(result.designs.map((d: { name: string }) => d.name)).toEqual(['automated-failover']);
    const [d] = result.designs;
    for (const m of ['rto_s', 'rpo_s', 'lost_writes', 'duplicate_writes', 'availability', 'retry_amplification']) {
      expect(Object.keys(d.metrics[m]), m).toEqual(expect.arrayContaining(SUMMARY_KEYS));
    }
    expect(d.metrics.rto_s.recovered + d.metrics.rto_s.not_recovered).toBe(2);
    expect(d.services[0].name).toBe('api');
    for (const m of ['throughput_per_s', 'utilization', 'queue_wait_s', 'response_s', 'blocked_ratio']) {
      expect(Object.keys(d.services[0][m]), m).toEqual(expect.arrayContaining(SUMMARY_KEYS));
    }
    expect(d.timeline.bucket_s).toBe(30);
    for (const s of ['success_ratio', 'offered_per_s', 'attempts_per_s', 'p95_latency_s']) {
      expect(d.timeline.series[s].mean, s).toHaveLength(d.timeline.t_s.length);
      expect(d.timeline.series[s], s).toHaveProperty('p5');
      expect(d.timeline.series[s], s).toHaveProperty('p95');
    }
    expect(d.timeline.events.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['fault', 'dns_switch', 'promotion']));
    expect(Array.isArray(result.comparisons)).toBe(true);

    // The public API (src/index.ts) prices the Result as the CLI does.
    const api = await simulate(await loadScenario(SCENARIO), { replications: 2, workers: 1 });
    expect(result.designs[0].cost.monthly_usd).toBeGreaterThan(0);
    expect(result.designs).toEqual(JSON.parse(JSON.stringify(api.designs)));
  });

  it('validate accepts every shipped scenario', () => {
    const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`);
    const { code, stdout } = outagesim('validate', ...files);
    expect(code).toBe(0);
    for (const f of files) expect(stdout).toContain(`${f}: ok`);
  });

  it('exits 2 on a bad scenario, naming file:line:column and the field, and writes no --out file', () => {
    const out = join(tmp, 'result.json');
    const { code, stdout, stderr } = outagesim('run', 'test/fixtures/cli/negative-pool.yaml', '--out', out, '--quiet');
    expect(code).toBe(2);
    expect(stderr).toContain('test/fixtures/cli/negative-pool.yaml:15:34: system.services.api.pools.orders-db.max');
    expect(stdout).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp)).toEqual([]);
  });
});

/**
 * Cost end to end on a simulated priced scenario (test/fixtures/pricing/priced.yaml): the CLI, the
 * programmatic API and merged shards give the same priced JSON; replication transfer follows the
 * simulated write volume; `run` prints the cost section with its table and the not-recovered flag.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { simulate } from '../../src/index.js';
import type { Result } from '../../src/runner/result.js';

const PRICED = 'test/fixtures/pricing/priced.yaml';

async function cli(args: string[]) {
  let stdout = '';
  const code = await runCli(['node', 'outagesim', ...args, ...(args[0] === 'merge' ? [] : ['--quiet'])], { stdout: (t) => { stdout += t; }, stderr: () => {} });
  return { code, stdout };
}

describe('a priced scenario, simulated', () => {
  let api: Result;
  beforeAll(async () => {
    api = await simulate(PRICED, { workers: 1 });
  });

  it('the CLI (any workers), merged shards and simulate() give the same JSON, cost included', async () => {
    const run = await cli(['run', PRICED, '--json', '--workers', '2']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(api)));
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-cost-'));
    for (const i of [1, 2]) expect((await cli(['run', PRICED, '--shard', `${i}/2`, '--out', join(dir, `s${i}.json`), '--workers', '1'])).code).toBe(0);
    const merged = await cli(['merge', join(dir, 's2.json'), join(dir, 's1.json')]);
    expect(merged.stdout).toBe(run.stdout);
    expect(api.designs.map((d) => d.cost?.monthly_usd ?? null).every((x) => x !== null && x > 0)).toBe(true);
    expect(api.cost_summary?.cheapest_total).toBeDefined();
  });

  it('transfer is priced from the simulated write rate', () => {
    // Writes arrive as a thinned Poisson stream: 20 requests/s × write_ratio 0.5 = 10 writes/s over
    // the 600 s before the fault, in each of 3 replications: 18,000 expected, sd √18000 ≈ 134. A
    // bound of 5 sd (670 writes, 0.37/s on the mean rate) fails by chance with probability < 1e-6.
    const d = api.designs[0]!;
    const rate = d.inventory!.writes_per_s.db!;
    expect(Math.abs(rate - 10)).toBeLessThan((5 * Math.sqrt(18000)) / 1800);
    const line = d.cost!.breakdown.find((l) => l.item === 'replication transfer')!;
    expect(line.quantity).toBeCloseTo((rate * 2000 * 730 * 3600) / 1e9, 9);
    expect(line.detail).toContain(`${rate.toFixed(2)} writes/s (simulated`);
  });

  it('a design override changes only that design\'s price', () => {
    const standby = (r: Result, i: number) => r.designs[i]!.cost!.breakdown.find((l) => l.item === 'idle standby')!;
    // standby: 2 × 730 × $0.2 × 0.5; cheap-standby: 1 instance at its own $0.1 × 0.5
    expect(standby(api, 0).monthly_usd).toBe(146);
    expect(standby(api, 1).monthly_usd).toBe(36.5);
    expect(api.designs[1]!.price_overrides).toEqual({ instance_hour: { small: { west: 0.1 } } });
  });

  it('run prints the cost section, labelled with the table, and flags replications counted at the horizon', async () => {
    const { stdout } = await cli(['run', PRICED, '--workers', '1']);
    expect(stdout).toContain('cost (estimates from price table test-table, 2026-01-15: hand-made figures for tests)');
    expect(stdout).toMatch(/^standby +\$1,840\.55 +2 +20m 00s ! /m);
    const notRecovered = api.designs[0]!.cost!.not_recovered_at_horizon;
    expect(notRecovered).toBeGreaterThan(0);
    expect(stdout).toContain(`! standby: ${notRecovered} of 3 replications did not recover; their downtime counts from the fault to the end of the horizon`);
    expect(stdout).toMatch(/- cost: "cheap-standby" costs \$109\.50\/month less to run than "standby"/);
  });
});

import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

// tiny: 60 requests/s over 10 minutes = 36,000 requests per replication and design.
const TINY = 'test/fixtures/runner/tiny.yaml';
const UNCERTAIN = 'test/fixtures/sensitivity/tiny-uncertain.yaml';

describe('the work limit of commands that run several scenarios or points', () => {
  it('check sums its scenarios: two under the limit each but over it together exit 2 with the estimate, --force runs them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-work-check-'));
    for (const n of ['a', 'b']) copyFileSync(TINY, join(dir, `${n}.yaml`));
    const files = [join(dir, 'a.yaml'), join(dir, 'b.yaml')];
    // Each: 2 replications × 2 designs × 36,000 = 144,000; together 288,000.
    const args = ['check', ...files, '--replications', '2', '--workers', '1', '--quiet', '--update'];
    const one = await cli(['check', files[0]!, '--replications', '2', '--workers', '1', '--quiet', '--update', '--baselines', join(dir, 'one')], { workLimitRequests: 200_000 });
    expect(one.code).toBe(0);
    const refused = await cli(args, { workLimitRequests: 200_000 });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/check of 2 scenarios: its 2 runs would simulate about 288,000 client requests in all .*the limit is 200,000 requests.*pass --force/);
    expect(refused.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml', 'one']);
    const forced = await cli([...args, '--force'], { workLimitRequests: 200_000 });
    expect(forced.code).toBe(0);
    expect(readdirSync(dir).filter((f) => f.endsWith('.baseline.json')).sort()).toEqual(['a.baseline.json', 'b.baseline.json']);
  });

  it('sweep sums its points, and --force runs them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-work-sweep-'));
    const out = join(dir, 'sweep.json');
    // 3 points × 1 replication × 2 designs × 36,000 = 216,000.
    const args = ['sweep', TINY, '--param', 'system.services.api.concurrency', '--values', '3,4,5', '--replications', '1', '--workers', '1', '--quiet', '--out', out];
    const refused = await cli(args, { workLimitRequests: 150_000 });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/sweep of .*tiny\.yaml over system\.services\.api\.concurrency: its 3 runs would simulate about 216,000 client requests in all \(the largest, system\.services\.api\.concurrency=3, about 72,000\)/);
    expect(readdirSync(dir)).toEqual([]);
    expect((await cli([...args, '--force'], { workLimitRequests: 150_000 })).code).toBe(0);
    expect(readdirSync(dir)).toEqual(['sweep.json']);
  });

  it('sensitivity sums the scenario as written and every low and high variant', async () => {
    // 5 runs × 2 replications × 1 design × 36,000 = 360,000.
    const refused = await cli(['sensitivity', UNCERTAIN, '--workers', '1', '--quiet'], { workLimitRequests: 300_000 });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/sensitivity of .*tiny-uncertain\.yaml: its 5 runs would simulate about 360,000 client requests in all/);
    expect(refused.stdout).toBe('');
    expect((await cli(['sensitivity', UNCERTAIN, '--workers', '1', '--quiet', '--force'], { workLimitRequests: 300_000 })).code).toBe(0);
  });
});

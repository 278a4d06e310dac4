import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBaseline, type Baseline } from '../../src/check/baseline.js';
import { checkScenario } from '../../src/check/check.js';
import type { CheckSpec } from '../../src/scenario/checkSchema.js';
import { resultJson } from '../report/fixtures.js';
import { cli } from '../support/cli.js';

const PRICED = 'test/fixtures/pricing/tiny-priced.yaml';

let base: Baseline;
beforeAll(async () => {
  base = parseBaseline(await resultJson(PRICED, 3), 'tiny-priced.baseline.json');
});

const rowsOf = (now: Baseline, from: Baseline = base, tol: CheckSpec = {}) =>
  checkScenario(now, from, new Map(now.designs.map((d) => [d.name, { spec: tol, from: {} }])), 'b.json').rows.filter((r) => r.design === 'base');
const verdict = (now: Baseline, metric: string, from?: Baseline, tol?: CheckSpec) => rowsOf(now, from, tol).find((r) => r.metric === metric)?.verdict;

/** `doc` with business recovery as contract.md gives it: per replication and summarised, `factor` × the RTO. */
function withBusiness(doc: Baseline, factor: number): Baseline {
  const out = structuredClone(doc);
  for (const d of out.designs) {
    d.metrics.business_rto_s = { ...d.metrics.rto_s, mean: d.metrics.rto_s.mean === null ? null : d.metrics.rto_s.mean * factor };
    for (const r of d.replications) r.business_rto_s = r.rto_s === null ? null : r.rto_s * factor;
  }
  return out;
}

describe('check covers cost and business RTO', () => {
  it('the priced Result has cost rows: monthly and total annual cost, both within tolerance when unchanged', () => {
    const rows = rowsOf(structuredClone(base));
    expect(rows.map((r) => r.metric)).toEqual(expect.arrayContaining(['monthly_usd', 'total_annual_usd']));
    expect(rows.filter((r) => r.metric.endsWith('_usd')).map((r) => r.verdict)).toEqual(['ok', 'ok']);
  });

  it('monthly cost fails beyond its default 2%, total annual cost beyond 10%; cheaper passes as improved', () => {
    const scaled = (field: 'monthly_usd' | 'total_annual_usd', k: number) => {
      const now = structuredClone(base);
      for (const d of now.designs) d.cost![field] *= k;
      return now;
    };
    expect(verdict(scaled('monthly_usd', 1.01), 'monthly_usd')).toBe('ok');
    expect(verdict(scaled('monthly_usd', 1.05), 'monthly_usd')).toBe('regression');
    expect(verdict(scaled('total_annual_usd', 1.05), 'total_annual_usd')).toBe('ok');
    expect(verdict(scaled('total_annual_usd', 1.2), 'total_annual_usd')).toBe('regression');
    expect(verdict(scaled('monthly_usd', 0.5), 'monthly_usd')).toBe('improved');
    expect(verdict(scaled('monthly_usd', 1.05), 'monthly_usd', base, { monthly_usd: { kind: 'relative', relative: 0.1 } })).toBe('ok');
  });

  it('business RTO, when the Result has it, is compared like RTO: statistically per replication', () => {
    const was = withBusiness(base, 1.5);
    expect(verdict(structuredClone(was), 'business_rto_s', was)).toBe('ok');
    const slower = withBusiness(base, 3);
    const row = rowsOf(slower, was).find((r) => r.metric === 'business_rto_s')!;
    expect(row.label).toBe('business RTO mean');
    expect(row.verdict).toBe('regression');
    expect(row.ci95).not.toBeNull();
    // The data-plane RTO did not move: only business RTO fails.
    expect(verdict(slower, 'rto_s', was)).toBe('ok');
    expect(verdict(slower, 'business_rto_s', was, { business_rto_s: { kind: 'absolute', absolute: 3600 } })).toBe('ok');
  });

  it('without business recovery on either side there is no row; on one side only, it cannot be compared', () => {
    expect(rowsOf(structuredClone(base)).some((r) => r.metric === 'business_rto_s')).toBe(false);
    const row = rowsOf(withBusiness(base, 1), base).find((r) => r.metric === 'business_rto_s')!;
    expect(row.verdict).toBe('incomparable');
    expect(row.reason).toContain('the baseline has no value for this metric');
  });

  it('outagesim check fails (exit 1) naming monthly cost when a scenario change adds instances', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-check-cost-'));
    copyFileSync(PRICED, join(dir, 'tiny-priced.yaml'));
    copyFileSync('test/fixtures/pricing/small-table.yaml', join(dir, 'small-table.yaml'));
    expect((await cli(['check', join(dir, 'tiny-priced.yaml'), '--update', '--quiet'])).code).toBe(0);
    mkdirSync(join(dir, 'bigger'));
    copyFileSync('test/fixtures/pricing/small-table.yaml', join(dir, 'bigger', 'small-table.yaml'));
    writeFileSync(join(dir, 'bigger', 'tiny-priced.yaml'), readFileSync(PRICED, 'utf8').replace('instances: { east: 4 }', 'instances: { east: 8 }'));
    const r = await cli(['check', join(dir, 'bigger', 'tiny-priced.yaml'), '--baselines', dir, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/tiny-priced +base +monthly cost +\$310 +\$\d{3} .* REGRESSION\n/);
    expect(r.stdout).toMatch(/check FAILED: .*tiny-priced\/base\/monthly_usd/);
  });
});

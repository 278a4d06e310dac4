/**
 * Cost arithmetic from a hand-built Result and the small test table
 * (test/fixtures/pricing/small-table.yaml), every expected figure worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { priceResult } from '../../src/cost/priceResult.js';
import { MissingPriceError } from '../../src/cost/figures.js';
import type { DesignResult, Result } from '../../src/runner/result.js';
import type { Business, CostComparison, Inventory } from '../../src/runner/resultCost.js';
import { loadPriceTable } from '../../src/scenario/priceTable.js';

const TABLE = loadPriceTable('test/fixtures/pricing/small-table.yaml');
const BUSINESS: Business = { downtime_cost_per_minute_usd: 10, lost_write_cost_usd: 2, duplicate_write_cost_usd: 5, incidents_per_year: 4 };
const HORIZON_S = 3600;

function design(name: string, inventory: Inventory, reps: Array<[rto: number | null, lost: number, dup: number]>, extra: Partial<DesignResult> = {}): DesignResult {
  return {
    name,
    inventory,
    business: BUSINESS,
    replications: reps.map(([rto_s, lost_writes, duplicate_writes], replication) => ({
      replication, fault_start_s: 100, rto_s, rpo_s: 0, lost_writes, duplicate_writes, availability: 1, retry_amplification: 1,
    })),
    ...extra,
  } as DesignResult;
}

const EMPTY: Inventory = { instances: [], load_balancers: [], databases: [], backups: [], replication: [], dns_health_checks: 0, writes_per_s: {} };
// cold: 2 small in east (2 × 730 h × $0.1 = $146), its load balancer (730 × $0.025 = $18.25), a db.small
// primary (730 × $0.5 = $365), 100 GB on it (× $0.1 = $10), 200 GB of backups (× $0.05 = $10): $549.25/month.
const COLD: Inventory = {
  ...EMPTY,
  instances: [{ service: 'api', region: 'east', instance_type: 'small', count: 2, standby: false }],
  load_balancers: [{ service: 'api', region: 'east', count: 1 }],
  databases: [{ database: 'db', role: 'primary', mode: 'primary', region: 'east', instance_type: 'db.small', storage_bytes: 100e9 }],
  backups: [{ database: 'db', region: 'east', storage_bytes: 200e9 }],
  writes_per_s: { db: 10 },
};
// warm adds: 2 idle small in west (2 × 730 × $0.2 × standby_share 0.5 = $146), the west load balancer
// ($18.25), an async db.small replica in west (730 × $1 = $730) with 100 GB (× $0.2 = $20), replication
// of 10 writes/s × 1000 bytes × 2,628,000 s = 26.28 GB (× $0.02 = $0.5256 → $0.53), 2 DNS health checks
// ($1): $549.25 + $915.78 = $1,465.03/month.
const WARM: Inventory = {
  ...COLD,
  instances: [...COLD.instances, { service: 'api', region: 'west', instance_type: 'small', count: 2, standby: true }],
  load_balancers: [...COLD.load_balancers, { service: 'api', region: 'west', count: 1 }],
  databases: [...COLD.databases, { database: 'db', role: 'replica', mode: 'async', region: 'west', instance_type: 'db.small', storage_bytes: 100e9 }],
  replication: [{ database: 'db', from_region: 'east', to_region: 'west', write_bytes: 1000 }],
  dns_health_checks: 2,
};

function result(designs: DesignResult[]): Result {
  return {
    tool: { name: 'outagesim', version: 'test' },
    scenario: { name: 'hand', file: 'hand.yaml', seed: 1, replications: 3, horizon_s: HORIZON_S },
    designs,
    comparisons: [],
    prices: TABLE,
  } as Result;
}

// cold: downtime (600 + 1200 + 3500 [not recovered: horizon 3600 − fault 100]) / 3 s = 29.444 min;
// lost writes 3 on average, duplicates 1.
const cold = design('cold', COLD, [[600, 3, 1], [1200, 0, 1], [null, 6, 1]]);
// warm: downtime (60 + 120 + 180) / 3 s = 2 min, nothing lost.
const warm = design('warm', WARM, [[60, 0, 0], [120, 0, 0], [180, 0, 0]]);

describe('cost of a design', () => {
  const priced = priceResult(result([cold, warm]));
  const [c, w] = priced.designs.map((d) => d.cost!);

  it('monthly running cost is the sum of its lines', () => {
    expect(c!.breakdown.map((l) => [l.item, l.monthly_usd])).toEqual([
      ['instances', 146], ['load balancer', 18.25], ['database primary', 365], ['database storage', 10], ['backup storage', 10],
    ]);
    expect(c!.monthly_usd).toBe(549.25);
    expect(w!.monthly_usd).toBe(1465.03);
    expect(w!.breakdown.find((l) => l.item === 'idle standby')).toMatchObject({ quantity: 1460, unit_price_usd: 0.1, monthly_usd: 146 });
  });

  it('transfer is the simulated write rate × write size × a month', () => {
    const t = w!.breakdown.find((l) => l.item === 'replication transfer')!;
    expect(t.quantity).toBeCloseTo(26.28, 9);
    expect(t).toMatchObject({ unit: 'GB', unit_price_usd: 0.02, monthly_usd: 0.53 });
  });

  it('expected annual outage loss = incidents × (downtime min × $/min + lost × $ + duplicates × $)', () => {
    // cold: 29.444 × $10 + 3 × $2 + 1 × $5 = $305.44 per incident; × 4 = $1,221.78; total 12 × 549.25 + 1221.78
    expect(c!.expected_downtime_min_per_incident).toBeCloseTo(5300 / 3 / 60, 12);
    expect(c!.loss_per_incident_usd).toBe(305.44);
    expect(c!.expected_annual_outage_loss_usd).toBe(1221.78);
    expect(c!.total_annual_usd).toBe(7812.78);
    // warm: 2 min × $10 = $20 per incident, $80 a year; total 12 × 1465.03 + 80
    expect(w!.expected_annual_outage_loss_usd).toBe(80);
    expect(w!.total_annual_usd).toBe(17660.36);
  });

  it('a replication that did not recover counts until the horizon and is flagged', () => {
    expect(c!.not_recovered_at_horizon).toBe(1);
    expect(w!.not_recovered_at_horizon).toBe(0);
  });

  it('names the table every figure comes from', () => {
    expect(c!.price_table).toEqual({ name: 'test-table', date: '2026-01-15', source: 'hand-made figures for tests' });
    expect(c!.note).toBe('estimate from price table test-table (2026-01-15)');
    expect(w!.breakdown.find((l) => l.item === 'DNS health checks')!.price_source).toBe('health check note (2026-01-10)');
  });
});

describe('break-even and the cheapest design', () => {
  // total(c) = a + b·c: cold a = 12 × 549.25 + 4 × (3 × 2 + 1 × 5) = 6635, b = 4 × 29.444 = 117.778;
  // warm a = 12 × 1465.03 = 17580.36, b = 4 × 2 = 8. They cross at (17580.36 − 6635) / (117.778 − 8) = 99.70.
  const priced = priceResult(result([cold, warm]));

  it('the summary names the cheapest in total and where the answer changes', () => {
    expect(priced.cost_summary).toMatchObject({
      downtime_cost_per_minute_usd: 10,
      cheapest_total: 'cold',
      break_evens: [{ design: 'warm', against: 'cold', downtime_cost_per_minute_usd: 99.7 }],
      cheapest_by_downtime_cost: [
        { from_usd_per_min: 0, to_usd_per_min: 99.7, design: 'cold' },
        { from_usd_per_min: 99.7, to_usd_per_min: null, design: 'warm' },
      ],
    });
  });

  it('comparisons gain the cost difference and the break-even', () => {
    const cost = priced.comparisons.filter((x) => x.metric === 'cost') as CostComparison[];
    expect(cost).toHaveLength(1);
    expect(cost[0]).toMatchObject({
      baseline: 'cold', design: 'warm', n: null, mean_diff: null, ci95: null, better: 'baseline',
      monthly_diff_usd: 915.78, total_annual_diff_usd: 9847.58, break_even_downtime_cost_per_minute_usd: 99.7,
    });
    expect(cost[0]!.verdict).toContain('"warm" pays for itself above $99.70/min of downtime');
  });

  it('pricing twice gives the same Result (cost entries are replaced, not added)', () => {
    expect(priceResult(priced)).toEqual(priced);
  });
});

describe('overrides and repricing', () => {
  // A design that pays $0.1 instead of $0.2 for small in west: standby 2 × 730 × 0.1 × 0.5 = $73.
  const cheaper = design('warm-cheap', WARM, [[60, 0, 0], [120, 0, 0], [180, 0, 0]], { price_overrides: { instance_hour: { small: { west: 0.1 } } } });

  it('a design override replaces the table figure and says so', () => {
    const w = priceResult(result([warm, cheaper])).designs[1]!.cost!;
    expect(w.monthly_usd).toBe(1392.03);
    expect(w.breakdown.find((l) => l.item === 'idle standby')).toMatchObject({ monthly_usd: 73, price_source: 'design override × standby_share 0.5' });
  });

  it('another table reprices the whole Result and keeps design overrides', () => {
    const doubled = { ...TABLE, name: 'doubled', instance_hour: { small: { east: 0.2, west: 0.4 } } };
    const r = priceResult(result([warm, cheaper]), doubled);
    expect(r.prices!.name).toBe('doubled');
    // instances east 2 × 730 × 0.2 = 292 (was 146); standby west: warm 2 × 730 × 0.4 × 0.5 = 292, warm-cheap keeps 73
    expect(r.designs.map((d) => d.cost!.monthly_usd)).toEqual([1465.03 + 146 + 146, 1392.03 + 146]);
    expect(r.designs[0]!.cost!.price_table.name).toBe('doubled');
  });

  it('a table without a figure a design needs is refused, naming it', () => {
    const partial = { ...TABLE, instance_hour: { small: { east: 0.1 } } };
    expect(() => priceResult(result([cold, warm]), partial)).toThrow(new MissingPriceError('price table "test-table" (2026-01-15) has no figure instance_hour.small.west'));
  });

  it('a Result without prices is left as it is', () => {
    const bare = { ...result([cold]), prices: undefined };
    expect(priceResult(bare)).toBe(bare);
  });
});

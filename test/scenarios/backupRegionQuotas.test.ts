/**
 * Case F, `backup-region-quotas`: the failover works in minutes, while the token quota in the
 * backup region, the webhook backlog and the replays keep the business down far longer. Bounds
 * are 95% confidence intervals of what the run measures (t-based over the replications), never a
 * guessed margin.
 */
import { describe, expect, it } from 'vitest';
import { mean, sampleStandardDeviation } from 'simple-statistics';
import type { DesignResult } from '../../src/runner/result.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { tQuantile } from '../../src/stats/tDistribution.js';

const scenario = await loadScenario('scenarios/backup-region-quotas.yaml');
let result: DesignResult[] | undefined;
const design = (name: string): DesignResult => {
  result ??= simulateSequential(scenario).designs;
  return result.find((d) => d.name === name)!;
};

/** The 95% CI of the mean of `xs` (t-based). */
function ci(xs: number[]): [number, number] {
  expect(xs.length).toBeGreaterThan(1);
  const half = (tQuantile(0.975, xs.length - 1) * sampleStandardDeviation(xs)) / Math.sqrt(xs.length);
  return [mean(xs) - half, mean(xs) + half];
}

const values = (d: DesignResult, pick: (r: DesignResult['replications'][number]) => number | null | undefined): number[] =>
  d.replications.map(pick).map((x) => {
    expect(typeof x).toBe('number');
    return x as number;
  });

describe('backup-region-quotas (Case F)', () => {
  it('naive: infrastructure RTO is minutes while business RTO is several times longer, the queue finishing last', () => {
    const d = design('naive');
    expect(d.metrics.rto_s.not_recovered).toBe(0);
    expect(d.metrics.business_rto_s!.not_recovered).toBe(0);
    const rto = ci(values(d, (r) => r.rto_s));
    const business = ci(values(d, (r) => r.business_rto_s));
    expect(rto[1]).toBeLessThan(5 * 60);
    expect(business[0]).toBeGreaterThan(3 * rto[1]);
    expect(d.business_last).toEqual([{ part: 'queue:webhooks', replications: d.replications.length }]);
    expect(d.business_rto_phases!.map((p) => p.phase)).toContain('backlog_drain');
  });

  it('duplicates are above zero without idempotency keys and zero with them', () => {
    for (const name of ['naive', 'raised-backup-quota']) {
      expect(ci(values(design(name), (r) => r.duplicate_writes))[0]).toBeGreaterThan(0);
      expect(design(name).queues![0]!.duplicates.mean).toBeGreaterThan(0);
    }
    for (const name of ['idempotency-keys', 'fixed']) {
      const d = design(name);
      expect(d.replications.length).toBeGreaterThan(0);
      for (const r of d.replications) expect(r.duplicate_writes).toBe(0);
      expect(d.queues![0]!.duplicates.max).toBe(0);
    }
  });

  it('the fixed design closes most of the gap between RTO and business RTO', () => {
    const naive = design('naive');
    const fixed = design('fixed');
    // Per replication (common random numbers), the share of naive's gap that fixed still has.
    const left = naive.replications.map((n, k) => {
      const f = fixed.replications[k]!;
      return (f.business_rto_s! - f.rto_s!) / (n.business_rto_s! - n.rto_s!);
    });
    expect(ci(left)[1]).toBeLessThan(0.5);
    expect(fixed.metrics.business_rto_s!.not_recovered).toBe(0);
  });

  it('the backlog is in the timeline and drains within the horizon', () => {
    const band = design('naive').timeline.series['backlog:webhooks']!;
    const means = band.mean.filter((x): x is number => x !== null);
    expect(means.length).toBeGreaterThan(0);
    expect(Math.max(...means)).toBeGreaterThan(1000);
    expect(means[means.length - 1]).toBeLessThan(100);
  });
});

import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { bootstrapCi95, expandedTail } from '../../src/stats/bootstrap.js';
import { ci95OfMean, summarize } from '../../src/stats/summary.js';
import { binomialBand, mm1Coverage } from '../support/coverage.js';

const exponential = (rng: () => number) => -Math.log(1 - rng());

describe('expanded percentile bootstrap CI of the mean', () => {
  it('never reaches below zero for a non-negative skewed metric, where the t interval does', () => {
    let tBelowZero = 0;
    for (let seed = 0; seed < 300; seed++) {
      const rng = seedrandom.alea(`skewed-${seed}`);
      const values = Array.from({ length: 5 }, () => exponential(rng));
      if (ci95OfMean(values)[0] < 0) tBelowZero++;
      const [lo, hi] = bootstrapCi95(values);
      expect(lo).toBeGreaterThanOrEqual(Math.min(...values));
      expect(hi).toBeLessThanOrEqual(Math.max(...values));
    }
    // The case of issue 15: the t interval of 5 exponential values dips below zero about half the time.
    expect(tBelowZero).toBeGreaterThan(100);
  });

  it('the summary CI of an RTO-like sample (one long outage among short ones) stays at or above zero', () => {
    const s = summarize([0.5, 0.7, 0.6, 0.8, 20])!;
    expect(ci95OfMean([0.5, 0.7, 0.6, 0.8, 20])[0]).toBeLessThan(0);
    expect(s.ci95[0]).toBeGreaterThanOrEqual(0.5);
    expect(s.ci95[0]).toBeLessThanOrEqual(s.mean);
    expect(s.ci95[1]).toBeGreaterThanOrEqual(s.mean);
  });

  it('covers the analytic M/M/1 mean wait (skewness ~1 across replications) in about 95% of 400 seeds', () => {
    const seeds = 400;
    const covered = mm1Coverage(bootstrapCi95, seeds);
    // A 95% CI covers ~ Binomial(400, 0.95) times: accept the central 99.8% of that distribution.
    const [lowest, highest] = binomialBand(seeds, 0.95, 0.001);
    expect(lowest).toBeGreaterThan(360);
    expect(covered).toBeGreaterThanOrEqual(lowest);
    expect(covered).toBeLessThanOrEqual(highest);
  });

  it('reads the percentiles at the t interval\'s width: tail 0.025 for large n, smaller for small n', () => {
    expect(expandedTail(10_000)).toBeCloseTo(0.025, 3);
    expect(expandedTail(5)).toBeLessThan(0.005);
  });

  it('is deterministic and independent of the order of the values', () => {
    const v = [3, 1, 4, 1, 5, 9, 2, 6];
    expect(summarize(v)!.ci95).toEqual(summarize([...v].reverse())!.ci95);
    expect(bootstrapCi95(v)).toEqual(bootstrapCi95(v));
  });
});

import { describe, expect, it } from 'vitest';
import { ci95OfMean, summarize } from '../../src/stats/summary.js';
import { binomialBand, mm1Coverage } from '../support/coverage.js';

describe('95% CI of the mean', () => {
  it('covers the analytic M/M/1 mean wait in about 95% of 200 independent seeds', () => {
    const seeds = 200;
    const covered = mm1Coverage(ci95OfMean, seeds);
    // If the CI has 95% coverage, covered ~ Binomial(200, 0.95). Accept the central 99.8% of that
    // distribution: a correct CI fails this test about once in 500 seeds of the test itself.
    const [lowest, highest] = binomialBand(seeds, 0.95, 0.001);
    expect(lowest).toBeGreaterThan(178);
    expect(covered).toBeGreaterThanOrEqual(lowest);
    expect(covered).toBeLessThanOrEqual(highest);
  });

  it('summarises finite values only and is a point when n = 1', () => {
    expect(summarize([NaN, Infinity])).toBeNull();
    expect(summarize([3, NaN])).toMatchObject({ n: 1, mean: 3, sd: 0, ci95: [3, 3] });
  });

  it('ci95OfMean (paired differences) is the t interval', () => {
    const s = { ci95: ci95OfMean([1, 2, 3, 4]) };
    // t(0.975, 3) = 3.182446; sd = 1.290994; half-width = 3.182446 · 1.290994 / 2 = 2.054265
    expect(s.ci95[0]).toBeCloseTo(2.5 - 2.054265, 4);
    expect(s.ci95[1]).toBeCloseTo(2.5 + 2.054265, 4);
  });
});

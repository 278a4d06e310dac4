import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { ci95OfMean, summarize } from '../../src/stats/summary.js';

/**
 * One replication of an M/M/1 queue (λ = 0.5, μ = 1): the mean wait in queue of K customers,
 * started in steady state (the first customer's wait drawn from the stationary Wq distribution,
 * 0 with probability 1 − ρ, else Exp(μ − λ)), then the Lindley recursion
 * W(n+1) = max(0, W(n) + S(n) − A(n+1)). Every customer's wait then has the stationary
 * distribution, so the replication mean is unbiased for Wq = ρ / (μ − λ) = 1.
 */
function mm1MeanWait(rng: () => number, lambda: number, mu: number, customers: number): number {
  const exp = (rate: number) => -Math.log(1 - rng()) / rate;
  let w = rng() < lambda / mu ? exp(mu - lambda) : 0;
  let sum = w;
  for (let n = 1; n < customers; n++) {
    w = Math.max(0, w + exp(mu) - exp(lambda));
    sum += w;
  }
  return sum / customers;
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
function binomialCdf(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let cdf = term;
  for (let i = 1; i <= k; i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    cdf += term;
  }
  return cdf;
}

describe('95% CI of the mean', () => {
  it('covers the analytic M/M/1 mean wait in about 95% of 200 independent seeds', () => {
    const lambda = 0.5;
    const mu = 1;
    const analytic = lambda / mu / (mu - lambda);
    const seeds = 200;
    let covered = 0;
    for (let seed = 0; seed < seeds; seed++) {
      const rng = seedrandom.alea(`mm1-coverage-${seed}`);
      const reps = Array.from({ length: 20 }, () => mm1MeanWait(rng, lambda, mu, 500));
      const [lo, hi] = ci95OfMean(reps);
      if (lo <= analytic && analytic <= hi) covered++;
    }
    // If the CI has 95% coverage, covered ~ Binomial(200, 0.95). Accept the central 99.8% of that
    // distribution: a correct CI fails this test about once in 500 seeds of the test itself.
    let lowest = 0;
    while (binomialCdf(lowest, seeds, 0.95) < 0.001) lowest++;
    let highest = seeds;
    while (highest > 0 && binomialCdf(highest - 1, seeds, 0.95) > 0.999) highest--;
    expect(lowest).toBeGreaterThan(178);
    expect(covered).toBeGreaterThanOrEqual(lowest);
    expect(covered).toBeLessThanOrEqual(highest);
  });

  it('summarises finite values only and is a point when n = 1', () => {
    expect(summarize([NaN, Infinity])).toBeNull();
    expect(summarize([3, NaN])).toMatchObject({ n: 1, mean: 3, sd: 0, ci95: [3, 3] });
    const s = summarize([1, 2, 3, 4])!;
    // t(0.975, 3) = 3.182446; sd = 1.290994; half-width = 3.182446 · 1.290994 / 2 = 2.054265
    expect(s.ci95[0]).toBeCloseTo(2.5 - 2.054265, 4);
    expect(s.ci95[1]).toBeCloseTo(2.5 + 2.054265, 4);
  });
});

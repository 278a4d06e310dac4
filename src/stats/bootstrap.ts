/**
 * A 95% confidence interval of the mean that never leaves the range the data can take: the
 * expanded percentile bootstrap (Hesterberg, "What teachers should know about the bootstrap",
 * 2015). Every result metric is non-negative (RTO, RPO, counts, ratios) and often skewed (a few
 * long outages among short ones), where the t interval can reach below zero ("4.5s (-716ms–9.7s)").
 * A percentile of resampled means lies between the smallest and largest value, so it respects any
 * support the values respect ([0, ∞) for durations, [0, 1] for shares).
 *
 * Expanded: the plain percentile interval is too narrow for small n (it uses z and the divisor n).
 * The expanded one takes the percentiles at tail probability Φ(−√(n/(n−1)) · t(0.975, n−1))
 * instead of 0.025, which gives it the t interval's width for symmetric data.
 *
 * Deterministic: the resampler is seeded with a fixed key, so the same values (in the same order)
 * give the same interval in any thread.
 */
import seedrandom from 'seedrandom';
import { errorFunction, mean, quantileSorted } from 'simple-statistics';
import { tQuantile } from './tDistribution.js';

/** Bootstrap resamples per interval. */
export const BOOTSTRAP_RESAMPLES = 2000;

/** Standard normal CDF. */
function phi(x: number): number {
  return 0.5 * (1 + errorFunction(x / Math.SQRT2));
}

/** The lower tail probability at which the expanded percentile interval is read, for n values. */
export function expandedTail(n: number): number {
  return phi(-Math.sqrt(n / (n - 1)) * tQuantile(0.975, n - 1));
}

/**
 * The expanded percentile bootstrap 95% interval of the mean of `values` (finite numbers);
 * a point when n < 2. Cost: n × BOOTSTRAP_RESAMPLES random draws.
 */
export function bootstrapCi95(values: readonly number[]): [number, number] {
  const n = values.length;
  if (n < 2) {
    const m = n === 1 ? values[0]! : NaN;
    return [m, m];
  }
  const rng = seedrandom.alea('outagesim-bootstrap');
  const means = new Float64Array(BOOTSTRAP_RESAMPLES);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[Math.floor(rng() * n)]!;
    means[b] = sum / n;
  }
  means.sort();
  const sorted = Array.from(means);
  const tail = expandedTail(n);
  // The sample mean can differ from a resampled mean of identical values in the last bit; the
  // interval always contains it.
  const m = mean(values as number[]);
  return [Math.min(quantileSorted(sorted, tail), m), Math.max(quantileSorted(sorted, 1 - tail), m)];
}

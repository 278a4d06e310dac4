/**
 * Summaries of a metric over replications, as the result format defines them:
 * {n, mean, sd, p50, p95, p99, min, max, ci95}, the CI being a 95% interval of the mean that stays
 * inside the range of the values (`ci95InRange`): every metric summarised is non-negative.
 */
import { mean, quantileSorted, sampleStandardDeviation } from 'simple-statistics';
import { bootstrapCi95 } from './bootstrap.js';
import { tQuantile } from './tDistribution.js';

/** A metric summarised over replications. */
export interface Summary {
  n: number;
  mean: number;
  sd: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
  ci95: [number, number];
}

/** The 95% confidence interval of the mean of `values` (t-based); a point when n < 2. */
export function ci95OfMean(values: number[]): [number, number] {
  const n = values.length;
  const m = mean(values);
  if (n < 2) return [m, m];
  const half = (tQuantile(0.975, n - 1) * sampleStandardDeviation(values)) / Math.sqrt(n);
  return [m - half, m + half];
}

/** Up to this many values the bootstrap is always used (cost: n × 2000 draws per interval). */
export const BOOTSTRAP_MAX_N = 1000;

/**
 * The 95% interval of the mean of values whose support is bounded (non-negative durations and
 * counts, shares in [0, 1]): the expanded percentile bootstrap up to BOOTSTRAP_MAX_N values;
 * beyond it, where the mean is close to normal, the t interval if it lies inside [min, max] of
 * the values, else the bootstrap. Never reaches below the smallest value.
 */
export function ci95InRange(values: number[], min: number, max: number): [number, number] {
  if (values.length > BOOTSTRAP_MAX_N) {
    const t = ci95OfMean(values);
    if (t[0] >= min && t[1] <= max) return t;
  }
  return bootstrapCi95(values);
}

/** Summarises finite values; null when there are none. The CI depends on the values, not their order. */
export function summarize(values: number[]): Summary | null {
  return summarizeSorted(values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b));
}

/**
 * Summarises finite values already sorted ascending (a typed array serves: the runner passes its
 * columns without copying them); null when there are none.
 */
export function summarizeSorted(sorted: readonly number[] | Float64Array): Summary | null {
  // simple-statistics reads only length and indices.
  const v = sorted as number[];
  const n = v.length;
  if (n === 0) return null;
  return {
    n,
    mean: mean(v),
    sd: n > 1 ? sampleStandardDeviation(v) : 0,
    p50: quantileSorted(v, 0.5),
    p95: quantileSorted(v, 0.95),
    p99: quantileSorted(v, 0.99),
    min: v[0]!,
    max: v[n - 1]!,
    ci95: ci95InRange(v, v[0]!, v[n - 1]!),
  };
}

/**
 * Paired differences between two designs run on common random numbers: replication k of both
 * designs saw the same fault time, arrivals and draws, so the per-replication difference removes
 * the noise the designs share and its confidence interval is far narrower than the unpaired one.
 */
import { mean, sampleStandardDeviation } from 'simple-statistics';
import { ci95OfMean } from './summary.js';
import { tQuantile } from './tDistribution.js';

/** The mean of the paired differences (design − baseline) and its 95% confidence interval. */
export interface PairedDifference {
  /** Pairs where both values were finite. */
  n: number;
  /** Mean of the baseline values over the same pairs (what a relative threshold is a share of). */
  baseline_mean: number;
  mean_diff: number;
  ci95: [number, number];
}

/**
 * Differences `design[k] − baseline[k]` over the indices where both are finite numbers (a null,
 * e.g. a not-recovered RTO, drops the pair). Null when no pair remains.
 */
export function pairedDifference(baseline: ReadonlyArray<number | null>, design: ReadonlyArray<number | null>): PairedDifference | null {
  if (baseline.length !== design.length) throw new RangeError(`pairedDifference: ${baseline.length} baseline values but ${design.length} design values`);
  const diffs: number[] = [];
  const base: number[] = [];
  for (let k = 0; k < baseline.length; k++) {
    const a = baseline[k];
    const b = design[k];
    if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) {
      diffs.push(b - a);
      base.push(a);
    }
  }
  if (diffs.length === 0) return null;
  return { n: diffs.length, baseline_mean: mean(base), mean_diff: mean(diffs), ci95: ci95OfMean(diffs) };
}

/**
 * Welch's 95% interval for the difference of the means of two independent samples: what the
 * comparison would look like without common random numbers. Null when either has fewer than 2.
 */
export function unpairedCi95(baseline: number[], design: number[]): [number, number] | null {
  const a = baseline.filter(Number.isFinite);
  const b = design.filter(Number.isFinite);
  if (a.length < 2 || b.length < 2) return null;
  const va = sampleStandardDeviation(a) ** 2 / a.length;
  const vb = sampleStandardDeviation(b) ** 2 / b.length;
  const d = mean(b) - mean(a);
  const se = Math.sqrt(va + vb);
  if (se === 0) return [d, d];
  const df = (va + vb) ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  const half = tQuantile(0.975, df) * se;
  return [d - half, d + half];
}

/** True when the interval excludes zero. */
export function significant(ci95: [number, number]): boolean {
  return ci95[0] > 0 || ci95[1] < 0;
}

/**
 * The closed forms the engine is tested against (src/stats/erlang.ts, shared with `headroom`) and
 * batch-means confidence intervals for the queueing tests.
 */

export { erlangB, erlangC, mmcMeanWait } from '../../src/stats/erlang.js';

/** Two-sided 99% Student t critical values t(0.995, df), from standard tables, for the batch counts the tests use. */
export const T_995: Record<number, number> = { 9: 3.249836, 19: 2.860935 };

/** Mean and half-width of a two-sided 99% confidence interval from independent batch means. */
export function batchMeansCI(xs: number[]): { mean: number; halfWidth: number } {
  const n = xs.length;
  const t = T_995[n - 1];
  if (t === undefined) throw new RangeError(`batchMeansCI: no t value tabulated for ${n} batches`);
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
  return { mean, halfWidth: (t * Math.sqrt(variance)) / Math.sqrt(n) };
}

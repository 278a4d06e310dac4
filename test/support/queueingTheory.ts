/**
 * Closed-form results for Markovian queues, used as the reference the engine is tested against.
 * `a` is the offered load in erlangs (λ/μ); `c` the number of servers.
 */

/**
 * Erlang B: the blocking probability of an M/M/c/c loss system, by the stable recursion
 * B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)) (no factorials, no overflow for large c).
 */
export function erlangB(c: number, a: number): number {
  if (!(Number.isInteger(c) && c >= 0) || !(a >= 0)) throw new RangeError(`erlangB: need integer c >= 0 and a >= 0, got c=${c}, a=${a}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: the probability that an arrival waits in an M/M/c queue, C = c·B / (c − a·(1 − B)); needs a < c. */
export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new RangeError(`erlangC: the queue is unstable unless a < c, got c=${c}, a=${a}`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** Mean time in queue (before service) of an M/M/c queue, Wq = C(c, λ/μ) / (cμ − λ), in the units of 1/λ. */
export function mmcMeanWait(lambda: number, mu: number, c: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

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

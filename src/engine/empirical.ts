/**
 * Empirical distributions given as percentile tables, e.g. a latency profile measured in
 * production: `{ p50: 0.12, p90: 0.3, p99: 0.9, p99.9: 2.5 }` (seconds). The CDF is taken as
 * piecewise linear between the listed points, so sampling is inverse-CDF linear interpolation
 * and every listed percentile is reproduced exactly.
 */

/** A compiled table: cumulative probabilities `ps` (0 first, 1 last, increasing) and values `vs`. */
export interface EmpiricalTable {
  readonly ps: Float64Array;
  readonly vs: Float64Array;
}

const KEY_RE = /^p(\d+(?:\.\d+)?)$/;

/**
 * Compiles a percentile table, or returns a message saying what is wrong with it. A missing p0
 * is taken as 0 seconds; a missing p100 extends the last value flat (no tail beyond the table).
 */
export function compileEmpirical(table: Record<string, number>): EmpiricalTable | string {
  if (table === null || typeof table !== 'object') return 'empirical: expected a table of percentiles like {p50: 0.1, p99: 0.4}';
  const points: { key: string; p: number; v: number }[] = [];
  for (const [key, v] of Object.entries(table)) {
    const m = KEY_RE.exec(key);
    if (!m) return `empirical: key '${key}' is not a percentile (write e.g. p50, p99.9)`;
    // 'p99.9' → Number('99.9e-2') is the double nearest 0.999, the same as the literal 0.999,
    // so a quantile asked for at a listed percentile lands exactly on its table point.
    const p = Number(`${m[1]}e-2`);
    if (p > 1) return `empirical: percentile ${key} is outside p0..p100`;
    if (typeof v !== 'number' || !Number.isFinite(v)) return `empirical: ${key} must be a finite number of seconds, got ${String(v)}`;
    if (v < 0) return `empirical: ${key} is negative (${v})`;
    points.push({ key, p, v });
  }
  if (points.length === 0) return 'empirical: the table is empty';
  points.sort((a, b) => a.p - b.p);
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!, b = points[i]!;
    if (a.p === b.p) return `empirical: ${a.key} and ${b.key} name the same percentile`;
    if (b.v < a.v) return `empirical: values must not decrease as the percentile rises, but ${b.key} = ${b.v} < ${a.key} = ${a.v}`;
  }
  if (points[0]!.p !== 0) points.unshift({ key: 'p0', p: 0, v: 0 });
  if (points[points.length - 1]!.p !== 1) points.push({ key: 'p100', p: 1, v: points[points.length - 1]!.v });
  return {
    ps: Float64Array.from(points, (x) => x.p),
    vs: Float64Array.from(points, (x) => x.v),
  };
}

/** The value at cumulative probability `p` ∈ [0, 1], interpolating linearly between table points. */
export function empiricalQuantile(t: EmpiricalTable, p: number): number {
  const ps = t.ps, vs = t.vs;
  // Largest i with ps[i] <= p, by binary search (ps[0] = 0, ps[last] = 1).
  let lo = 0, hi = ps.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ps[mid]! <= p) lo = mid; else hi = mid;
  }
  const p0 = ps[lo]!, v0 = vs[lo]!;
  if (p === p0) return v0;
  if (p >= ps[hi]!) return vs[hi]!;
  return v0 + ((vs[hi]! - v0) * (p - p0)) / (ps[hi]! - p0);
}

/** The mean of the piecewise-linear-CDF distribution: each segment is uniform between its ends. */
export function empiricalMean(t: EmpiricalTable): number {
  let m = 0;
  for (let i = 1; i < t.ps.length; i++) m += (t.ps[i]! - t.ps[i - 1]!) * (t.vs[i]! + t.vs[i - 1]!) / 2;
  return m;
}

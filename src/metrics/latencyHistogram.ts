/**
 * A fixed log-spaced latency histogram (1 ms to ~4.6 h, bins ~13.9% wide) for per-bucket quantiles
 * without keeping every sample. Quantiles interpolate inside a bin in log space.
 */

const MIN_S = 1e-3;
const BINS = 128;
const MAX_S = 16384;
const LOG_MIN = Math.log(MIN_S);
const LOG_SPAN = Math.log(MAX_S) - LOG_MIN;

/** Bin index of a latency in seconds (values outside the range land in the end bins). */
export function latencyBin(s: number): number {
  if (!(s > MIN_S)) return 0;
  const k = Math.floor(((Math.log(s) - LOG_MIN) / LOG_SPAN) * BINS);
  return k >= BINS ? BINS - 1 : k;
}

/** Lower edge of bin k in seconds. */
function edge(k: number): number {
  return Math.exp(LOG_MIN + (k / BINS) * LOG_SPAN);
}

/** Number of bins per histogram. */
export const LATENCY_BINS = BINS;

/**
 * Quantile p (0..1) of the histogram stored at `counts[offset .. offset+BINS)`; NaN when empty.
 */
export function histogramQuantile(counts: Float64Array, offset: number, p: number): number {
  let total = 0;
  for (let k = 0; k < BINS; k++) total += counts[offset + k]!;
  if (total === 0) return NaN;
  const target = p * total;
  let seen = 0;
  for (let k = 0; k < BINS; k++) {
    const c = counts[offset + k]!;
    if (c > 0 && seen + c >= target) {
      const frac = (target - seen) / c;
      return Math.exp(Math.log(edge(k)) + frac * (Math.log(edge(k + 1)) - Math.log(edge(k))));
    }
    seen += c;
  }
  return edge(BINS);
}

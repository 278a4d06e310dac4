/**
 * The log-spaced latency histogram (1 ms to 16 384 s in 128 bins, so one bin spans a factor
 * (16384 / 0.001)^(1/128) ≈ 1.139): quantiles interpolate inside a bin, so they are exact to
 * within one bin's width.
 */
import { describe, expect, it } from 'vitest';
import { LATENCY_BINS, histogramQuantile, latencyBin } from '../../src/metrics/latencyHistogram.js';

const BIN_FACTOR = (16384 / 0.001) ** (1 / LATENCY_BINS);

function histogram(values: number[], offset = 0): Float64Array {
  const h = new Float64Array(offset + LATENCY_BINS);
  for (const v of values) h[offset + latencyBin(v)]! += 1;
  return h;
}

describe('latency histogram', () => {
  it('puts latencies in non-decreasing bins, with sub-millisecond ones in the first and huge ones in the last', () => {
    let prev = -1;
    for (let s = 1e-4; s < 1e5; s *= 1.05) {
      const k = latencyBin(s);
      expect(k).toBeGreaterThanOrEqual(prev);
      prev = k;
    }
    expect(latencyBin(0)).toBe(0);
    expect(latencyBin(0.0005)).toBe(0);
    expect(latencyBin(1e9)).toBe(LATENCY_BINS - 1);
  });

  it('returns a quantile within one bin width of the true value', () => {
    const values = Array.from({ length: 1000 }, (_, i) => (i + 1) / 1000); // 1 ms … 1 s
    const h = histogram(values);
    for (const [p, truth] of [[0.5, 0.5], [0.95, 0.95], [0.99, 0.99], [0.1, 0.1]] as const) {
      const q = histogramQuantile(h, 0, p);
      expect(q, `p${p * 100}`).toBeGreaterThan(truth / BIN_FACTOR);
      expect(q, `p${p * 100}`).toBeLessThan(truth * BIN_FACTOR);
    }
  });

  it('reads the histogram at an offset (one histogram per timeline bucket) and is NaN when empty', () => {
    const h = histogram([2, 2, 2], LATENCY_BINS);
    expect(histogramQuantile(h, 0, 0.5)).toBeNaN();
    const q = histogramQuantile(h, LATENCY_BINS, 0.5);
    expect(q).toBeGreaterThan(2 / BIN_FACTOR);
    expect(q).toBeLessThan(2 * BIN_FACTOR);
  });
});

import { describe, expect, it } from 'vitest';
import { batchMeansCI } from './queueingTheory.js';

describe('batchMeansCI', () => {
  it('gives the mean and t(0.995, 19)·s/√20 for 20 batches', () => {
    const xs = Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? 1 : 3));
    const { mean, halfWidth } = batchMeansCI(xs);
    expect(mean).toBe(2);
    // s² = 20/19 (deviations all ±1).
    expect(halfWidth).toBeCloseTo((2.860935 * Math.sqrt(20 / 19)) / Math.sqrt(20), 12);
  });

  it('refuses batch counts with no tabulated t value', () => {
    expect(() => batchMeansCI([1, 2, 3])).toThrow(/no t value/);
  });
});

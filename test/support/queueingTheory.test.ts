import { describe, expect, it } from 'vitest';
import { batchMeansCI, erlangB, erlangC, mmcMeanWait } from './queueingTheory.js';

/** The textbook formulas with factorials, fine for small c: a cross-check of the recursions. */
function erlangBDirect(c: number, a: number): number {
  let term = 1, sum = 1;
  for (let k = 1; k <= c; k++) { term *= a / k; sum += term; }
  return term / sum;
}
function erlangCDirect(c: number, a: number): number {
  let term = 1, sum = 0;
  for (let k = 0; k < c; k++) { sum += term; term *= a / (k + 1); }
  const wait = (term * c) / (c - a);
  return wait / (sum + wait);
}

describe('erlangB', () => {
  it.each([
    [10, 5, 0.01838], // teletraffic tables: 10 trunks, 5 erlangs
    [5, 2, 0.03670],
    [10, 4.46, 0.00999], // the 1%-blocking load for 10 trunks is 4.46 erlangs
    [1, 0.5, 1 / 3],
    [100, 80, 0.003992],
  ])('B(c=%d, a=%d) ≈ %d (table value, to its printed precision)', (c, a, b) => {
    expect(erlangB(c, a)).toBeCloseTo(b, 5);
  });

  it('agrees with the factorial formula and stays finite for very large c', () => {
    for (const [c, a] of [[3, 1.5], [8, 7.2], [20, 15]] as const) expect(erlangB(c, a)).toBeCloseTo(erlangBDirect(c, a), 14);
    const big = erlangB(2000, 1900);
    expect(Number.isFinite(big) && big > 0 && big < 0.05).toBe(true);
  });

  it('is 1 with no servers and 0 with no load', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(4, 0)).toBe(0);
  });
});

describe('erlangC', () => {
  it.each([
    [1, 0.9, 0.9], // M/M/1: the waiting probability is ρ
    [2, 1, 1 / 3],
    [3, 2, 4 / 9],
    [8, 7.2, 0.701533],
    [10, 8, 0.409180],
  ])('C(c=%d, a=%d) = %d', (c, a, expected) => {
    expect(erlangC(c, a)).toBeCloseTo(expected, 6);
  });

  it('agrees with the factorial formula', () => {
    for (const [c, a] of [[2, 1.6], [8, 4], [8, 6.4], [12, 11]] as const) expect(erlangC(c, a)).toBeCloseTo(erlangCDirect(c, a), 13);
  });

  it('rejects an unstable load (a >= c)', () => {
    expect(() => erlangC(2, 2)).toThrow(/unstable/);
  });
});

describe('mmcMeanWait', () => {
  it('M/M/1 mean wait is ρ/(μ − λ)', () => {
    expect(mmcMeanWait(0.9, 1, 1)).toBeCloseTo(9, 12);
    expect(mmcMeanWait(4, 5, 1)).toBeCloseTo(0.8, 12);
  });

  it('M/M/2 with λ = 1, μ = 1 waits C/(2μ − λ) = 1/3', () => {
    expect(mmcMeanWait(1, 1, 2)).toBeCloseTo(1 / 3, 12);
  });
});

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

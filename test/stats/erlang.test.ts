import { describe, expect, it } from 'vitest';
import { allenCunneenFactor, erlangB, erlangC, mmcMeanWait, mmcResponseQuantile, mmcResponseTail, mmcWaitPlusQuantile, mmcWaitPlusTail } from '../../src/stats/erlang.js';

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

describe('mmcResponseTail and mmcResponseQuantile', () => {
  it('M/M/1: the response time is exponential with rate μ − λ', () => {
    for (const t of [0, 0.05, 0.3, 2]) expect(mmcResponseTail(8, 10, 1, t)).toBeCloseTo(Math.exp(-2 * t), 12);
    expect(mmcResponseQuantile(8, 10, 1, 0.95)).toBeCloseTo(Math.log(20) / 2, 8);
  });

  it.each([[2, 1, 1], [4, 10, 3.2], [8, 100, 7.2], [2, 1, 1.0000000001]])('c = %d, μ = %d, a = %d: the tail integrates to the mean response Wq + 1/μ', (c, mu, a) => {
    const lambda = a * mu;
    const mean = mmcMeanWait(lambda, mu, c) + 1 / mu;
    // Simpson's rule on [0, 60 mean], where the tail has fallen below 1e-20.
    const n = 20000, h = (60 * mean) / n;
    let sum = mmcResponseTail(lambda, mu, c, 0) + mmcResponseTail(lambda, mu, c, n * h);
    for (let k = 1; k < n; k++) sum += (k % 2 ? 4 : 2) * mmcResponseTail(lambda, mu, c, k * h);
    expect((sum * h) / 3).toBeCloseTo(mean, 8);
  });

  it('the quantile is where the tail equals 1 − q', () => {
    const q = mmcResponseQuantile(70, 10, 8, 0.95);
    expect(mmcResponseTail(70, 10, 8, q)).toBeCloseTo(0.05, 8);
  });
});

describe('mmcWaitPlusTail: the M/M/c wait plus a service time given by its quantiles', () => {
  it('with exponential quantiles it is the M/M/c response tail (to the resolution of the quantile grid)', () => {
    const n = 4000, mu = 10;
    const xs = Array.from({ length: n }, (_, i) => -Math.log(1 - (i + 0.5) / n) / mu);
    for (const [c, lambda] of [[1, 8], [4, 32], [8, 70]] as const) {
      for (const t of [0.05, 0.2, 0.5]) expect(Math.abs(mmcWaitPlusTail(lambda, mu, c, xs, t) - mmcResponseTail(lambda, mu, c, t))).toBeLessThan(2 / n);
      expect(mmcWaitPlusQuantile(lambda, mu, c, xs, 0.95)).toBeCloseTo(mmcResponseQuantile(lambda, mu, c, 0.95), 2);
    }
  });

  it('with a fixed service time d, P(W + d > t) = C·e^(−θ(t − d)) beyond d and 1 before it', () => {
    const c = 4, mu = 10, lambda = 30;
    const C = erlangC(c, lambda / mu);
    expect(mmcWaitPlusTail(lambda, mu, c, [0.1], 0.05)).toBe(1);
    expect(mmcWaitPlusTail(lambda, mu, c, [0.1], 0.3)).toBeCloseTo(C * Math.exp(-(c * mu - lambda) * 0.2), 12);
  });
});

describe('allenCunneenFactor', () => {
  it('is 1 for M/M/c, 1/2 for M/D/c and (1/n)/2 + 1/2 for Erlang-n arrivals to exponential service', () => {
    expect(allenCunneenFactor(1, 1)).toBe(1);
    expect(allenCunneenFactor(1, 0)).toBe(0.5);
    expect(allenCunneenFactor(1 / 4, 1)).toBe(0.625);
  });

  it('scales the wait inside the latency tail: P(W·f + X > t) with f = 2 is the tail of a wait twice as long', () => {
    const c = 4, mu = 10, lambda = 30;
    const C = erlangC(c, lambda / mu);
    expect(mmcWaitPlusTail(lambda, mu, c, [0.1], 0.3, 2)).toBeCloseTo(C * Math.exp(-((c * mu - lambda) / 2) * 0.2), 12);
  });
});

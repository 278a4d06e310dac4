import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { normalCdf, normalPdf, normalQuantile, standardNormal } from '../../src/engine/normal.js';

// Reference values: 0.5 * erfc(-x / sqrt 2) in double precision (Python math.erfc).
const CDF: [number, number][] = [
  [-8, 6.220960574271819e-16], [-5, 2.866515718791946e-7], [-3, 0.0013498980316300957],
  [-1.96, 0.024997895148220435], [-1, 0.15865525393145707], [0, 0.5], [0.5, 0.6914624612740131],
  [1, 0.8413447460685429], [2, 0.9772498680518208], [3, 0.9986501019683699],
];
// Reference values: Python statistics.NormalDist().inv_cdf.
const QUANTILE: [number, number][] = [
  [1e-20, -9.262340089798405], [1e-10, -6.361340902404056], [1e-5, -4.2648907939228256],
  [0.001, -3.090232306167813], [0.025, -1.9599639845400538], [0.1, -1.2815515655446008],
  [0.3, -0.5244005127080407], [0.5, 0], [0.9, 1.2815515655446008], [0.99, 2.3263478740408408],
];

describe('normalCdf', () => {
  it.each(CDF)('Φ(%d) matches the reference to 1e-15 absolute and 1e-8 relative', (x, ref) => {
    expect(Math.abs(normalCdf(x) - ref)).toBeLessThan(1e-15);
    expect(Math.abs(normalCdf(x) - ref) / ref).toBeLessThan(1e-8);
  });

  it('is 0 and 1 far in the tails and symmetric', () => {
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(1.3) + normalCdf(-1.3)).toBeCloseTo(1, 15);
  });
});

describe('normalPdf', () => {
  it('is 1/sqrt(2π) at 0 and symmetric', () => {
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
    expect(normalPdf(1.5)).toBe(normalPdf(-1.5));
  });
});

describe('normalQuantile', () => {
  it.each(QUANTILE)('Φ⁻¹(%d) matches the reference to 1e-15 relative', (p, ref) => {
    expect(Math.abs(normalQuantile(p) - ref)).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(ref)));
  });

  it('is antisymmetric and inverts normalCdf', () => {
    for (const p of [0.001, 0.02, 0.2, 0.45]) {
      expect(normalQuantile(1 - p)).toBeCloseTo(-normalQuantile(p), 12);
      expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 14);
    }
  });

  it('is ±Infinity at 0 and 1 and rejects p outside [0, 1]', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(RangeError);
    expect(() => normalQuantile(NaN)).toThrow(/p must be in/);
  });
});

describe('standardNormal', () => {
  it('has mean 0 and variance 1 (4.5 standard errors, n = 200k)', () => {
    const rng = seedrandom.alea('normal');
    const n = 200_000;
    let s = 0, s2 = 0, s4 = 0;
    for (let i = 0; i < n; i++) {
      const z = standardNormal(rng);
      s += z; s2 += z * z; s4 += z ** 4;
    }
    // SE of the mean is 1/sqrt(n); SE of the mean of z² is sqrt(Var z²)/sqrt(n) = sqrt(2/n).
    expect(Math.abs(s / n)).toBeLessThan(4.5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4.5 * Math.sqrt(2 / n));
    // The fourth moment is 3 (SE sqrt(96/n)); a cheap check of the shape beyond the variance.
    expect(Math.abs(s4 / n - 3)).toBeLessThan(4.5 * Math.sqrt(96 / n));
  });

  it('is a pure function of the generator: the same stream gives the same draws', () => {
    const a = seedrandom.alea('same'), b = seedrandom.alea('same');
    for (let i = 0; i < 100; i++) expect(standardNormal(a)).toBe(standardNormal(b));
  });
});

/**
 * The least-squares capacity fit recovers the curve that generated its points: exactly from
 * noise-free points, and within its own stated error from noisy ones: each fitted parameter
 * within t(0.9995, points − 3) of its standard errors of the truth (a 99.9% interval; 6 such
 * checks on fixed seeds). Over 200 seeds of this set-up, the standardised errors of κ had sd 1.5
 * (t with 6 degrees of freedom: 1.22; the rest is the curve's nonlinearity), so the 99.9% bound
 * (5.96 standard errors) is left by a correct fit well under 1% of the time.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../../src/engine/random.js';
import { standardNormal } from '../../../src/engine/normal.js';
import { linearCurve, peakInFlight, throughputAt, type CapacityCurve } from '../../../src/models/capacity/curve.js';
import { tQuantile } from '../../../src/stats/tDistribution.js';
import { fitCapacity, type CapacityFit, type CapacityPoint } from '../../../src/models/capacity/fit.js';

const USL: CapacityCurve = { curve: 'usl', baseS: 0.01, sigma: 0.05, kappa: 0.0008 };
const LEVELS = [1, 2, 4, 8, 16, 24, 32, 48, 64];

function points(c: CapacityCurve, noise: number, seed: string): CapacityPoint[] {
  const rng = new RandomStreams(seed, 0).stream('noise');
  return LEVELS.map((n) => ({ concurrency: n, throughputPerS: throughputAt(c, n) * (1 + noise * standardNormal(rng)) }));
}

function fitted(kind: CapacityCurve['curve'], pts: CapacityPoint[]): CapacityFit {
  const f = fitCapacity(kind, pts);
  if (typeof f === 'string') throw new Error(f);
  return f;
}

describe('fitCapacity', () => {
  it('recovers σ, κ and base exactly from noise-free USL points (R² = 1, residuals 0)', () => {
    const f = fitted('usl', points(USL, 0, 'exact'));
    expect(f.curve.sigma).toBeCloseTo(USL.sigma, 6);
    expect(f.curve.kappa).toBeCloseTo(USL.kappa, 8);
    expect(f.curve.baseS).toBeCloseTo(USL.baseS, 9);
    expect(f.r2).toBeCloseTo(1, 9);
    expect(f.residualsPerS).toHaveLength(LEVELS.length);
    for (const r of f.residualsPerS) expect(Math.abs(r)).toBeLessThan(1e-6);
  });

  it('recovers σ and κ from points with 3% measurement noise within its 99.9% interval, and says the fit is good', () => {
    const t = tQuantile(0.9995, LEVELS.length - 3);
    for (const seed of ['noisy-a', 'noisy-b']) {
      const f = fitted('usl', points(USL, 0.03, seed));
      expect(f.stdErr.sigma).toBeGreaterThan(0);
      expect(f.stdErr.kappa).toBeGreaterThan(0);
      expect(Math.abs(f.curve.sigma - USL.sigma), `σ ${f.curve.sigma} ± ${f.stdErr.sigma}`).toBeLessThanOrEqual(t * f.stdErr.sigma);
      expect(Math.abs(f.curve.kappa - USL.kappa), `κ ${f.curve.kappa} ± ${f.stdErr.kappa}`).toBeLessThanOrEqual(t * f.stdErr.kappa);
      expect(Math.abs(f.curve.baseS - USL.baseS)).toBeLessThanOrEqual(t * f.stdErr.baseS);
      expect(f.r2).toBeGreaterThan(0.95);
    }
  });

  it('fits a linear curve (base + slope × others in flight) and finds its slope', () => {
    const truth = linearCurve(0.04, 0.005);
    const f = fitted('linear', points(truth, 0, 'linear'));
    expect(f.curve.kappa).toBe(0);
    expect(f.curve.baseS).toBeCloseTo(0.04, 9);
    expect(f.curve.sigma * f.curve.baseS).toBeCloseTo(0.005, 9);
  });

  it('a linear fit to retrograde (USL) data shows it in its quality: R² below 0.99 where the USL fit has 1', () => {
    const pts = points(USL, 0, 'retro');
    expect(fitted('usl', pts).r2).toBeCloseTo(1, 9);
    expect(fitted('linear', pts).r2).toBeLessThan(0.99);
  });

  it('keeps σ at 0 or above: points that scale better than linearly get σ = 0 and a fit that says so', () => {
    const f = fitted('linear', [{ concurrency: 1, throughputPerS: 10 }, { concurrency: 2, throughputPerS: 40 }, { concurrency: 4, throughputPerS: 160 }]);
    expect(f.curve.sigma).toBe(0);
    expect(f.r2).toBeLessThan(0.9);
  });
});

describe('curve', () => {
  it('USL throughput peaks at √((1 − σ)/κ) in flight', () => {
    const star = Math.sqrt((1 - USL.sigma) / USL.kappa);
    const n = peakInFlight(USL, 1000);
    expect(Math.abs(n - star)).toBeLessThan(1);
    expect(throughputAt(USL, n)).toBeGreaterThan(throughputAt(USL, n + 5));
    expect(throughputAt(USL, n)).toBeGreaterThan(throughputAt(USL, n - 5));
  });
});

/**
 * Arrival processes of a client class: non-homogeneous Poisson processes by thinning. The number
 * of arrivals in [a, b) is Poisson with mean Λ = ∫ rate(t) dt over [a, b), so every count below is
 * checked against Λ ± 3.29 √Λ (a two-sided 99.9% interval; the normal approximation is close for
 * Λ in the hundreds and more). Λ is computed in closed form here, independently of the code.
 */
import { describe, expect, it } from 'vitest';
import { startArrivals, type ArrivalShape } from '../../../src/models/clients/arrivals.js';
import { answer, clientWorld } from '../../support/clientWorld.js';
import { harness } from '../../support/modelHarness.js';

const Z = 3.29;

/** Arrival times of the process over [0, horizon). */
function arrivals(rate: number, shape: ArrivalShape, horizon: number, seed = 'arrivals'): number[] {
  const h = harness(seed);
  const times: number[] = [];
  startArrivals(h.sim, h.streams.stream('arrivals'), rate, shape, () => times.push(h.sim.now));
  h.sim.run(horizon);
  return times;
}

const countIn = (times: number[], a: number, b: number) => times.filter((t) => t >= a && t < b).length;

function expectPoisson(count: number, mean: number, what: string): void {
  expect(Math.abs(count - mean), `${what}: ${count} arrivals, expected ${mean.toFixed(1)}`).toBeLessThanOrEqual(Z * Math.sqrt(mean));
}

/**
 * ∫ rate over [a, b) for the diurnal shape rate × (1 + (f − 1)(1 − cos φ(t))/2),
 * φ(t) = 2π(t − peak_at + period/2)/period: the cosine integrates to (period/2π) [sin φ].
 */
function diurnalIntegral(rate: number, f: number, period: number, peakAt: number, a: number, b: number): number {
  const phi = (t: number) => (2 * Math.PI * (t - peakAt + period / 2)) / period;
  const cosIntegral = (period / (2 * Math.PI)) * (Math.sin(phi(b)) - Math.sin(phi(a)));
  return rate * ((b - a) + ((f - 1) / 2) * ((b - a) - cosIntegral));
}

describe('arrivals', () => {
  it('steady: the count over T is Poisson(rate × T), in total and in each tenth of the horizon', () => {
    const rate = 20, horizon = 1000;
    const times = arrivals(rate, { kind: 'steady' }, horizon);
    expectPoisson(times.length, rate * horizon, 'whole horizon');
    for (let k = 0; k < 10; k++) expectPoisson(countIn(times, k * 100, (k + 1) * 100), rate * 100, `tenth ${k}`);
  });

  it.each([
    { factor: 10, what: 'a spike' },
    { factor: 0.2, what: 'a dip' },
  ])('spike with factor $factor ($what): rate × factor during [at, at + duration), rate outside', ({ factor }) => {
    const rate = 5, at = 300, duration = 200, horizon = 1000;
    const times = arrivals(rate, { kind: 'spike', factor, at, duration }, horizon);
    expectPoisson(countIn(times, at, at + duration), rate * factor * duration, 'during the spike');
    expectPoisson(countIn(times, 0, at), rate * at, 'before');
    expectPoisson(countIn(times, at + duration, horizon), rate * (horizon - at - duration), 'after');
  });

  it('diurnal: the count over any interval is the integral of the rate (trough rate, peak rate × peak_factor at peak_at)', () => {
    const rate = 10, f = 3, period = 2000, peakAt = 500;
    const times = arrivals(rate, { kind: 'diurnal', peak_factor: f, period, peak_at: peakAt }, 2 * period);
    // Over whole periods the mean rate is rate × (1 + f)/2.
    expectPoisson(times.length, 2 * period * rate * (1 + f) / 2, 'two periods');
    expect(diurnalIntegral(rate, f, period, peakAt, 0, 2 * period)).toBeCloseTo(2 * period * rate * (1 + f) / 2, 6);
    // Each eighth of a period on its own (16 intervals: a correct model fails one with probability
    // about 1.6%, and the seed is fixed, so a failure here points at the shape, not at luck).
    for (let k = 0; k < 16; k++) {
      const a = k * period / 8, b = (k + 1) * period / 8;
      expectPoisson(countIn(times, a, b), diurnalIntegral(rate, f, period, peakAt, a, b), `[${a}, ${b})`);
    }
    // The quarter around the peak holds about f times the quarter around the trough.
    const aroundPeak = countIn(times, peakAt - 125, peakAt + 125);
    const aroundTrough = countIn(times, peakAt + 875, peakAt + 1125);
    expect(aroundPeak / aroundTrough).toBeGreaterThan(2.5);
  });

  it('a client class spec reaches the arrival process: spike fields in scenario units (10/s × 4 for 1 minute at 2 minutes)', () => {
    const w = clientWorld({ rate: '10/s', arrival: { kind: 'spike', factor: 4, at: '2m', duration: '1m' }, timeout: '1s' }, answer(0.01, true));
    w.h.sim.run(300);
    const firstTries = w.routed.map((r) => r.t);
    expectPoisson(countIn(firstTries, 120, 180), 10 * 4 * 60, 'spike minute');
    expectPoisson(countIn(firstTries, 0, 120), 10 * 120, 'before');
    expectPoisson(countIn(firstTries, 180, 300), 10 * 120, 'after');
  });
});

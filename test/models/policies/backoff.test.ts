import { describe, expect, it } from 'vitest';
import { backoffDelay, baseDelay, maxBackoffDelay, validateBackoff, type BackoffSpec } from '../../../src/models/policies/backoff.js';
import { RandomStreams } from '../../../src/engine/random.js';

/**
 * Statistical tolerance: 4.5 standard errors of the sample mean with N draws (a U(a, b) draw has
 * standard deviation (b − a)/√12). A correct implementation fails with probability about 7e-6, and
 * the seed is fixed, so the run is repeatable.
 */
const N = 100_000;
const Z = 4.5;

function sampleMean(spec: BackoffSpec, retry: number, previous: number, name: string): { mean: number; min: number; max: number } {
  const rng = new RandomStreams(11, 0).stream(name);
  let sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < N; i++) {
    const d = backoffDelay(spec, retry, previous, rng);
    sum += d; if (d < min) min = d; if (d > max) max = d;
  }
  return { mean: sum / N, min, max };
}

describe('backoffDelay without jitter', () => {
  it('constant backoff waits base before every retry', () => {
    const spec: BackoffSpec = { kind: 'constant', base: 0.25 };
    expect([1, 2, 7].map((r) => backoffDelay(spec, r, 0, () => 0.5))).toEqual([0.25, 0.25, 0.25]);
  });

  it('exponential backoff waits base × factor^(retry−1), factor defaulting to 2', () => {
    const spec: BackoffSpec = { kind: 'exponential', base: 0.1 };
    expect([1, 2, 3, 4].map((r) => backoffDelay(spec, r, 0, () => 0.5))).toEqual([0.1, 0.2, 0.4, 0.8]);
    expect(backoffDelay({ kind: 'exponential', base: 1, factor: 3 }, 3, 0, () => 0)).toBe(9);
  });

  it('cap bounds the delay, also when factor^retry overflows', () => {
    const spec: BackoffSpec = { kind: 'exponential', base: 1, cap: 5 };
    expect([1, 2, 3, 4, 5, 2000].map((r) => baseDelay(spec, r))).toEqual([1, 2, 4, 5, 5, 5]);
  });

  it('draws nothing from the stream', () => {
    let draws = 0;
    backoffDelay({ kind: 'exponential', base: 1 }, 2, 0, () => { draws++; return 0; });
    expect(draws).toBe(0);
  });

  it('rejects a retry number below 1 and validates specs', () => {
    expect(() => backoffDelay({ kind: 'constant', base: 1 }, 0, 0, () => 0)).toThrow(RangeError);
    expect(validateBackoff({ kind: 'exponential', base: -1 })).toMatch(/base/);
    expect(validateBackoff({ kind: 'exponential', base: 1, factor: 0.5 })).toMatch(/factor/);
    expect(validateBackoff({ kind: 'exponential', base: 1, factor: 2, cap: 20, jitter: 'full' })).toBeNull();
  });
});

describe('backoffDelay with jitter (AWS "Exponential Backoff and Jitter")', () => {
  const d = 4; // retry 3 of base 1, factor 2
  const exp = (jitter: BackoffSpec['jitter']): BackoffSpec => ({ kind: 'exponential', base: 1, jitter });

  it('full jitter is U(0, d): range [0, d) and mean d/2 within 4.5 standard errors', () => {
    const { mean, min, max } = sampleMean(exp('full'), 3, 0, 'full');
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(d);
    expect(Math.abs(mean - d / 2)).toBeLessThan(Z * (d / Math.sqrt(12)) / Math.sqrt(N));
  });

  it('equal jitter is d/2 + U(0, d/2): range [d/2, d) and mean 3d/4 within 4.5 standard errors', () => {
    const { mean, min, max } = sampleMean(exp('equal'), 3, 0, 'equal');
    expect(min).toBeGreaterThanOrEqual(d / 2);
    expect(max).toBeLessThan(d);
    expect(Math.abs(mean - (3 * d) / 4)).toBeLessThan(Z * (d / 2 / Math.sqrt(12)) / Math.sqrt(N));
  });

  it('decorrelated jitter is U(base, 3 × previous), with previous below base counting as base', () => {
    const spec = exp('decorrelated');
    const first = sampleMean(spec, 1, 0, 'dec1');
    expect(first.min).toBeGreaterThanOrEqual(1);
    expect(first.max).toBeLessThan(3);
    expect(Math.abs(first.mean - 2)).toBeLessThan(Z * (2 / Math.sqrt(12)) / Math.sqrt(N));
    const later = sampleMean(spec, 5, 2, 'dec2');
    expect(later.min).toBeGreaterThanOrEqual(1);
    expect(later.max).toBeLessThan(6);
    expect(Math.abs(later.mean - 3.5)).toBeLessThan(Z * (5 / Math.sqrt(12)) / Math.sqrt(N));
  });

  it('decorrelated jitter is capped, and ignores kind and factor', () => {
    const spec: BackoffSpec = { kind: 'constant', base: 1, factor: 10, cap: 4, jitter: 'decorrelated' };
    expect(backoffDelay(spec, 9, 100, () => 0.999)).toBe(4);
    expect(backoffDelay(spec, 9, 1, () => 0.5)).toBe(2);
  });

  it('each jittered delay draws exactly one number', () => {
    for (const jitter of ['full', 'equal', 'decorrelated'] as const) {
      let draws = 0;
      backoffDelay(exp(jitter), 2, 1, () => { draws++; return 0.5; });
      expect(draws).toBe(1);
    }
  });
});

describe('maxBackoffDelay: the longest wait any draw can give', () => {
  it('bounds every jittered draw, and is reached by exponential without jitter', () => {
    const rng = new RandomStreams(1, 0).stream('max-backoff');
    for (const jitter of ['none', 'full', 'equal', 'decorrelated'] as const) {
      const spec: BackoffSpec = { kind: 'exponential', base: 0.5, factor: 2, cap: 30, jitter };
      let previous = 0;
      for (let retry = 1; retry <= 6; retry++) {
        const d = backoffDelay(spec, retry, previous, rng);
        expect(d, `${jitter} retry ${retry}`).toBeLessThanOrEqual(maxBackoffDelay(spec, retry));
        previous = d;
      }
    }
    expect([1, 2, 3, 4, 5].map((r) => maxBackoffDelay({ kind: 'exponential', base: 1, factor: 2, cap: 4 }, r))).toEqual([1, 2, 4, 4, 4]);
    expect([1, 2, 3].map((r) => maxBackoffDelay({ kind: 'exponential', base: 1, cap: 20, jitter: 'decorrelated' }, r))).toEqual([3, 9, 20]);
  });
});

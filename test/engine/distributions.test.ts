import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { distMean, distQuantile, distVariance, sampler, validateDist, type DistSpec } from '../../src/engine/distributions.js';

/**
 * Statistical tolerance for every check below: 4.5 standard errors with n = 200k draws. For a
 * mean the SE is the sample SD / sqrt(n); for a quantile q_p we check the fraction of draws ≤ q_p,
 * a binomial proportion with SE sqrt(p(1-p)/n). A correct sampler fails one check with probability
 * about 7e-6 (two-sided normal tail beyond 4.5), and the seeds are fixed, so the run is repeatable.
 */
const N = 200_000;
const Z = 4.5;

function draw(spec: DistSpec, seed: string): Float64Array {
  const f = sampler(spec);
  const rng = seedrandom.alea(seed);
  const xs = new Float64Array(N);
  for (let i = 0; i < N; i++) xs[i] = f(rng);
  return xs;
}

function expectMeanMatches(xs: Float64Array, analytic: number): void {
  let s = 0, s2 = 0;
  for (const x of xs) { s += x; s2 += x * x; }
  const mean = s / N;
  const sd = Math.sqrt(Math.max(0, (s2 - N * mean * mean) / (N - 1)));
  expect(Math.abs(mean - analytic)).toBeLessThanOrEqual(Z * sd / Math.sqrt(N) + 1e-12 * Math.abs(analytic));
}

function expectQuantileMatches(xs: Float64Array, spec: DistSpec, p: number): void {
  const q = distQuantile(spec, p);
  let below = 0;
  for (const x of xs) if (x <= q) below++;
  expect(Math.abs(below / N - p)).toBeLessThanOrEqual(Z * Math.sqrt((p * (1 - p)) / N));
}

const CONTINUOUS: [string, DistSpec][] = [
  ['uniform', { uniform: [0.1, 0.5] }],
  ['exponential', { exponential: { mean: 0.2 } }],
  ['normal, truncation negligible', { normal: { mean: 1, sd: 0.3 } }],
  ['normal, heavily truncated at 0', { normal: { mean: 0.1, sd: 0.2 } }],
  ['lognormal', { lognormal: { p50: 0.1, p99: 0.5 } }],
  ['empirical', { empirical: { p50: 0.1, p90: 0.3, p99: 1, 'p99.9': 3 } }],
];

describe('sampler', () => {
  it.each(CONTINUOUS)('%s: sample mean and quantiles p10, p50, p90, p99 agree with the analytic values', (name, spec) => {
    const xs = draw(spec, name);
    expectMeanMatches(xs, distMean(spec));
    for (const p of [0.1, 0.5, 0.9, 0.99]) expectQuantileMatches(xs, spec, p);
    expect(xs.every((x) => x >= 0)).toBe(true);
  });

  it('a number and {fixed} always give that value', () => {
    const rng = seedrandom.alea('f');
    expect(sampler(0.25)(rng)).toBe(0.25);
    expect(sampler({ fixed: 3 })(rng)).toBe(3);
  });

  it('lognormal hits its p50 and p99: half the draws fall below p50 and 99% below p99', () => {
    const spec: DistSpec = { lognormal: { p50: 0.2, p99: 2 } };
    expect(distQuantile(spec, 0.5)).toBeCloseTo(0.2, 14);
    expect(distQuantile(spec, 0.99)).toBeCloseTo(2, 13);
    const xs = draw(spec, 'lognormal-hit');
    let b50 = 0, b99 = 0;
    for (const x of xs) { if (x <= 0.2) b50++; if (x <= 2) b99++; }
    expect(Math.abs(b50 / N - 0.5)).toBeLessThanOrEqual(Z * Math.sqrt(0.25 / N));
    expect(Math.abs(b99 / N - 0.99)).toBeLessThanOrEqual(Z * Math.sqrt(0.0099 / N));
  });

  it('is stateless: the same generator state gives the same draw, whoever else shares the sampler', () => {
    const f = sampler({ normal: { mean: 1, sd: 0.5 } });
    const a = seedrandom.alea('a'), b = seedrandom.alea('b'), a2 = seedrandom.alea('a');
    const interleaved: number[] = [];
    for (let i = 0; i < 50; i++) { interleaved.push(f(a)); f(b); }
    const alone = Array.from({ length: 50 }, () => f(a2));
    expect(interleaved).toEqual(alone);
  });

  it('throws a RangeError naming the problem for an invalid spec', () => {
    expect(() => sampler({ uniform: [2, 1] })).toThrow(/sampler: uniform: low 2 is above high 1/);
  });
});

describe('distMean', () => {
  it.each<[DistSpec, number]>([
    [0.5, 0.5], [{ fixed: 2 }, 2], [{ uniform: [1, 3] }, 2], [{ exponential: { mean: 0.7 } }, 0.7],
    [{ normal: { mean: 5, sd: 0.1 } }, 5],
    // E = exp(mu + sigma²/2) with mu = ln 1 = 0 and sigma = ln 10 / z99.
    [{ lognormal: { p50: 1, p99: 10 } }, Math.exp((Math.log(10) / 2.3263478740408408) ** 2 / 2)],
    // Segments [0,0]→[.5,1]→[1,3]: each uniform, 0.5·0.5 + 0.5·2.
    [{ empirical: { p50: 1, p100: 3 } }, 1.25],
  ])('mean of %j is %d', (spec, mean) => {
    expect(distMean(spec)).toBeCloseTo(mean, 12);
  });

  it('normal truncated at 0 has the truncated mean: mean + sd·φ(α)/(1−Φ(α)), α = −mean/sd', () => {
    // mean 0, sd 1: the half-normal, whose mean is sqrt(2/π).
    expect(distMean({ normal: { mean: 0, sd: 1 } })).toBeCloseTo(Math.sqrt(2 / Math.PI), 13);
  });
});

describe('distQuantile', () => {
  it('uniform and exponential quantiles are the closed forms', () => {
    expect(distQuantile({ uniform: [1, 3] }, 0.25)).toBe(1.5);
    expect(distQuantile({ exponential: { mean: 2 } }, 0.5)).toBeCloseTo(2 * Math.LN2, 14);
    expect(distQuantile({ fixed: 4 }, 0.99)).toBe(4);
  });

  it('normal quantile is of the truncated distribution (half-normal median = Φ⁻¹(0.75))', () => {
    expect(distQuantile({ normal: { mean: 0, sd: 1 } }, 0.5)).toBeCloseTo(0.6744897501960817, 12);
    expect(distQuantile({ normal: { mean: 10, sd: 1 } }, 0.975)).toBeCloseTo(11.959963984540054, 10);
  });

  it('rejects p outside [0, 1]', () => {
    expect(() => distQuantile(1, 1.1)).toThrow(/p must be in \[0, 1\]/);
  });
});

describe('validateDist', () => {
  it.each<[DistSpec]>([[0], [1.5], [{ fixed: 0 }], [{ uniform: [0, 0] }], [{ exponential: { mean: 1 } }],
    [{ normal: { mean: 1, sd: 0 } }], [{ lognormal: { p50: 1, p99: 1 } }], [{ empirical: { p50: 1 } }]])(
    'accepts %j', (spec) => {
      expect(validateDist(spec)).toBeNull();
    });

  it.each<[unknown, RegExp]>([
    [-1, /fixed: must be a finite number of seconds >= 0, got -1/],
    [NaN, /fixed: .*got NaN/],
    [{ uniform: [3, 1] }, /uniform: low 3 is above high 1/],
    [{ uniform: [-1, 1] }, /uniform: low is negative/],
    [{ uniform: [1] }, /uniform: expected \[low, high\]/],
    [{ exponential: { mean: -2 } }, /exponential: mean must be .* >= 0, got -2/],
    [{ normal: { mean: 1, sd: -1 } }, /normal: sd must be .* >= 0, got -1/],
    [{ normal: { mean: -1, sd: 1 } }, /normal: mean must be/],
    [{ lognormal: { p50: 2, p99: 1 } }, /lognormal: p99 \(1\) is below p50 \(2\)/],
    [{ lognormal: { p50: 0, p99: 1 } }, /lognormal: p50 must be .* > 0/],
    [{ empirical: { p50: 2, p90: 1 } }, /empirical: values must not decrease .* p90 = 1 < p50 = 2/],
    [{ empirical: { p150: 1 } }, /empirical: percentile p150 is outside p0\.\.p100/],
    [{ empirical: { median: 1 } }, /empirical: key 'median' is not a percentile/],
    [{ empirical: { p50: -1 } }, /empirical: p50 is negative/],
    [{ empirical: {} }, /empirical: the table is empty/],
    [{ empirical: { p50: 1, 'p50.0': 1 } }, /name the same percentile/],
    [{ gamma: { k: 2 } }, /unknown distribution kind 'gamma'/],
    [{ fixed: 1, uniform: [0, 1] }, /exactly one kind/],
    ['5s', /must be a number of seconds or an object/],
  ])('rejects %j', (spec, message) => {
    expect(validateDist(spec as DistSpec)).toMatch(message);
  });
});

describe('distVariance', () => {
  it.each(CONTINUOUS)('%s: the sample variance agrees with the analytic one (4.5 standard errors, from the sample fourth moment)', (name, spec) => {
    const xs = draw(spec, `${name}:variance`);
    let s = 0;
    for (const x of xs) s += x;
    const mean = s / N;
    let m2 = 0, m4 = 0;
    for (const x of xs) { const d = (x - mean) ** 2; m2 += d; m4 += d * d; }
    m2 /= N;
    m4 /= N;
    expect(Math.abs(m2 - distVariance(spec))).toBeLessThanOrEqual(Z * Math.sqrt((m4 - m2 * m2) / N));
  });

  it('is 0 for a fixed value and the square of the mean for an exponential', () => {
    expect(distVariance(0.3)).toBe(0);
    expect(distVariance({ exponential: { mean: 0.2 } })).toBeCloseTo(0.04, 15);
  });
});

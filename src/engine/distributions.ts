/**
 * Distributions of durations, written in scenario files and compiled once into samplers. All
 * values are seconds (the scenario layer has already parsed '250ms' and the like).
 *
 * The normal distribution is truncated at 0 by resampling, so it is a true truncated normal:
 * `distMean` and `distQuantile` return the truncated distribution's values, which differ from
 * `mean` noticeably only when sd is comparable to the mean.
 */
import { compileEmpirical, empiricalMean, empiricalQuantile } from './empirical.js';
import { normalCdf, normalPdf, normalQuantile, standardNormal } from './normal.js';
import type { Rng } from './random.js';

/** A duration distribution as written in a scenario; every value is in seconds. */
export type DistSpec =
  | number
  | { fixed: number }
  | { uniform: [number, number] }
  | { exponential: { mean: number } }
  | { normal: { mean: number; sd: number } }
  | { lognormal: { p50: number; p99: number } }
  | { empirical: Record<string, number> };

/** Draws one value (seconds) using the given uniform generator. */
export type Sampler = (rng: Rng) => number;

/** z such that Φ(z) = 0.99: lognormal sigma = ln(p99 / p50) / Z99. */
const Z99 = 2.3263478740408408;

/** A spec resolved to its kind and parameters once validated; every function below starts here. */
type Parsed =
  | { kind: 'fixed'; v: number }
  | { kind: 'uniform'; lo: number; hi: number }
  | { kind: 'exponential'; mean: number }
  | { kind: 'normal'; mean: number; sd: number }
  | { kind: 'lognormal'; mu: number; sigma: number }
  | { kind: 'empirical'; table: Exclude<ReturnType<typeof compileEmpirical>, string> };

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const bad = (x: unknown): string => (typeof x === 'number' ? String(x) : JSON.stringify(x));

function parse(spec: DistSpec): Parsed | string {
  if (typeof spec === 'number') spec = { fixed: spec };
  if (spec === null || typeof spec !== 'object') return `a distribution must be a number of seconds or an object, got ${bad(spec)}`;
  const keys = Object.keys(spec);
  if (keys.length !== 1) return `a distribution needs exactly one kind (fixed, uniform, exponential, normal, lognormal, empirical), got {${keys.join(', ')}}`;
  const s = spec as Record<string, any>;
  if ('fixed' in s) {
    if (!isNum(s.fixed) || s.fixed < 0) return `fixed: must be a finite number of seconds >= 0, got ${bad(s.fixed)}`;
    return { kind: 'fixed', v: s.fixed };
  }
  if ('uniform' in s) {
    const u = s.uniform;
    if (!Array.isArray(u) || u.length !== 2 || !isNum(u[0]) || !isNum(u[1])) return `uniform: expected [low, high] in seconds, got ${bad(u)}`;
    if (u[0] < 0) return `uniform: low is negative (${u[0]})`;
    if (u[0] > u[1]) return `uniform: low ${u[0]} is above high ${u[1]}`;
    return { kind: 'uniform', lo: u[0], hi: u[1] };
  }
  if ('exponential' in s) {
    const m = s.exponential?.mean;
    if (!isNum(m) || m < 0) return `exponential: mean must be a finite number of seconds >= 0, got ${bad(m)}`;
    return { kind: 'exponential', mean: m };
  }
  if ('normal' in s) {
    const { mean, sd } = s.normal ?? {};
    if (!isNum(mean) || mean < 0) return `normal: mean must be a finite number of seconds >= 0, got ${bad(mean)}`;
    if (!isNum(sd) || sd < 0) return `normal: sd must be a finite number of seconds >= 0, got ${bad(sd)}`;
    return { kind: 'normal', mean, sd };
  }
  if ('lognormal' in s) {
    const { p50, p99 } = s.lognormal ?? {};
    if (!isNum(p50) || p50 <= 0) return `lognormal: p50 must be a finite number of seconds > 0, got ${bad(p50)}`;
    if (!isNum(p99)) return `lognormal: p99 must be a finite number of seconds, got ${bad(p99)}`;
    if (p99 < p50) return `lognormal: p99 (${p99}) is below p50 (${p50})`;
    return { kind: 'lognormal', mu: Math.log(p50), sigma: Math.log(p99 / p50) / Z99 };
  }
  if ('empirical' in s) {
    const t = compileEmpirical(s.empirical);
    return typeof t === 'string' ? t : { kind: 'empirical', table: t };
  }
  return `unknown distribution kind '${keys[0]}' (expected fixed, uniform, exponential, normal, lognormal or empirical)`;
}

function parseOrThrow(spec: DistSpec, caller: string): Parsed {
  const p = parse(spec);
  if (typeof p === 'string') throw new RangeError(`${caller}: ${p}`);
  return p;
}

/** A human message for an impossible spec (negative values, low > high, p99 < p50, …), or null if it is valid. */
export function validateDist(spec: DistSpec): string | null {
  const p = parse(spec);
  return typeof p === 'string' ? p : null;
}

/**
 * Compiles a spec into a sampler: a stateless closure that allocates nothing per draw, so one
 * sampler may serve many components, each passing its own stream. Throws RangeError on an invalid spec.
 */
export function sampler(spec: DistSpec): Sampler {
  const d = parseOrThrow(spec, 'sampler');
  switch (d.kind) {
    case 'fixed': {
      const v = d.v;
      return () => v;
    }
    case 'uniform': {
      const lo = d.lo, width = d.hi - d.lo;
      return (rng) => lo + width * rng();
    }
    case 'exponential': {
      const mean = d.mean;
      return (rng) => -mean * Math.log(1 - rng());
    }
    case 'normal': {
      const { mean, sd } = d;
      // Resampling: the acceptance probability is at least 1/2 because mean >= 0.
      return (rng) => {
        for (;;) {
          const x = mean + sd * standardNormal(rng);
          if (x >= 0) return x;
        }
      };
    }
    case 'lognormal': {
      const { mu, sigma } = d;
      return (rng) => Math.exp(mu + sigma * standardNormal(rng));
    }
    case 'empirical': {
      const t = d.table;
      return (rng) => empiricalQuantile(t, rng());
    }
  }
}

/** The analytic mean in seconds (for the normal, of the distribution truncated at 0). */
export function distMean(spec: DistSpec): number {
  const d = parseOrThrow(spec, 'distMean');
  switch (d.kind) {
    case 'fixed': return d.v;
    case 'uniform': return (d.lo + d.hi) / 2;
    case 'exponential': return d.mean;
    case 'normal': {
      if (d.sd === 0) return d.mean;
      const alpha = -d.mean / d.sd;
      return d.mean + (d.sd * normalPdf(alpha)) / (1 - normalCdf(alpha));
    }
    case 'lognormal': return Math.exp(d.mu + (d.sigma * d.sigma) / 2);
    case 'empirical': return empiricalMean(d.table);
  }
}

/** The analytic p-quantile in seconds, p ∈ [0, 1] (for the normal, of the distribution truncated at 0). */
export function distQuantile(spec: DistSpec, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`distQuantile: p must be in [0, 1], got ${p}`);
  const d = parseOrThrow(spec, 'distQuantile');
  switch (d.kind) {
    case 'fixed': return d.v;
    case 'uniform': return d.lo + p * (d.hi - d.lo);
    case 'exponential': return -d.mean * Math.log(1 - p);
    case 'normal': {
      if (d.sd === 0) return d.mean;
      const f0 = normalCdf(-d.mean / d.sd);
      return Math.max(0, d.mean + d.sd * normalQuantile(f0 + p * (1 - f0)));
    }
    case 'lognormal': return d.sigma === 0 ? Math.exp(d.mu) : Math.exp(d.mu + d.sigma * normalQuantile(p));
    case 'empirical': return empiricalQuantile(d.table, p);
  }
}

/** The analytic variance in seconds² (for the normal, of the distribution truncated at 0; an empirical table by integrating its quantile function). */
export function distVariance(spec: DistSpec): number {
  const d = parseOrThrow(spec, 'distVariance');
  switch (d.kind) {
    case 'fixed': return 0;
    case 'uniform': return (d.hi - d.lo) ** 2 / 12;
    case 'exponential': return d.mean * d.mean;
    case 'normal': {
      if (d.sd === 0) return 0;
      const alpha = -d.mean / d.sd;
      const h = normalPdf(alpha) / (1 - normalCdf(alpha));
      return d.sd * d.sd * (1 + alpha * h - h * h);
    }
    case 'lognormal': return (Math.exp(d.sigma * d.sigma) - 1) * Math.exp(2 * d.mu + d.sigma * d.sigma);
    case 'empirical': {
      const n = 10_000;
      let s1 = 0, s2 = 0;
      for (let i = 0; i < n; i++) {
        const x = empiricalQuantile(d.table, (i + 0.5) / n);
        s1 += x;
        s2 += x * x;
      }
      return Math.max(0, s2 / n - (s1 / n) ** 2);
    }
  }
}

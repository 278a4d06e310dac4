/**
 * Backoff: how long a client waits before retry number `retry`. Definitions follow the AWS
 * Architecture Blog, "Exponential Backoff and Jitter" (Marc Brooker, 2015):
 *
 * - the un-jittered delay is d = base (constant) or d = min(cap, base × factor^(retry−1))
 *   (exponential), so the first retry waits `base`;
 * - jitter 'none' returns d; 'full' returns U(0, d); 'equal' returns d/2 + U(0, d/2);
 * - 'decorrelated' ignores `kind` and `factor`: it returns min(cap, U(base, 3 × previous)), where
 *   `previous` is the delay returned for the previous retry (the blog starts `sleep` at `base`, so a
 *   `previous` below `base`, e.g. 0 on the first retry, counts as `base`).
 *
 * U(a, b) is a + rng() × (b − a), so with an Rng on [0, 1) a draw lies in [a, b). Units: seconds.
 */
import type { Rng } from '../../engine/random.js';

/** Jitter applied to the un-jittered delay; see the module comment. */
export type JitterKind = 'none' | 'full' | 'equal' | 'decorrelated';

/** A backoff schedule. `base` and `cap` in seconds; `factor` defaults to 2, `cap` to Infinity, `jitter` to 'none'. */
export interface BackoffSpec {
  kind: 'constant' | 'exponential';
  base: number;
  factor?: number;
  cap?: number;
  jitter?: JitterKind;
}

/** Why a spec is invalid, or null when it is valid. */
export function validateBackoff(spec: BackoffSpec): string | null {
  if (!(spec.base >= 0 && spec.base < Infinity)) return `base must be a finite number of seconds >= 0, got ${spec.base}`;
  if (spec.factor !== undefined && !(spec.factor >= 1 && spec.factor < Infinity)) return `factor must be a finite number >= 1, got ${spec.factor}`;
  if (spec.cap !== undefined && !(spec.cap >= 0)) return `cap must be a number of seconds >= 0, got ${spec.cap}`;
  return null;
}

/** The delay d before jitter: `base`, or `base × factor^(retry−1)`, capped at `cap`. */
export function baseDelay(spec: BackoffSpec, retry: number): number {
  const cap = spec.cap ?? Infinity;
  const d = spec.kind === 'constant' ? spec.base : spec.base * Math.pow(spec.factor ?? 2, retry - 1);
  return d < cap ? d : cap;
}

/**
 * The longest delay `backoffDelay` can return before retry number `retry`, whatever the draws
 * (decorrelated jitter: at most 3 × the previous bound, from `base`, capped). Seconds.
 */
export function maxBackoffDelay(spec: BackoffSpec, retry: number): number {
  if ((spec.jitter ?? 'none') !== 'decorrelated') return baseDelay(spec, retry);
  const d = spec.base * Math.pow(3, retry);
  const cap = spec.cap ?? Infinity;
  return d < cap ? d : cap;
}

/**
 * Delay in seconds before retry number `retry` (1 = first retry); `previous` is the delay returned
 * for the previous retry (only 'decorrelated' uses it; pass 0 on the first retry). Draws exactly
 * one number from `rng` when jittered, none otherwise.
 */
export function backoffDelay(spec: BackoffSpec, retry: number, previous: number, rng: Rng): number {
  if (!(Number.isInteger(retry) && retry >= 1)) throw new RangeError(`backoffDelay: retry must be an integer >= 1, got ${retry}`);
  switch (spec.jitter ?? 'none') {
    case 'none': return baseDelay(spec, retry);
    case 'full': return rng() * baseDelay(spec, retry);
    case 'equal': { const half = baseDelay(spec, retry) / 2; return half + rng() * half; }
    case 'decorrelated': {
      const cap = spec.cap ?? Infinity;
      const prev = previous > spec.base ? previous : spec.base;
      const d = spec.base + rng() * (3 * prev - spec.base);
      return d < cap ? d : cap;
    }
  }
}

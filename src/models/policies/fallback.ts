/**
 * What a caller does when a call fails or is short-circuited (breaker open, rate limited, shed):
 * - 'fail': the request fails (value 0);
 * - 'cached': it is answered in degraded form (a cached answer, a smaller model, the feature
 *   without AI), worth `successValue` of a full success (0..1), counted as degraded, not failed;
 * - 'queue': it is kept for later (value 0 now; its eventual outcome is the queue's business),
 *   unless `maxQueued` requests are already queued, when it fails.
 */

/** A fallback; see the module comment. */
export type FallbackSpec =
  | { kind: 'fail' }
  | { kind: 'cached'; successValue: number }
  | { kind: 'queue'; maxQueued?: number };

/** The result of applying a fallback. */
export interface FallbackResult {
  outcome: 'failed' | 'degraded' | 'queued';
  value: number;
}

const FAILED: FallbackResult = Object.freeze({ outcome: 'failed', value: 0 }) as FallbackResult;
const QUEUED: FallbackResult = Object.freeze({ outcome: 'queued', value: 0 }) as FallbackResult;

/** Applies `spec` to one failed request; `queuedNow` is how many are already queued (for 'queue'). */
export function applyFallback(spec: FallbackSpec, queuedNow = 0): FallbackResult {
  switch (spec.kind) {
    case 'fail': return FAILED;
    case 'cached': return { outcome: 'degraded', value: spec.successValue };
    case 'queue': return queuedNow < (spec.maxQueued ?? Infinity) ? QUEUED : FAILED;
  }
}

/** Why a spec is invalid, or null. */
export function validateFallback(spec: FallbackSpec): string | null {
  if (spec.kind === 'cached' && !(spec.successValue >= 0 && spec.successValue <= 1)) return `successValue must be in [0, 1], got ${spec.successValue}`;
  if (spec.kind === 'queue' && spec.maxQueued !== undefined && !(spec.maxQueued >= 0)) return `maxQueued must be >= 0, got ${spec.maxQueued}`;
  return null;
}

import { describe, expect, it } from 'vitest';
import { applyFallback, validateFallback } from '../../../src/models/policies/fallback.js';

describe('applyFallback', () => {
  it("'fail' fails the request with value 0", () => {
    expect(applyFallback({ kind: 'fail' })).toEqual({ outcome: 'failed', value: 0 });
  });

  it("'cached' answers degraded, worth its successValue", () => {
    expect(applyFallback({ kind: 'cached', successValue: 0.6 })).toEqual({ outcome: 'degraded', value: 0.6 });
  });

  it("'queue' queues until maxQueued are waiting, then fails", () => {
    const spec = { kind: 'queue', maxQueued: 2 } as const;
    expect([0, 1, 2].map((q) => applyFallback(spec, q).outcome)).toEqual(['queued', 'queued', 'failed']);
    expect(applyFallback({ kind: 'queue' }, 1e9).outcome).toBe('queued');
  });

  it('validates successValue and maxQueued', () => {
    expect(validateFallback({ kind: 'cached', successValue: 1.5 })).toMatch(/successValue/);
    expect(validateFallback({ kind: 'queue', maxQueued: -1 })).toMatch(/maxQueued/);
    expect(validateFallback({ kind: 'cached', successValue: 0.5 })).toBeNull();
  });
});

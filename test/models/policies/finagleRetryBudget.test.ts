import { describe, expect, it } from 'vitest';
import { FinagleRetryBudget } from '../../../src/models/policies/finagleRetryBudget.js';

function grantedInARow(b: FinagleRetryBudget, nowS: number, limit = 100_000): number {
  let n = 0;
  while (n < limit && b.canRetry(nowS, 'error')) n++;
  return n;
}

describe('FinagleRetryBudget (Finagle RetryBudget / Linkerd retry budget)', () => {
  it('starts with the reserve: min_retries_per_s × ttl = 100 retries with the defaults, then refuses', () => {
    expect(grantedInARow(new FinagleRetryBudget(), 0)).toBe(100);
  });

  it('a request deposits retry_ratio retries whatever its outcome: 50 requests buy 10 more at 20%', () => {
    const b = new FinagleRetryBudget();
    for (let i = 0; i < 50; i++) { b.onRequest(0.5); b.onAttemptDone?.(0.5, false, false); }
    for (let i = 0; i < 50; i++) b.onSuccess(0.5);
    expect(grantedInARow(b, 0.5)).toBe(110);
  });

  it('with no reserve, 5 requests pay for one retry at retry_ratio 0.2 (4 do not)', () => {
    const b = new FinagleRetryBudget({ minRetriesPerS: 0 });
    for (let i = 0; i < 4; i++) b.onRequest(1);
    expect(b.canRetry(1, 'error')).toBe(false);
    b.onRequest(1);
    expect(b.canRetry(1, 'error')).toBe(true);
    expect(b.canRetry(1, 'error')).toBe(false);
  });

  it('deposits expire after the ttl (Finagle drops them with their slice: between 0.9 × ttl and ttl)', () => {
    const b = new FinagleRetryBudget({ minRetriesPerS: 0, ttlS: 10 });
    for (let i = 0; i < 50; i++) b.onRequest(0.05); // slice [0, 1 s): 10 retries' worth
    expect(b.balance(9.99)).toBe(10);
    expect(b.balance(10)).toBe(0);
    for (let i = 0; i < 50; i++) b.onRequest(10.95); // slice [10 s, 11 s): expires at 20 s, 9.05 s later
    expect(b.balance(19.99)).toBe(10);
    expect(b.balance(20)).toBe(0);
  });

  it('withdrawals expire too: the reserve comes back a ttl after it was spent', () => {
    const b = new FinagleRetryBudget({ minRetriesPerS: 1, ttlS: 10 });
    expect(grantedInARow(b, 2)).toBe(10);
    expect(b.canRetry(11.9, 'error')).toBe(false);
    expect(grantedInARow(b, 12)).toBe(10);
  });

  it('over a long run at a steady rate, retries granted ≈ retry_ratio × requests + min_retries_per_s × time', () => {
    // 100 requests/s for 100 s, each failing and asking for a retry at once: deposits allow
    // 0.2 × 10,000 = 2,000 and the reserve 10 per second = 1,000 (+ its first 100 at the start).
    const b = new FinagleRetryBudget();
    let granted = 0;
    for (let i = 0; i < 10_000; i++) {
      const t = i / 100;
      b.onRequest(t);
      if (b.canRetry(t, 'error')) granted++;
    }
    expect(granted).toBeGreaterThanOrEqual(3000);
    expect(granted).toBeLessThanOrEqual(3100);
  });

  it('refuses a ttl outside [1 s, 60 s] and a fractional reserve, as Finagle does', () => {
    expect(() => new FinagleRetryBudget({ ttlS: 0.5 })).toThrow(/ttl/);
    expect(() => new FinagleRetryBudget({ ttlS: 61 })).toThrow(/ttl/);
    expect(() => new FinagleRetryBudget({ minRetriesPerS: 1.5 })).toThrow(/minRetriesPerS/);
  });
});

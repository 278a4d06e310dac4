import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/models/policies/rateLimiter.js';

describe('TokenBucket (edge rate limit)', () => {
  it('starts full: a burst of `burst` requests passes, the next is refused', () => {
    const b = new TokenBucket(2, 5);
    expect(Array.from({ length: 6 }, () => b.tryTake(0))).toEqual([true, true, true, true, true, false]);
  });

  it('Retry-After is the exact wait for the next token, and a take then succeeds', () => {
    const b = new TokenBucket(2, 5);
    for (let i = 0; i < 5; i++) b.tryTake(0);
    expect(b.retryAfterS(0)).toBe(0.5);
    expect(b.retryAfterS(0.2)).toBeCloseTo(0.3, 12);
    expect(b.tryTake(0.49)).toBe(false);
    expect(b.tryTake(0.5)).toBe(true);
    expect(b.tryTake(0.5)).toBe(false);
    expect(b.retryAfterS(0.5, 3)).toBe(1.5);
  });

  it('refills at exactly ratePerS with no drift: 1,000 takes one interval apart all pass', () => {
    const b = new TokenBucket(10, 1);
    b.tryTake(0);
    let passed = 0, extra = 0;
    for (let k = 1; k <= 1000; k++) {
      const t = k * 0.1;
      if (b.tryTake(t)) passed++;
      if (b.tryTake(t)) extra++;
    }
    expect([passed, extra]).toEqual([1000, 0]);
  });

  it('following Retry-After repeatedly never fails to get a token', () => {
    const b = new TokenBucket(3, 1);
    let t = 0, ok = 0;
    b.tryTake(t);
    for (let i = 0; i < 1000; i++) { t += b.retryAfterS(t); if (b.tryTake(t)) ok++; }
    expect(ok).toBe(1000);
    expect(t).toBeCloseTo(1000 / 3, 9);
  });

  it('never holds more than burst, however long it idles', () => {
    const b = new TokenBucket(100, 5);
    b.tryTake(0, 5);
    expect(b.tokens(1e6)).toBe(5);
    expect(b.tryTake(1e6, 5)).toBe(true);
    expect(b.tryTake(1e6)).toBe(false);
  });

  it('takes all of n or nothing', () => {
    const b = new TokenBucket(1, 3);
    expect(b.tryTake(0, 4)).toBe(false);
    expect(b.tokens(0)).toBe(3);
    expect(b.tryTake(0, 2)).toBe(true);
    expect(b.tokens(0)).toBe(1);
  });

  it('Retry-After is Infinity when no wait suffices', () => {
    expect(new TokenBucket(1, 2).retryAfterS(0, 3)).toBe(Infinity);
    const stopped = new TokenBucket(0, 1);
    stopped.tryTake(0);
    expect(stopped.retryAfterS(5)).toBe(Infinity);
  });
});

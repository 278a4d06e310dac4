import { describe, expect, it } from 'vitest';
import { DepositBudget, RatioBudget, TokenBucketBudget, UnlimitedBudget } from '../../../src/models/policies/retryBudget.js';

const aws = () => new TokenBucketBudget({ capacity: 500, retryCost: 5, timeoutCost: 10, successRefund: 1 });

function grantedInARow(canRetry: () => boolean, limit = 10_000): number {
  let n = 0;
  while (n < limit && canRetry()) n++;
  return n;
}

describe('TokenBucketBudget (AWS SDK standard retry quota)', () => {
  it('starts with 500 tokens: 100 retries after errors (5 each), then refuses', () => {
    const b = aws();
    expect(grantedInARow(() => b.canRetry(0, 'error'))).toBe(100);
    expect(b.tokens).toBe(0);
  });

  it('charges 10 for a retry after a timeout: 50 retries', () => {
    const b = aws();
    expect(grantedInARow(() => b.canRetry(0, 'timeout'))).toBe(50);
  });

  it('refuses a retry it cannot pay for in full and takes nothing', () => {
    const b = aws();
    for (let i = 0; i < 99; i++) b.canRetry(0, 'error');
    expect(b.tokens).toBe(5);
    expect(b.canRetry(0, 'timeout')).toBe(false);
    expect(b.tokens).toBe(5);
    expect(b.canRetry(0, 'error')).toBe(true);
  });

  it('a first-attempt success returns 1 token, a retried success returns the cost of its retry', () => {
    const b = aws();
    b.canRetry(0, 'timeout'); b.canRetry(0, 'error');
    expect(b.tokens).toBe(485);
    b.onSuccess(1);
    expect(b.tokens).toBe(486);
    b.onSuccess(1, 'error');
    expect(b.tokens).toBe(491);
    b.onSuccess(1, 'timeout');
    expect(b.tokens).toBe(500); // 491 + 10, capped at the capacity
  });

  it('never holds more than its capacity', () => {
    const b = aws();
    for (let i = 0; i < 1000; i++) b.onSuccess(0);
    expect(b.tokens).toBe(500);
  });
});

describe('DepositBudget (a plain per-client bucket: 0.1 per request, 1 per retry)', () => {
  it('starts full at its capacity (10 tokens by default): 10 retries, then refuses', () => {
    const b = new DepositBudget();
    expect(grantedInARow(() => b.canRetry(0, 'error'))).toBe(10);
  });

  it('ten requests pay for one retry (despite 10 × 0.1 summing to 0.9999999999999999)', () => {
    const b = new DepositBudget({ initial: 0 });
    for (let i = 0; i < 9; i++) b.onRequest(0);
    expect(b.canRetry(0, 'error')).toBe(false);
    b.onRequest(0);
    expect(b.canRetry(0, 'error')).toBe(true);
    expect(b.canRetry(0, 'error')).toBe(false);
  });

  it('deposits per request whatever the outcome: successes add nothing, and 1,000 failing requests buy 100 retries', () => {
    const b = new DepositBudget({ initial: 0 });
    for (let i = 0; i < 100; i++) b.onSuccess(0);
    expect(b.balance).toBe(0);
    let retries = 0;
    for (let i = 0; i < 1000; i++) { b.onRequest(0); b.onAttemptDone?.(0, false, false); if (b.canRetry(0, 'error')) retries++; }
    expect(retries).toBe(100);
  });

  it('caps the balance at its capacity', () => {
    const b = new DepositBudget({ capacity: 2, initial: 0 });
    for (let i = 0; i < 500; i++) b.onRequest(0);
    expect(b.balance).toBeCloseTo(2, 12);
    expect(grantedInARow(() => b.canRetry(0, 'error'))).toBe(2);
  });
});

describe('RatioBudget (Envoy retry budget)', () => {
  it('allows min_retry_concurrency (3) retries in flight when few requests are active', () => {
    const b = new RatioBudget();
    b.onAttempt(0); b.onAttempt(0);
    expect(grantedInARow(() => b.canRetry(0, 'error'))).toBe(3);
  });

  it('allows 20% of active attempts once that exceeds the minimum: 50 active → 10 retries', () => {
    const b = new RatioBudget();
    for (let i = 0; i < 50; i++) b.onAttempt(0);
    expect(grantedInARow(() => b.canRetry(0, 'error'))).toBe(10);
    expect(b.retriesInFlight).toBe(10);
  });

  it('frees a retry when it completes or is abandoned; first attempts completing do not', () => {
    const b = new RatioBudget({ budgetPercent: 20, minRetryConcurrency: 1 });
    b.onAttempt(0);
    expect(b.canRetry(0, 'error')).toBe(true);
    expect(b.canRetry(0, 'error')).toBe(false);
    b.onAttemptDone(1, false, false);
    expect(b.canRetry(0, 'error')).toBe(false);
    b.onAttempt(1); // the retry is sent
    b.onAttemptDone(2, true, false);
    expect(b.retriesInFlight).toBe(0);
    expect(b.canRetry(0, 'error')).toBe(true);
    b.onRetryAbandoned(3);
    expect(b.retriesInFlight).toBe(0);
    expect(b.active).toBe(0);
  });
});

describe('UnlimitedBudget', () => {
  it('grants every retry', () => {
    const b = new UnlimitedBudget();
    expect(grantedInARow(() => b.canRetry(0, 'error'), 1e5)).toBe(1e5);
  });
});

import { describe, expect, it } from 'vitest';
import { backoffPresets, breakerFromPreset, breakerPresetNames, budgetFromPreset, breakerPresets } from '../../../src/models/policies/presets.js';
import { backoffDelay } from '../../../src/models/policies/backoff.js';
import { FinagleRetryBudget } from '../../../src/models/policies/finagleRetryBudget.js';
import { GrpcRetryThrottle } from '../../../src/models/policies/grpcRetryThrottle.js';
import { RatioBudget, TokenBucketBudget, UnlimitedBudget } from '../../../src/models/policies/retryBudget.js';
import type { BreakerState } from '../../../src/models/policies/circuitBreaker.js';

describe('breaker presets', () => {
  it("'reference' trips on the 5th failure within 30 s, stays open 30 s, then admits one probe", () => {
    const b = breakerFromPreset('reference');
    for (const t of [0, 10, 20, 25]) b.failure(t);
    expect(b.state).toBe('closed');
    b.failure(29.9);
    expect(b.state).toBe('open');
    expect(b.allow(59.8)).toBe(false);
    expect([b.allow(59.9), b.allow(59.9)]).toEqual([true, false]);
  });

  it("'reference' does not trip on 5 failures spread over more than 30 s", () => {
    const b = breakerFromPreset('reference');
    for (const t of [0, 10, 20, 25, 30]) b.failure(t);
    expect(b.state).toBe('closed');
  });

  it("'llm' trips on the 3rd timeout within 60 s and stays open 30 s", () => {
    const log: [BreakerState, number][] = [];
    const b = breakerFromPreset('llm', (s, t) => log.push([s, t]));
    for (const t of [0, 30, 59]) b.failure(t);
    expect(log).toEqual([['open', 59]]);
    expect(b.allow(88.9)).toBe(false);
    expect(b.allow(89)).toBe(true);
  });

  it("'resilience4j' opens at 50% of the last 100 calls, not before 100 calls, open 60 s, 10 probes", () => {
    const b = breakerFromPreset('resilience4j');
    for (let i = 0; i < 50; i++) b.success(i);
    for (let i = 50; i < 99; i++) b.failure(i);
    expect(b.state).toBe('closed'); // 49 of 99: below the minimum of 100 calls
    b.failure(99);
    expect(b.state).toBe('open');
    expect(b.allow(158.9)).toBe(false);
    const probes = Array.from({ length: 11 }, () => b.allow(159));
    expect(probes.filter(Boolean)).toHaveLength(10);
  });

  it("'polly-v8' opens at 10% failures of at least 100 calls within 30 s, breaks 5 s, one probe", () => {
    const b = breakerFromPreset('polly-v8');
    for (let i = 0; i < 90; i++) b.success(i * 0.2); // 90 calls in [0, 18)
    for (let i = 0; i < 9; i++) b.failure(20 + i * 0.1);
    expect(b.state).toBe('closed'); // 99 calls
    b.failure(21);
    expect(b.state).toBe('open');
    expect([b.allow(25.9), b.allow(26), b.allow(26)]).toEqual([false, true, false]);
  });

  it('builds a fresh breaker per call, so clients do not share state', () => {
    const a = breakerFromPreset('llm'), b = breakerFromPreset('llm');
    for (const t of [0, 1, 2]) a.failure(t);
    expect([a.state, b.state]).toEqual(['open', 'closed']);
  });

  it('presets are frozen values and every name builds', () => {
    expect(Object.isFrozen(breakerPresets.resilience4j.strategy)).toBe(true);
    for (const name of breakerPresetNames) expect(breakerFromPreset(name).state).toBe('closed');
    expect(() => breakerFromPreset('nope' as never)).toThrow(/unknown breaker preset/);
  });
});

describe('retry budget presets', () => {
  it("'aws-standard' is 500 tokens, 5 per retry, 10 per timeout, 1 refunded per success", () => {
    const b = budgetFromPreset('aws-standard') as TokenBucketBudget;
    expect(b).toBeInstanceOf(TokenBucketBudget);
    expect([b.capacity, b.retryCost, b.timeoutCost, b.successRefund, b.tokens]).toEqual([500, 5, 10, 1, 500]);
  });

  it("'envoy' is 20% of active requests with a minimum of 3", () => {
    const b = budgetFromPreset('envoy') as RatioBudget;
    expect(b).toBeInstanceOf(RatioBudget);
    expect([b.budgetPercent, b.minRetryConcurrency]).toEqual([20, 3]);
  });

  it("'grpc' is gRPC retry throttling with gRFC A6's example values: 10 tokens, 0.1 per success", () => {
    const b = budgetFromPreset('grpc') as GrpcRetryThrottle;
    expect(b).toBeInstanceOf(GrpcRetryThrottle);
    expect([b.maxTokens, b.tokenRatio, b.tokens]).toEqual([10, 0.1, 10]);
  });

  it.each(['finagle', 'linkerd'] as const)("'%s' is the Finagle budget with its defaults: 20%% of requests, ttl 10 s, 10 retries/s reserve", (name) => {
    const b = budgetFromPreset(name) as FinagleRetryBudget;
    expect(b).toBeInstanceOf(FinagleRetryBudget);
    expect([b.retryRatio, b.ttlS, b.minRetriesPerS, b.balance(0)]).toEqual([0.2, 10, 10, 100]);
    expect(budgetFromPreset('unlimited')).toBeInstanceOf(UnlimitedBudget);
    expect(() => budgetFromPreset('nope' as never)).toThrow(/unknown retry budget preset/);
  });

  it('builds a fresh budget per call', () => {
    const a = budgetFromPreset('aws-standard');
    a.canRetry(0, 'error');
    expect((budgetFromPreset('aws-standard') as TokenBucketBudget).tokens).toBe(500);
  });
});

describe('backoff presets', () => {
  it("'aws-full-jitter' is U(0, min(2^(retry−1), 20)) seconds", () => {
    const spec = backoffPresets['aws-full-jitter'];
    expect([1, 2, 3, 5, 6, 10].map((r) => backoffDelay(spec, r, 0, () => 0.5))).toEqual([0.5, 1, 2, 8, 10, 10]);
  });

  it("'none' retries immediately", () => {
    expect(backoffDelay(backoffPresets.none, 3, 0, () => 0.5)).toBe(0);
  });
});

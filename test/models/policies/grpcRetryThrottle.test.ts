import { describe, expect, it } from 'vitest';
import { GrpcRetryThrottle } from '../../../src/models/policies/grpcRetryThrottle.js';

/** gRFC A6's example: maxTokens 10, tokenRatio 0.1. */
const grpc = () => new GrpcRetryThrottle({ maxTokens: 10, tokenRatio: 0.1 });
const fail = (b: GrpcRetryThrottle, isRetry = false) => b.onAttemptDone(0, isRetry, false);
const succeed = (b: GrpcRetryThrottle) => b.onAttemptDone(0, false, true);

describe('GrpcRetryThrottle (gRFC A6 retry throttling)', () => {
  it('starts at max_tokens', () => {
    expect(grpc().tokens).toBe(10);
  });

  it('each failed attempt takes 1 token, first attempts and retries alike; granting a retry costs nothing', () => {
    const b = grpc();
    fail(b);
    fail(b, true);
    expect(b.tokens).toBe(8);
    expect(b.canRetry(0, 'error')).toBe(true);
    expect(b.canRetry(0, 'timeout')).toBe(true);
    expect(b.tokens).toBe(8);
  });

  it('allows retries only while tokens > max_tokens / 2: after 4 failures (6 left) yes, after 5 (exactly 5) no', () => {
    const b = grpc();
    for (let i = 0; i < 4; i++) fail(b);
    expect(b.canRetry(0, 'error')).toBe(true);
    fail(b);
    expect(b.tokens).toBe(5);
    expect(b.canRetry(0, 'error')).toBe(false);
  });

  it('each successful attempt adds token_ratio: ten successes at 0.1 are exactly one token; one above the half re-enables retries', () => {
    const b = grpc();
    for (let i = 0; i < 6; i++) fail(b);
    expect(b.tokens).toBe(4);
    for (let i = 0; i < 10; i++) succeed(b);
    expect(b.tokens).toBe(5);
    expect(b.canRetry(0, 'error')).toBe(false);
    succeed(b);
    expect(b.tokens).toBe(5.1);
    expect(b.canRetry(0, 'error')).toBe(true);
  });

  it('is capped at max_tokens and never goes below 0', () => {
    const b = grpc();
    for (let i = 0; i < 100; i++) succeed(b);
    expect(b.tokens).toBe(10);
    for (let i = 0; i < 100; i++) fail(b);
    expect(b.tokens).toBe(0);
    succeed(b);
    expect(b.tokens).toBe(0.1);
  });

  it('keeps token_ratio to three decimals, as gRPC does (0.1239 acts as 0.123)', () => {
    const b = new GrpcRetryThrottle({ maxTokens: 10, tokenRatio: 0.1239 });
    fail(b);
    succeed(b);
    expect(b.tokens).toBe(9.123);
  });

  it('refuses max_tokens outside (0, 1000] and a token_ratio of 0', () => {
    expect(() => new GrpcRetryThrottle({ maxTokens: 1001, tokenRatio: 0.1 })).toThrow(/maxTokens/);
    expect(() => new GrpcRetryThrottle({ maxTokens: 10, tokenRatio: 0 })).toThrow(/tokenRatio/);
  });
});

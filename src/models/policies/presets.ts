/**
 * Named presets for breakers, retry budgets and backoff, matching well-known library defaults. Each
 * factory call builds fresh state, so every client that asks gets its own breaker or budget.
 */
import type { BackoffSpec } from './backoff.js';
import { CircuitBreaker, type BreakerState } from './circuitBreaker.js';
import { CountWindowBreaker } from './breakers/countWindow.js';
import { RatioBreaker } from './breakers/ratio.js';
import { FinagleRetryBudget } from './finagleRetryBudget.js';
import { GrpcRetryThrottle } from './grpcRetryThrottle.js';
import { RatioBudget, TokenBucketBudget, UnlimitedBudget, type RetryBudget } from './retryBudget.js';

/** Names accepted by `breakerFromPreset`. */
export type BreakerPreset = 'resilience4j' | 'polly-v8' | 'reference' | 'llm';
/** Names accepted by `budgetFromPreset`. */
export type BudgetPreset = 'envoy' | 'aws-standard' | 'grpc' | 'finagle' | 'linkerd' | 'unlimited';
/** Names in `backoffPresets`. */
export type BackoffPreset = 'aws-full-jitter' | 'none';

/** Every breaker preset name, for validation and docs. */
export const breakerPresetNames: readonly BreakerPreset[] = ['resilience4j', 'polly-v8', 'reference', 'llm'];
/** Every budget preset name. */
export const budgetPresetNames: readonly BudgetPreset[] = ['envoy', 'aws-standard', 'grpc', 'finagle', 'linkerd', 'unlimited'];

/**
 * Breaker presets:
 * - 'resilience4j': Resilience4j 2.x CircuitBreakerConfig defaults (resilience4j.readme.io,
 *   "CircuitBreaker"): failureRateThreshold 50%, COUNT_BASED slidingWindowSize 100,
 *   minimumNumberOfCalls 100, waitDurationInOpenState 60 s, permittedNumberOfCallsInHalfOpenState
 *   10. Deviation: Resilience4j closes when the probes' failure rate is below 50%; here all 10 must succeed.
 * - 'polly-v8': Polly v8 CircuitBreakerStrategyOptions defaults (pollydocs.org, "Circuit breaker
 *   resilience strategy"): FailureRatio 0.1, SamplingDuration 30 s, MinimumThroughput 100,
 *   BreakDuration 5 s; half-open admits one probe. Polly samples in buckets; here the 30 s window is exact.
 * - 'reference': REFERENCE.md "Starting values": trip after 5 failures in 30 s, stay open 30 s, one probe.
 * - 'llm': REFERENCE.md Case E: trip after 3 timeouts (or failures) in 60 s; open 30 s, one probe.
 */
export const breakerPresets = deepFreeze({
  resilience4j: { strategy: { kind: 'ratio', threshold: 0.5, minimumCalls: 100, windowCalls: 100 }, openS: 60, halfOpenProbes: 10 },
  'polly-v8': { strategy: { kind: 'ratio', threshold: 0.1, minimumCalls: 100, windowS: 30 }, openS: 5, halfOpenProbes: 1 },
  reference: { strategy: { kind: 'countWindow', threshold: 5, windowS: 30 }, openS: 30, halfOpenProbes: 1 },
  llm: { strategy: { kind: 'countWindow', threshold: 3, windowS: 60 }, openS: 30, halfOpenProbes: 1 },
} as const satisfies Record<BreakerPreset, unknown>);

/** A new CircuitBreaker configured as the named preset. */
export function breakerFromPreset(name: BreakerPreset, onStateChange?: (s: BreakerState, nowS: number) => void): CircuitBreaker {
  const p = breakerPresets[name];
  if (p === undefined) throw new RangeError(`unknown breaker preset '${name}' (known: ${breakerPresetNames.join(', ')})`);
  const s = p.strategy;
  const strategy = s.kind === 'ratio' ? new RatioBreaker(s) : new CountWindowBreaker(s);
  return new CircuitBreaker(onStateChange === undefined ? { strategy, openS: p.openS, halfOpenProbes: p.halfOpenProbes }
    : { strategy, openS: p.openS, halfOpenProbes: p.halfOpenProbes, onStateChange });
}

/**
 * Retry budget presets, each as its source documents it:
 * - 'envoy': Envoy/Istio retry budget (Envoy API `config.cluster.v3.CircuitBreakers.Thresholds.RetryBudget`):
 *   budget_percent 20%, min_retry_concurrency 3.
 * - 'aws-standard': AWS SDK standard retry quota (AWS SDKs and Tools Reference Guide, "Retry
 *   behavior", pre-2026 standard mode): 500 tokens, 5 per retry, 10 per retry after a timeout,
 *   1 back per success without retry (a retried success returns its retry's cost).
 * - 'grpc': gRPC retry throttling (gRFC A6, "Retry Throttling"), with the values of the gRFC's
 *   own example, `retryThrottling: { maxTokens: 10, tokenRatio: 0.1 }` (gRPC has no default:
 *   throttling is off unless the service config sets it): −1 token per failed attempt, +0.1 per
 *   successful one, retries only while more than 5 tokens remain.
 * - 'finagle': Finagle's default `RetryBudget()` (com.twitter.finagle.service.RetryBudget):
 *   ttl 10 s, minRetriesPerSec 10, percentCanRetry 0.2, a deposit per request.
 * - 'linkerd': Linkerd's retry budget (linkerd.io, "Retries and timeouts": retryRatio 0.2,
 *   minRetriesPerSecond 10, ttl 10s), the same rule and values as Finagle's.
 * - 'unlimited': no budget.
 */
export function budgetFromPreset(name: BudgetPreset): RetryBudget {
  switch (name) {
    case 'envoy': return new RatioBudget({ budgetPercent: 20, minRetryConcurrency: 3 });
    case 'aws-standard': return new TokenBucketBudget({ capacity: 500, retryCost: 5, timeoutCost: 10, successRefund: 1 });
    case 'grpc': return new GrpcRetryThrottle({ maxTokens: 10, tokenRatio: 0.1 });
    case 'finagle':
    case 'linkerd': return new FinagleRetryBudget({ retryRatio: 0.2, ttlS: 10, minRetriesPerS: 10 });
    case 'unlimited': return new UnlimitedBudget();
    default: throw new RangeError(`unknown retry budget preset '${name as string}' (known: ${budgetPresetNames.join(', ')})`);
  }
}

/**
 * Backoff presets:
 * - 'aws-full-jitter': the AWS SDK standard-mode backoff (AWS SDKs and Tools Reference Guide,
 *   "Retry behavior": min(b × 2^i, 20 s) with b uniform on [0, 1)): exponential, base 1 s,
 *   factor 2, cap 20 s, full jitter — the first retry waits U(0, 1 s).
 * - 'none': retry immediately (what REFERENCE.md Case D's agents do).
 */
export const backoffPresets: Readonly<Record<BackoffPreset, Readonly<BackoffSpec>>> = Object.freeze({
  'aws-full-jitter': Object.freeze({ kind: 'exponential', base: 1, factor: 2, cap: 20, jitter: 'full' }),
  none: Object.freeze({ kind: 'constant', base: 0, jitter: 'none' }),
});

function deepFreeze<T extends object>(o: T): T {
  for (const v of Object.values(o)) if (typeof v === 'object' && v !== null) deepFreeze(v);
  return Object.freeze(o);
}

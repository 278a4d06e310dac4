/**
 * Builds policy objects from their scenario descriptions (presets or explicit settings), and
 * hands out breaker/budget state according to a client population: one shared set, N long-lived
 * processes each with its own (a request lands on one at random), or a fresh set per request
 * (short-lived functions and agents that start cold every time).
 */
import type { Rng } from '../../engine/random.js';
import type { BreakerSpec, RetryBudgetSpec } from '../../scenario/policySchema.js';
import { ConsecutiveBreaker } from './breakers/consecutive.js';
import { CountWindowBreaker } from './breakers/countWindow.js';
import { RatioBreaker } from './breakers/ratio.js';
import { CircuitBreaker, type BreakerState } from './circuitBreaker.js';
import { breakerFromPreset, budgetFromPreset } from './presets.js';
import { FinagleRetryBudget } from './finagleRetryBudget.js';
import { GrpcRetryThrottle } from './grpcRetryThrottle.js';
import { DepositBudget, RatioBudget, TokenBucketBudget, type RetryBudget } from './retryBudget.js';

/** A new breaker as the spec says. */
export function makeBreaker(spec: BreakerSpec, onStateChange?: (s: BreakerState, nowS: number) => void): CircuitBreaker {
  if ('preset' in spec) return breakerFromPreset(spec.preset, onStateChange);
  const t = spec.trip;
  const strategy =
    t.kind === 'consecutive'
      ? new ConsecutiveBreaker(t.failures)
      : t.kind === 'count_window'
        ? new CountWindowBreaker({ threshold: t.failures, windowS: t.window })
        : new RatioBreaker(
            t.window_calls !== undefined
              ? { threshold: t.ratio, minimumCalls: t.minimum_calls, windowCalls: t.window_calls }
              : { threshold: t.ratio, minimumCalls: t.minimum_calls, windowS: t.window ?? 60 },
          );
  return new CircuitBreaker({ strategy, openS: spec.open, halfOpenProbes: spec.half_open_probes, ...(onStateChange ? { onStateChange } : {}) });
}

/** A new retry budget as the spec says. */
export function makeBudget(spec: RetryBudgetSpec): RetryBudget {
  if ('preset' in spec) return budgetFromPreset(spec.preset);
  switch (spec.kind) {
    case 'token_bucket':
      return new TokenBucketBudget({ capacity: spec.capacity, retryCost: spec.retry_cost, timeoutCost: spec.timeout_cost, successRefund: spec.success_refund });
    case 'deposit':
      return new DepositBudget({ depositPerCall: spec.deposit_per_call, costPerRetry: spec.cost_per_retry, capacity: spec.capacity });
    case 'grpc':
      return new GrpcRetryThrottle({ maxTokens: spec.max_tokens, tokenRatio: spec.token_ratio });
    case 'finagle':
      return new FinagleRetryBudget({ retryRatio: spec.retry_ratio, ttlS: spec.ttl, minRetriesPerS: spec.min_retries_per_s });
    case 'ratio':
      return new RatioBudget({ budgetPercent: spec.percent, minRetryConcurrency: spec.min_concurrency });
  }
}

/** The breaker and budget one request uses (either may be absent). */
export interface PolicyState {
  breaker: CircuitBreaker | null;
  budget: RetryBudget | null;
}

/** Who shares policy state. */
export type Population = { kind: 'shared' } | { kind: 'long_lived'; count: number } | { kind: 'short_lived' };

/** Hands out PolicyState per request according to the population. */
export class PolicyStates {
  private readonly pool: PolicyState[] = [];

  constructor(
    private readonly make: () => PolicyState,
    private readonly population: Population,
    private readonly rng: Rng,
  ) {
    const n = population.kind === 'shared' ? 1 : population.kind === 'long_lived' ? population.count : 0;
    for (let i = 0; i < n; i++) this.pool.push(make());
  }

  /** State for a new request (or workflow). */
  next(): PolicyState {
    if (this.population.kind === 'short_lived') return this.make();
    if (this.pool.length === 1) return this.pool[0]!;
    return this.pool[Math.floor(this.rng() * this.pool.length)]!;
  }

  /** The long-lived breakers (for the open-breaker timeline); none for short-lived populations. */
  breakers(): CircuitBreaker[] {
    return this.pool.map((p) => p.breaker).filter((b): b is CircuitBreaker => b !== null);
  }
}

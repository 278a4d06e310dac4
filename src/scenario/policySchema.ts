/**
 * Scenario format of resilience policies, client classes and dependencies (see
 * src/models/policies for the exact semantics of each policy).
 */
import { z } from 'zod';
import { count, dist, duration, durationOrNone, name, positiveCount, rate, share } from './units.js';

/** Wait between attempts: constant or exponential with a cap, with jitter. */
export const backoff = z.strictObject({
  kind: z.enum(['constant', 'exponential']).default('exponential'),
  base: duration.default(0.1).describe('First delay (constant: every delay)'),
  factor: z.number().min(1).default(2),
  cap: durationOrNone.default(20),
  jitter: z.enum(['none', 'full', 'equal', 'decorrelated']).default('full'),
});

const trip = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('consecutive'), failures: positiveCount }),
  z.strictObject({ kind: z.literal('count_window'), failures: positiveCount, window: duration }),
  z.strictObject({
    kind: z.literal('ratio'),
    ratio: share.describe('Failure ratio that opens the breaker'),
    minimum_calls: positiveCount,
    window_calls: positiveCount.optional().describe('Sliding window of the last N calls (else window)'),
    window: duration.optional().describe('Sliding time window'),
  }),
]);

/** A circuit breaker: a named preset, or a trip rule with open time and half-open probes. */
export const breaker = z.union([
  z.strictObject({ preset: z.enum(['resilience4j', 'polly-v8', 'reference', 'llm']) }),
  z.strictObject({ trip, open: duration, half_open_probes: positiveCount.default(1) }),
]);

const breakerScope = z
  .enum(['all', 'retries'])
  .default('all')
  .describe('all: an open breaker stops every attempt; retries: it stops retries only, first attempts always go (a retry breaker)');

/** A client's circuit breaker: as `breaker`, plus the attempts it may stop (`scope`). */
export const clientBreaker = z.union([
  z.strictObject({ preset: z.enum(['resilience4j', 'polly-v8', 'reference', 'llm']), scope: breakerScope }),
  z.strictObject({ trip, open: duration, half_open_probes: positiveCount.default(1), scope: breakerScope }),
]);

/** A retry budget: a named preset or one of the five kinds (exact rules in src/models/policies). */
export const retryBudget = z.union([
  z.strictObject({ preset: z.enum(['envoy', 'aws-standard', 'grpc', 'finagle', 'linkerd']) }),
  z.strictObject({
    kind: z.literal('token_bucket').describe('The AWS SDK standard retry quota'),
    capacity: z.number().positive(),
    retry_cost: z.number().nonnegative(),
    timeout_cost: z.number().nonnegative(),
    success_refund: z.number().nonnegative(),
  }),
  z.strictObject({
    kind: z.literal('deposit').describe('A plain per-client token bucket: a deposit per request, a cost per retry'),
    deposit_per_call: z.number().nonnegative().default(0.1).describe('Tokens each request deposits, whatever its outcome'),
    cost_per_retry: z.number().positive().default(1),
    capacity: z.number().positive().default(10).describe('Most tokens the bucket holds (it starts full)'),
  }),
  z.strictObject({
    kind: z.literal('grpc').describe('gRPC retry throttling (gRFC A6)'),
    max_tokens: z.number().positive().max(1000).describe('Tokens at the start and at most; retries only while more than half remain'),
    token_ratio: z.number().min(0.001).describe('Tokens a successful attempt adds (a failed attempt takes 1); three decimals'),
  }),
  z.strictObject({
    kind: z.literal('finagle').describe('Finagle / Linkerd retry budget'),
    retry_ratio: z.number().min(0).max(1000).default(0.2).describe('Retries allowed per request (Finagle percentCanRetry, Linkerd retryRatio)'),
    ttl: duration.refine((s) => s >= 1 && s <= 60, 'ttl must be between 1s and 60s').default(10).describe('Deposits and withdrawals expire after this'),
    min_retries_per_s: count.default(10).describe('Retries per second allowed on top of the ratio (a reserve of this × ttl)'),
  }),
  z.strictObject({ kind: z.literal('ratio').describe('Envoy / Istio retry budget'), percent: z.number().positive().max(100), min_concurrency: count.default(3) }),
]);

/** What a caller does when the call finally fails. */
export const fallback = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fail') }),
  z.strictObject({ kind: z.literal('cached'), success_value: share.default(0.5).describe('What a degraded answer is worth (1 = as good as a real one)') }),
  z.strictObject({
    kind: z.literal('queue'),
    queue: name.optional().describe('The queue (system.queues) the deferred work goes to, whose consumers do it later; without one the work is only counted as deferred'),
  }),
]);

/** Who shares breaker and budget state: everyone, N long-lived processes, or each request alone. */
export const population = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('shared') }),
  z.strictObject({ kind: z.literal('long_lived'), count: positiveCount }),
  z.strictObject({ kind: z.literal('short_lived') }),
]);

const arrival = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('steady') }),
  z.strictObject({ kind: z.literal('diurnal'), peak_factor: z.number().min(1), period: duration.default(86400), peak_at: duration.default(0) }),
  z.strictObject({ kind: z.literal('spike'), factor: z.number().positive(), at: duration, duration }),
]);

/**
 * What each kind of client does when the scenario leaves its retry policy unsaid:
 * - human: retries twice, after a think time of 1-5 s each, then gives up;
 * - api: retries only when told to (`retries`), then with exponential backoff and full jitter
 *   (100 ms base, 20 s cap: the AWS SDKs' schedule) unless `retry_delay` says otherwise;
 * - agent: retries only when told to, at once (agents often retry with no backoff).
 */
export const CLIENT_KIND_DEFAULTS = {
  human: { retries: 2, retry_delay: { uniform: [1, 5] as [number, number] }, backoff: undefined },
  api: { retries: 0, retry_delay: 0, backoff: { kind: 'exponential' as const, base: 0.1, factor: 2, cap: 20, jitter: 'full' as const } },
  agent: { retries: 0, retry_delay: 0, backoff: undefined },
};

/** A traffic class: humans, API clients or AI agents. */
export const client = z.strictObject({
  kind: z.enum(['human', 'api', 'agent']).default('api'),
  rate: rate.describe('Mean arrival rate of new requests (agents: of new workflows)'),
  arrival: arrival.default({ kind: 'steady' }),
  service: name.optional().describe('Service the class calls (default: the only service)'),
  timeout: duration.default(10),
  retries: count.optional().describe('Extra attempts after a failed or timed-out attempt (default: human 2, api and agent 0)'),
  retry_delay: dist.optional().describe('Wait before each retry when there is no backoff (humans: think time; default: human uniform 1-5 s, others 0)'),
  backoff: backoff.optional().describe('Backoff between retries (replaces retry_delay; default for api clients that set neither: exponential, full jitter, 100ms base, 20s cap)'),
  retry_budget: retryBudget.optional(),
  breaker: clientBreaker.optional().describe('Client-side circuit breaker in front of the service'),
  honour_retry_after: z.boolean().default(true).describe('On a 429, wait the Retry-After before retrying'),
  population: population.default({ kind: 'shared' }).describe('Scope of breaker and budget state'),
  regions: z
    .record(name, share)
    .refine((r) => Object.keys(r).length > 0, 'name at least one region')
    .refine((r) => Math.abs(Object.values(r).reduce((a, b) => a + b, 0) - 1) <= 1e-6, {
      message: 'the shares of client regions must add up to 1',
    })
    .optional()
    .describe('Where the clients are: share of requests (agents: workflows) per region; the round trip from there to the serving region is added to every attempt'),
  workflow: z
    .strictObject({
      steps: positiveCount.default(3),
      fan_out: positiveCount.default(10).describe('Parallel tool calls per step'),
      restarts: count.default(2).describe('Times a failed workflow starts again from the first step'),
      think_time: dist.default(0).describe('Time between steps (model reasoning)'),
    })
    .optional()
    .describe('Agents: each workflow is steps × fan_out calls'),
  sessions: z
    .strictObject({
      count: positiveCount.default(10000).describe('User sessions the requests are spread over (each request draws one; its retries stay in it)'),
      token_lifetime: duration.describe('How long a session token is valid; an expired one is renewed by the control plane of the region the request goes to'),
    })
    .optional()
    .describe('Requests belong to sessions holding tokens: while a region\'s control plane is down, sessions whose token expires there are refused, the others keep working'),
}).transform((c) => {
  const d = CLIENT_KIND_DEFAULTS[c.kind];
  const retries = c.retries ?? d.retries;
  const backoff = c.backoff ?? (c.retry_delay === undefined && retries > 0 ? d.backoff : undefined);
  return { ...c, retries, retry_delay: c.retry_delay ?? d.retry_delay, ...(backoff ? { backoff } : {}) };
});

/** A call from a service to a dependency, with its policies, composed as breaker → retry → timeout. */
export const dependencyCall = z.strictObject({
  dependency: name,
  failover_to: z
    .array(name)
    .default([])
    .describe('Other providers of the same call (multi-provider), tried in order with the same policies when the call to dependency finally fails or its breaker is open; the fallback applies once all have failed'),
  timeout: durationOrNone.default(Infinity),
  retries: count.default(0),
  backoff: backoff.optional(),
  breaker: breaker.optional(),
  fallback: fallback.default({ kind: 'fail' }),
});

/** An internal or third-party service seen through its latency, errors, quota and upstreams. */
export const dependency = z.strictObject({
  latency: dist,
  error_rate: share.default(0),
  quota: z.record(name, rate).default({}).describe('Per-region rate limit (calls over it get 429)'),
  upstream: z.array(name).default([]).describe('Dependencies this one relies on (a shared upstream fails both)'),
  outage: z.enum(['hang', 'error']).default('hang').describe('While down: calls hang until the caller times out, or fail at once'),
});

/** Edge protection of a service: rate limits per client class, load shedding, bulkheads. */
export const edge = {
  rate_limits: z
    .record(name, z.strictObject({ rate, burst: positiveCount.optional() }))
    .default({})
    .describe('Per client class token bucket at the edge; over it: 429 with Retry-After'),
  load_shedding: z
    .strictObject({ max_queue: count.optional(), max_queue_time: duration.optional() })
    .optional()
    .describe('Refuse (503) on arrival when an instance queue is this deep or its head has waited this long'),
  bulkheads: z
    .record(name, z.strictObject({ classes: z.array(name).min(1), concurrency: positiveCount, queue: count.default(0) }))
    .default({})
    .describe('Per instance: these client classes get their own slots, apart from everyone else'),
  calls: z.array(dependencyCall).default([]).describe('Dependencies every request calls, in order'),
};

export type ClientSpec = z.output<typeof client>;
export type BreakerSpec = z.output<typeof breaker>;
export type ClientBreakerSpec = z.output<typeof clientBreaker>;
export type RetryBudgetSpec = z.output<typeof retryBudget>;
export type DependencyCallSpec = z.output<typeof dependencyCall>;
export type DependencySpec = z.output<typeof dependency>;

/**
 * The callers of one dependency call made from one process (a service instance or a queue
 * consumer): one DependencyCaller per provider (`dependency`, then each of `failover_to`), each
 * with its own breaker, chained so a call that finally fails on one provider goes to the next; the
 * last one's fallback applies, and a `queue` fallback naming a queue enqueues into it.
 */
import type { DependencyCallSpec } from '../scenario/policySchema.js';
import type { Dependency } from './dependency.js';
import { DependencyCaller } from './dependencyCaller.js';
import type { CircuitBreaker } from './policies/circuitBreaker.js';
import { makeBreaker } from './policies/fromSpec.js';
import type { ModelContext } from './types.js';

/** The first caller of the chain for call `c` of process `id` in `region`; breakers are added to `breakers`. */
export function callerChain(
  c: DependencyCallSpec,
  id: string,
  region: string,
  dependencies: Map<string, Dependency>,
  breakers: CircuitBreaker[],
  ctx: ModelContext,
  queue: { enqueue(): void } | null = null,
): DependencyCaller {
  let next: DependencyCaller | null = null;
  for (const provider of [c.dependency, ...c.failover_to].reverse()) {
    const breaker = c.breaker ? makeBreaker(c.breaker) : null;
    if (breaker) breakers.push(breaker);
    const stream = provider === c.dependency ? `calls:${id}:${c.dependency}` : `calls:${id}:${c.dependency}>${provider}`;
    next = new DependencyCaller(c, dependencies.get(provider)!, region, breaker, ctx.streams.stream(stream), ctx, next, queue ? () => queue.enqueue() : null);
  }
  return next!;
}

/**
 * Builds the queues of a system and their consumers from the scenario's `system.queues`: one
 * host per consumer (spread round-robin over its region's zones, so zone and region outages stop
 * it), one chain of dependency callers per consumer and call (its providers in order), and the queue's own producer when it has an
 * `arrival_rate`.
 */
import { sampler } from '../../engine/distributions.js';
import type { QueueSpec } from '../../scenario/queueSchema.js';
import { startArrivals } from '../clients/arrivals.js';
import type { Dependency } from '../dependency.js';
import { callerChain } from '../callerChain.js';
import type { CircuitBreaker } from '../policies/circuitBreaker.js';
import type { ModelContext } from '../types.js';
import { QueueConsumer } from './consumer.js';
import { WorkQueue } from './workQueue.js';

/** Every queue of the system by name, consumers wired; breakers of consumer calls go into `breakers`. */
export function buildQueues(
  specs: Record<string, QueueSpec>,
  dependencies: Map<string, Dependency>,
  breakers: CircuitBreaker[],
  ctx: ModelContext,
): Map<string, WorkQueue> {
  const queues = new Map<string, WorkQueue>();
  for (const [name, spec] of Object.entries(specs)) {
    const { streams, topology } = ctx;
    const q = new WorkQueue(
      {
        name,
        regions: spec.regions ?? Object.keys(spec.consumers).filter((r) => spec.consumers[r]! > 0),
        failover: sampler(spec.failover),
        ordering: spec.ordering,
        visibilityTimeoutS: spec.visibility_timeout,
        maxAttempts: spec.max_attempts,
        ackIntervalS: spec.ack_interval,
        backlogThreshold: spec.backlog_threshold,
      },
      streams.stream(`queue:${name}`),
      ctx,
    );
    const lookup = sampler(spec.idempotency.lookup);
    for (const [region, n] of Object.entries(spec.consumers)) {
      const zones = topology.zones[region] ?? 1;
      for (let i = 0; i < n; i++) {
        const id = `queue:${name}/${region}/${i + 1}`;
        const host = topology.addHost(id, region, (i % zones) + 1);
        const callers = spec.calls.map((c) => callerChain({ ...c, fallback: { kind: 'fail' } }, id, region, dependencies, breakers, ctx));
        new QueueConsumer(q, host, 1 / spec.rate, callers, { enabled: spec.idempotency.enabled, lookup }, streams.stream(`consumer:${id}`), ctx);
      }
    }
    if (spec.arrival_rate !== undefined) startArrivals(ctx.sim, streams.stream(`producer:${name}`), spec.arrival_rate, { kind: 'steady' }, () => q.enqueue());
    queues.set(name, q);
  }
  return queues;
}

/**
 * Scenario format of async work: queues (outbox, webhooks, billing retries) with their consumers,
 * and idempotency keys on a write path (a queue consumer or a service's writes). The semantics
 * are those of src/models/queues/.
 */
import { z } from 'zod';
import { dependencyCall } from './policySchema.js';
import { count, dist, duration, name, positiveCount, rate } from './units.js';

/** Idempotency keys on a write path: duplicates are refused, each write pays the key lookup. */
export const idempotency = z
  .strictObject({
    enabled: z.boolean().default(false).describe('With keys, a redelivered, replayed or retried write whose key is already recorded is not executed again'),
    lookup: dist.default(0.002).describe('Time each write spends looking up (and recording) its key'),
  })
  .default({ enabled: false, lookup: 0.002 });

/** A consumer's call to a dependency: as a service's call, without a fallback (a failed item is redelivered). */
const consumerCall = dependencyCall.omit({ fallback: true });

/** A queue of async work and its consumers. */
export const queue = z.strictObject({
  consumers: z
    .record(name, count)
    .refine((c) => Object.keys(c).length > 0, 'name at least one region with consumers')
    .describe('Consumers per region; only the consumers of the region the queue is active in consume'),
  rate: rate.describe('Items one consumer handles per second at most: each item takes 1/rate, then its calls'),
  regions: z
    .array(name)
    .min(1)
    .optional()
    .describe('Regions the queue is consumed from, in failover order (default: the consumers\' regions, in order)'),
  failover: dist.default(60).describe('From the loss of the active region until the next region consumes (it then replays what was not acknowledged)'),
  ordering: z
    .enum(['fifo', 'none'])
    .default('none')
    .describe('fifo: items are delivered in order and a failed item holds back the newer ones until it is redelivered; none: newer items pass it'),
  visibility_timeout: duration.default(30).describe('An item received and not acknowledged within this is delivered again'),
  max_attempts: positiveCount.default(5).describe('Deliveries of an item before it is dead-lettered'),
  ack_interval: duration
    .default(0)
    .describe('Consumers acknowledge processed items in a checkpoint every interval (0: each at once); a failover replays those processed since the last checkpoint'),
  calls: z.array(consumerCall).default([]).describe('Dependencies each item calls, in order (its side effect: a webhook delivered, a charge made)'),
  idempotency,
  arrival_rate: rate.optional().describe('Items enqueued per second by a producer of their own (Poisson), besides queue fallbacks and outboxes'),
  backlog_threshold: count.default(100).describe('Business recovery: the queue is back once its backlog stays below this'),
});

export type QueueSpec = z.output<typeof queue>;
export type IdempotencySpec = z.output<typeof idempotency>;

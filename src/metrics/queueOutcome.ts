/**
 * What one queue of async work contributes to a replication's outcome, counted from the fault
 * start (from the warm-up's end without a fault).
 */
import type { QueueStats } from '../models/queues/workQueue.js';

/** One queue in one replication. */
export interface QueueOutcome {
  name: string;
  /** Most items waiting for delivery at once. */
  max_backlog: number;
  /** Longest drain, seconds from the backlog's peak to below its threshold; null: it never reached the threshold, or never drained. */
  drain_s: number | null;
  /** Deliveries beyond an item's first (visibility timeouts, failures, replays after a failover). */
  redeliveries: number;
  dead_lettered: number;
  /** Side effects run again without idempotency (also in duplicate_writes). */
  duplicates: number;
}

/** The outcome of a queue from its counts. */
export function queueOutcomeOf(name: string, s: QueueStats): QueueOutcome {
  return {
    name,
    max_backlog: s.maxBacklog,
    drain_s: s.drains.length > 0 ? Math.max(...s.drains) : null,
    redeliveries: s.redeliveries,
    dead_lettered: s.deadLettered,
    duplicates: s.duplicates,
  };
}

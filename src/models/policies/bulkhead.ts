/**
 * A bulkhead: a concurrency limit with its own bounded FIFO queue, one per traffic class (agents,
 * humans, background), so one class exhausting its slots cannot take another's. `enter` grants a
 * slot at once (calling `onGrant` before returning), queues the job, or rejects it when
 * `maxQueue` jobs already wait; `leave` frees a slot and synchronously grants the oldest waiter;
 * `withdraw` removes a waiting job (its caller gave up, e.g. a queue timeout such as REFERENCE.md's
 * "critical path 10 connections / 5 s"). Built on the engine's Resource, whose statistics it exposes.
 */
import type { ResourceStats } from '../../engine/resource.js';
import { Resource } from '../../engine/resource.js';
import type { Simulation } from '../../engine/sim.js';

/** Concurrency limit plus queue for one traffic class; see the module comment. */
export class Bulkhead<J> {
  private readonly res: Resource<J>;

  /** `maxConcurrent` slots (integer ≥ 0); `maxQueue` waiters at most (integer ≥ 0 or Infinity; 0 = no queue). */
  constructor(sim: Simulation, readonly maxConcurrent: number, readonly maxQueue: number) {
    this.res = new Resource<J>(sim, maxConcurrent, maxQueue);
  }

  /** Slots held. */
  get inUse(): number { return this.res.inUse; }
  /** Jobs waiting. */
  get queued(): number { return this.res.queued; }

  /** Asks for a slot: 'granted' (onGrant already called), 'queued' (called later) or 'rejected'. */
  enter(job: J, onGrant: (job: J) => void): 'granted' | 'queued' | 'rejected' {
    return this.res.request(job, onGrant);
  }

  /** Frees the caller's slot. */
  leave(): void { this.res.release(); }

  /** Removes a waiting job; false if it was not waiting (already granted, or never queued). */
  withdraw(job: J): boolean { return this.res.withdraw(job); }

  /** Occupancy and wait statistics (see ResourceStats). */
  stats(): ResourceStats { return this.res.stats(); }
}

/**
 * One consumer of a queue: a process on a host in a region that handles one item at a time.
 * An item takes `workS` (1 / the consumer's rate), then, with idempotency keys, the key lookup
 * (a key already recorded means the side effect ran: the item is acknowledged without running it
 * again), then its calls to dependencies in order (each with its timeout, retries and breaker;
 * the last one succeeding is the side effect). All calls ok: the item is done; a call failed: the
 * item is left to its visibility timeout.
 *
 * Without idempotency, running the side effect of an item that had already run it (a redelivery
 * after a visibility timeout, a replay after a failover) is a duplicate write. With it, the key is
 * recorded with the side effect, so a second run is refused by the receiver: never a duplicate.
 *
 * When its host dies the consumer stops; the item it held is redelivered by the queue.
 */
import type { Sampler } from '../../engine/distributions.js';
import type { Rng } from '../../engine/random.js';
import type { CallOutcome, DependencyCaller } from '../dependencyCaller.js';
import type { Host } from '../topology.js';
import type { ModelContext } from '../types.js';
import type { QueueItem, QueueWorker, WorkQueue } from './workQueue.js';

/** A write path's idempotency keys: off, or on with the lookup's latency. */
export interface Idempotency {
  enabled: boolean;
  lookup: Sampler;
}

/** One consumer process of a queue. */
export class QueueConsumer implements QueueWorker {
  private item: QueueItem | null = null;
  private epoch = 0;
  private nextCall = 0;

  constructor(
    private readonly queue: WorkQueue,
    readonly host: Host,
    private readonly workS: number,
    private readonly callers: DependencyCaller[],
    private readonly idempotency: Idempotency,
    private readonly rng: Rng,
    private readonly ctx: ModelContext,
  ) {
    ctx.topology.onChange((h, up) => {
      if (h !== host) return;
      this.epoch++;
      this.item = null;
      if (up) queue.workerIdle();
    });
    queue.addWorker(this);
  }

  get region(): string {
    return this.host.region;
  }

  get idle(): boolean {
    return this.item === null && this.host.up;
  }

  take(item: QueueItem): void {
    this.item = item;
    this.nextCall = 0;
    this.ctx.sim.schedule(this.workS, this.afterWork, this.epoch);
  }

  private readonly afterWork = (epoch: number): void => {
    if (epoch !== this.epoch) return;
    if (!this.idempotency.enabled) return this.callNext();
    this.ctx.sim.schedule(this.idempotency.lookup(this.rng), this.afterLookup, epoch);
  };

  private readonly afterLookup = (epoch: number): void => {
    if (epoch !== this.epoch) return;
    if (this.item!.executed) return this.finish(true);
    this.callNext();
  };

  private callNext(): void {
    if (this.nextCall >= this.callers.length) return this.effect();
    this.callers[this.nextCall++]!.call(this.epoch, this.onCalled);
  }

  private readonly onCalled = (epoch: number, outcome: CallOutcome): void => {
    if (epoch !== this.epoch) return;
    if (outcome !== 'ok') return this.finish(false);
    this.callNext();
  };

  /** The side effect ran (the last call succeeded, or there was none). */
  private effect(): void {
    const item = this.item!;
    this.queue.executed(item, item.executed && !this.idempotency.enabled);
    this.finish(true);
  }

  private finish(ok: boolean): void {
    const item = this.item!;
    this.item = null;
    if (ok) this.queue.done(item);
    else this.queue.failed(item);
    this.queue.workerIdle();
  }
}

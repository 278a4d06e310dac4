/**
 * A queue of async work (outbox, webhooks, billing retries). Its storage is replicated across its
 * regions, so an enqueue is always accepted; it is *consumed* from one region at a time (the first
 * of `regions` that is up), by that region's consumers (see consumer.ts), at most consumers × rate
 * items per second.
 *
 * - Delivery: an item received by a consumer is invisible for `visibilityTimeoutS`; if it is not
 *   acknowledged by then (the consumer died, hangs, or is still working) it is delivered again.
 *   A consumer whose item failed leaves it to that timeout too (SQS semantics). After
 *   `maxAttempts` deliveries an item that fails again is dead-lettered.
 * - Ordering `fifo`: redelivered items go first, in enqueue order, and while a failed item waits
 *   for its timeout no newer item is delivered (head-of-line blocking). `none`: items are
 *   delivered in the order they became visible, so newer items pass a failed one.
 * - Acknowledgement: at once, or (`ackIntervalS` > 0) in a checkpoint every interval, as offset
 *   commits do. When the active region is lost, after `failover` (and once the new region's
 *   control plane is available: switching consumers over is a control-plane action) the next
 *   region consumes and
 *   first replays every item the old one had not acknowledged: in flight, or processed since the
 *   last checkpoint. An item whose side effect already ran then runs it again: without
 *   idempotency that is a duplicate write.
 *
 * Items are events, not objects, while they wait for their first delivery (a deque of enqueue
 * times); an item object exists only from its first delivery until it is acknowledged, so memory
 * is bounded by the consumers and the checkpoint, not by the backlog.
 *
 * Business recovery: part `queue:<name>` is down while the backlog (items waiting for delivery)
 * is at or above `backlogThreshold`; each drain below it is reported as phase `backlog_drain`
 * from the backlog's peak.
 */
import { Deque } from '../../engine/deque.js';
import { FixedDelayTimers } from '../../engine/fixedDelayTimers.js';
import type { Sampler } from '../../engine/distributions.js';
import type { Rng } from '../../engine/random.js';
import type { ModelContext } from '../types.js';

/** An item from its first delivery on. */
export class QueueItem {
  /** Deliveries so far. */
  attempts = 0;
  /** Its side effect ran at least once. */
  executed = false;
  acked = false;
  /** Processed, waiting for the next checkpoint to be acknowledged. */
  finished = false;
  /** fifo: failed, holding newer items back until its visibility timeout. */
  blocking = false;
  /** Handle of its current delivery's visibility timeout, cancelled once that delivery is moot (finished, acknowledged or replayed). */
  visibilityTimer = -1;
  constructor(readonly enqueuedT: number) {}
}

/** What a queue is, in model terms (seconds, items). */
export interface WorkQueueOptions {
  name: string;
  /** Failover order of the regions it is consumed from. */
  regions: string[];
  failover: Sampler;
  ordering: 'fifo' | 'none';
  visibilityTimeoutS: number;
  maxAttempts: number;
  ackIntervalS: number;
  backlogThreshold: number;
}

/** Counts of one replication. */
export interface QueueStats {
  enqueued: number;
  maxBacklog: number;
  redeliveries: number;
  deadLettered: number;
  duplicates: number;
  /** Seconds from the backlog's peak to below the threshold, for each drain after `fromT`. */
  drains: number[];
}

/** Consumers of the queue, as the queue sees them. */
export interface QueueWorker {
  readonly region: string;
  /** Up and waiting for an item. */
  readonly idle: boolean;
  /** Hands an item to an idle worker. */
  take(item: QueueItem): void;
}

/** One queue and its delivery state. */
export class WorkQueue {
  /** Enqueue times of items never delivered (oldest first). */
  private readonly fresh = new Deque<number>();
  /** Items visible again after a failed, timed-out or replayed delivery, with when they became visible. */
  private readonly again = new Deque<QueueItem>();
  private readonly againSinceT = new Deque<number>();
  /** fifo: failed items waiting for their visibility timeout (they hold the newer items back). */
  private blocked = 0;
  /** Items delivered and not acknowledged (in flight, or processed awaiting the checkpoint). */
  private readonly unacked = new Set<QueueItem>();
  private readonly processed: QueueItem[] = [];
  private readonly workers: QueueWorker[] = [];
  private activeRegion: string | null;
  private failingOver = false;
  /** Cumulative dead-lettered items (the timeline's dead_letters series). */
  deadLetters = 0;
  private down = false;
  private peak = 0;
  private peakT = 0;
  /** Statistics count from here (the fault start; 0 without a fault). */
  statsFromT = 0;
  /** Visibility timeouts of the deliveries in flight (one delay for the whole queue). */
  private readonly visibility: FixedDelayTimers<QueueItem>;
  readonly stats: QueueStats = { enqueued: 0, maxBacklog: 0, redeliveries: 0, deadLettered: 0, duplicates: 0, drains: [] };

  constructor(
    readonly opts: WorkQueueOptions,
    private readonly rng: Rng,
    private readonly ctx: ModelContext,
  ) {
    this.activeRegion = opts.regions.find((r) => ctx.topology.regionUp(r)) ?? null;
    ctx.recorder.businessPart(ctx.sim.now, this.part, true);
    ctx.topology.onChange(() => this.checkRegion());
    this.visibility = new FixedDelayTimers(ctx.sim, opts.visibilityTimeoutS, this.visibilityExpired);
    if (opts.ackIntervalS > 0) ctx.sim.schedule(opts.ackIntervalS, this.checkpoint);
  }

  /** Business part name. */
  get part(): string {
    return `queue:${this.opts.name}`;
  }

  /** Items waiting for delivery. */
  get backlog(): number {
    return this.fresh.length + this.again.length;
  }

  /** Region whose consumers consume now (null while failing over or none is up). */
  get region(): string | null {
    return this.failingOver ? null : this.activeRegion;
  }

  /** Registers a consumer; it is offered items while it is idle in the active region. */
  addWorker(w: QueueWorker): void {
    this.workers.push(w);
  }

  /** A producer, a queue fallback or an outbox adds one item now. */
  enqueue(): void {
    this.fresh.pushBack(this.ctx.sim.now);
    if (this.ctx.sim.now >= this.statsFromT) this.stats.enqueued++;
    this.backlogChanged();
    this.dispatch();
  }

  /** A worker became idle: give it the next item if there is one. */
  workerIdle(): void {
    this.dispatch();
  }

  /** The item's side effect ran (again, if `executed` was already set; idempotency was the consumer's call). */
  executed(item: QueueItem, duplicate: boolean): void {
    item.executed = true;
    if (!duplicate) return;
    if (this.ctx.sim.now >= this.statsFromT) this.stats.duplicates++;
    this.ctx.recorder.duplicateWrite(this.ctx.sim.now);
  }

  /** The consumer finished the item: acknowledged now, or at the next checkpoint. */
  done(item: QueueItem): void {
    if (item.acked) return;
    this.visibility.cancel(item.visibilityTimer);
    if (this.opts.ackIntervalS > 0) {
      item.finished = true;
      this.processed.push(item);
      return;
    }
    item.acked = true;
    this.unacked.delete(item);
  }

  /**
   * The consumer failed the item: it becomes visible again when the visibility timeout of its
   * delivery (already running) expires; fifo holds newer items back until then.
   */
  failed(item: QueueItem): void {
    if (this.opts.ordering === 'fifo' && !item.blocking) {
      item.blocking = true;
      this.blocked++;
    }
  }

  private unblock(item: QueueItem): void {
    if (!item.blocking) return;
    item.blocking = false;
    this.blocked--;
  }

  private dispatch(): void {
    const region = this.region;
    if (region === null) return;
    for (const w of this.workers) {
      if (this.backlog === 0) return;
      if (!w.idle || w.region !== region) continue;
      const item = this.next();
      if (!item) return;
      this.deliver(item, w);
    }
  }

  /** The next item to deliver, or null (none, or fifo held back by a failed item). */
  private next(): QueueItem | null {
    const fifo = this.opts.ordering === 'fifo';
    while (this.again.length > 0) {
      const head = this.again.peekFront()!;
      if (head.acked) {
        this.popAgain();
        continue;
      }
      const freshFirst = !fifo && this.fresh.length > 0 && this.fresh.peekFront()! < this.againSinceT.peekFront()!;
      if (freshFirst) break;
      this.popAgain();
      this.backlogChanged();
      return head;
    }
    if (this.fresh.length === 0 || (fifo && this.blocked > 0)) return null;
    const item = new QueueItem(this.fresh.popFront()!);
    this.backlogChanged();
    return item;
  }

  private popAgain(): void {
    this.again.popFront();
    this.againSinceT.popFront();
  }

  private deliver(item: QueueItem, w: QueueWorker): void {
    item.attempts++;
    if (item.attempts > 1 && this.ctx.sim.now >= this.statsFromT) this.stats.redeliveries++;
    this.unacked.add(item);
    item.visibilityTimer = this.visibility.start(item);
    w.take(item);
  }

  /** The delivery's timeout (cancelled if it finished, was acknowledged or replayed): the item is visible again or dead-lettered. */
  private readonly visibilityExpired = (item: QueueItem): void => {
    if (item.acked || item.finished) return;
    this.unblock(item);
    if (item.attempts >= this.opts.maxAttempts) {
      item.acked = true;
      this.unacked.delete(item);
      if (this.ctx.sim.now >= this.statsFromT) this.stats.deadLettered++;
      this.deadLetters++;
      return;
    }
    this.makeVisible(item);
    this.dispatch();
  };

  private makeVisible(item: QueueItem): void {
    this.visibility.cancel(item.visibilityTimer);
    item.finished = false;
    this.unblock(item);
    this.unacked.delete(item);
    this.again.pushBack(item);
    this.againSinceT.pushBack(this.ctx.sim.now);
    this.backlogChanged();
  }

  private readonly checkpoint = (): void => {
    if (this.region !== null && this.ctx.topology.regionUp(this.region)) {
      for (const item of this.processed) {
        item.acked = true;
        this.unacked.delete(item);
      }
      this.processed.length = 0;
    }
    this.ctx.sim.schedule(this.opts.ackIntervalS, this.checkpoint);
  };

  /** The active region went down: after the failover time, the next live region consumes and replays. */
  private checkRegion(): void {
    const { topology, sim } = this.ctx;
    if (this.failingOver || (this.activeRegion !== null && topology.regionUp(this.activeRegion))) return;
    this.failingOver = true;
    const lostT = sim.now;
    sim.schedule(this.opts.failover(this.rng), () => {
      const next = this.opts.regions.find((r) => topology.regionUp(r)) ?? null;
      if (next === null) {
        this.failingOver = false;
        this.activeRegion = null;
        return;
      }
      // Switching the consumers over is a control-plane action in the new region.
      this.ctx.controlPlane.whenAvailable(next, () => this.activate(next, lostT));
    });
  }

  /** The consumers of `next` take over: first they replay what the old region had not acknowledged. */
  private activate(next: string, lostT: number): void {
    const { sim, recorder } = this.ctx;
    this.failingOver = false;
    const from = this.activeRegion;
    this.activeRegion = next;
    const replayed = [...this.unacked].filter((i) => !i.acked).sort((a, b) => a.enqueuedT - b.enqueuedT);
    this.processed.length = 0;
    for (const item of replayed) this.makeVisible(item);
    recorder.note(sim.now, 'queue_failover', `queue ${this.opts.name}: consumed from ${next}${from && from !== next ? ` instead of ${from}` : ''}; ${replayed.length} unacknowledged item${replayed.length === 1 ? '' : 's'} replayed`);
    recorder.phase(sim.now, 'queue_failover', lostT, sim.now);
    this.dispatch();
  }

  /** Tracks the backlog's peak and the business part's state. */
  private backlogChanged(): void {
    const b = this.backlog;
    const now = this.ctx.sim.now;
    if (now >= this.statsFromT && b > this.stats.maxBacklog) this.stats.maxBacklog = b;
    const above = b >= this.opts.backlogThreshold;
    if (above) {
      if (!this.down) {
        this.down = true;
        this.peak = 0;
        this.ctx.recorder.businessPart(now, this.part, false);
      }
      if (b > this.peak) {
        this.peak = b;
        this.peakT = now;
      }
    } else if (this.down) {
      this.down = false;
      this.ctx.recorder.businessPart(now, this.part, true);
      this.ctx.recorder.phase(now, 'backlog_drain', this.peakT, now);
      if (this.peakT >= this.statsFromT) this.stats.drains.push(now - this.peakT);
    }
  }
}

/**
 * One application instance: a process on a host with `concurrency` request slots and a wait
 * queue, a connection pool per database, and a start-up time. A request holds its slot until the
 * server finishes it, even when its client has long timed out. When the host dies, the requests
 * it holds are never answered; when the process is restarted, they get a connection reset.
 *
 * A request's path: slot (its class's bulkhead, if it has one; refused with 503 when the load
 * shedder says so or the queue is full) → database query through the pool (a write with
 * idempotency keys first looks its key up; a key an earlier attempt recorded makes it a read, and
 * a commit racing one is refused) → each dependency call in order (with its policies and
 * fallback) → processing time → answer (degraded if a fallback answered for a dependency). A
 * committed write enqueues one item into each outbox queue.
 */
import { Resource } from '../engine/resource.js';
import type { Sampler } from '../engine/distributions.js';
import type { Rng, StreamFamily } from '../engine/random.js';
import type { ServiceSpec } from '../scenario/schema.js';
import { LoadDependentServer } from './capacity/loadDependentServer.js';
import { ConnectionPool, type Connection } from './connectionPool.js';
import type { Database } from './database.js';
import type { CallOutcome, DependencyCaller } from './dependencyCaller.js';
import type { LoadShedder } from './policies/loadShedder.js';
import type { Idempotency } from './queues/consumer.js';
import type { Host } from './topology.js';
import type { Attempt, ModelContext } from './types.js';

/**
 * Running totals for the service statistics of the result, since `startStats` (the warm-up's
 * end): counts and times of requests accepted from then on, slot usage from then on.
 */
export interface InstanceStats {
  accepted: number;
  granted: number;
  /** Granted requests that waited for their slot (wait > 0). */
  waited: number;
  rejected: number;
  completed: number;
  waitS: number;
  responseS: number;
  busySlotS: number;
  capacitySlotS: number;
}

interface Work {
  /** The instance holding it (the shared handlers below dispatch through it). */
  inst: Instance;
  prev: Work | null;
  next: Work | null;
  attempt: Attempt;
  acceptedT: number;
  epoch: number;
  conn: Connection | null;
  slots: Resource<Work>;
  nextCall: number;
  degraded: boolean;
  /** What the answer is worth so far (the smallest value of the fallbacks that answered). */
  value: number;
  deferred: boolean;
  /** Its client gave up and the server cancels abandoned work: stop at the next step. */
  cancelled: boolean;
}

/** Optional parts of an instance: bulkheads per client class, load shedding, dependency calls. */
export interface InstanceExtras {
  /** Bulkhead index per client class index (classes not listed use the shared slots). */
  bulkheadOfClass: Map<number, number>;
  bulkheads: Array<{ concurrency: number; queue: number }>;
  shedder: LoadShedder | null;
  callers: DependencyCaller[];
  /** Queues into which each committed write enqueues one item (a transactional outbox). */
  outbox?: Array<{ enqueue(): void }>;
  /** Idempotency keys on writes: each write first looks its key up (`lookup`, seconds). */
  idempotency?: Idempotency | null;
}


/** A doubly linked list threaded through the Work objects themselves. */
class HeldList {
  private head: Work | null = null;
  size = 0;

  add(w: Work): void {
    w.prev = null;
    w.next = this.head;
    if (this.head) this.head.prev = w;
    this.head = w;
    this.size++;
  }

  delete(w: Work): void {
    if (w.prev) w.prev.next = w.next;
    else if (this.head === w) this.head = w.next;
    else return; // not in the list
    if (w.next) w.next.prev = w.prev;
    w.prev = w.next = null;
    this.size--;
  }

  clear(): void {
    this.head = null;
    this.size = 0;
  }

  toArray(): Work[] {
    const out: Work[] = [];
    for (let w = this.head; w; w = w.next) out.push(w);
    return out.reverse();
  }
}
/**
 * Who keeps a service tier's running counts (the gauges read them every timeline bucket, so they
 * must not cost a pass over every instance): told when the process starts or stops serving or the
 * instance starts draining, and when an instance not on its list of loaded instances accepts work.
 */
export interface InstanceWatch {
  /** `inst` started or stopped serving, or started draining. */
  stateChanged(inst: Instance): void;
  /** `inst` accepted work while off the watcher's list; the watcher lists it (sets `loadListed`). */
  loaded(inst: Instance): void;
}

const NO_EXTRAS: InstanceExtras = { bulkheadOfClass: new Map(), bulkheads: [], shedder: null, callers: [] };

/** An application instance of a service tier. */
export class Instance {
  /** Process started and serving (false while down or starting up). */
  serving = false;
  /** Incremented on every crash or restart: work from an older epoch is dropped. */
  epoch = 0;
  pool: ConnectionPool | null = null;
  /** A bad deploy on this instance (faults/badDeploy.ts): the share of requests it fails, its draws, who watches (null: a good version). */
  badDeploy: { errorRate: number; rng: Rng; observe: (ok: boolean) => void } | null = null;
  /** Told when the process stops (crash or restart): its health check watches for it. */
  onStop: { stopped(): void } | null = null;
  /** Taken out of its load balancer by a scale-in: finishes what it holds, takes nothing new. */
  draining = false;
  /** Terminated by a scale-in: never boots again. */
  terminated = false;
  /** While draining: called once nothing is held any more. */
  private onIdle: (() => void) | null = null;
  /** Its tier's watcher (null: none) and its place in the tier's instance list (creation order). */
  watch: InstanceWatch | null = null;
  tierIndex = -1;
  /** The watcher's bookkeeping: on its list of instances that may hold work (off it only while it holds none), counted as serving, counted as serving in rotation. */
  loadListed = false;
  countedServing = false;
  countedInRotation = false;
  private slots!: Resource<Work>;
  private bulkheadSlots: Resource<Work>[] = [];
  private slotsHarvested = true;
  /** With a capacity curve: the processing stage, shared by every request past its database and calls. */
  private server: LoadDependentServer<Work> | null = null;
  /** Requests held (in a slot or waiting for one): an intrusive list, cheaper than a Set here. */
  private readonly inFlight = new HeldList();
  /** Requests accepted before this time are left out of the stats (warm-up). */
  private statsFromT = 0;
  readonly stats: InstanceStats = { accepted: 0, granted: 0, waited: 0, rejected: 0, completed: 0, waitS: 0, responseS: 0, busySlotS: 0, capacitySlotS: 0 };

  constructor(
    readonly name: string,
    readonly host: Host,
    private readonly spec: ServiceSpec,
    private readonly db: Database | null,
    private readonly serviceTime: Sampler,
    private readonly startup: Sampler,
    /** The tier's instance streams: this instance draws from member `tierIndex` (`instance:<name>`). */
    private readonly streams: StreamFamily,
    private readonly ctx: ModelContext,
    private readonly extras: InstanceExtras = NO_EXTRAS,
    /** Start-up before the first request (0: serving from the start; scale-up: a sampled start-up). */
    firstBootS = 0,
  ) {
    this.boot(firstBootS);
  }

  /** The generator of this instance's own stream, valid until another instance draws. */
  private rng(): Rng {
    return this.streams.select(this.tierIndex, this.name);
  }

  /** Accepts an attempt from the load balancer. */
  accept(attempt: Attempt): void {
    if (!this.serving) return; // nothing listening: the client's timeout decides
    if (!this.loadListed && this.watch) this.watch.loaded(this);
    const b = this.extras.bulkheadOfClass.get(attempt.req.classIndex);
    const slots = b === undefined ? this.slots : this.bulkheadSlots[b]!;
    const shed = this.extras.shedder;
    if (shed && slots.inUse >= slots.capacity && shed.shouldShed(slots.queued, slots.oldestWaitS())) {
      this.stats.rejected++;
      this.ctx.sim.schedule(0.001, () => attempt.respond(false));
      return;
    }
    const w: Work = { inst: this, prev: null, next: null, attempt, acceptedT: this.ctx.sim.now, epoch: this.epoch, conn: null, slots, nextCall: 0, degraded: false, value: 1, deferred: false, cancelled: false };
    this.inFlight.add(w);
    if (slots.request(w, Instance.onSlot) === 'rejected') {
      this.inFlight.delete(w);
      this.stats.rejected++;
      attempt.respond(false);
      return;
    }
    this.stats.accepted++;
    if (this.spec.capacity?.cancel_on_timeout) attempt.onAbandon?.(Instance.onAbandoned, w);
  }

  // The request callbacks below are static and dispatch through `w.inst`: one shared function
  // each, rather than a closure per instance, which a large fleet's round robin reads cold (with
  // its context) on every request.

  /**
   * The client of `w` timed out and this server cancels abandoned work: a request still waiting
   * for a slot leaves the queue, one being processed leaves the processing stage; one at its
   * database or a dependency stops when that step returns.
   */
  private static readonly onAbandoned = (w: Work): void => w.inst.abandoned(w);

  private abandoned(w: Work): void {
    if (w.epoch !== this.epoch || w.cancelled) return;
    w.cancelled = true;
    if (w.slots.withdraw(w)) {
      this.inFlight.delete(w);
      if (this.onIdle !== null && this.inFlight.size === 0) this.onIdle();
      return;
    }
    if (this.server?.remove(w)) this.drop(w);
  }

  /** Ends a cancelled request without an answer (its client is gone), freeing its slot. */
  private drop(w: Work): void {
    this.inFlight.delete(w);
    w.slots.release();
    if (this.onIdle !== null && this.inFlight.size === 0) this.onIdle();
  }

  /** Process crash (host lost): held requests are never answered. */
  crash(): void {
    this.stop();
    this.inFlight.clear();
    this.onIdle?.();
  }

  /**
   * Process restart by an operator: held requests get a connection reset at once, and the
   * instance serves again (with a fresh pool) after `outS`, which includes its warm-up.
   */
  restart(outS: number): void {
    const held = this.inFlight.toArray();
    this.stop();
    this.inFlight.clear();
    for (const w of held) w.attempt.respond(false);
    this.onIdle?.();
    this.ctx.sim.schedule(outS, () => {
      if (this.host.up && !this.serving) this.boot(0);
    });
  }

  /** The host came back: the process starts again after a sampled start-up time. */
  powerOn(): void {
    this.boot(this.startup(this.rng()));
  }

  /** Boots the process after `startupS` (the host must be up; a terminated instance never boots). */
  boot(startupS: number): void {
    if (this.terminated) return;
    const epoch = ++this.epoch;
    const start = () => {
      if (epoch !== this.epoch || !this.host.up) return;
      const queue = this.spec.queue === 'none' ? Infinity : this.spec.queue;
      this.slots = new Resource<Work>(this.ctx.sim, this.spec.concurrency, queue);
      this.bulkheadSlots = this.extras.bulkheads.map((b) => new Resource<Work>(this.ctx.sim, b.concurrency, b.queue));
      this.slotsHarvested = false;
      const c = this.spec.capacity;
      const maxInFlight = this.spec.concurrency + this.extras.bulkheads.reduce((n, b) => n + b.concurrency, 0);
      this.server = c ? new LoadDependentServer<Work>(this.ctx.sim, c.model, maxInFlight, Instance.onComputed) : null;
      this.pool = this.db ? new ConnectionPool(this.spec.pools[this.db.name]!, this.db, this.host.region, this.ctx) : null;
      this.setServing(true);
    };
    if (startupS <= 0) start();
    else this.ctx.sim.schedule(startupS, start);
  }

  /**
   * Busy share of this instance right now, 0..1 (NaN while it does not serve): slots held over
   * slots (bulkheads included), or with a capacity curve the share of its peak throughput the
   * requests in processing get.
   */
  get utilisation(): number {
    if (!this.serving) return NaN;
    if (this.server) return this.server.load;
    let busy = this.slots.inUse;
    let cap = this.slots.capacity;
    for (const r of this.bulkheadSlots) {
      busy += r.inUse;
      cap += r.capacity;
    }
    return cap > 0 ? Math.min(1, busy / cap) : NaN;
  }

  /** Requests in the slots or waiting for one. */
  get outstanding(): number {
    return this.inFlight.size;
  }

  /**
   * Scale-in: the load balancer no longer sends this instance anything; it finishes the requests
   * it holds and is terminated once it holds none, or after `deregistrationS` at the latest (the
   * load balancer then closes what is left: those requests get a connection reset). `gone` is
   * called at the termination.
   */
  drain(deregistrationS: number, gone: () => void): void {
    this.draining = true;
    this.watch?.stateChanged(this);
    const terminate = (): void => {
      if (this.terminated) return;
      const held = this.inFlight.toArray();
      this.stop();
      this.inFlight.clear();
      this.terminated = true;
      this.onIdle = null;
      for (const w of held) w.attempt.respond(false);
      gone();
    };
    if (this.inFlight.size === 0) return terminate();
    // Terminated in an event of its own, not inside the callback that released the last request.
    this.onIdle = () => {
      this.onIdle = null;
      this.ctx.sim.schedule(0, terminate);
    };
    this.ctx.sim.schedule(deregistrationS, terminate);
  }

  /** Discards the stats gathered so far (the warm-up ends now): counting starts afresh. */
  startStats(): void {
    this.statsFromT = this.ctx.sim.now;
    Object.assign(this.stats, { accepted: 0, granted: 0, waited: 0, rejected: 0, completed: 0, waitS: 0, responseS: 0, busySlotS: 0, capacitySlotS: 0 });
    if (!this.slotsHarvested) for (const r of [this.slots, ...this.bulkheadSlots]) r.resetStats();
    this.server?.resetStats();
  }

  /**
   * Adds the slot usage of the current process up to now into the stats (at its stop, or the
   * end). With a capacity curve, usage is the share of the curve's peak throughput delivered.
   */
  closeStats(): void {
    if (this.slotsHarvested) return;
    this.slotsHarvested = true;
    if (this.server) {
      const u = this.server.utilisation();
      this.stats.busySlotS += u.busyS;
      this.stats.capacitySlotS += this.ctx.sim.now - u.sinceT;
      return;
    }
    for (const r of [this.slots, ...this.bulkheadSlots]) {
      const s = r.stats();
      this.stats.busySlotS += s.busyTimeIntegral;
      this.stats.capacitySlotS += r.capacity * (this.ctx.sim.now - s.since);
    }
  }

  /** Requests waiting for a slot (all bulkheads). */
  get queued(): number {
    if (!this.serving) return 0;
    let n = this.slots.queued;
    for (const r of this.bulkheadSlots) n += r.queued;
    return n;
  }

  private stop(): void {
    this.closeStats();
    this.setServing(false);
    this.epoch++;
    this.server?.clear();
    this.server = null;
    this.pool?.close();
    this.pool = null;
    this.onStop?.stopped();
  }

  private setServing(serving: boolean): void {
    if (this.serving === serving) return;
    this.serving = serving;
    this.watch?.stateChanged(this);
  }

  private static readonly onSlot = (w: Work): void => w.inst.slotGranted(w);
  private slotGranted(w: Work): void {
    if (w.epoch !== this.epoch) return;
    if (w.acceptedT >= this.statsFromT) {
      const waitS = this.ctx.sim.now - w.acceptedT;
      this.stats.granted++;
      this.stats.waitS += waitS;
      if (waitS > 0) this.stats.waited++;
    }
    if (this.pool) this.pool.borrow(w, Instance.onConnection);
    else this.callNext(w);
  }

  /** Makes the request's next dependency call, or goes on to processing when none is left. */
  private callNext(w: Work): void {
    const callers = this.extras.callers;
    if (w.cancelled) return this.drop(w);
    if (w.nextCall >= callers.length) {
      if (this.server) this.server.add(w, this.serviceTime(this.rng()));
      else this.ctx.sim.schedule(this.serviceTime(this.rng()), Instance.onComputed, w);
      return;
    }
    callers[w.nextCall++]!.call(w, Instance.onCalled);
  }

  private static readonly onCalled = (w: Work, outcome: CallOutcome, value: number): void => w.inst.called(w, outcome, value);
  private called(w: Work, outcome: CallOutcome, value: number): void {
    if (w.epoch !== this.epoch) return;
    if (outcome === 'failed') return this.finish(w, false);
    if (outcome === 'degraded' || outcome === 'queued') {
      w.degraded = true;
      w.value = Math.min(w.value, value);
      if (outcome === 'queued') w.deferred = true;
    }
    this.callNext(w);
  }

  private static readonly onConnection = (w: Work, conn: Connection | null): void => w.inst.connected(w, conn);
  private connected(w: Work, conn: Connection | null): void {
    if (w.epoch !== this.epoch) return;
    if (!conn) return this.finish(w, false);
    w.conn = conn;
    const keys = this.extras.idempotency;
    if (keys && w.attempt.req.isWrite) this.ctx.sim.schedule(keys.lookup(this.rng()), Instance.onKeyLooked, w);
    else this.pool!.query(conn, w.attempt.req.isWrite, w, Instance.onQueried, Instance.onCommit);
  }

  /** The key lookup is done: a write whose key is recorded (an earlier attempt committed) runs as a read. */
  private static readonly onKeyLooked = (w: Work): void => w.inst.keyLooked(w);
  private keyLooked(w: Work): void {
    if (w.epoch !== this.epoch) return;
    this.pool!.query(w.conn!, w.attempt.req.commits === 0, w, Instance.onQueried, Instance.onCommit);
  }

  /** A write commits; with idempotency keys, one whose key an earlier attempt recorded is refused. */
  private static readonly onCommit = (w: Work): boolean => w.inst.committing(w);
  private committing(w: Work): boolean {
    const req = w.attempt.req;
    if (this.extras.idempotency && req.commits > 0) return false;
    req.commits++;
    const outbox = this.extras.outbox;
    if (outbox) for (const q of outbox) q.enqueue();
    return true;
  }

  private static readonly onQueried = (w: Work, ok: boolean): void => w.inst.queried(w, ok);
  private queried(w: Work, ok: boolean): void {
    if (w.epoch !== this.epoch) return;
    if (!ok) return this.finish(w, false);
    this.callNext(w);
  }

  private static readonly onComputed = (w: Work): void => w.inst.computed(w);
  private computed(w: Work): void {
    if (w.epoch !== this.epoch) return;
    const bad = this.badDeploy;
    if (bad) {
      const ok = bad.rng() >= bad.errorRate;
      bad.observe(ok);
      return this.finish(w, ok);
    }
    this.finish(w, true);
  }

  private finish(w: Work, ok: boolean): void {
    this.inFlight.delete(w);
    if (w.acceptedT >= this.statsFromT) {
      this.stats.completed++;
      this.stats.responseS += this.ctx.sim.now - w.acceptedT;
    }
    w.slots.release();
    w.attempt.respond(ok, w.degraded && ok ? { degraded: true, value: w.value, deferred: w.deferred } : undefined);
    if (this.onIdle !== null && this.inFlight.size === 0) this.onIdle();
  }
}

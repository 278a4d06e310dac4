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
import { withBit } from './bits.js';
import { Resource } from '../engine/resource.js';
import type { Sampler } from '../engine/distributions.js';
import { StreamFamily, type Rng } from '../engine/random.js';
import type { ListPool } from '../engine/listPool.js';
import type { Row, RowStore } from '../engine/rowStore.js';
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
 * end): counts and times of requests accepted from then on, slot usage from then on. Kept per
 * tier and region (a tally, see InstanceShared.tally), not per instance: the result reports
 * nothing finer, and a request then updates one row every instance of its region shares.
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

/** Bits of Work.flags; the bits from W_CALL_SHIFT up count the dependency calls made (Work.nextCall). */
const W_DEGRADED = 1, W_DEFERRED = 2, W_CANCELLED = 4, W_BITS = 7, W_CALL_SHIFT = 3;

/**
 * One request on an instance. A class, not an object literal: V8 tracks the objects of a
 * literal (an allocation site) and, when a scavenge finds nearly all of them alive, allocates
 * that literal straight in the old generation from then on. Right after a large fleet is built
 * the first scavenges see everything survive, and the request literal was "tenured": every
 * request was then made in the old generation, dead there until a full collection, and its
 * young attempt and client request stayed reachable from it, so each scavenge copied and
 * promoted about 70% of what it found (15,000 instances per region at 100,000 requests/s: 20 ms
 * scavenges, the heap growing 150 MB a second between full collections). Objects made by a
 * constructor are not pretenured that way.
 *
 * Every accepted request allocates one and its end reads it back cold, so it is kept small (each
 * field is 8 bytes): the time it was accepted is its node's stamp in the tier's ListPool (a real
 * number here would be a 16-byte heap box besides), and the dependency calls made share a field
 * with the booleans.
 */
export class Work {
  /** Its node in the tier's ListPool while its instance holds it (−1: not held); the node's stamp is the time it was accepted. */
  node = -1;
  conn: Connection | null = null;
  /** What the answer is worth so far (the smallest value of the fallbacks that answered). */
  value = 1;
  /** The booleans below as bits (W_*), and above W_CALL_SHIFT the dependency calls made. */
  private flags = 0;
  constructor(
    /** The instance holding it (the shared handlers below dispatch through it). */
    readonly inst: Instance,
    readonly attempt: Attempt,
    readonly epoch: number,
    readonly slots: Resource<Work>,
  ) {}

  /** Dependency calls made so far (the index of the next one). */
  get nextCall(): number { return this.flags >>> W_CALL_SHIFT; }
  set nextCall(n: number) { this.flags = (this.flags & W_BITS) | (n << W_CALL_SHIFT); }
  /** A fallback answered for one of its dependency calls. */
  get degraded(): boolean { return (this.flags & W_DEGRADED) !== 0; }
  set degraded(v: boolean) { this.flags = withBit(this.flags, W_DEGRADED, v); }
  /** A `queue` fallback deferred part of its work. */
  get deferred(): boolean { return (this.flags & W_DEFERRED) !== 0; }
  set deferred(v: boolean) { this.flags = withBit(this.flags, W_DEFERRED, v); }
  /** Its client gave up and the server cancels abandoned work: stop at the next step. */
  get cancelled(): boolean { return (this.flags & W_CANCELLED) !== 0; }
  set cancelled(v: boolean) { this.flags = withBit(this.flags, W_CANCELLED, v); }
}

/** Optional parts of an instance: bulkheads per client class, load shedding, dependency calls. */
export interface InstanceExtras {
  /**
   * Bulkhead index per client class index, −1 (or beyond the end) for a class with none: it uses
   * the shared slots. An array, not a Map: every accepted request reads it.
   */
  bulkheadOfClass: Int32Array;
  bulkheads: Array<{ concurrency: number; queue: number }>;
  shedder: LoadShedder | null;
  callers: DependencyCaller[];
  /** Queues into which each committed write enqueues one item (a transactional outbox). */
  outbox?: Array<{ enqueue(): void }>;
  /** Idempotency keys on writes: each write first looks its key up (`lookup`, seconds). */
  idempotency?: Idempotency | null;
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

/**
 * Offsets in a tally's row (InstanceShared.tally): the totals of InstanceStats and the time they
 * count from.
 */
const ST_ACCEPTED = 0, ST_GRANTED = 1, ST_WAITED = 2, ST_REJECTED = 3, ST_WAIT_S = 4, ST_BUSY_SLOT_S = 5, ST_CAPACITY_SLOT_S = 6,
  ST_FROM_T = 7, ST_COMPLETED = 8, ST_RESPONSE_S = 9;
/** Doubles in a tally's row. */
export const TALLY_ROW = 10;

/** A tally's running totals (its row) as InstanceStats. */
export function tallyStats(t: Row): InstanceStats {
  const f = t.f, o = t.o;
  return {
    accepted: f[o + ST_ACCEPTED]!, granted: f[o + ST_GRANTED]!, waited: f[o + ST_WAITED]!, rejected: f[o + ST_REJECTED]!,
    completed: f[o + ST_COMPLETED]!, waitS: f[o + ST_WAIT_S]!, responseS: f[o + ST_RESPONSE_S]!,
    busySlotS: f[o + ST_BUSY_SLOT_S]!, capacitySlotS: f[o + ST_CAPACITY_SLOT_S]!,
  };
}

/** Starts a tally afresh at `nowS` (the warm-up's end): zero totals, counting requests accepted from then on. */
export function restartTally(t: Row, nowS: number): void {
  t.f.fill(0, t.o, t.o + TALLY_ROW);
  t.f[t.o + ST_FROM_T] = nowS;
}

const NO_EXTRAS: InstanceExtras = { bulkheadOfClass: new Int32Array(0), bulkheads: [], shedder: null, callers: [] };

/**
 * What every instance of a tier shares (one object, so an instance holds one reference to it
 * instead of eight fields of its own).
 */
export interface InstanceShared {
  ctx: ModelContext;
  /** The tier's watcher (null: none). */
  watch: InstanceWatch | null;
  spec: ServiceSpec;
  db: Database | null;
  serviceTime: Sampler;
  startup: Sampler;
  /** The tier's instance streams (`instance:<name>`): an instance keeps its member's state in its row (StreamFamily.selectIn). */
  streams: StreamFamily;
  /** The tier's rows: an instance's slots' numbers live there (Resource.ROW doubles each). */
  rows: RowStore;
  /**
   * The running totals of the tier's instances in `region` (TALLY_ROW doubles, see
   * tallyStats): the same row for every call with that region.
   */
  tally(region: string): Row;
  /** The lists of the requests each instance of the tier holds (an instance keeps its list's head). */
  held: ListPool<Work>;
}

/** A bad deploy's hold on an instance: the share of requests it fails, its draws, who watches. */
export interface BadDeployState {
  errorRate: number;
  rng: Rng;
  observe: (ok: boolean) => void;
}

/** Where an instance's random stream's state starts, before its slots' row (see Instance.sf). */
const RNG_AT = StreamFamily.STATE;

/** Bits of Instance.flags. */
const I_SERVING = 1, I_LOAD_LISTED = 2, I_DRAINING = 4, I_TERMINATED = 8, I_COUNTED_SERVING = 16, I_COUNTED_IN_ROTATION = 32,
  I_SLOTS_HARVESTED = 64, I_BAD_DEPLOY = 128;

/**
 * An application instance of a service tier.
 *
 * The constructor sets every field, in the order V8 then lays them out: first what a request's
 * end reads (a request ends at a random moment, thousands of requests after its instance was
 * last touched, so each cache line of the instance is a miss), then what accepting a request
 * reads, then faults, scaling and draining.
 */
export class Instance {
  /** Incremented on every crash or restart: work from an older epoch is dropped. */
  epoch: number;
  /**
   * Requests held (in a slot or waiting for one), newest first: the head of its list in the
   * tier's ListPool (−1: none; an index, not a reference to the request, see ListPool) and the
   * list's length.
   */
  private heldHead: number;
  private heldCount: number;
  /**
   * The numbers of the process's slots, in one row of the tier's RowStore (Resource.ROW
   * doubles) at `sf[so..]`: a request reads them from one place, and the slots' common cases (a
   * free slot, a release with nobody waiting) without the Resource object. Every boot's slots
   * reuse the row (the previous process's slots are never used again). The instance's random
   * stream's state comes just before it (StreamFamily.STATE doubles at `sf[so - RNG_AT..]`, see
   * `rng`): a request draws its processing time, and a stream apart in the tier's family was
   * one more cold cache line per request in a large fleet.
   */
  private readonly sf: Float64Array;
  private readonly so: number;
  /**
   * The running totals of its tier's instances in its region and the time they count from
   * (requests accepted before it are left out: the warm-up), offsets ST_*. Shared by the
   * region's instances, so it stays in cache however large the fleet: a request's accept and
   * end touch only its own instance's slots row beside it.
   */
  private readonly tally: Row;
  /** The process's request slots (null until its first boot). */
  private slots: Resource<Work> | null;
  private readonly shared: InstanceShared;
  /** The booleans below (serving, loadListed, draining, ...), as bits I_*. */
  private flags: number;
  private readonly extras: InstanceExtras;
  pool: ConnectionPool | null;
  /** With a capacity curve: the processing stage, shared by every request past its database and calls. */
  private server: LoadDependentServer<Work> | null;
  // What a request reads is above (a request ends thousands of requests after its instance was
  // last touched, so each cache line of the instance is a miss then); what faults, scaling and
  // draining use is below.
  /** Its place in the tier's instance list (creation order). */
  tierIndex: number;
  readonly name: string;
  readonly host: Host;
  /** While draining: called once nothing is held any more. */
  private onIdle: (() => void) | null;
  /** See `badDeploy` (read only when the I_BAD_DEPLOY bit is set). */
  private badDeployState: BadDeployState | null;
  /** Told when the process stops (crash or restart): its health check watches for it. */
  onStop: { stopped(): void } | null;
  private bulkheadSlots: Resource<Work>[];

  constructor(
    name: string,
    host: Host,
    shared: InstanceShared,
    extras: InstanceExtras = NO_EXTRAS,
    /** Start-up before the first request (0: serving from the start; scale-up: a sampled start-up). */
    firstBootS = 0,
  ) {
    const row = shared.rows.alloc(RNG_AT + Resource.ROW);
    StreamFamily.reserve(row.f, row.o);
    this.epoch = 0;
    this.heldHead = -1;
    this.heldCount = 0;
    this.sf = row.f;
    this.so = row.o + RNG_AT;
    this.tally = shared.tally(host.region);
    this.slots = null;
    this.shared = shared;
    this.flags = I_SLOTS_HARVESTED;
    this.extras = extras;
    this.pool = null;
    this.server = null;
    this.tierIndex = -1;
    this.name = name;
    this.host = host;
    this.onIdle = null;
    this.badDeployState = null;
    this.onStop = null;
    this.bulkheadSlots = [];
    this.boot(firstBootS);
  }

  private get ctx(): ModelContext {
    return this.shared.ctx;
  }

  private flag(bit: number): boolean {
    return (this.flags & bit) !== 0;
  }

  private setFlag(bit: number, on: boolean): void {
    this.flags = withBit(this.flags, bit, on);
  }

  /** Process started and serving (false while down or starting up). */
  get serving(): boolean { return this.flag(I_SERVING); }
  /** The watcher's bookkeeping: on its list of instances that may hold work (off it only while it holds none). */
  get loadListed(): boolean { return this.flag(I_LOAD_LISTED); }
  set loadListed(v: boolean) { this.setFlag(I_LOAD_LISTED, v); }
  /** Taken out of its load balancer by a scale-in: finishes what it holds, takes nothing new. */
  get draining(): boolean { return this.flag(I_DRAINING); }
  /** Terminated by a scale-in: never boots again. */
  get terminated(): boolean { return this.flag(I_TERMINATED); }
  /** The watcher's bookkeeping: counted as serving, counted as serving in rotation. */
  get countedServing(): boolean { return this.flag(I_COUNTED_SERVING); }
  set countedServing(v: boolean) { this.setFlag(I_COUNTED_SERVING, v); }
  get countedInRotation(): boolean { return this.flag(I_COUNTED_IN_ROTATION); }
  set countedInRotation(v: boolean) { this.setFlag(I_COUNTED_IN_ROTATION, v); }
  /** A bad deploy on this instance (faults/badDeploy.ts): the share of requests it fails, its draws, who watches (null: a good version). */
  get badDeploy(): BadDeployState | null { return this.flag(I_BAD_DEPLOY) ? this.badDeployState : null; }
  set badDeploy(v: BadDeployState | null) {
    this.badDeployState = v;
    this.setFlag(I_BAD_DEPLOY, v !== null);
  }

  /** While draining, once nothing is held: calls `onIdle` (the drain's termination). */
  private idleCheck(): void {
    if (this.draining && this.heldCount === 0 && this.onIdle !== null) this.onIdle();
  }

  /** The generator of this instance's own stream (`instance:<name>`, seeded at its first draw), valid until another instance draws. */
  private rng(): Rng {
    const f = this.sf, o = this.so - RNG_AT;
    if (f[o] !== f[o]) this.shared.streams.seedIn(f, o, this.name);
    return this.shared.streams.selectIn(f, o);
  }

  /** Puts `w` first on the held list, stamped with the time it was accepted. */
  private hold(w: Work, acceptedT: number): void {
    const held = this.shared.held;
    this.heldHead = w.node = held.push(this.heldHead, w);
    held.setStamp(w.node, acceptedT);
    this.heldCount++;
  }

  /** Takes `w` off the held list (nothing if it is not on it). */
  private unhold(w: Work): void {
    const held = this.shared.held;
    if (!held.holds(w.node, w)) return;
    this.heldHead = held.remove(this.heldHead, w.node);
    w.node = -1;
    this.heldCount--;
  }

  private dropHeld(): void {
    this.shared.held.clear(this.heldHead);
    this.heldHead = -1;
    this.heldCount = 0;
  }

  /** The held requests, oldest first. */
  private heldList(): Work[] {
    return this.shared.held.list(this.heldHead).reverse();
  }

  /** Accepts an attempt from the load balancer. */
  accept(attempt: Attempt): void {
    if (!this.serving) return; // nothing listening: the client's timeout decides
    if (!this.loadListed && this.shared.watch !== null) this.shared.watch.loaded(this);
    const ofClass = this.extras.bulkheadOfClass;
    const c = attempt.req.classIndex;
    const b = c < ofClass.length ? ofClass[c]! : -1;
    const slots = b < 0 ? this.slots! : this.bulkheadSlots[b]!;
    const shed = this.extras.shedder;
    if (shed && slots.inUse >= slots.capacity && shed.shouldShed(slots.queued, slots.oldestWaitS())) {
      this.tally.f[this.tally.o + ST_REJECTED]++;
      this.ctx.sim.schedule(0.001, () => attempt.respond(false));
      return;
    }
    const now = this.ctx.sim.now;
    const w = new Work(this, attempt, this.epoch, slots);
    this.hold(w, now);
    if (slots === this.slots && Resource.tryGrantAt(this.sf, this.so, now)) {
      this.slotGranted(w);
    } else if (slots.request(w, Instance.onSlot) === 'rejected') {
      this.unhold(w);
      this.tally.f[this.tally.o + ST_REJECTED]++;
      attempt.respond(false);
      return;
    }
    this.tally.f[this.tally.o + ST_ACCEPTED]++;
    if (this.shared.spec.capacity?.cancel_on_timeout) attempt.onAbandon?.(Instance.onAbandoned, w);
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
      this.unhold(w);
      this.idleCheck();
      return;
    }
    if (this.server?.remove(w)) this.drop(w);
  }

  /** Ends a cancelled request without an answer (its client is gone), freeing its slot. */
  private drop(w: Work): void {
    this.unhold(w);
    w.slots.release();
    this.idleCheck();
  }

  /** Process crash (host lost): held requests are never answered. */
  crash(): void {
    this.stop();
    this.dropHeld();
    this.onIdle?.();
  }

  /**
   * Process restart by an operator: held requests get a connection reset at once, and the
   * instance serves again (with a fresh pool) after `outS`, which includes its warm-up.
   */
  restart(outS: number): void {
    const held = this.heldList();
    this.stop();
    this.dropHeld();
    for (const w of held) w.attempt.respond(false);
    this.onIdle?.();
    this.ctx.sim.schedule(outS, () => {
      if (this.host.up && !this.serving) this.boot(0);
    });
  }

  /** The host came back: the process starts again after a sampled start-up time. */
  powerOn(): void {
    this.boot(this.shared.startup(this.rng()));
  }

  /** Boots the process after `startupS` (the host must be up; a terminated instance never boots). */
  boot(startupS: number): void {
    if (this.terminated) return;
    const epoch = ++this.epoch;
    const start = () => {
      if (epoch !== this.epoch || !this.host.up) return;
      const queue = this.shared.spec.queue === 'none' ? Infinity : this.shared.spec.queue;
      this.slots = new Resource<Work>(this.ctx.sim, this.shared.spec.concurrency, queue, { f: this.sf, o: this.so });
      this.bulkheadSlots = this.extras.bulkheads.map((b) => new Resource<Work>(this.ctx.sim, b.concurrency, b.queue));
      this.setFlag(I_SLOTS_HARVESTED, false);
      const c = this.shared.spec.capacity;
      const maxInFlight = this.shared.spec.concurrency + this.extras.bulkheads.reduce((n, b) => n + b.concurrency, 0);
      this.server = c ? new LoadDependentServer<Work>(this.ctx.sim, c.model, maxInFlight, Instance.onComputed) : null;
      this.pool = this.shared.db ? new ConnectionPool(this.shared.spec.pools[this.shared.db.name]!, this.shared.db, this.host.region, this.ctx) : null;
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
    let busy = this.slots!.inUse;
    let cap = this.slots!.capacity;
    for (const r of this.bulkheadSlots) {
      busy += r.inUse;
      cap += r.capacity;
    }
    return cap > 0 ? Math.min(1, busy / cap) : NaN;
  }

  /** Requests in the slots or waiting for one. */
  get outstanding(): number {
    return this.heldCount;
  }

  /**
   * Scale-in: the load balancer no longer sends this instance anything; it finishes the requests
   * it holds and is terminated once it holds none, or after `deregistrationS` at the latest (the
   * load balancer then closes what is left: those requests get a connection reset). `gone` is
   * called at the termination.
   */
  drain(deregistrationS: number, gone: () => void): void {
    this.setFlag(I_DRAINING, true);
    this.shared.watch?.stateChanged(this);
    const terminate = (): void => {
      if (this.terminated) return;
      const held = this.heldList();
      this.stop();
      this.dropHeld();
      this.setFlag(I_TERMINATED, true);
      this.onIdle = null;
      for (const w of held) w.attempt.respond(false);
      gone();
    };
    if (this.heldCount === 0) return terminate();
    // Terminated in an event of its own, not inside the callback that released the last request.
    this.onIdle = () => {
      this.onIdle = null;
      this.ctx.sim.schedule(0, terminate);
    };
    this.ctx.sim.schedule(deregistrationS, terminate);
  }

  /**
   * Discards the slot usage of the current process so far (the warm-up ends now). The totals
   * are its tally's: ServiceTier.startStats restarts those.
   */
  startStats(): void {
    if (!this.flag(I_SLOTS_HARVESTED)) for (const r of [this.slots!, ...this.bulkheadSlots]) r.resetStats();
    this.server?.resetStats();
  }

  /**
   * Adds the slot usage of the current process up to now into its tally (at its stop, or the
   * end). With a capacity curve, usage is the share of the curve's peak throughput delivered.
   */
  closeStats(): void {
    if (this.flag(I_SLOTS_HARVESTED)) return;
    this.setFlag(I_SLOTS_HARVESTED, true);
    const tf = this.tally.f, to = this.tally.o;
    if (this.server) {
      const u = this.server.utilisation();
      tf[to + ST_BUSY_SLOT_S] += u.busyS;
      tf[to + ST_CAPACITY_SLOT_S] += this.ctx.sim.now - u.sinceT;
      return;
    }
    for (const r of [this.slots!, ...this.bulkheadSlots]) {
      const s = r.stats();
      tf[to + ST_BUSY_SLOT_S] += s.busyTimeIntegral;
      tf[to + ST_CAPACITY_SLOT_S] += r.capacity * (this.ctx.sim.now - s.since);
    }
  }

  /** Requests waiting for a slot (all bulkheads). */
  get queued(): number {
    if (!this.serving) return 0;
    let n = this.slots!.queued;
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
    this.setFlag(I_SERVING, serving);
    this.shared.watch?.stateChanged(this);
  }

  private static readonly onSlot = (w: Work): void => w.inst.slotGranted(w);
  private slotGranted(w: Work): void {
    if (w.epoch !== this.epoch) return;
    const tf = this.tally.f, to = this.tally.o;
    const acceptedT = this.shared.held.stamps[w.node]!; // when it was accepted (see hold)
    if (acceptedT >= tf[to + ST_FROM_T]!) {
      const waitS = this.ctx.sim.now - acceptedT;
      tf[to + ST_GRANTED]++;
      tf[to + ST_WAIT_S] += waitS;
      if (waitS > 0) tf[to + ST_WAITED]++;
    }
    if (this.pool) this.pool.borrow(w, Instance.onConnection);
    else this.callNext(w);
  }

  /** Makes the request's next dependency call, or goes on to processing when none is left. */
  private callNext(w: Work): void {
    const callers = this.extras.callers;
    if (w.cancelled) return this.drop(w);
    if (w.nextCall >= callers.length) {
      if (this.server) this.server.add(w, this.shared.serviceTime(this.rng()));
      else this.ctx.sim.schedule(this.shared.serviceTime(this.rng()), Instance.onComputed, w);
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
    const acceptedT = this.shared.held.stamps[w.node]!; // when it was accepted (see hold)
    this.unhold(w);
    const tf = this.tally.f, to = this.tally.o;
    if (acceptedT >= tf[to + ST_FROM_T]!) {
      tf[to + ST_COMPLETED]++;
      tf[to + ST_RESPONSE_S] += this.ctx.sim.now - acceptedT;
    }
    if (w.slots !== this.slots || !Resource.tryReleaseAt(this.sf, this.so, this.ctx.sim.now)) w.slots.release();
    w.attempt.respond(ok, w.degraded && ok ? { degraded: true, value: w.value, deferred: w.deferred } : undefined);
    this.idleCheck();
  }
}

/**
 * A server with `capacity` identical slots and a FIFO wait queue (optionally bounded) for jobs of
 * any type: a thread pool, a connection pool, a database's worker slots. Grants happen
 * synchronously inside `request`/`release`/`setCapacity`, so a model's state is never stale
 * between a slot freeing and the next job starting.
 *
 * Its numbers (slots, counts, time integrals) live in a row of a Float64Array: its own by
 * default, or one that a fleet's rows share (RowStore), so that round robin over thousands of
 * instances reads each one's numbers from one place in one array instead of from the Resource
 * and a heap box per real-valued field, each a cache miss when the instance was last visited
 * thousands of requests ago.
 */
import { Deque, Float64Deque } from './deque.js';
import { type Row, RowStore } from './rowStore.js';
import type { Simulation } from './sim.js';

/** Time-integrated statistics of a Resource since construction or the last `resetStats()`. */
export interface ResourceStats {
  /** ∫ inUse dt, slot-seconds; divide by elapsed time × capacity for utilisation. */
  busyTimeIntegral: number;
  /** ∫ queued dt, job-seconds; divide by elapsed time for the mean queue length. */
  queueLengthIntegral: number;
  /** Jobs granted a slot (immediately or after waiting). */
  granted: number;
  /** Requests refused because the wait queue was full. */
  rejected: number;
  /** Sum over granted jobs of their time in the queue, seconds (immediate grants add 0). */
  totalWaitS: number;
  /** Simulation time the statistics start from, seconds. */
  since: number;
}

/** Slots plus a FIFO queue; see the module comment. Withdrawal is lazy: O(1) amortised. */
export class Resource<J> {
  /** Doubles in a Resource's row (see RowStore). */
  static readonly ROW = 10;
  /** The row: f[o + CAP..WAIT_SUM] (offsets below). */
  private readonly f: Float64Array;
  private readonly o: number;
  private readonly queueCap: number;
  /** Waiters in arrival order, as three parallel deques; withdrawn entries are skipped lazily. */
  // Made at the first wait, small (they double as needed): a fleet of thousands of instances
  // holds a Resource each, most never queue anyone, and the three deques were over a quarter of
  // what building an instance left live (a Float64Array of 4 stays on V8's heap, unlike 16).
  private jobs: Deque<J> | null = null;
  private grants: Deque<(job: J) => void> | null = null;
  private enqueuedAt: Float64Deque | null = null;
  /**
   * job → number of its live entries in the queue. Built on the first `withdraw` (one pass over
   * the queue) and kept from then on, so resources nobody withdraws from never pay for it.
   */
  private waiting: Map<J, number> | null = null;
  /** job → number of its withdrawn entries still physically in the queue; made at the first `withdraw` (a fleet holds thousands of Resources nobody withdraws from). */
  private withdrawn: Map<J, number> | null = null;

  /**
   * `capacity` slots (integer ≥ 0); `queueCapacity` waiters at most (default unbounded, 0 = loss
   * system); `row`: where its numbers live (Resource.ROW doubles, default an array of its own).
   */
  constructor(private readonly sim: Simulation, capacity: number, queueCapacity = Infinity, row: Row = RowStore.own(Resource.ROW)) {
    checkCount('capacity', capacity);
    if (!(queueCapacity >= 0) || (queueCapacity !== Infinity && !Number.isInteger(queueCapacity))) {
      throw new RangeError(`Resource: queueCapacity must be an integer >= 0 or Infinity, got ${queueCapacity}`);
    }
    this.f = row.f;
    this.o = row.o;
    this.queueCap = queueCapacity;
    const f = this.f, o = this.o;
    f[o + CAP] = capacity;
    f[o + BUSY] = f[o + LIVE] = f[o + BUSY_INT] = f[o + QUEUE_INT] = f[o + GRANTED] = f[o + REJECTED] = f[o + WAIT_SUM] = 0;
    f[o + LAST_T] = f[o + SINCE] = sim.now;
  }

  /** Number of slots; after a shrink it can be below `inUse` until enough slots are released. */
  get capacity(): number { return this.f[this.o + CAP]!; }
  /** Slots currently held. */
  get inUse(): number { return this.f[this.o + BUSY]!; }
  /** Jobs waiting (withdrawn jobs excluded). */
  get queued(): number { return this.f[this.o + LIVE]!; }

  /** Seconds the oldest waiter has waited (0 when nobody waits). */
  oldestWaitS(): number {
    return this.f[this.o + LIVE]! > 0 ? this.sim.now - this.enqueuedAt!.peekFront()! : 0;
  }

  /**
   * `request`'s immediate grant (which `request` itself runs first), for a holder that keeps the
   * row it gave the Resource (`f`, `o`; `now` is the simulation's time): when a slot is free and
   * nobody waits, takes it (the caller then starts the job itself) and returns true; otherwise
   * changes nothing and returns false, and the caller calls `request`. It reads only the row, not the
   * Resource: a fleet's instance keeps its slots' row beside its own numbers, and the Resource
   * object is one more cold cache line per request when round robin visits thousands.
   */
  static tryGrantAt(f: Float64Array, o: number, now: number): boolean {
    if (!(f[o + BUSY]! < f[o + CAP]! && f[o + LIVE] === 0)) return false;
    accrueAt(f, o, now);
    f[o + BUSY]++;
    f[o + GRANTED]++;
    return true;
  }

  /**
   * `release` for such a holder when nobody waits (nothing to grant; `release` runs it first too):
   * frees the slot and returns true; otherwise (someone waits, or no slot is in use) changes
   * nothing and returns false, and the caller calls `release`.
   */
  static tryReleaseAt(f: Float64Array, o: number, now: number): boolean {
    if (!(f[o + BUSY]! > 0 && f[o + LIVE] === 0)) return false;
    accrueAt(f, o, now);
    f[o + BUSY]--;
    return true;
  }

  /** Asks for a slot: grants now (calling `onGrant(job)` before returning), queues, or rejects when the queue is full. */
  request(job: J, onGrant: (job: J) => void): 'granted' | 'queued' | 'rejected' {
    const f = this.f, o = this.o;
    if (Resource.tryGrantAt(f, o, this.sim.now)) {
      onGrant(job);
      return 'granted';
    }
    this.accrue();
    if (f[o + LIVE]! >= this.queueCap) {
      f[o + REJECTED]++;
      return 'rejected';
    }
    if (this.jobs === null) {
      this.jobs = new Deque<J>(4);
      this.grants = new Deque<(job: J) => void>(4);
      this.enqueuedAt = new Float64Deque(4);
    }
    this.jobs.pushBack(job);
    this.grants!.pushBack(onGrant);
    this.enqueuedAt!.pushBack(this.sim.now);
    f[o + LIVE]++;
    if (this.waiting !== null) this.waiting.set(job, (this.waiting.get(job) ?? 0) + 1);
    return 'queued';
  }

  /** Frees one slot; the oldest live waiter, if any and if capacity allows, is granted synchronously. */
  release(): void {
    const f = this.f, o = this.o;
    if (Resource.tryReleaseAt(f, o, this.sim.now)) return;
    if (f[o + BUSY] === 0) throw new RangeError(`Resource.release at t=${this.sim.now}: no slot is in use`);
    // Someone waits: free the slot and grant the oldest live waiter.
    this.accrue();
    f[o + BUSY]--;
    this.grantWaiters();
  }

  /** Removes a waiting job (e.g. its wait timed out); false if it was not waiting. A job queued twice loses its oldest entry. */
  withdraw(job: J): boolean {
    const waiting = this.waiting ?? this.buildIndex();
    const n = waiting.get(job);
    if (n === undefined) return false;
    this.accrue();
    if (n === 1) waiting.delete(job); else waiting.set(job, n - 1);
    const withdrawn = (this.withdrawn ??= new Map<J, number>());
    withdrawn.set(job, (withdrawn.get(job) ?? 0) + 1);
    if (--this.f[this.o + LIVE]! === 0) {
      this.jobs!.clear(); this.grants!.clear(); this.enqueuedAt!.clear(); withdrawn.clear();
    } else {
      this.dropWithdrawnHead();
    }
    return true;
  }

  /** Sets the number of slots: growing grants waiters at once; shrinking takes effect as slots are released. */
  setCapacity(n: number): void {
    checkCount('capacity', n);
    this.accrue();
    this.f[this.o + CAP] = n;
    if (this.f[this.o + LIVE]! > 0) this.grantWaiters();
  }

  /** Integrals and counters since construction or `resetStats()`, brought up to `sim.now`. */
  stats(): ResourceStats {
    this.accrue();
    const f = this.f, o = this.o;
    return {
      busyTimeIntegral: f[o + BUSY_INT]!, queueLengthIntegral: f[o + QUEUE_INT]!, granted: f[o + GRANTED]!,
      rejected: f[o + REJECTED]!, totalWaitS: f[o + WAIT_SUM]!, since: f[o + SINCE]!,
    };
  }

  /** Zeroes the statistics and starts them from `sim.now` (e.g. after a warm-up). */
  resetStats(): void {
    const f = this.f, o = this.o;
    f[o + LAST_T] = f[o + SINCE] = this.sim.now;
    f[o + BUSY_INT] = f[o + QUEUE_INT] = f[o + WAIT_SUM] = 0;
    f[o + GRANTED] = f[o + REJECTED] = 0;
  }

  private accrue(): void {
    accrueAt(this.f, this.o, this.sim.now);
  }

  private grantWaiters(): void {
    const f = this.f, o = this.o;
    while (f[o + BUSY]! < f[o + CAP]! && f[o + LIVE]! > 0) {
      this.dropWithdrawnHead();
      const job = this.jobs!.popFront() as J;
      const onGrant = this.grants!.popFront()!;
      const t0 = this.enqueuedAt!.popFront();
      const waiting = this.waiting;
      if (waiting !== null) {
        const n = waiting.get(job)!;
        if (n === 1) waiting.delete(job); else waiting.set(job, n - 1);
      }
      f[o + LIVE]--;
      f[o + BUSY]++;
      f[o + GRANTED]++;
      f[o + WAIT_SUM] += this.sim.now - t0;
      onGrant(job);
    }
  }

  /** Indexes the queue; until the first withdrawal no entry is withdrawn, so every entry is live. */
  private buildIndex(): Map<J, number> {
    const waiting = new Map<J, number>();
    if (this.jobs !== null) for (const job of this.jobs) waiting.set(job, (waiting.get(job) ?? 0) + 1);
    this.waiting = waiting;
    return waiting;
  }

  /** Discards withdrawn entries at the head of the queue. */
  private dropWithdrawnHead(): void {
    const withdrawn = this.withdrawn;
    if (withdrawn === null || withdrawn.size === 0) return;
    for (;;) {
      const job = this.jobs!.peekFront() as J;
      const w = withdrawn.get(job);
      if (w === undefined) return;
      if (w === 1) withdrawn.delete(job); else withdrawn.set(job, w - 1);
      this.jobs!.popFront(); this.grants!.popFront(); this.enqueuedAt!.popFront();
    }
  }
}

/**
 * Offsets in a Resource's row: slots, held, live waiters, time of the last accrual, ∫busy,
 * ∫queued, granted, start of the stats, rejected, Σwait. A release reads and writes the second
 * to the sixth, next to each other (one cache line wherever the row starts in it, most often).
 */
const CAP = 0, BUSY = 1, LIVE = 2, LAST_T = 3, BUSY_INT = 4, QUEUE_INT = 5, GRANTED = 6, SINCE = 7, REJECTED = 8, WAIT_SUM = 9;

/** Brings the time integrals of the row at f[o..] up to `now`. */
function accrueAt(f: Float64Array, o: number, now: number): void {
  const dt = now - f[o + LAST_T]!;
  if (dt > 0) {
    f[o + BUSY_INT] += f[o + BUSY]! * dt;
    f[o + QUEUE_INT] += f[o + LIVE]! * dt;
    f[o + LAST_T] = now;
  }
}

function checkCount(what: string, n: number): void {
  if (!(Number.isInteger(n) && n >= 0)) throw new RangeError(`Resource: ${what} must be an integer >= 0, got ${n}`);
}

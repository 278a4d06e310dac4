/**
 * What a database replica has not applied yet: the commit time of each write shipped to it and
 * the time it arrives there (seconds; +Infinity while the replica is cut off or down), oldest
 * first. Numbers in ring buffers rather than an object per write: a primary ships every write to
 * every replica.
 *
 * A replica that is down or cut off misses every write until it catches up: consecutive writes
 * that arrive at +Infinity are kept as one run (how many, the first and last commit times, and
 * how many share the first), not one entry each. A replica down for the hours after a region
 * outage held every write of those hours, in buffers that grew into fresh memory all along
 * (about 7% of active-passive-failover's time). What the database asks of the log is answered
 * exactly from runs: arrival times change for a whole run at once (catch-up, partition), and
 * `lostBy(x)` counts the writes committed by x, where x is the current time or the instant the
 * primary was lost, at which `seal` closes every run (see `lostBy`).
 */

/** Writes lost if this replica were promoted at `x`: how many, and the first one's commit time. */
export interface Loss {
  lost: number;
  firstLostT: number;
}

/** The unapplied writes of one replica, oldest first. */
export class ReplicationLog {
  /** Per entry: writes in it (1 for a single write), first and last commit time, writes at the first, arrival time. */
  private count = new Float64Array(16);
  private firstT = new Float64Array(16);
  private lastT = new Float64Array(16);
  private atFirst = new Float64Array(16);
  private arrival = new Float64Array(16);
  private head = 0;
  private len = 0;
  /** Buffer length - 1 (a power of two). */
  private mask = 15;
  /** Writes held (the sum of the entries' counts). */
  private writes = 0;
  /** The last entry is a run that the next write arriving at +Infinity may join. */
  private open = false;

  /** Writes held. */
  get length(): number {
    return this.writes;
  }

  /** Appends a write committed at `commitT` (not before the last one) that arrives at `arrivalT`. */
  push(commitT: number, arrivalT: number): void {
    this.writes++;
    if (arrivalT === Infinity && this.open) {
      const i = (this.head + this.len - 1) & this.mask;
      if (commitT === this.firstT[i]) this.atFirst[i]!++;
      this.count[i]!++;
      this.lastT[i] = commitT;
      return;
    }
    if (this.len > this.mask) this.grow();
    const i = (this.head + this.len) & this.mask;
    this.count[i] = 1;
    this.firstT[i] = commitT;
    this.lastT[i] = commitT;
    this.atFirst[i] = 1;
    this.arrival[i] = arrivalT;
    this.len++;
    this.open = arrivalT === Infinity;
  }

  /** Forgets the oldest writes while they have arrived by `t` (the replica applied them). */
  dropArrivedBy(t: number): void {
    while (this.len > 0 && this.arrival[this.head]! <= t) {
      this.writes -= this.count[this.head]!;
      this.head = (this.head + 1) & this.mask;
      this.len--;
    }
    if (this.len === 0) this.open = false;
  }

  /** Every write not received yet (arrival +Infinity) arrives at `t`: the replica caught up. */
  arriveMissing(t: number): void {
    for (let k = 0; k < this.len; k++) {
      const i = (this.head + k) & this.mask;
      if (this.arrival[i] === Infinity) this.arrival[i] = t;
    }
    this.open = false;
  }

  /** Every write due after `t` will never arrive (+Infinity): the replica was cut off at `t`. */
  missFrom(t: number): void {
    for (let k = 0; k < this.len; k++) {
      const i = (this.head + k) & this.mask;
      if (this.arrival[i]! > t) this.arrival[i] = Infinity;
    }
    this.open = false;
  }

  /** Closes the last run: writes from now on start a new one (called as the primary is lost). */
  seal(): void {
    this.open = false;
  }

  /**
   * The writes committed by `x` that had not arrived by `x`, and the first one's commit time
   * (+Infinity if none). `x` is the current time (no write is committed after it) or an instant
   * at which every run was sealed (no run spans it but for writes committed at `x` itself, which
   * open a run): so a run counts whole, not at all, or its writes committed at its first time.
   */
  lostBy(x: number): Loss {
    let lost = 0;
    let firstLostT = Infinity;
    for (let k = 0; k < this.len; k++) {
      const i = (this.head + k) & this.mask;
      if (!(this.arrival[i]! > x)) continue;
      const first = this.firstT[i]!;
      if (!(first <= x)) continue;
      const last = this.lastT[i]!;
      let n: number;
      if (last <= x) n = this.count[i]!;
      else if (first === x) n = this.atFirst[i]!;
      else throw new Error(`ReplicationLog.lostBy: a run of missed writes spans ${x}s (${first}s to ${last}s), which no caller may ask`);
      lost += n;
      if (first < firstLostT) firstLostT = first;
    }
    return { lost, firstLostT };
  }

  /** Forgets every write. */
  clear(): void {
    this.head = 0;
    this.len = 0;
    this.writes = 0;
    this.open = false;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    this.count = unrolled(this.count, this.head, this.len, cap);
    this.firstT = unrolled(this.firstT, this.head, this.len, cap);
    this.lastT = unrolled(this.lastT, this.head, this.len, cap);
    this.atFirst = unrolled(this.atFirst, this.head, this.len, cap);
    this.arrival = unrolled(this.arrival, this.head, this.len, cap);
    this.head = 0;
    this.mask = cap - 1;
  }
}

/** The `len` values of a ring starting at `head`, oldest first, in a new buffer of `cap`. */
function unrolled(ring: Float64Array, head: number, len: number, cap: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(cap);
  const first = Math.min(len, ring.length - head);
  out.set(ring.subarray(head, head + first), 0);
  out.set(ring.subarray(0, len - first), first);
  return out;
}

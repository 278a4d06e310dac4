/**
 * What a database replica has not applied yet: the commit time of each write shipped to it and
 * the time it arrives there (seconds; +Infinity while the replica is cut off or down), oldest
 * first. Two ring buffers of numbers rather than an object per write: a primary ships every
 * write to every replica, and a replica cut off for an hour holds every write of that hour.
 */
export class ReplicationLog {
  private commit = new Float64Array(16);
  private arrival = new Float64Array(16);
  private head = 0;
  private len = 0;
  /** Buffer length - 1 (a power of two). */
  private mask = 15;

  /** Writes held. */
  get length(): number {
    return this.len;
  }

  /** Appends a write committed at `commitT` that arrives at `arrivalT`. */
  push(commitT: number, arrivalT: number): void {
    if (this.len > this.mask) this.grow();
    const i = (this.head + this.len) & this.mask;
    this.commit[i] = commitT;
    this.arrival[i] = arrivalT;
    this.len++;
  }

  /** Forgets the oldest writes while they have arrived by `t` (the replica applied them). */
  dropArrivedBy(t: number): void {
    while (this.len > 0 && this.arrival[this.head]! <= t) {
      this.head = (this.head + 1) & this.mask;
      this.len--;
    }
  }

  /** Commit time of the write `k` places from the oldest. */
  commitAt(k: number): number {
    return this.commit[(this.head + k) & this.mask]!;
  }

  /** Arrival time of the write `k` places from the oldest. */
  arrivalAt(k: number): number {
    return this.arrival[(this.head + k) & this.mask]!;
  }

  /** Changes the arrival time of the write `k` places from the oldest. */
  setArrivalAt(k: number, t: number): void {
    this.arrival[(this.head + k) & this.mask] = t;
  }

  /** Forgets every write. */
  clear(): void {
    this.head = 0;
    this.len = 0;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const commit = new Float64Array(cap);
    const arrival = new Float64Array(cap);
    for (let k = 0; k < this.len; k++) {
      commit[k] = this.commitAt(k);
      arrival[k] = this.arrivalAt(k);
    }
    this.commit = commit;
    this.arrival = arrival;
    this.head = 0;
    this.mask = cap - 1;
  }
}

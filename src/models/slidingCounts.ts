/**
 * Good and total counts per second over a sliding window of whole seconds (a ring): what the SLO
 * monitor and a canary analysis look at. Times are simulation seconds.
 */

/** Counts over the last `windowS` seconds (at least one). */
export class SlidingCounts {
  private readonly good: Float64Array;
  private readonly total: Float64Array;
  /** The second the ring was last advanced to. */
  private lastSecond: number;

  constructor(windowS: number, startT = 0) {
    const n = Math.max(1, Math.ceil(windowS));
    this.good = new Float64Array(n);
    this.total = new Float64Array(n);
    this.lastSecond = Math.floor(startT);
  }

  /** Adds one observation at `now` worth `good` (0..1) of a good one. */
  add(now: number, good: number): void {
    const s = this.roll(now);
    this.total[s]! += 1;
    this.good[s]! += good;
  }

  /** Sums over the window at `now`. */
  sums(now: number): { good: number; total: number } {
    this.roll(now);
    let good = 0;
    let total = 0;
    for (let i = 0; i < this.total.length; i++) {
      good += this.good[i]!;
      total += this.total[i]!;
    }
    return { good, total };
  }

  /** Advances the ring to the second of `now`, clearing seconds that left the window. */
  private roll(now: number): number {
    const sec = Math.floor(now);
    const n = this.total.length;
    const steps = Math.min(n, sec - this.lastSecond);
    for (let i = 1; i <= steps; i++) {
      const k = (this.lastSecond + i) % n;
      this.good[k] = 0;
      this.total[k] = 0;
    }
    if (sec > this.lastSecond) this.lastSecond = sec;
    return sec % n;
  }
}

/**
 * Timers that all share one delay (a client's request timeout, a pool's borrow timeout). Started
 * in time order, they expire in the same order, so they wait in a FIFO and only the earliest is
 * in the kernel's heap at any time. Most such timers are answered before they fire: `cancel`
 * drops the item at once, so the FIFO does not keep it alive (an attempt object held for a whole
 * timeout outlives the young generation and costs the GC a copy), and the expiry does not read
 * it back cold from memory.
 *
 * The callback runs at exactly start time + delay, like `sim.schedule(delay, fire, item)` would.
 * Cancelled timers are skipped when the next expiry is armed, so they cost no kernel event (the
 * one already armed when its timer is cancelled still fires, and finds nothing to do). Cancelling
 * the oldest timer also moves the ring's head past it (and past the cancelled ones after it), so
 * the ring spans the oldest live timer to the newest, not a whole delay of starts: a client's 2 s
 * timeout at 100,000 attempts/s, nearly all answered within milliseconds, held 200,000 entries
 * that way (the ring grew to 262,144 and its copies cost 1-3% of the run), and now a few thousand.
 */
import type { Simulation } from './sim.js';

/** A FIFO of same-delay timers with one kernel event outstanding. */
export class FixedDelayTimers<T> {
  /** Ring buffers indexed by handle & mask; a cancelled or fired entry holds undefined. */
  private items: (T | undefined)[] = new Array<T | undefined>(16).fill(undefined);
  private due = new Float64Array(16);
  private mask = 15;
  /** Handles [head, tail) are in the ring; a handle is the count of timers started before it. */
  private head = 0;
  private tail = 0;
  private live = 0;
  private armed = false;

  constructor(
    private readonly sim: Simulation,
    readonly delayS: number,
    private readonly fire: (item: T) => void,
  ) {
    if (!(delayS >= 0 && delayS < Infinity)) throw new RangeError(`FixedDelayTimers: delay must be a finite number of seconds >= 0, got ${delayS}`);
  }

  /** Calls `fire(item)` at now + delay; returns a handle for `cancel`. */
  start(item: T): number {
    if (this.tail - this.head > this.mask) this.grow();
    const h = this.tail++;
    const i = h & this.mask;
    this.items[i] = item;
    this.due[i] = this.sim.now + this.delayS;
    this.live++;
    if (!this.armed) {
      this.armed = true;
      this.sim.at(this.due[i]!, this.expire);
    }
    return h;
  }

  /** Forgets the timer of `handle` (one not yet fired or cancelled; others are ignored). */
  cancel(handle: number): void {
    if (handle < this.head || handle >= this.tail) return;
    const i = handle & this.mask;
    if (this.items[i] === undefined) return;
    this.items[i] = undefined;
    this.live--;
    // Cancelled timers at the head leave the ring at once, so it holds the span from the oldest
    // live timer on (the armed expiry still fires, and re-arms for the next live one).
    if (handle === this.head) this.skipCancelled();
  }

  /** Moves the head past cancelled (and fired) timers: it stops at the oldest live one, or the tail. */
  private skipCancelled(): void {
    while (this.head < this.tail && this.items[this.head & this.mask] === undefined) this.head++;
  }

  /** Timers started and neither fired nor cancelled. */
  get pending(): number {
    return this.live;
  }

  /** Ring entries in use: from the oldest live timer to the newest (cancelled ones between them included). */
  get held(): number {
    return this.tail - this.head;
  }

  private grow(): void {
    const cap = (this.mask + 1) * 2;
    const items = new Array<T | undefined>(cap).fill(undefined);
    const due = new Float64Array(cap);
    for (let h = this.head; h < this.tail; h++) {
      items[h & (cap - 1)] = this.items[h & this.mask];
      due[h & (cap - 1)] = this.due[h & this.mask]!;
    }
    this.items = items;
    this.due = due;
    this.mask = cap - 1;
  }

  private readonly expire = (): void => {
    const now = this.sim.now;
    while (this.head < this.tail) {
      const i = this.head & this.mask;
      if (this.due[i]! > now) break;
      this.head++;
      const item = this.items[i];
      if (item === undefined) continue;
      this.items[i] = undefined;
      this.live--;
      this.fire(item);
    }
    // Skip timers already cancelled, so the next kernel event is the next live expiry.
    this.skipCancelled();
    if (this.head < this.tail) this.sim.at(this.due[this.head & this.mask]!, this.expire);
    else this.armed = false;
  };
}

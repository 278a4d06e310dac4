/**
 * Timers that all share one delay (a client's request timeout, a pool's borrow timeout). Started
 * in time order, they expire in the same order, so they wait in a FIFO and only the earliest is
 * in the kernel's heap at any time. Most such timers are stale when they fire (the request was
 * answered first); keeping thousands of them out of the heap keeps every heap operation cheap.
 * The callback runs at exactly start time + delay, like `sim.schedule(delay, fire, item)` would.
 */
import { Deque, Float64Deque } from './deque.js';
import type { Simulation } from './sim.js';

/** A FIFO of same-delay timers with one kernel event outstanding. */
export class FixedDelayTimers<T> {
  private readonly items = new Deque<T>();
  private readonly due = new Float64Deque();
  private armed = false;

  constructor(
    private readonly sim: Simulation,
    readonly delayS: number,
    private readonly fire: (item: T) => void,
  ) {
    if (!(delayS >= 0 && delayS < Infinity)) throw new RangeError(`FixedDelayTimers: delay must be a finite number of seconds >= 0, got ${delayS}`);
  }

  /** Calls `fire(item)` at now + delay. */
  start(item: T): void {
    this.items.pushBack(item);
    this.due.pushBack(this.sim.now + this.delayS);
    if (!this.armed) {
      this.armed = true;
      this.sim.at(this.due.peekFront(), this.expire);
    }
  }

  /** Timers started and not yet fired. */
  get pending(): number {
    return this.items.length;
  }

  private readonly expire = (): void => {
    const now = this.sim.now;
    while (this.due.length > 0 && this.due.peekFront() <= now) {
      this.due.popFront();
      this.fire(this.items.popFront()!);
    }
    if (this.due.length > 0) this.sim.at(this.due.peekFront(), this.expire);
    else this.armed = false;
  };
}

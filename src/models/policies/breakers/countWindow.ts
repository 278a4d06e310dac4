/**
 * Trips when `threshold` failures fall within a sliding window of `windowS` seconds: the failure
 * at time t opens the breaker if at least `threshold` failures (itself included) happened in
 * (t − windowS, t]. Successes do not count and do not reset (REFERENCE.md's "5 failures in 30 s";
 * Case E's "3 timeouts in 60 s"). Memory is bounded by `threshold` timestamps.
 */
import { Float64Deque } from '../../../engine/deque.js';
import type { TripStrategy } from '../circuitBreaker.js';

/** Opens on the `threshold`-th failure within the last `windowS` seconds. */
export class CountWindowBreaker implements TripStrategy {
  readonly threshold: number;
  readonly windowS: number;
  private readonly times = new Float64Deque();

  constructor(opts: { threshold: number; windowS: number }) {
    if (!(Number.isInteger(opts.threshold) && opts.threshold >= 1)) throw new RangeError(`CountWindowBreaker: threshold must be an integer >= 1, got ${opts.threshold}`);
    if (!(opts.windowS > 0)) throw new RangeError(`CountWindowBreaker: windowS must be a number of seconds > 0, got ${opts.windowS}`);
    this.threshold = opts.threshold;
    this.windowS = opts.windowS;
  }

  /** Failures within the window ending at `nowS`. */
  failuresInWindow(nowS: number): number {
    this.expire(nowS);
    return this.times.length;
  }

  success(): void {}

  failure(nowS: number): boolean {
    this.expire(nowS);
    this.times.pushBack(nowS);
    if (this.times.length > this.threshold) this.times.popFront();
    return this.times.length >= this.threshold;
  }

  reset(): void { this.times.clear(); }

  private expire(nowS: number): void {
    while (this.times.length > 0 && this.times.peekFront() <= nowS - this.windowS) this.times.popFront();
  }
}

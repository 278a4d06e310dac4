/**
 * Trips after `threshold` consecutive failures; any success resets the count (cockatiel's
 * ConsecutiveBreaker). Time plays no part.
 */
import type { TripStrategy } from '../circuitBreaker.js';

/** Opens on the `threshold`-th failure in a row. */
export class ConsecutiveBreaker implements TripStrategy {
  private count = 0;

  constructor(readonly threshold: number) {
    if (!(Number.isInteger(threshold) && threshold >= 1)) throw new RangeError(`ConsecutiveBreaker: threshold must be an integer >= 1, got ${threshold}`);
  }

  /** Failures since the last success or reset. */
  get consecutiveFailures(): number { return this.count; }

  success(): void { this.count = 0; }

  failure(): boolean { return ++this.count >= this.threshold; }

  reset(): void { this.count = 0; }
}

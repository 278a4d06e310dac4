/**
 * Trips when the failure ratio over a sliding window reaches `threshold`, once the window holds at
 * least `minimumCalls` calls (Resilience4j's failureRateThreshold / minimumNumberOfCalls, Polly's
 * FailureRatio / MinimumThroughput). The window is either the last `windowCalls` calls (count
 * based; `minimumCalls` is then capped at `windowCalls`, as Resilience4j does) or the calls in
 * (t − windowS, t] (time based, exact per-call timestamps rather than buckets). As in cockatiel,
 * the ratio is evaluated on failures only, so a success never opens the breaker: a success that
 * completes the minimum is taken into account at the next failure.
 */
import { Float64Deque } from '../../../engine/deque.js';
import type { TripStrategy } from '../circuitBreaker.js';

/** `threshold` in (0, 1]; exactly one of `windowCalls` (calls) and `windowS` (seconds). */
export interface RatioBreakerOptions {
  threshold: number;
  minimumCalls: number;
  windowCalls?: number;
  windowS?: number;
}

/** Opens when failures / calls ≥ threshold over the window and calls ≥ minimumCalls. */
export class RatioBreaker implements TripStrategy {
  readonly threshold: number;
  readonly minimumCalls: number;
  readonly windowCalls: number | undefined;
  readonly windowS: number | undefined;
  /** Count window: a ring of outcomes (1 = failure). */
  private readonly ring: Uint8Array | null;
  private head = 0;
  /** Time window: call times and outcomes in arrival order. */
  private readonly times: Float64Deque | null;
  private readonly outcomes: Float64Deque | null;
  private calls = 0;
  private failures = 0;

  constructor(opts: RatioBreakerOptions) {
    if (!(opts.threshold > 0 && opts.threshold <= 1)) throw new RangeError(`RatioBreaker: threshold must be in (0, 1], got ${opts.threshold}`);
    if (!(Number.isInteger(opts.minimumCalls) && opts.minimumCalls >= 1)) throw new RangeError(`RatioBreaker: minimumCalls must be an integer >= 1, got ${opts.minimumCalls}`);
    if ((opts.windowCalls === undefined) === (opts.windowS === undefined)) throw new RangeError('RatioBreaker: give exactly one of windowCalls and windowS');
    this.threshold = opts.threshold;
    this.windowCalls = opts.windowCalls;
    this.windowS = opts.windowS;
    if (opts.windowCalls !== undefined) {
      if (!(Number.isInteger(opts.windowCalls) && opts.windowCalls >= 1)) throw new RangeError(`RatioBreaker: windowCalls must be an integer >= 1, got ${opts.windowCalls}`);
      this.ring = new Uint8Array(opts.windowCalls);
      this.times = this.outcomes = null;
      this.minimumCalls = Math.min(opts.minimumCalls, opts.windowCalls);
    } else {
      if (!(opts.windowS! > 0)) throw new RangeError(`RatioBreaker: windowS must be a number of seconds > 0, got ${opts.windowS}`);
      this.ring = null;
      this.times = new Float64Deque();
      this.outcomes = new Float64Deque();
      this.minimumCalls = opts.minimumCalls;
    }
  }

  /** Calls and failures in the window as of the last recorded call (time windows: as of `nowS` if given). */
  window(nowS?: number): { calls: number; failures: number } {
    if (nowS !== undefined) this.expire(nowS);
    return { calls: this.calls, failures: this.failures };
  }

  success(nowS: number): void { this.record(nowS, 0); }

  failure(nowS: number): boolean {
    this.record(nowS, 1);
    // Division, not failures ≥ threshold × calls: 0.1 × 30 rounds above 3, but 3 / 30 rounds to 0.1 exactly.
    return this.calls >= this.minimumCalls && this.failures / this.calls >= this.threshold;
  }

  reset(): void {
    this.calls = this.failures = this.head = 0;
    this.ring?.fill(0);
    this.times?.clear();
    this.outcomes?.clear();
  }

  private record(nowS: number, failed: 0 | 1): void {
    const ring = this.ring;
    if (ring !== null) {
      if (this.calls === ring.length) this.failures -= ring[this.head]!;
      else this.calls++;
      ring[this.head] = failed;
      this.head = this.head + 1 === ring.length ? 0 : this.head + 1;
    } else {
      this.expire(nowS);
      this.times!.pushBack(nowS);
      this.outcomes!.pushBack(failed);
      this.calls++;
    }
    this.failures += failed;
  }

  private expire(nowS: number): void {
    const times = this.times;
    if (times === null) return;
    const edge = nowS - this.windowS!;
    while (times.length > 0 && times.peekFront() <= edge) {
      times.popFront();
      this.failures -= this.outcomes!.popFront();
      this.calls--;
    }
  }
}

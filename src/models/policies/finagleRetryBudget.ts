/**
 * The Finagle retry budget (com.twitter.finagle.service.RetryBudget, `RetryBudget(ttl,
 * minRetriesPerSec, percentCanRetry)`; defaults 10 s, 10, 0.2), which Linkerd's retry budget
 * (`retryRatio`, `minRetriesPerSecond`, `ttl`; linkerd.io "Retries and timeouts") follows.
 *
 * - Every logical request deposits (retries do not): `retryRatio` retries' worth.
 * - A retry withdraws one retry's worth, and is refused (taking nothing) when the balance is
 *   below it.
 * - Deposits and withdrawals expire after the `ttl`: the balance is a reserve of
 *   `minRetriesPerS` × ttl retries plus the sum of the deposits and withdrawals still inside the
 *   window. So over any ttl a client may retry about retryRatio × its requests, plus
 *   minRetriesPerS × ttl, and a client that has been quiet starts again with the reserve.
 *
 * Exactly as Finagle computes it: in tokens of 1/1000 of a deposit (a deposit is 1000 tokens, a
 * withdrawal ⌊1000 / retryRatio⌋, or 1 with a ratio of 0 and no deposits), and the window is
 * Finagle's WindowedAdder of 10 slices of ttl/10, so an entry leaves the sum between 0.9 × ttl and
 * ttl after it was made, when the slice it fell in rotates out.
 */
import type { RetryBudget, RetryReason } from './retryBudget.js';

const SCALE = 1000;
const SLICES = 10;

/** Finagle/Linkerd retry budget; see the module comment. */
export class FinagleRetryBudget implements RetryBudget {
  readonly retryRatio: number;
  readonly ttlS: number;
  readonly minRetriesPerS: number;
  private readonly deposit: number;
  private readonly withdrawal: number;
  private readonly reserve: number;
  private readonly sliceS: number;
  /** Sums of the last SLICES slices, indexed by slice number modulo SLICES. */
  private readonly slices = new Float64Array(SLICES);
  /** Slice number of the newest entry (−1 before any). */
  private newest = -1;

  constructor(opts: { retryRatio?: number; ttlS?: number; minRetriesPerS?: number } = {}) {
    this.retryRatio = opts.retryRatio ?? 0.2;
    this.ttlS = opts.ttlS ?? 10;
    this.minRetriesPerS = opts.minRetriesPerS ?? 10;
    if (!(this.retryRatio >= 0 && this.retryRatio <= 1000)) throw new RangeError(`Finagle retry budget: retryRatio must be in [0, 1000], got ${this.retryRatio}`);
    if (!(this.ttlS >= 1 && this.ttlS <= 60)) throw new RangeError(`Finagle retry budget: ttl must be between 1 s and 60 s, got ${this.ttlS}`);
    if (!(Number.isInteger(this.minRetriesPerS) && this.minRetriesPerS >= 0)) {
      throw new RangeError(`Finagle retry budget: minRetriesPerS must be an integer >= 0, got ${this.minRetriesPerS}`);
    }
    this.deposit = this.retryRatio === 0 ? 0 : SCALE;
    this.withdrawal = this.retryRatio === 0 ? 1 : Math.floor(SCALE / this.retryRatio);
    // Finagle uses ttl.inSeconds (whole seconds) for the reserve.
    this.reserve = this.minRetriesPerS * Math.floor(this.ttlS) * this.withdrawal;
    this.sliceS = this.ttlS / SLICES;
  }

  /** Retries that could be granted now (⌊balance / withdrawal⌋, as Finagle's `balance`). */
  balance(nowS: number): number {
    return Math.floor(this.count(nowS) / this.withdrawal);
  }

  onRequest(nowS: number): void {
    if (this.deposit > 0) this.add(nowS, this.deposit);
  }

  canRetry(nowS: number, _reason: RetryReason): boolean {
    if (this.count(nowS) < this.withdrawal) return false;
    this.add(nowS, -this.withdrawal);
    return true;
  }

  onAttempt(_nowS: number): void {}

  onSuccess(_nowS: number): void {}

  private count(nowS: number): number {
    this.expire(nowS);
    let sum = this.reserve;
    for (let i = 0; i < SLICES; i++) sum += this.slices[i]!;
    return sum;
  }

  private add(nowS: number, n: number): void {
    this.expire(nowS);
    this.slices[this.sliceOf(nowS) % SLICES]! += n;
  }

  /** Clears the slices that left the window since the newest entry. */
  private expire(nowS: number): void {
    const k = this.sliceOf(nowS);
    if (k <= this.newest) return;
    const from = Math.max(this.newest + 1, k - SLICES + 1);
    for (let j = from; j <= k; j++) this.slices[j % SLICES] = 0;
    this.newest = k;
  }

  private sliceOf(nowS: number): number {
    return Math.floor(nowS / this.sliceS + 1e-9);
  }
}

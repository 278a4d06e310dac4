/**
 * A token bucket for edge rate limiting per client class: it holds at most `burst` tokens, starts
 * full, and refills continuously at `ratePerS` tokens per second. A request takes one token (or
 * `n`); when the bucket has too few it is refused with a 429, and `retryAfterS` is the Retry-After
 * value: the wait until enough tokens will be there. Refill is computed from elapsed simulation
 * time on each call, so nothing is scheduled. A tolerance of 1e-9 token absorbs float rounding, so
 * a take at exactly `nowS + retryAfterS(nowS)` succeeds.
 */

const EPS = 1e-9;

/** Continuous-refill token bucket; see the module comment. */
export class TokenBucket {
  private level: number;
  private lastS = -Infinity;

  constructor(readonly ratePerS: number, readonly burst: number) {
    if (!(ratePerS >= 0 && ratePerS < Infinity)) throw new RangeError(`TokenBucket: ratePerS must be a finite number >= 0, got ${ratePerS}`);
    if (!(burst >= 1 && burst < Infinity)) throw new RangeError(`TokenBucket: burst must be a finite number >= 1, got ${burst}`);
    this.level = burst;
  }

  /** Tokens available at `nowS`. */
  tokens(nowS: number): number {
    this.refill(nowS);
    return this.level;
  }

  /** Takes `n` tokens if available at `nowS` (true); otherwise takes none (false: answer 429). */
  tryTake(nowS: number, n = 1): boolean {
    this.refill(nowS);
    if (this.level + EPS < n) return false;
    this.level = Math.max(0, this.level - n);
    return true;
  }

  /** Seconds from `nowS` until `n` tokens will be available (0 if they are now; Infinity if never). */
  retryAfterS(nowS: number, n = 1): number {
    this.refill(nowS);
    if (this.level + EPS >= n) return 0;
    if (n > this.burst || this.ratePerS === 0) return Infinity;
    return (n - this.level) / this.ratePerS;
  }

  private refill(nowS: number): void {
    if (nowS > this.lastS) {
      if (this.lastS !== -Infinity) this.level = Math.min(this.burst, this.level + (nowS - this.lastS) * this.ratePerS);
      this.lastS = nowS;
    }
  }
}

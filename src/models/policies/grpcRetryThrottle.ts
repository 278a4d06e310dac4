/**
 * gRPC retry throttling (gRFC A6 "gRPC Retry Design", section "Retry Throttling"; the
 * `retryThrottling` field of the service config; grpc-core `RetryThrottler`, grpc-java
 * `ManagedChannelServiceConfig.Throttle`). One token count per client (per server name in gRPC):
 *
 * - it starts at `maxTokens`;
 * - every failed attempt (first tries and retries alike; here an error, a timeout or a 429) takes
 *   1 token off, never below 0;
 * - every successful attempt adds `tokenRatio`, never above `maxTokens`;
 * - a retry is allowed only while the count is strictly above `maxTokens` / 2, checked after the
 *   failed attempt's token was taken. Granting a retry costs nothing by itself: the retry pays
 *   when it fails.
 *
 * As gRPC does, counts are kept in thousandths of a token (`tokenRatio` keeps three decimals:
 * 0.1234 acts as 0.123), so ten successes at 0.1 are exactly one token.
 */
import type { RetryBudget, RetryReason } from './retryBudget.js';

/** The token count of gRPC retry throttling; see the module comment. */
export class GrpcRetryThrottle implements RetryBudget {
  readonly maxTokens: number;
  readonly tokenRatio: number;
  private readonly maxMilli: number;
  private readonly ratioMilli: number;
  private milli: number;

  constructor(opts: { maxTokens: number; tokenRatio: number }) {
    if (!(opts.maxTokens > 0 && opts.maxTokens <= 1000)) throw new RangeError(`gRPC retry throttling: maxTokens must be in (0, 1000], got ${opts.maxTokens}`);
    if (!(opts.tokenRatio > 0)) throw new RangeError(`gRPC retry throttling: tokenRatio must be > 0, got ${opts.tokenRatio}`);
    this.maxTokens = opts.maxTokens;
    this.tokenRatio = opts.tokenRatio;
    this.maxMilli = Math.floor(opts.maxTokens * 1000);
    this.ratioMilli = Math.floor(opts.tokenRatio * 1000 + 1e-9);
    this.milli = this.maxMilli;
  }

  /** Tokens now (thousandths resolved). */
  get tokens(): number { return this.milli / 1000; }

  canRetry(_nowS: number, _reason: RetryReason): boolean {
    return this.milli > this.maxMilli / 2;
  }

  onAttempt(_nowS: number): void {}

  onAttemptDone(_nowS: number, _isRetry: boolean, ok: boolean): void {
    this.milli = ok ? Math.min(this.maxMilli, this.milli + this.ratioMilli) : Math.max(0, this.milli - 1000);
  }

  onSuccess(_nowS: number): void {}
}

/**
 * Retry budgets: a client-side limit on how many retries may be sent, independent of the per-call
 * attempt limit. The caller's protocol, for every logical request:
 *
 * - `onRequest(nowS)` when the request starts (before its first attempt): budgets that deposit per
 *   request (Finagle, Linkerd, the plain deposit bucket) credit it here;
 * - `onAttempt(nowS)` when any attempt (first or retry) is sent, `onAttemptDone(nowS, isRetry, ok)`
 *   when it completes (`ok` false for an error, a timeout or a 429);
 * - `canRetry(nowS, reason)` after a failed attempt, before scheduling a retry; `true` means the
 *   retry was granted and its cost already taken; `false` means the request gives up now;
 * - `onSuccess(nowS, retriedFor)` when the request finally succeeds; `retriedFor` is the reason of
 *   the retry that produced the success, or undefined if the first attempt succeeded;
 * - `onRetryAbandoned(nowS)` if a granted retry is never sent (e.g. a breaker stopped it).
 *
 * Attempt accounting (kept everywhere in outagesim): attempts = requests + retries, so 1,000
 * requests of which 100 are retried 3 times make 300 retries and 1,300 attempts.
 *
 * One budget instance is one client's state: give each short-lived client (a serverless function,
 * an agent run) its own instance to model them, or share one among many calls for a long-lived client.
 * The gRPC and Finagle budgets live in their own files (grpcRetryThrottle.ts, finagleRetryBudget.ts).
 */

/** Why the previous attempt failed: the AWS SDK charges timeouts more than other errors. */
export type RetryReason = 'error' | 'timeout';

/** Decides whether a retry may be sent; see the module comment for the calling protocol. */
export interface RetryBudget {
  /** A logical request starts (before its first attempt). */
  onRequest?(nowS: number): void;
  /** True if a retry may be sent now; consumes its cost when true. */
  canRetry(nowS: number, reason: RetryReason): boolean;
  /** An attempt (first or retry) was sent. */
  onAttempt(nowS: number): void;
  /** The request succeeded; `retriedFor` is the reason of the retry that succeeded, if any. */
  onSuccess(nowS: number, retriedFor?: RetryReason): void;
  /** An attempt completed; `isRetry` says whether it was a retry, `ok` whether it succeeded. */
  onAttemptDone?(nowS: number, isRetry: boolean, ok: boolean): void;
  /** A granted retry will not be sent after all. */
  onRetryAbandoned?(nowS: number): void;
}

/**
 * The AWS SDK "standard" retry quota (pre-2026 behaviour; AWS SDKs and Tools Reference Guide,
 * "Retry behavior", standard mode; botocore `retries/standard.py` RetryQuotaChecker and
 * aws-sdk-js-v3 `middleware-retry` constants INITIAL_RETRY_TOKENS = 500, RETRY_COST = 5,
 * TIMEOUT_RETRY_COST = 10, NO_RETRY_INCREMENT = 1). The bucket starts full at `capacity`. A retry
 * costs `retryCost`, or `timeoutCost` after a timeout, and is refused when fewer tokens remain.
 * On a request's success the SDK releases the cost of the retry that succeeded (5 or 10) if the
 * request was retried, and `successRefund` (1) if it succeeded at the first attempt; the balance
 * never exceeds `capacity`.
 */
export class TokenBucketBudget implements RetryBudget {
  readonly capacity: number;
  readonly retryCost: number;
  readonly timeoutCost: number;
  readonly successRefund: number;
  private balance: number;

  constructor(opts: { capacity: number; retryCost: number; timeoutCost: number; successRefund: number }) {
    this.capacity = nonNegative('capacity', opts.capacity);
    this.retryCost = nonNegative('retryCost', opts.retryCost);
    this.timeoutCost = nonNegative('timeoutCost', opts.timeoutCost);
    this.successRefund = nonNegative('successRefund', opts.successRefund);
    this.balance = this.capacity;
  }

  /** Tokens left. */
  get tokens(): number { return this.balance; }

  canRetry(_nowS: number, reason: RetryReason): boolean {
    const cost = reason === 'timeout' ? this.timeoutCost : this.retryCost;
    if (this.balance < cost) return false;
    this.balance -= cost;
    return true;
  }

  onAttempt(_nowS: number): void {}

  onSuccess(_nowS: number, retriedFor?: RetryReason): void {
    const refund = retriedFor === undefined ? this.successRefund : retriedFor === 'timeout' ? this.timeoutCost : this.retryCost;
    this.balance = Math.min(this.capacity, this.balance + refund);
  }
}

/**
 * A plain per-client token bucket: every logical request deposits `depositPerCall` tokens (default
 * 0.1) whatever its outcome, every retry costs `costPerRetry` (default 1) and is refused when the
 * balance is below that cost, so over time retries stay at most about depositPerCall / costPerRetry
 * of requests (10%). The balance starts at `initial` (default `capacity`) and never exceeds
 * `capacity` (default 10 tokens), which bounds the burst of retries an outage can draw on. Unlike
 * Finagle's budget (finagleRetryBudget.ts) deposits never expire and there is no per-second
 * reserve; unlike gRPC's throttle (grpcRetryThrottle.ts) outcomes do not matter.
 */
export class DepositBudget implements RetryBudget {
  readonly depositPerCall: number;
  readonly costPerRetry: number;
  readonly capacity: number;
  private bal: number;

  constructor(opts: { depositPerCall?: number; costPerRetry?: number; initial?: number; capacity?: number } = {}) {
    this.depositPerCall = nonNegative('depositPerCall', opts.depositPerCall ?? 0.1);
    this.costPerRetry = nonNegative('costPerRetry', opts.costPerRetry ?? 1);
    this.capacity = nonNegative('capacity', opts.capacity ?? 10);
    this.bal = Math.min(this.capacity, nonNegative('initial', opts.initial ?? this.capacity));
  }

  /** Tokens in the budget. */
  get balance(): number { return this.bal; }

  onRequest(_nowS: number): void {
    this.bal = Math.min(this.capacity, this.bal + this.depositPerCall);
  }

  canRetry(_nowS: number, _reason: RetryReason): boolean {
    // A relative epsilon: ten deposits of 0.1 sum to 0.9999999999999999, which must pay for a retry of 1.
    if (this.bal < this.costPerRetry * (1 - 1e-9)) return false;
    this.bal = Math.max(0, this.bal - this.costPerRetry);
    return true;
  }

  onAttempt(_nowS: number): void {}

  onSuccess(_nowS: number): void {}
}

/**
 * The Envoy/Istio retry budget (Envoy `cluster.v3.CircuitBreakers.Thresholds.RetryBudget`:
 * budget_percent default 20%, min_retry_concurrency default 3): a retry is granted while the
 * retries in flight are fewer than max(minRetryConcurrency, budgetPercent/100 × active), where
 * active counts attempts in flight (first attempts and retries: `onAttempt` minus
 * `onAttemptDone`). A granted retry is in flight from `canRetry` (so during its backoff too) until
 * `onAttemptDone(…, true)` or `onRetryAbandoned`. The reason and successes do not matter.
 */
export class RatioBudget implements RetryBudget {
  readonly budgetPercent: number;
  readonly minRetryConcurrency: number;
  private activeN = 0;
  private retriesN = 0;

  constructor(opts: { budgetPercent?: number; minRetryConcurrency?: number } = {}) {
    this.budgetPercent = nonNegative('budgetPercent', opts.budgetPercent ?? 20);
    this.minRetryConcurrency = nonNegative('minRetryConcurrency', opts.minRetryConcurrency ?? 3);
  }

  /** Attempts in flight. */
  get active(): number { return this.activeN; }
  /** Granted retries not yet completed or abandoned. */
  get retriesInFlight(): number { return this.retriesN; }

  canRetry(_nowS: number, _reason: RetryReason): boolean {
    const limit = Math.max(this.minRetryConcurrency, (this.budgetPercent / 100) * this.activeN);
    if (this.retriesN >= limit) return false;
    this.retriesN++;
    return true;
  }

  onAttempt(_nowS: number): void { this.activeN++; }

  onAttemptDone(_nowS: number, isRetry: boolean, _ok: boolean): void {
    if (this.activeN > 0) this.activeN--;
    if (isRetry && this.retriesN > 0) this.retriesN--;
  }

  onRetryAbandoned(_nowS: number): void { if (this.retriesN > 0) this.retriesN--; }

  onSuccess(_nowS: number): void {}
}

/** No budget: every retry is granted (the per-call attempt limit still applies). */
export class UnlimitedBudget implements RetryBudget {
  canRetry(_nowS: number, _reason: RetryReason): boolean { return true; }
  onAttempt(_nowS: number): void {}
  onSuccess(_nowS: number): void {}
}

/** Throws a RangeError unless `x` is a number >= 0 (budget options are validated by the schema first). */
export function nonNegative(what: string, x: number): number {
  if (!(x >= 0)) throw new RangeError(`retry budget: ${what} must be a number >= 0, got ${x}`);
  return x;
}

/**
 * A service's call to one dependency, with its policies composed as
 * fallback(breaker(retry(timeout(call)))):
 *
 * - the breaker is asked once per logical call; when open, the call is not made and the fallback
 *   answers at once;
 * - each attempt is bounded by `timeout`; a failed or timed-out attempt is retried after the
 *   backoff, up to `retries` times; a 429 from the dependency's quota waits its Retry-After;
 * - the breaker records the logical call's final outcome (a timeout is a failure);
 * - when the call finally fails and the call has another provider (`failover_to`), the same call
 *   goes to that provider's caller (its own breaker, the same policies); once every provider has
 *   failed, the fallback decides: `fail` fails the request, `cached` answers
 *   it degraded (worth `success_value` of a full success), `queue` defers the work and answers it
 *   (worth 0 now: nothing was done yet; the request counts as deferred) and, when it names a
 *   queue, adds one item to it for the queue's consumers to do later.
 *
 * One caller per instance: each process has its own breaker, as in-process libraries do.
 */
import { FixedDelayTimers } from '../engine/fixedDelayTimers.js';
import type { Rng } from '../engine/random.js';
import type { DependencyCallSpec } from '../scenario/policySchema.js';
import type { CallResult, Dependency, DependencyCall } from './dependency.js';
import { backoffDelay } from './policies/backoff.js';
import { applyFallback, type FallbackSpec } from './policies/fallback.js';
import type { CircuitBreaker } from './policies/circuitBreaker.js';
import type { ModelContext } from './types.js';

/** Final outcome of a logical dependency call as the request sees it. */
export type CallOutcome = 'ok' | 'failed' | 'degraded' | 'queued';

/** One logical call (a class rather than a literal, as callLoop's LoopAttempt explains). */
class Pending<J> {
  retryNo = 0;
  lastDelayS = 0;
  attemptId = 0;
  settled = false;
  epoch = 0;
  constructor(
    readonly job: J,
    /** `value`: what the answer is worth (1 in full, a fallback's value otherwise). */
    readonly done: (job: J, outcome: CallOutcome, value: number) => void,
  ) {}
}

/** One attempt of a logical call; answers to an attempt that is no longer current are ignored. */
class DepAttempt<J> implements DependencyCall {
  timer = -1;
  constructor(
    readonly caller: DependencyCaller,
    readonly p: Pending<J>,
    readonly id: number,
  ) {}

  settle(r: CallResult): void {
    this.caller.answered(this, r);
  }
}

/** One instance's caller of one dependency. */
export class DependencyCaller {
  private nextAttemptId = 0;
  private readonly timeouts: FixedDelayTimers<DepAttempt<any>> | null;
  private readonly fallback: FallbackSpec;

  constructor(
    private readonly spec: DependencyCallSpec,
    private readonly dependency: Dependency,
    private readonly region: string,
    readonly breaker: CircuitBreaker | null,
    private readonly rng: Rng,
    private readonly ctx: ModelContext,
    /** The caller of the next provider of the same call (multi-provider failover), or null. */
    private readonly next: DependencyCaller | null = null,
    /** A `queue` fallback naming a queue: adds the deferred work to it. */
    private readonly enqueue: (() => void) | null = null,
  ) {
    const f = spec.fallback;
    this.fallback = f.kind === 'cached' ? { kind: 'cached', successValue: f.success_value } : f;
    this.timeouts = Number.isFinite(spec.timeout)
      ? new FixedDelayTimers(ctx.sim, spec.timeout, (a: DepAttempt<any>) => {
          if (!a.p.settled && a.p.attemptId === a.id) this.attemptFailed(a.p, 0);
        })
      : null;
  }

  /** Makes the logical call; `done(job, outcome)` is called exactly once. */
  call<J>(job: J, done: (job: J, outcome: CallOutcome, value: number) => void): void {
    const now = this.ctx.sim.now;
    const p = new Pending(job, done);
    if (this.breaker && !this.breaker.allow(now)) return this.fallBack(p);
    p.epoch = this.breaker?.epoch ?? 0;
    this.attempt(p);
  }

  private attempt<J>(p: Pending<J>): void {
    const id = ++this.nextAttemptId;
    p.attemptId = id;
    const a = new DepAttempt(this, p, id);
    if (this.timeouts) a.timer = this.timeouts.start(a);
    this.dependency.call(this.region, a);
  }

  /** The dependency answered attempt `a` (before its timeout, which is dropped). */
  answered<J>(a: DepAttempt<J>, r: CallResult): void {
    this.timeouts?.cancel(a.timer);
    const p = a.p;
    if (p.settled || p.attemptId !== a.id) return;
    if (r.ok) return this.finish(p, true);
    this.attemptFailed(p, r.throttled ? r.retryAfterS : 0);
  }

  private attemptFailed<J>(p: Pending<J>, retryAfterS: number): void {
    p.attemptId = -1;
    if (p.retryNo >= this.spec.retries) return this.finish(p, false);
    p.retryNo++;
    const base = this.spec.backoff ? backoffDelay(this.spec.backoff, p.retryNo, p.lastDelayS, this.rng) : 0;
    const delay = Math.max(base, retryAfterS);
    p.lastDelayS = delay;
    if (delay <= 0) this.attempt(p);
    else this.ctx.sim.schedule(delay, () => this.attempt(p));
  }

  private finish<J>(p: Pending<J>, ok: boolean): void {
    p.settled = true;
    const now = this.ctx.sim.now;
    if (ok) {
      this.breaker?.success(now, p.epoch);
      p.done(p.job, 'ok', 1);
      return;
    }
    this.breaker?.failure(now, p.epoch);
    this.fallBack(p);
  }

  private fallBack<J>(p: Pending<J>): void {
    p.settled = true;
    if (this.next) return this.next.call(p.job, p.done);
    const r = applyFallback(this.fallback);
    if (r.outcome === 'queued') this.enqueue?.();
    p.done(p.job, r.outcome, r.value);
  }
}

/**
 * One logical request with its client-side policies, composed as retry(breaker(timeout(send))):
 *
 * - every attempt first asks the breaker; a short-circuited attempt sends nothing and fails at
 *   once (it still uses up one of the attempts, so an open breaker ends the loop quickly). With
 *   `breakerScope: 'retries'` (a retry breaker) only retries ask: first attempts always go, and
 *   a retry the breaker refuses is not sent and the request fails with its last failure;
 * - a sent attempt is bounded by `timeout`; a timeout and an error both count as failures for the
 *   breaker; a 429 counts as a success for it (the service is answering, it is shedding us);
 * - after a failure, a retry happens if attempts remain and the retry budget grants it, after the
 *   backoff delay (or `retry_delay`, a human's think time); on a 429 a client that honours
 *   Retry-After waits at least that long.
 *
 * - a request from a client region (`req.clientRegion`) reaches the serving region half a round
 *   trip (`system.network`) after it is sent and its answer comes back half a round trip after
 *   the server gives it; the attempt's timeout runs from the send, so it covers both.
 *
 * Accounting: `req.attempts` counts attempts actually sent (first tries and retries alike).
 */
import type { Sampler } from '../../engine/distributions.js';
import { FixedDelayTimers } from '../../engine/fixedDelayTimers.js';
import type { Rng } from '../../engine/random.js';
import type { BackoffSpec } from '../policies/backoff.js';
import { backoffDelay } from '../policies/backoff.js';
import type { PolicyState } from '../policies/fromSpec.js';
import type { RetryReason } from '../policies/retryBudget.js';
import type { Attempt, ClientRequest, ModelContext, RegionPicker, ResponseDetail, ServiceEntry } from '../types.js';

/** Client-side policies of a traffic class. */
export interface CallPolicies {
  timeoutS: number;
  /** Extra attempts after the first. */
  retries: number;
  retryDelay: Sampler;
  backoff: BackoffSpec | null;
  honourRetryAfter: boolean;
  /** Attempts the breaker may stop: every attempt, or retries only (default 'all'). */
  breakerScope?: 'all' | 'retries';
}

/**
 * One attempt in flight (the first of response or timeout settles it), carrying its logical
 * request's loop state: a retry is a fresh LoopAttempt that copies that state (`retry`), so a
 * late answer to an earlier attempt never touches the current one. One object per attempt
 * rather than an attempt plus a loop object per request: a request's answer reads it cold
 * (thousands of attempts were made since it was sent), and every object on the way is a miss.
 *
 * A class rather than an object literal: a literal's objects keep the map of its boilerplate,
 * which `lastDelayS` (0, then a fraction) deprecates; a constructor follows the updated map.
 */
class LoopAttempt implements Attempt {
  settled = false;
  private responded = false;
  /** One-way network time from the client to the serving region (0: no client region). */
  halfRttS = 0;
  /** Handle of this attempt's timeout, cancelled when the answer comes first. */
  timer = -1;
  /** The server's answer while it travels back to the client. */
  answeredOk = false;
  answeredDetail: ResponseDetail | undefined = undefined;
  /** The loop's state: retries made before this attempt, the last backoff and its reason, the breaker's epoch when it was sent. */
  retryNo = 0;
  lastDelayS = 0;
  lastReason: RetryReason | undefined = undefined;
  breakerEpoch = 0;
  /** The serving region, while the attempt travels to it. */
  region = '';
  /** The server's request to hear of a timeout (see Attempt.onAbandon). */
  abandonFn: ((arg: any) => void) | null = null;
  abandonArg: unknown = undefined;
  constructor(
    readonly owner: CallLoop,
    readonly req: ClientRequest,
    readonly state: PolicyState,
    readonly done: (req: ClientRequest, ok: boolean, arg: any) => void,
    /** Passed back to `done` (the agent's workflow), so callers need no closure per request. */
    readonly arg: unknown,
  ) {}

  /** The request's next attempt: the same request and loop state, the retry counted. */
  retry(reason: RetryReason): LoopAttempt {
    const n = new LoopAttempt(this.owner, this.req, this.state, this.done, this.arg);
    n.retryNo = this.retryNo + 1;
    n.lastReason = reason;
    n.lastDelayS = this.lastDelayS;
    return n;
  }

  onAbandon<T>(fn: (arg: T) => void, arg: T): void {
    this.abandonFn = fn;
    this.abandonArg = arg;
  }

  respond(ok: boolean, detail?: ResponseDetail): void {
    if (this.settled || this.responded) return;
    if (this.halfRttS > 0) {
      this.responded = true;
      this.answeredOk = ok;
      this.answeredDetail = detail;
      this.owner.inTransit(this);
      return;
    }
    this.settled = true;
    this.owner.answered(this, ok, detail);
  }
}

/** Runs logical requests of one class against one service through its policies. */
export class CallLoop {
  private readonly timeouts: FixedDelayTimers<LoopAttempt>;

  constructor(
    private readonly policies: CallPolicies,
    private readonly entry: ServiceEntry,
    private readonly router: RegionPicker,
    private readonly rng: Rng,
    private readonly ctx: ModelContext,
  ) {
    this.timeouts = new FixedDelayTimers(ctx.sim, policies.timeoutS, this.onTimeout);
  }

  /**
   * Starts a logical request. When it reaches its final outcome the loop marks it done, reports
   * it to the recorder, then calls `done(req, ok, arg)` (exactly once).
   */
  start<A>(req: ClientRequest, state: PolicyState, done: (req: ClientRequest, ok: boolean, arg: A) => void, arg: A): void {
    state.budget?.onRequest?.(this.ctx.sim.now);
    this.attempt(new LoopAttempt(this, req, state, done, arg));
  }

  /** Sends `a` (or stops it at the breaker: it is then never sent, and `a` goes on as the loop's state). */
  private attempt(a: LoopAttempt): void {
    const { sim, recorder } = this.ctx;
    const breaker = a.state.breaker;
    const retriesOnly = this.policies.breakerScope === 'retries';
    if (breaker && (a.retryNo > 0 || !retriesOnly) && !breaker.allow(sim.now)) {
      // A granted retry that the breaker stops is never sent: give its in-flight slot back.
      if (a.retryNo > 0) a.state.budget?.onRetryAbandoned?.(sim.now);
      a.req.shortCircuited++;
      if (retriesOnly) this.finish(a, false);
      else this.afterFailure(a, 'error', undefined);
      return;
    }
    a.breakerEpoch = breaker ? breaker.epoch : 0;
    a.req.attempts++;
    recorder.attemptSent(sim.now, a.req.classIndex);
    a.state.budget?.onAttempt(sim.now);
    a.timer = this.timeouts.start(a);
    const from = a.req.clientRegion;
    const region = this.router.pick(from);
    if (region === null) return;
    if (from >= 0) {
      const fromRegion = this.ctx.topology.regionNames[from]!;
      // Across a network partition's cut the attempt never arrives: the client's timeout decides.
      if (!this.ctx.topology.reachable(fromRegion, region)) return;
      a.halfRttS = this.ctx.topology.rtt(fromRegion, region) / 2;
    }
    if (a.halfRttS <= 0) {
      this.entry.route(region, a);
      return;
    }
    a.region = region;
    sim.schedule(a.halfRttS, this.arrive, a);
  }

  /** The attempt reaches its serving region (even when its client has timed out meanwhile). */
  private readonly arrive = (a: LoopAttempt): void => this.entry.route(a.region, a);

  /** The server answered; the answer reaches the client half a round trip later. */
  inTransit(a: LoopAttempt): void {
    this.ctx.sim.schedule(a.halfRttS, this.delivered, a);
  }

  private readonly delivered = (a: LoopAttempt): void => {
    if (a.settled) return;
    a.settled = true;
    this.answered(a, a.answeredOk, a.answeredDetail);
  };

  private readonly onTimeout = (a: LoopAttempt): void => {
    if (a.settled) return;
    a.settled = true;
    if (a.abandonFn) this.ctx.sim.schedule(a.halfRttS, a.abandonFn, a.abandonArg);
    this.settle(a, false, undefined, true);
  };

  /** An attempt was answered before its timeout. */
  answered(a: LoopAttempt, ok: boolean, detail: ResponseDetail | undefined): void {
    this.timeouts.cancel(a.timer);
    this.settle(a, ok, detail, false);
  }

  /** Called once per sent attempt with its outcome. */
  private settle(a: LoopAttempt, ok: boolean, detail: ResponseDetail | undefined, timedOut: boolean): void {
    const now = this.ctx.sim.now;
    a.state.budget?.onAttemptDone?.(now, a.retryNo > 0, ok);
    if (a.req.done) return;
    const breaker = a.state.breaker;
    if (ok) {
      breaker?.success(now, a.breakerEpoch);
      a.state.budget?.onSuccess(now, a.lastReason);
      if (detail?.degraded) {
        a.req.degraded = true;
        a.req.value = detail.value ?? 1;
        a.req.deferred = detail.deferred === true;
      }
      this.finish(a, true);
      return;
    }
    // A 429 is the service answering (and shedding us): it is not a failure for the breaker, but
    // every allowed call reports exactly one result, or a half-open breaker waits for it forever.
    if (detail?.throttled) breaker?.success(now, a.breakerEpoch);
    else breaker?.failure(now, a.breakerEpoch);
    this.afterFailure(a, timedOut ? 'timeout' : 'error', detail);
  }

  /** After attempt `a` failed (or was stopped by the breaker): a retry (a new attempt, after its delay) or the request's end. */
  private afterFailure(a: LoopAttempt, reason: RetryReason, detail: ResponseDetail | undefined): void {
    const now = this.ctx.sim.now;
    if (a.retryNo >= this.policies.retries || (a.state.budget && !a.state.budget.canRetry(now, reason))) {
      this.finish(a, false);
      return;
    }
    const next = a.retry(reason);
    const p = this.policies;
    let delay = p.backoff ? backoffDelay(p.backoff, next.retryNo, next.lastDelayS, this.rng) : p.retryDelay(this.rng);
    if (detail?.throttled && p.honourRetryAfter) delay = Math.max(delay, detail.retryAfterS ?? 0);
    next.lastDelayS = delay;
    if (delay <= 0) this.attempt(next);
    else this.ctx.sim.schedule(delay, this.resume, next);
  }

  private readonly resume = (a: LoopAttempt): void => this.attempt(a);

  private finish(a: LoopAttempt, ok: boolean): void {
    a.req.done = true;
    this.ctx.recorder.requestDone(a.req, this.ctx.sim.now, ok);
    a.done(a.req, ok, a.arg);
  }
}

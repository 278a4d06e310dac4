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

/** One attempt in flight; the first of response or timeout settles it. */
class LoopAttempt implements Attempt {
  settled = false;
  /** Handle of this attempt's timeout, cancelled when the answer comes first. */
  timer = -1;
  /** Serving region and one-way network time from the client (0: no client region). */
  region = '';
  halfRttS = 0;
  /** The server's answer while it travels back to the client. */
  answeredOk = false;
  answeredDetail: ResponseDetail | undefined = undefined;
  private responded = false;
  /** The server's request to hear of a timeout (see Attempt.onAbandon). */
  abandonFn: ((arg: any) => void) | null = null;
  abandonArg: unknown = undefined;
  constructor(
    readonly req: ClientRequest,
    readonly loop: InFlight,
  ) {}

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
      this.loop.owner.inTransit(this);
      return;
    }
    this.settled = true;
    this.loop.owner.answered(this, ok, detail);
  }
}

/**
 * State of one logical request's loop. A class rather than an object literal: a literal's
 * objects keep the map of its boilerplate, which `lastDelayS` (0, then a fraction) deprecates;
 * a constructor follows the updated map.
 */
class InFlight {
  retryNo = 0;
  lastDelayS = 0;
  lastReason: RetryReason | undefined = undefined;
  breakerEpoch = 0;
  constructor(
    readonly owner: CallLoop,
    readonly req: ClientRequest,
    readonly state: PolicyState,
    readonly done: (req: ClientRequest, ok: boolean, arg: any) => void,
    /** Passed back to `done` (the agent's workflow), so callers need no closure per request. */
    readonly arg: unknown,
  ) {}
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
    this.attempt(new InFlight(this, req, state, done, arg));
  }

  private attempt(f: InFlight): void {
    const { sim, recorder } = this.ctx;
    const breaker = f.state.breaker;
    const retriesOnly = this.policies.breakerScope === 'retries';
    if (breaker && (f.retryNo > 0 || !retriesOnly) && !breaker.allow(sim.now)) {
      // A granted retry that the breaker stops is never sent: give its in-flight slot back.
      if (f.retryNo > 0) f.state.budget?.onRetryAbandoned?.(sim.now);
      f.req.shortCircuited++;
      if (retriesOnly) this.finish(f, false);
      else this.afterFailure(f, 'error', undefined);
      return;
    }
    f.breakerEpoch = breaker ? breaker.epoch : 0;
    f.req.attempts++;
    recorder.attemptSent(sim.now, f.req.classIndex);
    f.state.budget?.onAttempt(sim.now);
    const a = new LoopAttempt(f.req, f);
    a.timer = this.timeouts.start(a);
    const from = f.req.clientRegion;
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
    const f = a.loop;
    const now = this.ctx.sim.now;
    f.state.budget?.onAttemptDone?.(now, f.retryNo > 0, ok);
    if (f.req.done) return;
    const breaker = f.state.breaker;
    if (ok) {
      breaker?.success(now, f.breakerEpoch);
      f.state.budget?.onSuccess(now, f.lastReason);
      if (detail?.degraded) {
        f.req.degraded = true;
        f.req.value = detail.value ?? 1;
        f.req.deferred = detail.deferred === true;
      }
      this.finish(f, true);
      return;
    }
    // A 429 is the service answering (and shedding us): it is not a failure for the breaker, but
    // every allowed call reports exactly one result, or a half-open breaker waits for it forever.
    if (detail?.throttled) breaker?.success(now, f.breakerEpoch);
    else breaker?.failure(now, f.breakerEpoch);
    this.afterFailure(f, timedOut ? 'timeout' : 'error', detail);
  }

  private afterFailure(f: InFlight, reason: RetryReason, detail: ResponseDetail | undefined): void {
    const now = this.ctx.sim.now;
    if (f.retryNo >= this.policies.retries || (f.state.budget && !f.state.budget.canRetry(now, reason))) {
      this.finish(f, false);
      return;
    }
    f.retryNo++;
    f.lastReason = reason;
    const p = this.policies;
    let delay = p.backoff ? backoffDelay(p.backoff, f.retryNo, f.lastDelayS, this.rng) : p.retryDelay(this.rng);
    if (detail?.throttled && p.honourRetryAfter) delay = Math.max(delay, detail.retryAfterS ?? 0);
    f.lastDelayS = delay;
    if (delay <= 0) this.attempt(f);
    else this.ctx.sim.schedule(delay, this.resume, f);
  }

  private readonly resume = (f: InFlight): void => this.attempt(f);

  private finish(f: InFlight, ok: boolean): void {
    f.req.done = true;
    this.ctx.recorder.requestDone(f.req, this.ctx.sim.now, ok);
    f.done(f.req, ok, f.arg);
  }
}

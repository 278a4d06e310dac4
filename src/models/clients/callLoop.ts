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
 * The way from a client region to a serving region: the region and half its round trip (the
 * one-way network time; 0 without a client region). One shared object per pair a loop has used,
 * so an attempt holds one reference instead of a region and a real number (a heap box each).
 */
interface Route {
  readonly region: string;
  readonly halfRttS: number;
}

/** An attempt that has not been routed yet (nor been given network time). */
const UNROUTED: Route = { region: '', halfRttS: 0 };

/**
 * What few attempts use, made only for them: a retry's reason and backoff delay, a server's
 * request to hear of a timeout, an answer's detail (a degraded or throttled answer) while it
 * travels back to the client.
 */
class AttemptMore {
  /** Why this attempt is a retry (undefined: a first try). */
  reason: RetryReason | undefined = undefined;
  /** The backoff delay before this attempt, seconds (decorrelated jitter grows from it; 0: a first try). */
  delayS = 0;
  /** The server's request to hear of a timeout (see Attempt.onAbandon; null: none). */
  abandonFn: ((arg: any) => void) | null = null;
  abandonArg: unknown = undefined;
  /** The server's answer detail while it travels back to the client. */
  detail: ResponseDetail | undefined = undefined;
}

/** Bits of LoopAttempt.flags; from RETRY_SHIFT up, the retries made before the attempt. */
const SETTLED = 1, RESPONDED = 2, ANSWERED_OK = 4, RETRY_SHIFT = 3;

/**
 * One attempt in flight (the first of response or timeout settles it), carrying its logical
 * request's loop state: a retry is a fresh LoopAttempt that copies that state (`retry`), so a
 * late answer to an earlier attempt never touches the current one. One object per attempt
 * rather than an attempt plus a loop object per request: a request's answer reads it cold
 * (thousands of attempts were made since it was sent), and every object on the way is a miss.
 *
 * Every attempt allocates one, so it is kept small (each field is 8 bytes, each real-valued field
 * a heap box of 16 more, and at 100,000 requests/s an attempt's objects are evicted from the L2
 * cache before its answer reads them back): the three booleans and the retry count share one
 * field, the serving region and its network time are one shared Route, and what only retries,
 * servers that cancel abandoned work and answers with a detail use is an AttemptMore, made only
 * then.
 *
 * A class rather than an object literal: a literal's objects keep the map of its boilerplate,
 * which a field changing representation deprecates; a constructor follows the updated map.
 */
class LoopAttempt implements Attempt {
  /** SETTLED (answered or timed out), RESPONDED (the server answered; the answer travels back), ANSWERED_OK; above RETRY_SHIFT, retryNo. */
  flags = 0;
  /** Handle of this attempt's timeout, cancelled when the answer comes first. */
  timer = -1;
  /** The serving region and the one-way network time to it (set when the attempt is sent). */
  route: Route = UNROUTED;
  /** See AttemptMore (null: none of it). */
  more: AttemptMore | null = null;
  /** The breaker's epoch when it was sent. */
  breakerEpoch = 0;
  constructor(
    readonly owner: CallLoop,
    readonly req: ClientRequest,
    readonly state: PolicyState,
    readonly done: (req: ClientRequest, ok: boolean, arg: any) => void,
    /** Passed back to `done` (the agent's workflow), so callers need no closure per request. */
    readonly arg: unknown,
  ) {}

  /** Retries made before this attempt. */
  get retryNo(): number {
    return this.flags >>> RETRY_SHIFT;
  }

  /** The request's next attempt: the same request and loop state, the retry counted (its delay is set by the caller). */
  retry(reason: RetryReason): LoopAttempt {
    const n = new LoopAttempt(this.owner, this.req, this.state, this.done, this.arg);
    n.flags = (this.retryNo + 1) << RETRY_SHIFT;
    const m = n.extra();
    m.reason = reason;
    m.delayS = this.lastDelayS;
    return n;
  }

  /** The backoff delay waited before this attempt, seconds (0: a first try). */
  get lastDelayS(): number {
    return this.more === null ? 0 : this.more.delayS;
  }

  /** Why this attempt is a retry (undefined: a first try). */
  get lastReason(): RetryReason | undefined {
    return this.more === null ? undefined : this.more.reason;
  }

  /** Its AttemptMore, made at the first use. */
  extra(): AttemptMore {
    return (this.more ??= new AttemptMore());
  }

  onAbandon<T>(fn: (arg: T) => void, arg: T): void {
    const m = this.extra();
    m.abandonFn = fn;
    m.abandonArg = arg;
  }

  respond(ok: boolean, detail?: ResponseDetail): void {
    if ((this.flags & (SETTLED | RESPONDED)) !== 0) return;
    if (this.route.halfRttS > 0) {
      this.flags |= ok ? RESPONDED | ANSWERED_OK : RESPONDED;
      if (detail !== undefined) this.extra().detail = detail;
      this.owner.inTransit(this);
      return;
    }
    this.flags |= SETTLED;
    this.owner.answered(this, ok, detail);
  }
}

/** Runs logical requests of one class against one service through its policies. */
export class CallLoop {
  private readonly timeouts: FixedDelayTimers<LoopAttempt>;
  /** The routes from each client region (by index in Topology.regionNames) to each serving region used so far. */
  private readonly routes: Map<string, Route>[];
  /** The route each client region's latest attempt took. */
  private readonly lastRoute: Route[];

  constructor(
    private readonly policies: CallPolicies,
    private readonly entry: ServiceEntry,
    private readonly router: RegionPicker,
    private readonly rng: Rng,
    private readonly ctx: ModelContext,
  ) {
    this.timeouts = new FixedDelayTimers(ctx.sim, policies.timeoutS, this.onTimeout);
    this.routes = ctx.topology.regionNames.map(() => new Map<string, Route>());
    this.lastRoute = ctx.topology.regionNames.map(() => UNROUTED);
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
      a.route = this.routeOf(from, fromRegion, region);
    }
    if (a.route.halfRttS <= 0) {
      this.entry.route(region, a);
      return;
    }
    sim.schedule(a.route.halfRttS, this.arrive, a);
  }

  /** The Route from client region `from` (its name `fromRegion`) to `region`, made at its first use. */
  private routeOf(from: number, fromRegion: string, region: string): Route {
    // A client region's attempts nearly always go where its previous one went.
    const last = this.lastRoute[from]!;
    if (last.region === region) return last;
    const byRegion = this.routes[from]!;
    let r = byRegion.get(region);
    if (r === undefined) byRegion.set(region, (r = { region, halfRttS: this.ctx.topology.rtt(fromRegion, region) / 2 }));
    return (this.lastRoute[from] = r);
  }

  /** The attempt reaches its serving region (even when its client has timed out meanwhile). */
  private readonly arrive = (a: LoopAttempt): void => this.entry.route(a.route.region, a);

  /** The server answered; the answer reaches the client half a round trip later. */
  inTransit(a: LoopAttempt): void {
    this.ctx.sim.schedule(a.route.halfRttS, this.delivered, a);
  }

  private readonly delivered = (a: LoopAttempt): void => {
    if ((a.flags & SETTLED) !== 0) return;
    a.flags |= SETTLED;
    this.answered(a, (a.flags & ANSWERED_OK) !== 0, a.more === null ? undefined : a.more.detail);
  };

  private readonly onTimeout = (a: LoopAttempt): void => {
    if ((a.flags & SETTLED) !== 0) return;
    a.flags |= SETTLED;
    const m = a.more;
    if (m !== null && m.abandonFn !== null) this.ctx.sim.schedule(a.route.halfRttS, m.abandonFn, m.abandonArg);
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
    next.more!.delayS = delay;
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

/**
 * A dependency called by a service tier: an internal or third-party service (identity, payments,
 * an LLM provider) seen only through its latency and error distributions, an optional per-region
 * quota (a token bucket; over quota it answers 429 at once), and the upstreams it relies on.
 *
 * A dependency is down when it is faulted or any of its upstreams (transitively) is down: two
 * providers that share an upstream fail together. While down, a call hangs until the caller's
 * timeout (`outage: hang`) or fails at once (`outage: error`). Latency and error-rate faults
 * replace the normal figures while they last.
 */
import { sampler, type DistSpec, type Sampler } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { DependencySpec } from '../scenario/policySchema.js';
import { TokenBucket } from './policies/rateLimiter.js';
import type { ModelContext } from './types.js';

/** The result of one call: ok, an error, or throttled (with the time until a token is free). */
export type CallResult = { ok: true } | { ok: false; throttled: boolean; retryAfterS: number };

const OK: CallResult = { ok: true };
const ERROR: CallResult = { ok: false, throttled: false, retryAfterS: 0 };

/** One call as the dependency sees it: `settle` is called with the answer (never while it hangs). */
export interface DependencyCall {
  settle(r: CallResult): void;
}

/** One dependency and its state. */
export class Dependency {
  private faulted = false;
  private latencyOverride: Sampler | null = null;
  private errorOverride: number | null = null;
  private readonly latency: Sampler;
  private readonly rng: Rng;
  private readonly quotas = new Map<string, TokenBucket>();
  upstreams: Dependency[] = [];

  constructor(
    readonly name: string,
    private readonly spec: DependencySpec,
    private readonly ctx: ModelContext,
  ) {
    this.latency = sampler(spec.latency);
    this.rng = ctx.streams.stream(`dependency:${name}`);
    for (const [region, rate] of Object.entries(spec.quota)) this.quotas.set(region, new TokenBucket(rate, Math.max(1, rate)));
  }

  /** Down: faulted itself, or an upstream is down. */
  get down(): boolean {
    if (this.faulted) return true;
    const ups = this.upstreams;
    for (let i = 0; i < ups.length; i++) if (ups[i]!.down) return true;
    return false;
  }

  /** Calls the dependency from `region`; `c.settle(result)` comes later, or never while it hangs. */
  call(region: string, c: DependencyCall): void {
    const { sim } = this.ctx;
    if (this.down) {
      if (this.spec.outage === 'error') sim.schedule(0.001, this.answerError, c);
      return;
    }
    if (this.quotas.size > 0) {
      const quota = this.quotas.get(region);
      if (quota && !quota.tryTake(sim.now)) {
        const wait = quota.retryAfterS(sim.now);
        sim.schedule(0.001, () => c.settle({ ok: false, throttled: true, retryAfterS: wait }));
        return;
      }
    }
    const latency = (this.latencyOverride ?? this.latency)(this.rng);
    const failed = this.rng() < (this.errorOverride ?? this.spec.error_rate);
    // The outcome drawn now is carried by which handler runs, so a call allocates nothing here.
    sim.schedule(latency, failed ? this.answerError : this.answerOk, c);
  }

  /** The answer of a call drawn to succeed: an error if the dependency went down meanwhile. */
  private readonly answerOk = (c: DependencyCall): void => {
    if (this.down) {
      if (this.spec.outage === 'hang') return;
      c.settle(ERROR);
    } else c.settle(OK);
  };

  /** The answer of a call drawn to fail (or made while down with `outage: error`). */
  private readonly answerError = (c: DependencyCall): void => {
    if (this.down && this.spec.outage === 'hang') return;
    c.settle(ERROR);
  };

  /** Fault control: outage. */
  setDown(down: boolean): void {
    this.faulted = down;
  }

  /** Fault control: latency injection (null restores the normal latency). */
  setLatency(spec: DistSpec | null): void {
    this.latencyOverride = spec === null ? null : sampler(spec);
  }

  /** Fault control: error-rate injection (null restores the normal rate). */
  setErrorRate(rate: number | null): void {
    this.errorOverride = rate;
  }
}

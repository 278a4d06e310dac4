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
    for (const u of this.upstreams) if (u.down) return true;
    return false;
  }

  /** Calls the dependency from `region`; `done(job, result)` comes later, or never while it hangs. */
  call<J>(region: string, job: J, done: (job: J, r: CallResult) => void): void {
    const { sim } = this.ctx;
    if (this.down) {
      if (this.spec.outage === 'error') sim.schedule(0.001, () => done(job, ERROR));
      return;
    }
    const quota = this.quotas.get(region);
    if (quota) {
      if (!quota.tryTake(sim.now)) {
        const wait = quota.retryAfterS(sim.now);
        sim.schedule(0.001, () => done(job, { ok: false, throttled: true, retryAfterS: wait }));
        return;
      }
    }
    const latency = (this.latencyOverride ?? this.latency)(this.rng);
    const failed = this.rng() < (this.errorOverride ?? this.spec.error_rate);
    sim.schedule(latency, () => {
      if (this.down && this.spec.outage === 'hang') return;
      done(job, failed || this.down ? ERROR : OK);
    });
  }

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

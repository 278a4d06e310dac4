/**
 * The load balancer's health check of one instance.
 *
 * - `liveness`: the process answers (a separate thread from the request slots, so an instance
 *   whose every slot hangs on a dead database still passes).
 * - `deep`: the check borrows a connection from the instance's pool and runs a trivial query;
 *   it passes only if that finishes within the check timeout.
 *
 * `unhealthy_after` consecutive failures take the instance out of rotation; `healthy_after`
 * consecutive passes put it back (reported as a `health_checks` recovery phase, from the last
 * failed check to the re-admission).
 */
import type { Rng } from '../engine/random.js';
import type { HealthCheckSpec } from '../scenario/schema.js';
import type { Connection } from './connectionPool.js';
import type { Instance } from './instance.js';
import type { ModelContext } from './types.js';

/** Time a live process takes to answer a liveness check, in seconds. */
export const LIVENESS_ANSWER_S = 0.001;

/** Health state of one instance as its load balancer sees it. */
export class HealthCheck {
  /** What the load balancer believes. */
  healthy: boolean;
  private fails = 0;
  private passes = 0;
  /** When the last failed check completed (the start of a re-admission). */
  private lastFailT: number;

  constructor(
    private readonly instance: Instance,
    private readonly spec: HealthCheckSpec,
    private readonly ctx: ModelContext,
    rng: Rng,
    private readonly onChange: (check: HealthCheck) => void,
    /** In rotation from the start (an instance added by a scale-up starts out of rotation). */
    initiallyHealthy = true,
  ) {
    this.healthy = initiallyHealthy;
    this.lastFailT = ctx.sim.now;
    ctx.sim.schedule(rng() * spec.interval, this.tick);
  }

  private readonly tick = (): void => {
    this.probe((ok) => this.record(ok));
    this.ctx.sim.schedule(this.spec.interval, this.tick);
  };

  /** Runs one check; `done(ok)` is called exactly once, at most `timeout` later. */
  private probe(done: (ok: boolean) => void): void {
    const inst = this.instance;
    const { sim } = this.ctx;
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      done(ok);
    };
    sim.schedule(this.spec.timeout, () => settle(false));
    if (!inst.serving) return;
    if (this.spec.kind === 'liveness' || !inst.pool) {
      sim.schedule(LIVENESS_ANSWER_S, () => settle(inst.serving));
      return;
    }
    const pool = inst.pool;
    pool.borrow(null, (_job: null, conn: Connection | null) => {
      if (!conn) return settle(false);
      pool.query(conn, false, null, (_j: null, ok: boolean) => settle(ok && inst.serving));
    });
  }

  private record(ok: boolean): void {
    if (ok) {
      this.fails = 0;
      this.passes++;
      if (!this.healthy && this.passes >= this.spec.healthy_after) this.set(true);
    } else {
      this.lastFailT = this.ctx.sim.now;
      this.passes = 0;
      this.fails++;
      if (this.healthy && this.fails >= this.spec.unhealthy_after) this.set(false);
    }
  }

  private set(healthy: boolean): void {
    if (healthy) this.ctx.recorder.phase(this.ctx.sim.now, 'health_checks', this.lastFailT, this.ctx.sim.now);
    this.healthy = healthy;
    this.onChange(this);
  }
}

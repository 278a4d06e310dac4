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
import type { StreamFamily } from '../engine/random.js';
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
  /** Its position in its load balancer (set by the load balancer; −1: in none). */
  balancerIndex = -1;
  private fails = 0;
  private passes = 0;
  /** When the last failed check completed (the start of a re-admission). */
  private lastFailT: number;
  /**
   * Dormant: the checks are not simulated while their outcome is certain and changes nothing
   * (see `tick`). `lastTickT` is the last check run (NaN: none yet, the first is due at the
   * random phase after `createdT`).
   */
  private dormant = false;
  /** The instance left its load balancer (scale-in): no more checks, no more verdicts. */
  private retired = false;
  private lastTickT = NaN;
  private readonly createdT: number;

  constructor(
    private readonly instance: Instance,
    private readonly spec: HealthCheckSpec,
    private readonly ctx: ModelContext,
    /** The tier's health-check streams: the phase of the checks (drawn once, when they are first simulated) comes from `health:<instance name>`. */
    private readonly phases: StreamFamily,
    /** Told when the verdict changes (the load balancer). */
    private readonly watcher: { checkChanged(check: HealthCheck): void },
    /** In rotation from the start (an instance added by a scale-up starts out of rotation). */
    initiallyHealthy = true,
  ) {
    this.healthy = initiallyHealthy;
    this.lastFailT = this.createdT = ctx.sim.now;
    instance.onStop = this;
    if (this.canSleep()) this.dormant = true;
    else ctx.sim.schedule(this.phaseS(), HealthCheck.onTick, this);
  }

  /** Stops checking for good: the instance was taken out of its load balancer (scale-in). */
  retire(): void {
    this.retired = true;
    this.dormant = false;
  }

  /** Seconds from creation to the first check: uniform over one interval. */
  private phaseS(): number {
    return this.phases.select(this.instance.tierIndex, this.instance.name)() * this.spec.interval;
  }

  /**
   * A check of a serving instance that needs no connection (liveness, or an instance without a
   * database) passes after LIVENESS_ANSWER_S unless the process stops meanwhile; while the
   * instance is in rotation with no failure counted, a pass changes nothing. Such checks are not
   * simulated (with tens of thousands of instances they would outnumber the requests): the
   * check falls dormant and `stopped` replays, when the process stops, exactly the checks that can
   * still see it (same times, same outcomes).
   */
  private canSleep(): boolean {
    return this.healthy && this.fails === 0 && this.instance.serving && (this.spec.kind === 'liveness' || !this.instance.pool);
  }

  // Shared by every check (with the check as the event's argument): no closure per instance.
  private static readonly onTick = (check: HealthCheck): void => check.tick();

  private tick(): void {
    if (this.retired) return;
    this.lastTickT = this.ctx.sim.now;
    if (this.canSleep()) {
      this.dormant = true;
      return;
    }
    this.probe(this.ctx.sim.now, (ok) => this.record(ok));
    this.ctx.sim.schedule(this.spec.interval, HealthCheck.onTick, this);
  }

  /** The instance's process stopped: a dormant check resumes its schedule where it would be now. */
  stopped(): void {
    if (!this.dormant || this.retired) return;
    this.dormant = false;
    const { sim } = this.ctx;
    const interval = this.spec.interval;
    // The times the checks would have run at: the phase after creation, then every interval
    // (each added to the last, as the kernel does, so the times are the same floats).
    let t = Number.isNaN(this.lastTickT) ? this.createdT + this.phaseS() : this.lastTickT;
    if (t > sim.now) {
      sim.at(t, HealthCheck.onTick, this);
      return;
    }
    while (t + interval <= sim.now) t += interval;
    this.lastTickT = t;
    // The check started at t saw a serving instance; it is still out if its answer is not due yet.
    if (t + Math.min(LIVENESS_ANSWER_S, this.spec.timeout) > sim.now) this.probe(t, (ok) => this.record(ok));
    sim.at(t + interval, HealthCheck.onTick, this);
  }

  /** Runs one check started at `startT` (now, or a dormant check's replay); `done(ok)` is called exactly once, at most `timeout` after it. */
  private probe(startT: number, done: (ok: boolean) => void): void {
    const inst = this.instance;
    const { sim } = this.ctx;
    let settled = false;
    const settle = (ok: boolean) => {
      if (settled) return;
      settled = true;
      done(ok);
    };
    sim.at(startT + this.spec.timeout, () => settle(false));
    if (startT === sim.now && !inst.serving) return;
    if (this.spec.kind === 'liveness' || !inst.pool) {
      sim.at(startT + LIVENESS_ANSWER_S, () => settle(inst.serving));
      return;
    }
    const pool = inst.pool;
    pool.borrow(null, (_job: null, conn: Connection | null) => {
      if (!conn) return settle(false);
      pool.query(conn, false, null, (_j: null, ok: boolean) => settle(ok && inst.serving));
    });
  }

  private record(ok: boolean): void {
    if (this.retired) return;
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
    this.watcher.checkChanged(this);
  }
}

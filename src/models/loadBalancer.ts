/**
 * A regional load balancer: routes each attempt to one of the instances its health checks
 * believe healthy (round robin, or least outstanding requests). With none healthy it answers
 * 503 at once. When its region is down, nothing answers (the client's timeout decides).
 */
import type { Instance } from './instance.js';
import type { HealthCheck } from './healthCheck.js';
import type { Attempt, ModelContext } from './types.js';

/** One region's load balancer in front of a service tier. */
export class LoadBalancer {
  private next = 0;
  private healthyCount: number;
  /**
   * 1 where the instance at that position is in rotation: round robin reads these bytes, not
   * each instance's HealthCheck object, so a fleet of thousands costs no cold object per request
   * for it. Kept by `add`, `removeNewest` and `checkChanged`.
   */
  private inRotation = new Uint8Array(16);

  constructor(
    readonly region: string,
    private readonly instances: Instance[],
    private readonly checks: HealthCheck[],
    private readonly policy: 'round_robin' | 'least_outstanding',
    private readonly ctx: ModelContext,
  ) {
    this.healthyCount = 0;
    for (let k = 0; k < checks.length; k++) this.track(k);
  }

  /** Puts a new instance (a scale-up) behind this load balancer; it serves once its check passes. */
  add(instance: Instance, check: HealthCheck): void {
    this.instances.push(instance);
    this.checks.push(check);
    this.track(this.checks.length - 1);
  }

  /** Counts the check at position `k` and records its place and verdict. */
  private track(k: number): void {
    if (k >= this.inRotation.length) {
      const grown = new Uint8Array(Math.max(2 * this.inRotation.length, k + 1));
      grown.set(this.inRotation);
      this.inRotation = grown;
    }
    const check = this.checks[k]!;
    check.balancerIndex = k;
    this.inRotation[k] = check.healthy ? 1 : 0;
    if (check.healthy) this.healthyCount++;
  }

  /**
   * Scale-in: takes the newest instance out (it gets no new request from now on) and returns it
   * with its health check; undefined when there is none.
   */
  removeNewest(): { instance: Instance; check: HealthCheck } | undefined {
    const k = this.instances.length - 1;
    if (k < 0) return undefined;
    const instance = this.instances.pop()!;
    const check = this.checks.pop()!;
    this.inRotation[k] = 0;
    check.balancerIndex = -1;
    if (check.healthy) this.healthyCount--;
    if (this.next > k) this.next = 0;
    return { instance, check };
  }

  /** Instances the load balancer currently routes to. */
  get healthyInstances(): number {
    return this.healthyCount;
  }

  get size(): number {
    return this.instances.length;
  }

  /** Called by a health check whose verdict changed. */
  checkChanged(check: HealthCheck): void {
    if (check.balancerIndex >= 0) this.inRotation[check.balancerIndex] = check.healthy ? 1 : 0;
    this.healthyCount += check.healthy ? 1 : -1;
    if (this.healthyCount === 0) this.ctx.recorder.note(this.ctx.sim.now, 'lb_empty', `${this.region}: no instance passes its health check; load balancer answers 503`);
  }

  /**
   * How an external health check of this regional endpoint goes, `u` uniform in [0, 1) choosing
   * the instance it lands on: `refused` at once when the region is dark (its endpoint is gone) or
   * no instance is in rotation (503); `hang` when it lands on an instance still in rotation whose
   * process no longer answers (its own health checks have not caught up yet): the checker learns
   * nothing until its timeout; `ok` when a serving instance answers.
   */
  probe(u: number): 'ok' | 'refused' | 'hang' {
    if (!this.reachable || this.healthyCount === 0) return 'refused';
    let k = Math.floor(u * this.healthyCount);
    // Every instance in rotation (the usual case): the k-th is at position k, no walk over the fleet.
    if (this.healthyCount === this.instances.length) return this.instances[k]!.serving ? 'ok' : 'hang';
    const inRotation = this.inRotation;
    for (let i = 0; i < this.instances.length; i++) {
      if (inRotation[i] !== 1) continue;
      if (k-- === 0) return this.instances[i]!.serving ? 'ok' : 'hang';
    }
    return 'refused';
  }

  /** Whether the region's load balancer itself is reachable. */
  get reachable(): boolean {
    return this.ctx.topology.regionUp(this.region);
  }

  route(attempt: Attempt): void {
    if (!this.reachable) return;
    if (this.healthyCount === 0) {
      this.ctx.sim.schedule(0.001, () => attempt.respond(false));
      return;
    }
    const target = this.policy === 'round_robin' ? this.roundRobin() : this.leastOutstanding();
    target.accept(attempt);
  }

  private roundRobin(): Instance {
    const n = this.instances.length;
    const inRotation = this.inRotation;
    for (let i = 0; i < n; i++) {
      const k = (this.next + i) % n;
      if (inRotation[k] === 1) {
        this.next = k + 1;
        return this.instances[k]!;
      }
    }
    throw new Error('load balancer: no healthy instance although the count says some');
  }

  private leastOutstanding(): Instance {
    let best = -1;
    for (let k = 0; k < this.instances.length; k++) {
      if (!this.checks[k]!.healthy) continue;
      if (best < 0 || this.instances[k]!.outstanding < this.instances[best]!.outstanding) best = k;
    }
    return this.instances[best]!;
  }
}

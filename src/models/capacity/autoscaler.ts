/**
 * Target-tracking autoscaling of one service in one region. Every `evaluation_period` the
 * autoscaler takes its metric (mean busy share of the region's serving instances, or requests
 * waiting per serving instance), averaged over samples about once a second in the period, and asks for ceil(instances × metric / target) instances, kept
 * within min..max. A scale-out takes the region's shared capacity first (`RegionalCapacity`: above
 * the region's `instance_limit` requests are refused, "insufficient capacity"), then goes through the
 * region's control plane (it waits while that plane is down), then provisioning (sampled lag),
 * then `ServiceTier.scaleTo` adds the instances, which serve after the service's start-up (warm-up)
 * and enter rotation after their health checks. A warm pool (`warm_pool` instances per region,
 * provisioned and stopped, held against the region's limit from the start) serves a scale-out
 * first: those instances skip the provisioning lag (still through the control plane, still with
 * the start-up); the pool is not refilled during the incident. No new scale-out is asked while one is under way
 * nor within `cooldown` of the last instances added.
 *
 * Scale-in, conservative as AWS target tracking: only after `scale_in_after` evaluations in a row
 * asked for fewer instances than the region has, with no scale-out or scale-in under way and the
 * scale-in cooldown over, the newest instances are taken out of the load balancer (once the
 * region's control plane is up) down to max(desired, min, 1) (the last instance stays: with none
 * serving there is no metric to scale out on); each drains for at most `deregistration_delay` and
 * is terminated, which frees its place under the region's limit. `scale_in_protection: true`
 * turns scale-in off. The scale-in cooldown runs from the termination of the last instance of a
 * scale-in.
 *
 * Recovery phase reported: `scale_up`, from the scale-out's request to the new instances serving.
 */
import { sampler, type Sampler } from '../../engine/distributions.js';
import type { AutoscalingSpec } from '../../scenario/autoscalingSchema.js';
import type { ServiceTier } from '../service.js';
import type { ModelContext } from '../types.js';

/**
 * Instances a service starts with in a region: the configured count, or for an autoscaled
 * service that count kept within the group's min..max (an Auto Scaling group's desired capacity
 * is never outside them, so a group whose minimum is above the configured count starts at it).
 */
export function startingInstances(configured: number, autoscaling: AutoscalingSpec | undefined): number {
  return autoscaling === undefined ? configured : Math.min(autoscaling.max, Math.max(autoscaling.min, configured));
}

/** Instances every region may still hold, shared by all services there (regions without a limit are unbounded). */
export class RegionalCapacity {
  /** Instances granted but not yet added, per region. */
  private readonly reserved = new Map<string, number>();

  /**
   * @param limits instance limit per region (absent: no limit)
   * @param inUse instances of every service in a region now (provisioned, whatever their state)
   */
  constructor(
    private readonly limits: ReadonlyMap<string, number>,
    private readonly inUse: (region: string) => number,
  ) {}

  /** Grants up to `wanted` more instances in `region`; returns how many were granted. */
  request(region: string, wanted: number): number {
    const limit = this.limits.get(region);
    const reserved = this.reserved.get(region) ?? 0;
    const free = limit === undefined ? wanted : Math.max(0, limit - this.inUse(region) - reserved);
    const granted = Math.min(wanted, free);
    this.reserved.set(region, reserved + granted);
    return granted;
  }

  /** `n` granted instances were added (they now count in `inUse`). */
  added(region: string, n: number): void {
    this.reserved.set(region, (this.reserved.get(region) ?? 0) - n);
  }
}

/** What one autoscaler did in a replication. */
export interface AutoscalerStats {
  /** Scale-outs that added instances. */
  scaleOuts: number;
  /** Scale-out requests refused in full or in part by the regional capacity limit. */
  refusedInsufficientCapacity: number;
  /** Most instances the service had in the region (provisioned, whatever their state). */
  maxInstances: number;
  /** Scale-ins that took instances out. */
  scaleIns: number;
}

/** The autoscaler of `tier` in `region`; see the module comment. Times in seconds. */
export class Autoscaler {
  readonly stats: AutoscalerStats;
  /** Name of the service scaled. */
  readonly service: string;
  private readonly provisioning: Sampler;
  private busy = false;
  private coolUntilT = -Infinity;
  /** Evaluations in a row that asked for fewer instances than the region has. */
  private below = 0;
  /** Instances of the scale-in under way not yet terminated. */
  private draining = 0;
  private coolInUntilT = -Infinity;
  private actions = 0;
  /** Warm-pool instances not yet used (held against the region's limit from the start). */
  private warmPool: number;

  constructor(
    private readonly tier: ServiceTier,
    readonly region: string,
    private readonly spec: AutoscalingSpec,
    private readonly capacity: RegionalCapacity,
    private readonly ctx: ModelContext,
  ) {
    this.service = tier.name;
    this.warmPool = capacity.request(region, spec.warm_pool);
    this.provisioning = sampler(spec.provisioning);
    this.stats = { scaleOuts: 0, refusedInsufficientCapacity: 0, maxInstances: this.instances, scaleIns: 0 };
    // The metric is the mean of samples about once a second over the evaluation period.
    const samples = Math.max(1, Math.round(spec.evaluation_period));
    const everyS = spec.evaluation_period / samples;
    let sum = 0;
    let n = 0;
    let k = 0;
    const tick = (): void => {
      const m = this.metric();
      if (!Number.isNaN(m)) {
        sum += m;
        n++;
      }
      if (++k === samples) {
        this.evaluate(n > 0 ? sum / n : NaN);
        sum = 0;
        n = 0;
        k = 0;
      }
      ctx.sim.schedule(everyS, tick);
    };
    ctx.sim.schedule(everyS, tick);
  }

  /** Instances provisioned in the region (serving, starting or down). */
  private get instances(): number {
    return this.tier.balancers.get(this.region)?.size ?? 0;
  }

  /** The metric now: busy share (0..1) or requests waiting per serving instance; NaN when none serves. */
  private metric(): number {
    if (this.spec.metric === 'utilisation') return this.tier.utilisationIn(this.region);
    const serving = this.tier.servingIn(this.region);
    if (serving === 0) return NaN;
    return this.tier.queuedIn(this.region) / serving;
  }

  /**
   * One evaluation of the period's mean metric `m`: asks for a scale-out when the desired count is
   * above the current one, and for a scale-in when it has been below for `scale_in_after` evaluations.
   */
  private evaluate(m: number): void {
    const current = this.instances;
    if (Number.isNaN(m)) {
      this.below = 0;
      return;
    }
    const desired = Math.min(this.spec.max, Math.max(this.spec.min, Math.ceil((current * m) / this.spec.target - 1e-9)));
    this.below = desired < current ? this.below + 1 : 0;
    if (desired > current) this.scaleOut(current, desired);
    else if (desired < current) this.scaleIn(current, desired);
  }

  /** Takes instances out down to max(desired, min, 1) when the scale-in conditions hold (module comment). */
  private scaleIn(current: number, desired: number): void {
    const now = this.ctx.sim.now;
    if (this.spec.scale_in_protection || this.busy || this.draining > 0 || now < this.coolInUntilT || this.below < this.spec.scale_in_after) return;
    const to = Math.max(desired, this.spec.min, 1);
    if (to >= current) return;
    const name = `${this.tier.name} in ${this.region}`;
    this.ctx.recorder.note(now, 'autoscaling', `${name}: scaling in from ${current} to ${to} instances (each drains for at most ${this.spec.deregistration_delay}s)`);
    this.stats.scaleIns++;
    // Set first: it blocks other scale-ins meanwhile, and an idle instance is terminated (and counted down) at once.
    this.draining = current - to;
    this.ctx.controlPlane.whenAvailable(this.region, () => {
      this.tier.scaleIn(this.region, current - to, this.spec.deregistration_delay, () => {
        if (--this.draining > 0) return;
        const t = this.ctx.sim.now;
        this.coolInUntilT = t + this.spec.scale_in_cooldown;
        this.ctx.recorder.note(t, 'autoscaling', `${name}: ${current - to} instance${current - to === 1 ? '' : 's'} terminated after draining`);
      });
    });
  }

  /** Asks for `desired` instances (more than `current`): warm pool first, then the region's capacity, then provisioning. */
  private scaleOut(current: number, desired: number): void {
    const now = this.ctx.sim.now;
    if (this.busy || now < this.coolUntilT) return;
    const want = desired - current;
    const warm = Math.min(this.warmPool, want);
    const granted = this.capacity.request(this.region, want - warm);
    const name = `${this.tier.name} in ${this.region}`;
    if (granted < want - warm) {
      this.stats.refusedInsufficientCapacity++;
      this.ctx.recorder.note(now, 'autoscaling', `${name}: insufficient capacity, ${want - warm - granted} of ${want - warm} instances refused`);
    }
    if (warm + granted === 0) return;
    this.below = 0;
    this.warmPool -= warm;
    const to = current + warm + granted;
    this.busy = true;
    this.ctx.recorder.note(now, 'autoscaling', `${name}: scaling out from ${current} to ${to} instances${warm > 0 ? ` (${warm} from the warm pool)` : ''}`);
    const startT = now;
    /** Adds `n` instances up to `upTo`; the last addition of the scale-out ends it and starts the cooldown. */
    const add = (upTo: number, n: number, what: string, last: boolean): void => {
      const startupS = this.tier.scaleTo(this.region, upTo);
      this.capacity.added(this.region, n);
      const t = this.ctx.sim.now;
      this.ctx.recorder.note(t, 'autoscaling', `${name}: ${n} instance${n === 1 ? '' : 's'} ${what}, serving after start-up`);
      this.ctx.recorder.phase(t, 'scale_up', startT, t + startupS);
      this.stats.maxInstances = Math.max(this.stats.maxInstances, this.instances);
      if (!last) return;
      this.stats.scaleOuts++;
      this.busy = false;
      this.coolUntilT = t + this.spec.cooldown;
    };
    this.ctx.controlPlane.whenAvailable(this.region, () => {
      if (warm > 0) add(current + warm, warm, 'started from the warm pool', granted === 0);
      if (granted === 0) return;
      const lagS = this.provisioning(this.ctx.streams.stream(`autoscale:${this.tier.name}/${this.region}/${++this.actions}`));
      this.ctx.sim.schedule(lagS, () => add(to, granted, 'provisioned', true));
    });
  }
}

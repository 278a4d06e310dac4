/**
 * A service tier: its instances in each region (spread round-robin over the region's zones),
 * each with its load-balancer health check, and one load balancer per region. Instances die with
 * their host and boot again (with a fresh pool) when the host comes back.
 *
 * The edge in front of the load balancers applies per-class rate limits (a token bucket per
 * client class; over it, 429 with Retry-After, at no cost to the instances).
 */
import { sampler, type Sampler } from '../engine/distributions.js';
import { ListPool } from '../engine/listPool.js';
import { RowStore, type Row } from '../engine/rowStore.js';
import { StreamFamily } from '../engine/random.js';
import { startingInstances } from './capacity/autoscaler.js';
import type { ServiceSpec } from '../scenario/schema.js';
import type { Database } from './database.js';
import { HealthCheck } from './healthCheck.js';
import { Instance, TALLY_ROW, restartTally, tallyStats, type InstanceExtras, type InstanceShared, type InstanceStats, type InstanceWatch } from './instance.js';
import { callerChain } from './callerChain.js';
import type { Dependency } from './dependency.js';
import type { CircuitBreaker } from './policies/circuitBreaker.js';
import { LoadShedder } from './policies/loadShedder.js';
import { TokenBucket } from './policies/rateLimiter.js';
import { LoadBalancer } from './loadBalancer.js';
import type { Host } from './topology.js';
import type { WorkQueue } from './queues/workQueue.js';
import type { Attempt, ModelContext, ServiceEntry } from './types.js';

/** What a service tier needs from the rest of the system besides its database. */
export interface ServiceWiring {
  /** Client class name → index. */
  classIndex: Map<string, number>;
  dependencies: Map<string, Dependency>;
  /** Every long-lived breaker of the replication, for the open-breaker timeline. */
  breakers: CircuitBreaker[];
  /** Queues by name, for queue fallbacks and outboxes. */
  queues?: Map<string, WorkQueue>;
}

const byTierIndex = (a: Instance, b: Instance): number => a.tierIndex - b.tierIndex;

const NO_WIRING: ServiceWiring = { classIndex: new Map(), dependencies: new Map(), breakers: [] };
const NO_QUEUES = new Map<string, WorkQueue>();

/** Instances provisioned in one region (running, starting, down or draining) and their integral over time. */
interface Fleet {
  /** Instances ever created in the region (names and random streams stay unique after a scale-in). */
  created: number;
  provisioned: number;
  /** ∫ provisioned dt from 0 to `sinceT`, instance-seconds. */
  areaS: number;
  sinceT: number;
}

/** All instances and load balancers of one service. */
export class ServiceTier implements ServiceEntry {
  /** Instances not terminated: in a load balancer, or draining out of one. */
  readonly instances: Instance[] = [];
  /** Instances terminated by a scale-in (kept for the service statistics). */
  readonly retired: Instance[] = [];
  private readonly fleets = new Map<string, Fleet>();
  /** The running totals of the instances in each region (InstanceShared.tally), side by side in one store. */
  private readonly tallies = new Map<string, Row>();
  private readonly tallyRows = new RowStore();
  private readonly rateLimits: (TokenBucket | undefined)[] = [];
  readonly checks: HealthCheck[] = [];
  readonly balancers = new Map<string, LoadBalancer>();
  /** Each instance runs on a host of its own: a region outage finds the instances in O(hosts down). */
  private readonly instanceOnHost = new Map<Host, Instance>();
  private readonly build: (id: string, region: string, zone: number, firstBootS: number) => Instance;
  private readonly startup: Sampler;
  private readonly healthCheckSpec: ServiceSpec['health_check'];
  /** The health checks' streams (`health:<instance name>`, member = the instance's tierIndex). */
  private readonly healthPhases: StreamFamily;
  /**
   * Running counts for the gauges, read every timeline bucket: serving instances per region (and
   * those of them in rotation, not draining), and the instances that accepted work since they
   * were last found idle (every instance holding work is among them), so a gauge costs the busy
   * instances, not the whole fleet. `tierIndex` orders them by creation, as `instances` is.
   */
  private readonly servingByRegion = new Map<string, number>();
  private readonly inRotationByRegion = new Map<string, number>();
  private servingTotal = 0;
  private indexed = 0;
  private readonly loaded: Instance[] = [];
  private readonly watch: InstanceWatch = {
    stateChanged: (inst) => {
      const region = inst.host.region;
      const serving = inst.serving;
      const inRotation = serving && !inst.draining;
      if (serving !== inst.countedServing) {
        const d = serving ? 1 : -1;
        this.servingTotal += d;
        this.servingByRegion.set(region, (this.servingByRegion.get(region) ?? 0) + d);
        inst.countedServing = serving;
      }
      if (inRotation !== inst.countedInRotation) {
        this.inRotationByRegion.set(region, (this.inRotationByRegion.get(region) ?? 0) + (inRotation ? 1 : -1));
        inst.countedInRotation = inRotation;
      }
    },
    loaded: (inst) => {
      inst.loadListed = true;
      this.loaded.push(inst);
    },
  };

  constructor(
    readonly name: string,
    private readonly spec: ServiceSpec,
    db: Database | null,
    private readonly ctx: ModelContext,
    wiring: ServiceWiring = NO_WIRING,
  ) {
    const { topology, streams } = ctx;
    // With a capacity curve a request's demand is its time alone: exponential with the curve's base as mean.
    const serviceTime = sampler(spec.capacity ? { exponential: { mean: spec.capacity.model.baseS } } : (spec.service_time ?? 0));
    const startup = sampler(spec.startup);
    for (const [cls, limit] of Object.entries(spec.rate_limits)) {
      const i = wiring.classIndex.get(cls);
      if (i !== undefined) this.rateLimits[i] = new TokenBucket(limit.rate, limit.burst ?? Math.max(1, Math.ceil(limit.rate)));
    }
    const bulkheadOfClass = new Int32Array(Math.max(0, ...wiring.classIndex.values()) + 1).fill(-1);
    Object.values(spec.bulkheads).forEach((b, k) => {
      for (const cls of b.classes) {
        const i = wiring.classIndex.get(cls);
        if (i !== undefined) bulkheadOfClass[i] = k;
      }
    });
    const bulkheads = Object.values(spec.bulkheads).map((b) => ({ concurrency: b.concurrency, queue: b.queue }));
    const ls = spec.load_shedding;
    const shedder = ls ? new LoadShedder({ ...(ls.max_queue !== undefined ? { maxQueue: ls.max_queue } : {}), ...(ls.max_queue_time !== undefined ? { maxQueueTimeS: ls.max_queue_time } : {}) }) : null;
    const queues = wiring.queues ?? NO_QUEUES;
    const outbox = spec.outbox.map((q) => queues.get(q)!);
    const idempotency = spec.idempotency.enabled ? { enabled: true, lookup: sampler(spec.idempotency.lookup) } : null;
    const extrasFor = (id: string, region: string): InstanceExtras => ({
      bulkheadOfClass,
      bulkheads,
      shedder,
      outbox,
      idempotency,
      callers: spec.calls.map((c) => {
        const q = c.fallback.kind === 'queue' && c.fallback.queue !== undefined ? queues.get(c.fallback.queue)! : null;
        return callerChain(c, id, region, wiring.dependencies, wiring.breakers, ctx, q);
      }),
    });
    // Without dependency calls nothing in the extras is per instance: one object for the fleet,
    // which stays in cache however large the fleet (round robin reads it on every request).
    const sharedExtras = spec.calls.length === 0 ? extrasFor('', '') : null;
    const shared: InstanceShared = { ctx, watch: this.watch, spec, db, serviceTime, startup, streams: new StreamFamily(streams, 'instance:'), rows: new RowStore(), held: new ListPool(), tally: (region) => this.tallyIn(region) };
    this.build = (id, region, zone, firstBootS) => {
      const host = topology.addHost(id, region, zone);
      return new Instance(id, host, shared, sharedExtras ?? extrasFor(id, region), firstBootS);
    };
    this.startup = startup;
    this.healthCheckSpec = spec.health_check;
    this.healthPhases = new StreamFamily(streams, 'health:');
    for (const [region, configured] of Object.entries(spec.instances)) {
      this.balancerIn(region);
      const n = startingInstances(configured, spec.autoscaling);
      for (let i = 0; i < n; i++) this.addInstance(region, 0, true);
    }
    topology.onChange((host, up) => {
      const inst = this.instanceOnHost.get(host);
      if (inst === undefined) return;
      if (up) inst.powerOn();
      else inst.crash();
    });
  }

  /** The running totals of the instances in `region` (made on first use). */
  private tallyIn(region: string): Row {
    let t = this.tallies.get(region);
    if (!t) {
      // Zeroed, counting from time 0 until startStats.
      t = this.tallyRows.alloc(TALLY_ROW);
      this.tallies.set(region, t);
    }
    return t;
  }

  /** Discards the service statistics gathered so far (the warm-up ends now): counting starts afresh. */
  startStats(): void {
    for (const t of this.tallies.values()) restartTally(t, this.ctx.sim.now);
    for (const inst of [...this.instances, ...this.retired]) inst.startStats();
  }

  /**
   * The running totals of the instances in `region` since `startStats`, with the slot usage of
   * each up to now (it is then closed: call this at the end of the run). Zero where the tier
   * never had an instance.
   */
  statsIn(region: string): InstanceStats {
    for (const inst of [...this.instances, ...this.retired]) if (inst.host.region === region) inst.closeStats();
    return tallyStats(this.tallyIn(region));
  }

  /**
   * Scale-up (an operator or automation step; autoscaling can reuse it): adds instances in
   * `region` until it has `to`. Each new instance starts after its sampled start-up time and
   * enters rotation once its health check passes `healthy_after` times. Returns the longest
   * start-up of the new instances (0 when none was needed).
   */
  scaleTo(region: string, to: number): number {
    const lb = this.balancerIn(region);
    let longest = 0;
    for (let k = lb.size; k < to; k++) {
      const startupS = this.startup(this.ctx.streams.stream(`scale:${this.name}/${region}/${this.fleetIn(region).created + 1}`));
      this.addInstance(region, startupS, false);
      longest = Math.max(longest, startupS);
    }
    return longest;
  }

  /**
   * Scale-in: takes the `n` newest instances of `region` out of its load balancer (their health
   * checks stop); each drains (see Instance.drain) and is terminated, releasing its place, after
   * at most `deregistrationS`. `gone` is called at each termination. Returns how many were taken out.
   */
  scaleIn(region: string, n: number, deregistrationS: number, gone: (instance: Instance) => void): number {
    const lb = this.balancers.get(region);
    let removed = 0;
    for (; removed < n; removed++) {
      const out = lb?.removeNewest();
      if (!out) break;
      out.check.retire();
      const inst = out.instance;
      inst.drain(deregistrationS, () => {
        this.instances.splice(this.instances.indexOf(inst), 1);
        this.retired.push(inst);
        this.instanceOnHost.delete(inst.host);
        this.count(region, -1);
        gone(inst);
      });
    }
    return removed;
  }

  /** Instances provisioned in `region`: in its load balancer (whatever their state) or draining. */
  provisionedIn(region: string): number {
    return this.fleets.get(region)?.provisioned ?? 0;
  }

  /** Instance-seconds provisioned in `region` from the start until now. */
  instanceSecondsIn(region: string): number {
    const f = this.fleets.get(region);
    return f ? f.areaS + f.provisioned * (this.ctx.sim.now - f.sinceT) : 0;
  }

  private fleetIn(region: string): Fleet {
    let f = this.fleets.get(region);
    if (!f) {
      f = { created: 0, provisioned: 0, areaS: 0, sinceT: this.ctx.sim.now };
      this.fleets.set(region, f);
    }
    return f;
  }

  /** `delta` instances provisioned (+) or terminated (−) in `region` now. */
  private count(region: string, delta: number): void {
    const f = this.fleetIn(region);
    const now = this.ctx.sim.now;
    f.areaS += f.provisioned * (now - f.sinceT);
    f.sinceT = now;
    f.provisioned += delta;
  }

  /** The load balancer of `region`, created (empty) if the service had no instance there. */
  private balancerIn(region: string): LoadBalancer {
    let lb = this.balancers.get(region);
    if (!lb) {
      lb = new LoadBalancer(region, [], [], this.spec.load_balancer, this.ctx);
      this.balancers.set(region, lb);
    }
    return lb;
  }

  /** One more instance in `region` (zones round-robin), booting after `firstBootS`. */
  private addInstance(region: string, firstBootS: number, inRotation: boolean): void {
    const lb = this.balancers.get(region)!;
    const fleet = this.fleetIn(region);
    const i = fleet.created++;
    this.count(region, 1);
    const zones = this.ctx.topology.zones[region] ?? 1;
    const inst = this.build(`${this.name}/${region}/${i + 1}`, region, (i % zones) + 1, firstBootS);
    inst.tierIndex = this.indexed++;
    this.watch.stateChanged(inst);
    const check = new HealthCheck(inst, this.healthCheckSpec, this.ctx, this.healthPhases, lb, inRotation);
    lb.add(inst, check);
    this.instances.push(inst);
    this.instanceOnHost.set(inst.host, inst);
    this.checks.push(check);
  }

  /** Regions where this service has at least one instance. */
  get regions(): string[] {
    return [...this.balancers.keys()].filter((r) => this.balancers.get(r)!.size > 0);
  }

  /** Sends an attempt through the edge to the load balancer of `region` (nothing answers if there is none). */
  route(region: string, attempt: Attempt): void {
    const limit = this.rateLimits[attempt.req.classIndex];
    if (limit && !limit.tryTake(this.ctx.sim.now)) {
      const retryAfterS = limit.retryAfterS(this.ctx.sim.now);
      this.ctx.sim.schedule(0.001, () => attempt.respond(false, { throttled: true, retryAfterS }));
      return;
    }
    this.balancers.get(region)?.route(attempt);
  }

  /** Requests waiting for a slot on any instance. */
  queuedRequests(): number {
    let n = 0;
    for (const i of this.loadedNow()) n += i.queued;
    return n;
  }

  /**
   * The instances that may hold work, in creation order: those found holding none (or stopped)
   * leave the list until they accept work again. Summing over them in this order gives the sum
   * over every instance exactly (the others add zero).
   */
  private loadedNow(): Instance[] {
    const list = this.loaded;
    let k = 0;
    for (let j = 0; j < list.length; j++) {
      const i = list[j]!;
      if (i.serving && i.outstanding > 0) list[k++] = i;
      else i.loadListed = false;
    }
    list.length = k;
    return list.sort(byTierIndex);
  }

  /** Share of pool connections lent out, over all instances' pools (NaN without pools). */
  poolSaturation(): number {
    let used = 0;
    let max = 0;
    for (const i of this.instances) {
      if (!i.pool) continue;
      used += i.pool.inUse;
      max += i.pool.max;
    }
    return max > 0 ? used / max : NaN;
  }

  /** Instances the load balancers route to, all regions together. */
  healthyInstances(): number {
    let n = 0;
    for (const lb of this.balancers.values()) n += lb.healthyInstances;
    return n;
  }

  /** Instances whose process is up and serving. */
  servingInstances(): number {
    return this.servingTotal;
  }

  /** Instances of `region` whose process is up and serving. */
  servingIn(region: string): number {
    return this.servingByRegion.get(region) ?? 0;
  }

  /** Mean busy share (0..1) of the serving instances of `region` in its load balancer right now (draining ones apart); NaN when none serves. */
  utilisationIn(region: string): number {
    const n = this.inRotationByRegion.get(region) ?? 0;
    if (n === 0) return NaN;
    // An idle serving instance's share is 0 (never NaN: it has slots, or an idle curve's load 0).
    let sum = 0;
    for (const i of this.loadedNow()) if (i.host.region === region && !i.draining) sum += i.utilisation;
    return sum / n;
  }

  /** Requests waiting for a slot on the instances of `region` in its load balancer (draining ones apart). */
  queuedIn(region: string): number {
    let n = 0;
    for (const i of this.loadedNow()) if (i.host.region === region && !i.draining) n += i.queued;
    return n;
  }

  /** Pool connections that point at a dead or demoted database host. */
  staleConnections(): number {
    let n = 0;
    for (const i of this.instances) n += i.pool?.staleConnections() ?? 0;
    return n;
  }
}

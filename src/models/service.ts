/**
 * A service tier: its instances in each region (spread round-robin over the region's zones),
 * each with its load-balancer health check, and one load balancer per region. Instances die with
 * their host and boot again (with a fresh pool) when the host comes back.
 */
import { sampler } from '../engine/distributions.js';
import type { ServiceSpec } from '../scenario/schema.js';
import type { Database } from './database.js';
import { HealthCheck } from './healthCheck.js';
import { Instance } from './instance.js';
import { LoadBalancer } from './loadBalancer.js';
import type { Attempt, ModelContext } from './types.js';

/** All instances and load balancers of one service. */
export class ServiceTier {
  readonly instances: Instance[] = [];
  readonly checks: HealthCheck[] = [];
  readonly balancers = new Map<string, LoadBalancer>();

  constructor(
    readonly name: string,
    spec: ServiceSpec,
    db: Database | null,
    ctx: ModelContext,
  ) {
    const { topology, streams } = ctx;
    const serviceTime = sampler(spec.service_time);
    const startup = sampler(spec.startup);
    for (const [region, n] of Object.entries(spec.instances)) {
      const zones = topology.zones[region] ?? 1;
      const regional: Instance[] = [];
      const regionalChecks: HealthCheck[] = [];
      let lb: LoadBalancer | null = null;
      for (let i = 0; i < n; i++) {
        const id = `${name}/${region}/${i + 1}`;
        const host = topology.addHost(id, region, (i % zones) + 1);
        const inst = new Instance(id, host, spec, db, serviceTime, startup, streams.stream(`instance:${id}`), ctx);
        const check = new HealthCheck(inst, spec.health_check, ctx, streams.stream(`health:${id}`), (c) => lb!.checkChanged(c));
        regional.push(inst);
        regionalChecks.push(check);
      }
      lb = new LoadBalancer(region, regional, regionalChecks, spec.load_balancer, ctx);
      this.balancers.set(region, lb);
      this.instances.push(...regional);
      this.checks.push(...regionalChecks);
    }
    topology.onChange((host, up) => {
      for (const inst of this.instances) {
        if (inst.host !== host) continue;
        if (up) inst.powerOn();
        else inst.crash();
      }
    });
  }

  /** Regions where this service has at least one instance. */
  get regions(): string[] {
    return [...this.balancers.keys()].filter((r) => this.balancers.get(r)!.size > 0);
  }

  /** Sends an attempt to the load balancer of `region` (nothing answers if there is none). */
  route(region: string, attempt: Attempt): void {
    this.balancers.get(region)?.route(attempt);
  }

  /** Instances the load balancers route to, all regions together. */
  healthyInstances(): number {
    let n = 0;
    for (const lb of this.balancers.values()) n += lb.healthyInstances;
    return n;
  }

  /** Instances whose process is up and serving. */
  servingInstances(): number {
    let n = 0;
    for (const i of this.instances) if (i.serving) n++;
    return n;
  }

  /** Pool connections that point at a dead or demoted database host. */
  staleConnections(): number {
    let n = 0;
    for (const i of this.instances) n += i.pool?.staleConnections() ?? 0;
    return n;
  }
}

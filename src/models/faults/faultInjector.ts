/**
 * Injects the scenario's fault: a start time drawn from `at`, and an end after `duration` or when
 * an operator's repair step runs (`until_repaired`; without a repair the fault lasts to the horizon).
 *
 * - instance_crash: `count` instances of a service in a region lose their host.
 * - zone_outage / region_outage: every host in the zone / region goes down, load balancers too.
 * - database_primary_crash: the host of the database's primary at fault time dies.
 * - dependency_outage / dependency_latency / dependency_errors: the dependency is down, slower, or
 *   fails more often (dependencies that list it as an upstream are down with it).
 * - bad_deploy: a new version of the service fails a share of its requests, rolled out in canary
 *   stages until a detection rule rolls it back (see badDeploy.ts); the rollback ends the fault.
 * - replication_lag_spike: every async replica of the database lags by `lag` per write (writes
 *   still apply in commit order, so the backlog drains after the spike): a promotion then loses more.
 * - traffic_spike: the client classes (default all) get extra arrivals at (factor − 1) × their
 *   base rate, on their own streams.
 * - network_partition: traffic between the `regions` and the `from` regions (default: every other
 *   region) is cut while both sides stay up (Topology.reachable): queries, replication and client
 *   attempts across the cut stop, and an automated failover may promote on the far side (split
 *   brain; database.ts).
 * - control_plane_outage: the region's control plane is down; actions that need it wait (see
 *   regionalControlPlane.ts) while the data plane keeps serving.
 */
import { sampler } from '../../engine/distributions.js';
import type { Rng } from '../../engine/random.js';
import type { FaultSpec } from '../../scenario/schema.js';
import type { Database } from '../database.js';
import type { Dependency } from '../dependency.js';
import type { ServiceTier } from '../service.js';
import type { RegionalControlPlane } from '../regionalControlPlane.js';
import { BadDeploy } from './badDeploy.js';
import type { Host } from '../topology.js';
import type { ModelContext } from '../types.js';

/** What a fault can hit. */
export interface FaultTargets {
  services: Map<string, ServiceTier>;
  databases: Map<string, Database>;
  dependencies: Map<string, Dependency>;
  controlPlane: RegionalControlPlane;
  /** Client classes by name (a traffic spike surges them). */
  clients: Map<string, { surge(factor: number, rng: Rng): () => void }>;
}

/** The fault of one replication. */
export class FaultInjector {
  /** Fault start, simulation seconds. */
  readonly startT: number;
  /** Planned duration (Infinity when until_repaired). */
  readonly durationS: number;
  private active = false;
  private ended = false;
  private undo: (() => void) | null = null;

  /** Fault end, simulation seconds (NaN while it has not ended). */
  endT = NaN;

  constructor(
    private readonly spec: FaultSpec,
    private readonly targets: FaultTargets,
    private readonly ctx: ModelContext,
    /** Name of its random stream (several faults each have their own). */
    streamName = 'fault',
  ) {
    const rng = ctx.streams.stream(streamName);
    this.startT = sampler(spec.at)(rng);
    this.durationS = spec.duration === 'until_repaired' ? Infinity : sampler(spec.duration)(rng);
    ctx.sim.at(this.startT, this.begin);
  }

  /** Ends the fault now (operator repair, or the planned end). */
  repair(): void {
    if (!this.active || this.ended) return;
    this.ended = true;
    this.active = false;
    this.endT = this.ctx.sim.now;
    this.ctx.recorder.note(this.ctx.sim.now, 'fault_end', `${this.describe()} ends`);
    this.undo?.();
  }

  private readonly begin = (): void => {
    this.active = true;
    this.ctx.recorder.note(this.ctx.sim.now, 'fault', `${this.describe()} begins`);
    this.undo = this.apply();
    if (Number.isFinite(this.durationS)) {
      this.ctx.sim.schedule(this.durationS, () => {
        // A fault that ends by itself is a recovery phase ('outage'); one an operator repairs is
        // covered by the operator's phases. A control-plane outage ends first, so that the actions
        // it blocked report their wait ('control_plane') ahead of it: on the critical path the
        // blocked recovery is named, and the outage itself where nothing waited on it.
        const selfEnded = this.active;
        const now = this.ctx.sim.now;
        if (this.spec.kind === 'control_plane_outage') this.repair();
        if (selfEnded) this.ctx.recorder.phase(now, 'outage', this.startT, now);
        this.repair();
      });
    }
  };

  private apply(): () => void {
    const { topology } = this.ctx;
    const s = this.spec;
    switch (s.kind) {
      case 'region_outage':
        topology.setRegionUp(s.region, false);
        return () => topology.setRegionUp(s.region, true);
      case 'zone_outage':
        topology.setZoneUp(s.region, s.zone, false);
        return () => topology.setZoneUp(s.region, s.zone, true);
      case 'database_primary_crash': {
        const host = this.targets.databases.get(s.database)!.primary.host;
        return this.crashHosts([host]);
      }
      case 'instance_crash': {
        const hosts = this.targets.services.get(s.service)!.instances.filter((i) => i.host.region === s.region).map((i) => i.host);
        return this.crashHosts(hosts.slice(0, s.count));
      }
      case 'dependency_outage': {
        const d = this.targets.dependencies.get(s.dependency)!;
        d.setDown(true);
        return () => d.setDown(false);
      }
      case 'dependency_latency': {
        const d = this.targets.dependencies.get(s.dependency)!;
        d.setLatency(s.latency);
        return () => d.setLatency(null);
      }
      case 'dependency_errors': {
        const d = this.targets.dependencies.get(s.dependency)!;
        d.setErrorRate(s.error_rate);
        return () => d.setErrorRate(null);
      }
      case 'replication_lag_spike': {
        const db = this.targets.databases.get(s.database)!;
        db.setLag(s.lag);
        return () => db.setLag(null);
      }
      case 'traffic_spike': {
        const stops = [...this.targets.clients]
          .filter(([name]) => !s.classes || s.classes.includes(name))
          .map(([name, client]) => client.surge(s.factor, this.ctx.streams.stream(`traffic-spike:${name}`)));
        return () => stops.forEach((stop) => stop());
      }
      case 'bad_deploy': {
        const tier = this.targets.services.get(s.service)!;
        const rng = this.ctx.streams.stream(`bad-deploy:${s.service}`);
        const deploy = new BadDeploy(
          {
            errorRate: s.error_rate,
            stages: (s.canary ?? [{ share: 1, for: 0 }]).map((st) => ({ share: st.share, forS: st.for })),
            detection: s.detection ? { errorRatio: s.detection.error_ratio, windowS: s.detection.window, minRequests: s.detection.min_requests } : null,
            rollbackS: sampler(s.rollback)(rng),
          },
          tier.instances,
          rng,
          this.ctx,
          () => this.repair(),
        );
        return () => deploy.end();
      }
      case 'network_partition':
        return topology.partition(s.regions, s.from ?? topology.regionNames.filter((r) => !s.regions.includes(r)));
      case 'control_plane_outage': {
        const cp = this.targets.controlPlane;
        cp.setDown(s.region, true);
        return () => cp.setDown(s.region, false);
      }
    }
  }

  private crashHosts(hosts: Host[]): () => void {
    for (const h of hosts) this.ctx.topology.setHostCrashed(h, true);
    return () => {
      for (const h of hosts) this.ctx.topology.setHostCrashed(h, false);
    };
  }

  private describe(): string {
    const s = this.spec;
    switch (s.kind) {
      case 'region_outage': return `region outage in ${s.region}`;
      case 'zone_outage': return `zone outage in ${s.region} zone ${s.zone}`;
      case 'database_primary_crash': return `${s.database} primary crash`;
      case 'instance_crash': return `crash of ${s.count} ${s.service} instance(s) in ${s.region}`;
      case 'dependency_outage': return `outage of dependency ${s.dependency}`;
      case 'dependency_latency': return `latency injection on dependency ${s.dependency}`;
      case 'dependency_errors': return `error rate ${s.error_rate} on dependency ${s.dependency}`;
      case 'control_plane_outage': return `control-plane outage in ${s.region}`;
      case 'network_partition': return `network partition between ${s.regions.join(', ')} and ${s.from ? s.from.join(', ') : 'the other regions'}`;
      case 'bad_deploy': return `bad deploy of ${s.service}`;
      case 'replication_lag_spike': return `replication lag spike on ${s.database}`;
      case 'traffic_spike': return `traffic spike x${s.factor}${s.classes ? ` (${s.classes.join(', ')})` : ''}`;
    }
  }
}

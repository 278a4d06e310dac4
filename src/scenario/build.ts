/**
 * Wires a validated scenario (one design) into model instances on a fresh simulation: topology,
 * databases, service tiers, global routing, clients, the fault, monitoring and operators.
 */
import { distQuantile } from '../engine/distributions.js';
import { RandomStreams } from '../engine/random.js';
import { Simulation } from '../engine/sim.js';
import { makeClient } from '../models/clients/fromSpec.js';
import { Dependency } from '../models/dependency.js';
import { maxBackoffDelay } from '../models/policies/backoff.js';
import type { CircuitBreaker } from '../models/policies/circuitBreaker.js';
import { Database } from '../models/database.js';
import { FaultSet } from '../models/faults/faultSet.js';
import { GlobalRouter } from '../models/globalRouter.js';
import { Monitor } from '../models/monitor.js';
import { Operator } from '../models/operator.js';
import { RegionalControlPlane } from '../models/regionalControlPlane.js';
import { Autoscaler, RegionalCapacity } from '../models/capacity/autoscaler.js';
import { buildQueues } from '../models/queues/fromSpec.js';
import type { WorkQueue } from '../models/queues/workQueue.js';
import { ServiceTier } from '../models/service.js';
import { StaticRouter } from '../models/staticRouter.js';
import { Topology } from '../models/topology.js';
import type { ModelContext, Recorder, RegionPicker } from '../models/types.js';
import { faultsOf, type Scenario } from './schema.js';

/** The model graph of one replication, ready to run. */
export interface BuiltSystem {
  sim: Simulation;
  services: Map<string, ServiceTier>;
  databases: Map<string, Database>;
  dependencies: Map<string, Dependency>;
  /** null: `fault: none`. */
  fault: FaultSet | null;
  router: GlobalRouter | null;
  /** The control plane of every region (faults take it down; actions wait on it). */
  controlPlane: RegionalControlPlane;
  /** Every long-lived circuit breaker (clients, dependency calls, queue consumers). */
  breakers: CircuitBreaker[];
  /** Queues of async work by name. */
  queues: Map<string, WorkQueue>;
  /** Autoscalers per service and region, in scenario order (empty without autoscaling). */
  autoscalers: Autoscaler[];
}

/**
 * Longest time a request can take to reach its final outcome, in seconds: every attempt runs to
 * the client's timeout, and before each retry the client waits the longest its backoff allows
 * (the cap, or decorrelated jitter's bound), or its `retry_delay` at the 99.9th percentile, and at
 * least a Retry-After of its edge rate limit (1 / rate). The client's timeout bounds everything
 * an attempt waits for on the server (queue, pool, database, each dependency call's attempts,
 * timeouts and backoff), so those add nothing beyond it. Arrivals later than horizon minus this
 * are not measured.
 */
export function settleTimeS(scenario: Scenario): number {
  let worst = 0;
  for (const [name, c] of Object.entries(scenario.system.clients)) {
    const limit = c.service === undefined ? undefined : scenario.system.services[c.service]?.rate_limits[name];
    const retryAfter = limit && c.honour_retry_after ? 1 / limit.rate : 0;
    let span = c.timeout * (c.retries + 1);
    for (let k = 1; k <= c.retries; k++) {
      const delay = c.backoff ? maxBackoffDelay(c.backoff, k) : distQuantile(c.retry_delay, 0.999);
      span += Math.max(delay, retryAfter);
    }
    worst = Math.max(worst, span);
  }
  return worst;
}

/** Builds the system of one replication; every random stream derives from (seed, replication, component). */
export function buildSystem(scenario: Scenario, replication: number, recorder: Recorder): BuiltSystem {
  const sim = new Simulation();
  const streams = new RandomStreams(scenario.seed, replication);
  const { system } = scenario;
  const zones = Object.fromEntries(Object.entries(system.regions).map(([r, spec]) => [r, spec.zones]));
  const topology = new Topology(zones, system.network);
  const monitor = new Monitor(scenario.slo, sim);
  const sloClasses = scenario.slo.classes;
  const sloClass = Object.keys(system.clients).map((c) => !sloClasses || sloClasses.includes(c));
  const tee: Recorder = {
    requestDone: (req, endT, ok) => {
      recorder.requestDone(req, endT, ok);
      if (sloClass[req.classIndex]) monitor.observe(ok ? req.value : 0, endT - req.arrivalT);
    },
    attemptSent: (t, cls) => recorder.attemptSent(t, cls),
    workflowDone: (cls, ok) => recorder.workflowDone(cls, ok),
    dataLoss: (db, lost, rpo, t) => recorder.dataLoss(db, lost, rpo, t),
    note: (t, kind, text) => recorder.note(t, kind, text),
    phase: (t, phase, fromT, toT) => recorder.phase(t, phase, fromT, toT),
    businessPart: (t, part, up) => recorder.businessPart(t, part, up),
    duplicateWrite: (t) => recorder.duplicateWrite(t),
  };
  const controlPlane = new RegionalControlPlane(sim, tee, topology);
  const ctx: ModelContext = { sim, streams, recorder: tee, topology, controlPlane };

  const databases = new Map<string, Database>();
  for (const [name, spec] of Object.entries(system.databases)) databases.set(name, new Database(name, spec, ctx));

  const dependencies = new Map<string, Dependency>();
  for (const [name, spec] of Object.entries(system.dependencies)) dependencies.set(name, new Dependency(name, spec, ctx));
  for (const [name, spec] of Object.entries(system.dependencies)) dependencies.get(name)!.upstreams = spec.upstream.map((u) => dependencies.get(u)!);

  const breakers: CircuitBreaker[] = [];
  const queues = buildQueues(system.queues, dependencies, breakers, ctx);
  const classIndex = new Map(Object.keys(system.clients).map((c, i) => [c, i]));
  const services = new Map<string, ServiceTier>();
  for (const [name, spec] of Object.entries(system.services)) {
    const db = spec.database ? databases.get(spec.database)! : null;
    services.set(name, new ServiceTier(name, spec, db, ctx, { classIndex, dependencies, breakers, queues }));
  }

  const autoscalers = buildAutoscalers(system, services, ctx);
  const serviceNames = [...services.keys()];
  let router: GlobalRouter | null = null;
  const pickers = new Map<string, RegionPicker>();
  const routed = system.global_router ? (system.global_router.service ?? [...services.keys()][0]) : undefined;
  for (const [name, tier] of services) {
    if (system.global_router && name === routed) {
      router = new GlobalRouter(system.global_router, tier, ctx);
      pickers.set(name, router);
      continue;
    }
    const regions = tier.regions;
    const weights = regions.map((r) => system.services[name]!.instances[r]!);
    pickers.set(name, new StaticRouter(regions, weights, streams.stream(`static-router:${name}`)));
  }

  const clients = new Map<string, ReturnType<typeof makeClient>>();
  Object.entries(system.clients).forEach(([name, spec], i) => {
    const serviceName = spec.service ?? serviceNames[0]!;
    const tier = services.get(serviceName)!;
    const writeRatio = system.services[serviceName]!.database ? system.services[serviceName]!.write_ratio : 0;
    clients.set(name, makeClient(name, i, spec, tier, pickers.get(serviceName)!, writeRatio, ctx, breakers));
  });

  const faults = faultsOf(scenario);
  const fault = faults.length > 0 ? new FaultSet(faults, { services, databases, dependencies, controlPlane, clients }, ctx) : null;
  for (const [name, spec] of Object.entries(system.operators)) {
    new Operator(name, spec, { monitor, services, databases, router, fault }, ctx);
  }
  return { sim, services, databases, dependencies, fault, router, controlPlane, breakers, queues, autoscalers };
}

/** One autoscaler per autoscaled service and region it has instances in, sharing each region's instance limit. */
function buildAutoscalers(system: Scenario['system'], services: Map<string, ServiceTier>, ctx: ModelContext): Autoscaler[] {
  const limits = new Map<string, number>();
  for (const [r, spec] of Object.entries(system.regions)) if (spec.instance_limit !== undefined) limits.set(r, spec.instance_limit);
  const inUse = (region: string): number => {
    let n = 0;
    for (const tier of services.values()) n += tier.provisionedIn(region);
    return n;
  };
  const capacity = new RegionalCapacity(limits, inUse);
  const out: Autoscaler[] = [];
  for (const [name, spec] of Object.entries(system.services)) {
    if (!spec.autoscaling) continue;
    for (const region of Object.keys(spec.instances)) out.push(new Autoscaler(services.get(name)!, region, spec.autoscaling, capacity, ctx));
  }
  return out;
}

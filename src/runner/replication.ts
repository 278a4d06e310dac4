/**
 * Runs one replication of one design and returns its outcome. Pure function of
 * (scenario, replication index): the same inputs give the same outcome in any thread.
 */
import { distQuantile } from '../engine/distributions.js';
import { formatDuration } from '../engine/duration.js';
import { stormAfterTrigger } from '../metrics/metastability.js';
import { availabilityOf, censoredBuckets, classesOf, clientRegionsOf, computeRto, timelineOf, type ReplicationOutcome, type ServiceOutcome } from '../metrics/outcome.js';
import { serviceOutcomeOf } from './serviceStats.js';
import { meterAutoscaling } from './autoscalingOutcome.js';
import { queueOutcomeOf } from '../metrics/queueOutcome.js';
import { criticalPath, phaseSlackS } from '../metrics/rtoPhases.js';
import { DATA_PLANE, partText } from '../metrics/businessRecovery.js';
import { ReplicationRecorder, type Gauge, type TimelineGrid } from '../metrics/replicationRecorder.js';
import { histogramQuantile } from '../metrics/latencyHistogram.js';
import { buildSystem, settleTimeS } from '../scenario/build.js';
import { faultsOf, type Scenario } from '../scenario/schema.js';

/**
 * Timeline buckets shared by every replication and design of a scenario (relative to the fault;
 * without a fault, relative to the start of the simulation, covering the whole horizon).
 */
export function timelineGrid(scenario: Scenario): TimelineGrid {
  const b = scenario.timeline_bucket;
  const faults = faultsOf(scenario);
  if (faults.length === 0) return { bucketS: b, startS: 0, buckets: Math.max(1, Math.floor(scenario.horizon / b)) };
  // The timeline is anchored at the first fault to start: at the earliest, the smallest of the
  // earliest starts; at the latest, the smallest of the latest starts.
  const earliest = Math.min(...faults.map((f) => distQuantile(f.at, 0)));
  const lastFault = Math.min(
    ...faults.map((f) => {
      const latest = distQuantile(f.at, 1);
      return Number.isFinite(latest) ? latest : distQuantile(f.at, 0.999);
    }),
  );
  const beforeBuckets = Math.min(10, Math.floor(earliest / b));
  const afterBuckets = Math.max(1, Math.floor((scenario.horizon - lastFault) / b));
  return { bucketS: b, startS: -beforeBuckets * b, buckets: beforeBuckets + afterBuckets };
}

/** Simulates replication `replication` of a design. */
export function runReplication(scenario: Scenario, replication: number): ReplicationOutcome {
  const horizon = scenario.horizon;
  const clients = Object.entries(scenario.system.clients);
  const rec = new ReplicationRecorder(horizon, scenario.slo.latency, timelineGrid(scenario), clients.map(([n]) => n), scenario.slo.classes);
  const regionNames = Object.keys(scenario.system.regions);
  const clientRegions = regionNames
    .map((r, i): [string, number] => [r, i])
    .filter(([r]) => clients.some(([, c]) => c.regions !== undefined && Object.hasOwn(c.regions, r)));
  if (clientRegions.length > 0) rec.trackClientRegions(regionNames.length);
  const built = buildSystem(scenario, replication, rec);
  const { sim, services, fault, breakers, databases } = built;
  const gauges: Gauge[] = [];
  for (const [name, tier] of services) {
    const suffix = services.size > 1 ? `:${name}` : '';
    gauges.push({ name: `lb_healthy_instances${suffix}`, read: () => tier.healthyInstances() });
    gauges.push({ name: `serving_instances${suffix}`, read: () => tier.servingInstances() });
    if (tier.instances.some((i) => i.pool)) {
      gauges.push({ name: `stale_connections${suffix}`, read: () => tier.staleConnections() });
      gauges.push({ name: `pool_saturation${suffix}`, read: () => tier.poolSaturation() });
    }
    gauges.push({ name: `queued_requests${suffix}`, read: () => tier.queuedRequests() });
    // Per region the service has instances in (in the scenario, or added by scaling later).
    for (const region of Object.keys(scenario.system.regions)) {
      if (!tier.balancers.has(region)) continue;
      gauges.push({ name: `utilisation:${name}@${region}`, read: () => tier.utilisationIn(region) });
      gauges.push({ name: `instances:${name}@${region}`, read: () => tier.servingIn(region) });
    }
  }
  for (const [name, q] of built.queues) {
    gauges.push({ name: `backlog:${name}`, read: () => q.backlog });
    gauges.push({ name: `dead_letters:${name}`, read: () => q.deadLetters });
  }
  if (breakers.length > 0) {
    gauges.push({ name: 'breakers_open_ratio', read: () => breakers.filter((b) => b.state !== 'closed').length / breakers.length });
  }
  // Without a fault the timeline is anchored at the start of the simulation.
  const faultStart = fault ? fault.startT : NaN;
  rec.start(fault ? faultStart : 0, gauges, (t, fn) => sim.at(t, fn), horizon);
  rec.statsFromT = scenario.warmup;
  for (const q of built.queues.values()) q.statsFromT = fault ? faultStart : scenario.warmup;
  for (const db of databases.values()) db.steadyUntilT = fault ? faultStart : horizon;
  if (scenario.warmup > 0) {
    sim.at(scenario.warmup, () => {
      for (const tier of services.values()) tier.startStats();
    });
  }
  const autoscaling = built.autoscalers.length > 0 ? meterAutoscaling(built.autoscalers, services, sim, fault ? faultStart : null, scenario.warmup, horizon) : null;
  sim.run(horizon);
  // A split brain still open at the horizon: the writes of its losing side cannot both survive.
  for (const db of databases.values()) db.endSplitBrain(horizon, false);
  const partitioned = faultsOf(scenario).some((f) => f.kind === 'network_partition');

  const serviceOutcomes: ServiceOutcome[] = [...services].map(([name, tier]) => serviceOutcomeOf(name, tier, horizon - scenario.warmup));

  const measurableEnd = horizon - settleTimeS(scenario);
  const rto = fault ? computeRto(rec.good, rec.total, scenario.slo, faultStart, measurableEnd) : null;
  if (rto !== null) {
    rec.note(faultStart + rto, 'recovery', `service back within its SLO and stays there (RTO ${formatDuration(rto)})`);
  } else if (fault) {
    rec.note(measurableEnd, 'not_recovered', 'SLO not met again within the horizon: not recovered');
  }
  const business = fault ? businessOf(rec, faultStart, rto, measurableEnd, phaseSlackS(scenario.slo)) : {};
  rec.events.sort((a, b) => a.t_s - b.t_s);
  return {
    replication,
    fault_start_s: fault ? faultStart : null,
    rto_s: rto,
    ...(rto !== null ? { rto_phases: criticalPath(rec.phases, faultStart, rto, phaseSlackS(scenario.slo)) } : {}),
    ...business,
    rpo_s: rec.rpoS,
    lost_writes: rec.lostWrites,
    duplicate_writes: rec.duplicateWrites,
    ...(partitioned ? { split_brain_s: [...databases.values()].reduce((a, db) => a + db.splitBrainS(horizon), 0) } : {}),
    availability: availabilityOf(rec),
    p95_latency_s: histogramQuantile(rec.latencyAll, 0, 0.95),
    retry_amplification: rec.requests > 0 ? rec.attempts / rec.requests : NaN,
    short_circuited_per_request: rec.requests > 0 ? rec.shortCircuited / rec.requests : NaN,
    requests: rec.requests,
    events_processed: sim.events,
    services: serviceOutcomes,
    classes: classesOf(rec, clients.map(([, c]) => c.kind)),
    ...(clientRegions.length > 0 ? { client_regions: clientRegionsOf(rec, clientRegions) } : {}),
    degraded_ratio: rec.degraded / Math.max(1, rec.classes.reduce((a, c) => a + c.ok, 0)),
    deferred_requests: rec.deferred,
    ...(built.queues.size > 0 ? { queues: [...built.queues].map(([name, q]) => queueOutcomeOf(name, q.stats)) } : {}),
    ...(autoscaling ? { autoscaling: autoscaling() } : {}),
    storm: stormAfterTrigger(rec.goodput, arrivalsBySecond(rec), faultStart, fault ? fault.endT : NaN, scenario.slo, measurableEnd, scenario.warmup),
    writes_per_s: Object.fromEntries(
      [...databases].map(([name, db]) => [name, fault && faultStart > 0 ? db.steadyWrites / Math.min(faultStart, horizon) : db.committedWrites / horizon]),
    ),
    timeline: timelineOf(rec, measurableEnd),
    censored: censoredBuckets(rec, measurableEnd),
    events: rec.events,
  };
}

/**
 * Business recovery (when a model declared a part besides the data plane): the data plane is back
 * at the RTO; every other part as it reported. Notes the instant on the timeline.
 */
function businessOf(rec: ReplicationRecorder, faultStart: number, rto: number | null, measurableEnd: number, slackS: number): BusinessFields {
  if (!rec.business.hasParts) return {};
  rec.business.part(DATA_PLANE, rto === null ? null : faultStart + rto);
  const b = rec.business.outcome(faultStart);
  if (b.business_rto_s === null) {
    rec.note(measurableEnd, 'business_not_recovered', `business not recovered within the horizon: ${partText(b.business_last_part)} still down`);
    return b;
  }
  rec.note(faultStart + b.business_rto_s, 'business_recovery', `business back: every part recovered, ${partText(b.business_last_part)} last (business RTO ${formatDuration(b.business_rto_s)})`);
  return { ...b, business_rto_phases: criticalPath(rec.phases, faultStart, b.business_rto_s, slackS) };
}

type BusinessFields = Pick<ReplicationOutcome, 'business_rto_s' | 'business_last_part' | 'business_rto_phases'>;

/** Unique requests (all classes, re-issues excluded) by arrival second. */
function arrivalsBySecond(rec: ReplicationRecorder): Float64Array {
  const out = new Float64Array(rec.seconds);
  for (const c of rec.classUniqueBySecond) for (let s = 0; s < out.length; s++) out[s]! += c[s]!;
  return out;
}

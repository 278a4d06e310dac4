/**
 * Runs one replication of one design and returns its outcome. Pure function of
 * (scenario, replication index): the same inputs give the same outcome in any thread.
 */
import { distQuantile } from '../engine/distributions.js';
import { formatDuration } from '../engine/duration.js';
import { stormAfterTrigger } from '../metrics/metastability.js';
import { availabilityOf, classesOf, clientRegionsOf, computeRto, timelineOf, type ReplicationOutcome, type ServiceOutcome } from '../metrics/outcome.js';
import { criticalPath, phaseSlackS } from '../metrics/rtoPhases.js';
import { ReplicationRecorder, type Gauge, type TimelineGrid } from '../metrics/replicationRecorder.js';
import { buildSystem, settleTimeS } from '../scenario/build.js';
import type { Scenario } from '../scenario/schema.js';

/** Timeline buckets shared by every replication and design of a scenario (relative to the fault). */
export function timelineGrid(scenario: Scenario): TimelineGrid {
  const b = scenario.timeline_bucket;
  const earliest = distQuantile(scenario.fault.at, 0);
  const latest = distQuantile(scenario.fault.at, 1);
  const lastFault = Number.isFinite(latest) ? latest : distQuantile(scenario.fault.at, 0.999);
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
  }
  if (breakers.length > 0) {
    gauges.push({ name: 'breakers_open_ratio', read: () => breakers.filter((b) => b.state !== 'closed').length / breakers.length });
  }
  rec.start(fault.startT, gauges, (t, fn) => sim.at(t, fn), horizon);
  for (const db of databases.values()) db.steadyUntilT = fault.startT;
  sim.run(horizon);

  const serviceOutcomes: ServiceOutcome[] = [];
  for (const [name, tier] of services) {
    let completed = 0, accepted = 0, granted = 0, rejected = 0, waitS = 0, responseS = 0, busy = 0, capacity = 0;
    for (const inst of tier.instances) {
      inst.closeStats();
      const s = inst.stats;
      completed += s.completed;
      accepted += s.accepted;
      granted += s.granted;
      rejected += s.rejected;
      waitS += s.waitS;
      responseS += s.responseS;
      busy += s.busySlotS;
      capacity += s.capacitySlotS;
    }
    serviceOutcomes.push({
      name,
      throughput_per_s: completed / horizon,
      utilization: capacity > 0 ? busy / capacity : 0,
      queue_wait_s: granted > 0 ? waitS / granted : 0,
      response_s: completed > 0 ? responseS / completed : 0,
      blocked_ratio: accepted + rejected > 0 ? rejected / (accepted + rejected) : 0,
    });
  }

  const measurableEnd = horizon - settleTimeS(scenario);
  const rto = computeRto(rec.good, rec.total, scenario.slo, fault.startT, measurableEnd);
  if (rto !== null) {
    rec.note(fault.startT + rto, 'recovery', `service back within its SLO and stays there (RTO ${formatDuration(rto)})`);
  } else {
    rec.note(measurableEnd, 'not_recovered', 'SLO not met again within the horizon: not recovered');
  }
  rec.events.sort((a, b) => a.t_s - b.t_s);
  return {
    replication,
    fault_start_s: fault.startT,
    rto_s: rto,
    ...(rto !== null ? { rto_phases: criticalPath(rec.phases, fault.startT, rto, phaseSlackS(scenario.slo)) } : {}),
    rpo_s: rec.rpoS,
    lost_writes: rec.lostWrites,
    duplicate_writes: rec.duplicateWrites,
    availability: availabilityOf(rec),
    retry_amplification: rec.requests > 0 ? rec.attempts / rec.requests : NaN,
    requests: rec.requests,
    events_processed: sim.events,
    services: serviceOutcomes,
    classes: classesOf(rec, clients.map(([, c]) => c.kind)),
    ...(clientRegions.length > 0 ? { client_regions: clientRegionsOf(rec, clientRegions) } : {}),
    degraded_ratio: rec.degraded / Math.max(1, rec.classes.reduce((a, c) => a + c.ok, 0)),
    deferred_requests: rec.deferred,
    storm: stormAfterTrigger(rec.goodput, arrivalsBySecond(rec), fault.startT, fault.endT, scenario.slo, measurableEnd),
    writes_per_s: Object.fromEntries(
      [...databases].map(([name, db]) => [name, fault.startT > 0 ? db.steadyWrites / Math.min(fault.startT, horizon) : db.committedWrites / horizon]),
    ),
    timeline: timelineOf(rec),
    events: rec.events,
  };
}

/** Unique requests (all classes, re-issues excluded) by arrival second. */
function arrivalsBySecond(rec: ReplicationRecorder): Float64Array {
  const out = new Float64Array(rec.seconds);
  for (const c of rec.classUniqueBySecond) for (let s = 0; s < out.length; s++) out[s]! += c[s]!;
  return out;
}

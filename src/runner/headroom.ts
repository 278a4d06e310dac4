/**
 * Failover headroom, static estimate: per design, per service and region, the utilisation and
 * latency in steady state and after the loss of each region in turn (N+1), from queueing
 * formulas rather than simulation. Arrivals are the load the design's routing sends to the region
 * (headroomLoad.ts). Each instance has its own slots and queue: behind a round-robin load
 * balancer an instance is a queue of c = concurrency slots taking every n-th of the region's
 * arrivals (Erlang-n interarrivals, ca² = 1/n); behind least_outstanding the region pools its
 * slots, one queue of c = instances × concurrency fed by Poisson arrivals (ca² = 1). The service
 * is the mean time
 * a request holds its slot (processing, plus the means of its database query with the round
 * trip to the primary and sync replication for writes, and of its dependency calls). Utilisation,
 * the probability of waiting and the mean wait are Erlang C's; latency is that M/M/c wait plus
 * the processing time's own distribution (shifted by the mean extras), so a lognormal service is
 * not given an exponential's tail. Queue limits, pools, bulkheads, timeouts and retries are not in
 * the formula: `--simulate` measures them (headroomSim.ts).
 *
 * A region breaches the SLO when it is overloaded (utilisation ≥ 1) or when the share of its
 * requests slower than the SLO latency exceeds the SLO's error budget 1 − success_ratio;
 * traffic routed to no surviving region breaches it too (reported per service as unserved).
 */
import { distMean, distQuantile, distVariance, type DistSpec } from '../engine/distributions.js';
import { startingInstances } from '../models/capacity/autoscaler.js';
import type { LoadedScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import { allenCunneenFactor, erlangC, mmcMeanWait, mmcWaitPlusQuantile, mmcWaitPlusTail } from '../stats/erlang.js';
import { loadsWith, rttOf } from './headroomLoad.js';
import type { SimulatedCase } from './headroomSim.js';

/** One service in one region under one case, by the M/M/c formulas (times in seconds). */
export interface RegionEstimate {
  service: string;
  region: string;
  arrival_per_s: number;
  /** instances × concurrency. */
  servers: number;
  instances: number;
  /** per_instance: each instance an M/M/concurrency queue (round robin); pooled: one M/M/servers (least_outstanding). */
  queue_model: 'per_instance' | 'pooled';
  /** Mean time a request holds its slot (processing and the means of its database query and dependency calls). */
  mean_service_s: number;
  /** λ·s / c; at or above 1 the region is overloaded and the queue grows without bound. */
  utilisation: number;
  /** Erlang C: probability a request waits for a slot (null when overloaded). */
  wait_probability: number | null;
  /** Allen–Cunneen's (ca² + cs²)/2 applied to the M/M/c mean wait. */
  wait_factor: number;
  mean_wait_s: number | null;
  p95_latency_s: number | null;
  /** Share of requests whose time on the instance (wait + slot) exceeds the SLO latency (1 when overloaded). */
  slow_share: number;
  breach: boolean;
}

/** Steady state (`lost: null`) or one region lost. */
export interface HeadroomCase {
  lost: string | null;
  regions: RegionEstimate[];
  /** Per service with traffic routed to no surviving region, requests per second. */
  unserved: Array<{ service: string; per_s: number }>;
  /** The regions breaching the SLO in this case ('service@region'), and 'service: unserved'. */
  breaches: string[];
  /** Services with a capacity curve: no M/M/c estimate (`--simulate` measures them). */
  not_estimated?: string[];
}

/** The static headroom of one design. */
export interface DesignHeadroom {
  name: string;
  cases: HeadroomCase[];
}

/** Seconds a request of `service` in `region` holds its slot besides processing (means), with `lost` regions gone. */
export function extraServiceS(s: Scenario, service: string, region: string, lost: ReadonlySet<string>): number {
  const spec = s.system.services[service]!;
  let t = 0;
  for (const call of spec.calls) t += distMean(s.system.dependencies[call.dependency]!.latency);
  if (spec.database) {
    const db = s.system.databases[spec.database]!;
    const primary = lost.has(db.primary) ? promotedRegion(db, lost) : db.primary;
    if (primary !== null) {
      t += rttOf(s, region, primary) + distMean(db.query_time);
      const syncRtts = db.replicas.filter((r) => r.mode === 'sync' && !lost.has(r.region)).map((r) => rttOf(s, primary, r.region));
      if (syncRtts.length > 0) t += spec.write_ratio * Math.max(...syncRtts);
    }
  }
  return t;
}

/** Quantiles of the slot time (processing + `extraS`) at (i + ½)/n: the service shape latency tails use. */
export function slotTimeQuantiles(processing: DistSpec, extraS: number, n = 1000): number[] {
  return Array.from({ length: n }, (_, i) => distQuantile(processing, (i + 0.5) / n) + extraS);
}

/** The region of the replica promoted when the primary's region is lost (the preferred mode first), or null. */
function promotedRegion(db: Scenario['system']['databases'][string], lost: ReadonlySet<string>): string | null {
  const alive = db.replicas.filter((r) => !lost.has(r.region));
  alive.sort((a, b) => Number(b.mode === db.promotion.prefer) - Number(a.mode === db.promotion.prefer));
  return alive[0]?.region ?? null;
}

/**
 * The figures of one region: M/M/c with `servers` slots and mean slot time `meanS` (Erlang C),
 * latency from that wait plus the slot-time quantiles `slotQuantiles`; `sloLatencyS` and
 * `budget` (1 − success_ratio) judge the breach.
 */
export function regionEstimate(
  service: string, region: string, lambda: number, queue: { instances: number; concurrency: number; pooled: boolean },
  slot: { meanS: number; cs2: number; quantiles: readonly number[] }, sloLatencyS: number, budget: number,
): RegionEstimate {
  const meanS = slot.meanS;
  const servers = queue.instances * queue.concurrency;
  const utilisation = servers > 0 ? (lambda * meanS) / servers : lambda > 0 ? Infinity : 0;
  const queue_model = queue.pooled || queue.instances <= 1 ? 'pooled' as const : 'per_instance' as const;
  const ca2 = queue_model === 'pooled' ? 1 : 1 / queue.instances;
  const wait_factor = allenCunneenFactor(ca2, slot.cs2);
  const base = { service, region, arrival_per_s: lambda, servers, instances: queue.instances, queue_model, mean_service_s: meanS, wait_factor, utilisation };
  if (lambda === 0) return { ...base, wait_probability: 0, mean_wait_s: 0, p95_latency_s: null, slow_share: 0, breach: false };
  if (!(utilisation < 1)) return { ...base, wait_probability: null, mean_wait_s: null, p95_latency_s: null, slow_share: 1, breach: true };
  // One queue: the pooled region, or one instance with its share of the arrivals.
  const [c, l] = queue_model === 'pooled' ? [servers, lambda] : [queue.concurrency, lambda / queue.instances];
  const mu = 1 / meanS;
  const slow = mmcWaitPlusTail(l, mu, c, slot.quantiles, sloLatencyS, wait_factor);
  return {
    ...base,
    wait_probability: erlangC(c, l * meanS),
    mean_wait_s: wait_factor * mmcMeanWait(l, mu, c),
    p95_latency_s: mmcWaitPlusQuantile(l, mu, c, slot.quantiles, 0.95, wait_factor),
    slow_share: slow,
    breach: slow > budget,
  };
}

/** One case: every service's regions with `lost` gone. */
function caseOf(s: Scenario, lost: string | null): HeadroomCase {
  const gone = new Set(lost === null ? [] : [lost]);
  const budget = 1 - s.slo.success_ratio;
  const regions: RegionEstimate[] = [];
  const unserved: HeadroomCase['unserved'] = [];
  const notEstimated: string[] = [];
  for (const load of loadsWith(s, gone)) {
    const spec = s.system.services[load.service]!;
    const processing = spec.service_time;
    if (processing === undefined) {
      // A capacity curve: its time per request depends on the requests in flight, not an M/M/c.
      notEstimated.push(load.service);
      continue;
    }
    for (const [region, lambda] of load.perRegion) {
      const queue = { instances: startingInstances(spec.instances[region] ?? 0, spec.autoscaling), concurrency: spec.concurrency, pooled: spec.load_balancer === 'least_outstanding' };
      const extra = extraServiceS(s, load.service, region, gone);
      const meanS = distMean(processing) + extra;
      const slot = { meanS, cs2: distVariance(processing) / (meanS * meanS), quantiles: slotTimeQuantiles(processing, extra) };
      regions.push(regionEstimate(load.service, region, lambda, queue, slot, s.slo.latency, budget));
    }
    if (load.unservedPerS > 0) unserved.push({ service: load.service, per_s: load.unservedPerS });
  }
  const breaches = [...regions.filter((r) => r.breach).map((r) => `${r.service}@${r.region}`), ...unserved.map((u) => `${u.service}: unserved`)];
  return { lost, regions, unserved, breaches, ...(notEstimated.length > 0 ? { not_estimated: notEstimated } : {}) };
}

/** Static headroom of one design: steady state, then each of `regions` lost in turn. */
export function staticHeadroom(name: string, s: Scenario, regions: string[]): DesignHeadroom {
  return { name, cases: [caseOf(s, null), ...regions.map((r) => caseOf(s, r))] };
}

/** The `headroom --json` document: per design the static cases and, with --simulate, the simulated ones. */
export interface HeadroomDocument {
  format: 'outagesim-headroom';
  tool: { name: string; version: string };
  scenario: { name: string; file: string; slo: { success_ratio: number; latency_s: number } };
  /** With --simulate: how the cases were run. */
  simulation?: { seed: number; replications: number; horizon_s: number; warmup_s: number };
  designs: Array<DesignHeadroom & { simulated?: SimulatedCase[] }>;
}

/** The headroom document of a loaded scenario; `simulated` (per design name) from simulateHeadroom. */
export function headroomDocument(
  loaded: LoadedScenario,
  tool: HeadroomDocument['tool'],
  simulated?: { settings: HeadroomDocument['simulation'] & object; cases: Map<string, SimulatedCase[]> },
): HeadroomDocument {
  const { slo } = loaded.scenario;
  return {
    format: 'outagesim-headroom',
    tool,
    scenario: { name: loaded.name, file: loaded.file, slo: { success_ratio: slo.success_ratio, latency_s: slo.latency } },
    ...(simulated ? { simulation: simulated.settings } : {}),
    designs: loaded.designs.map((d) => {
      const h = staticHeadroom(d.name, d.scenario, regionsToLose(loaded));
      const sim = simulated?.cases.get(d.name);
      return sim ? { ...h, simulated: sim } : h;
    }),
  };
}

/** The regions lost in turn: every region where some design runs instances, in the order the scenario names regions. */
export function regionsToLose(loaded: LoadedScenario): string[] {
  const used = new Set<string>();
  for (const d of loaded.designs) for (const spec of Object.values(d.scenario.system.services)) for (const [r, n] of Object.entries(spec.instances)) if (n > 0) used.add(r);
  return Object.keys(loaded.scenario.system.regions).filter((r) => used.has(r));
}

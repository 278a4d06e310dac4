/**
 * Turns one replication's record into its outcome: RTO from the SLO, availability, RPO, retry
 * amplification and the timeline buckets.
 *
 * RTO: requests are attributed to their arrival second. The SLO holds at second u when, over the
 * requests that arrived in [u, u + window), the share that succeeded within the latency bound is at
 * least `success_ratio` (a window with no requests holds). RTO is the first u at or after the fault
 * start from which the SLO holds at every second for `sustained`, minus the fault start. If no such
 * u exists in the measurable part of the horizon, the replication has not recovered (null).
 */
import type { SloSpec } from '../scenario/schema.js';
import { LATENCY_BINS, histogramQuantile } from './latencyHistogram.js';
import type { ReplicationRecorder, TimelineEvent } from './replicationRecorder.js';
import type { StormOutcome } from './metastability.js';
import type { PhaseSpan } from './rtoPhases.js';
import type { QueueOutcome } from './queueOutcome.js';

/** Per-service statistics of one replication. */
export interface ServiceOutcome {
  name: string;
  throughput_per_s: number;
  utilization: number;
  /** Mean wait for a slot of the requests granted one (accepted after the warm-up). */
  queue_wait_s: number;
  /** Share of granted requests that waited at all: P(wait > 0) (Erlang C for M/M/c). */
  wait_probability: number;
  /** Requests still waiting for a slot at the horizon: censored waits, not in queue_wait_s. */
  censored_waits: number;
  response_s: number;
  blocked_ratio: number;
  /** The same figures per region, when the service runs in more than one (failover headroom). */
  regions?: Array<{ region: string } & Omit<ServiceOutcome, 'name' | 'regions'>>;
}

/** Per client class figures of one replication. */
export interface ClassOutcome {
  name: string;
  kind: string;
  /** Unique logical requests that finished (agents: tool calls, re-issues excluded). */
  requests: number;
  attempts: number;
  retry_amplification: number;
  /** Attempts an open client breaker stopped before sending, per unique request (not in retry_amplification). */
  short_circuited_per_request: number;
  /** Share of finished logical requests (re-issues included) that succeeded, each success counted as what it is worth. */
  availability: number;
  /** Share of successes answered by a fallback. */
  degraded_ratio: number;
  /** Agents: share of finished workflows that completed every step. */
  workflow_success_ratio: number | null;
}

/** Figures of the SLO classes' requests from clients in one region, in one replication. */
export interface ClientRegionOutcome {
  region: string;
  requests: number;
  availability: number;
  /** Latency of successful requests (arrival to final answer, network round trips included). */
  p50_latency_s: number;
  p95_latency_s: number;
}

/** One autoscaler (service in a region) in one replication. */
export interface AutoscalingOutcome {
  service: string;
  region: string;
  /** Scale-outs that added instances. */
  scale_outs: number;
  /** Scale-out requests refused in full or in part by the region's instance limit. */
  refused_insufficient_capacity: number;
  /** Most instances the service had in the region. */
  max_instances: number;
  /** Scale-ins that took instances out. */
  scale_ins: number;
  /** Mean instances provisioned from the warm-up to the fault (no fault: to the horizon; a fault within the warm-up: those provisioned when it starts). */
  steady_instances: number;
  /** Instance-seconds provisioned from the fault to the horizon (0 without a fault). */
  incident_instance_s: number;
  /** incident_instance_s − steady_instances × (horizon − fault start): what the incident added (negative: saved). */
  incident_extra_instance_s: number;
}

/** What one replication contributes to the result. */
export interface ReplicationOutcome {
  replication: number;
  /** null: the scenario has no fault (`fault: none`). */
  fault_start_s: number | null;
  /** null: not recovered within the horizon, or no fault (then RTO does not apply). */
  rto_s: number | null;
  /** The RTO split along its critical path (recovered replications only); sums to rto_s. */
  rto_phases?: PhaseSpan[];
  /**
   * Business recovery (only when the scenario has parts besides the data plane: queues, the
   * control plane, ...): seconds from the fault until every part was back; null: not recovered.
   */
  business_rto_s?: number | null;
  /** The part that finished last ('data_plane', 'queue:<name>', 'duplicates', 'control_plane', ...). */
  business_last_part?: string;
  /** The business RTO split along its critical path (recovered only); sums to business_rto_s. */
  business_rto_phases?: PhaseSpan[];
  rpo_s: number;
  lost_writes: number;
  duplicate_writes: number;
  /** Seconds with two writable primaries, summed over databases (only with a network partition fault). */
  split_brain_s?: number;
  availability: number;
  /** p95 latency of the SLO classes' successful requests over the run from the warm-up (NaN: none). */
  p95_latency_s: number;
  retry_amplification: number;
  /** Attempts an open client breaker stopped before sending, per unique request. */
  short_circuited_per_request: number;
  requests: number;
  events_processed: number;
  services: ServiceOutcome[];
  classes: ClassOutcome[];
  /** Per client region (only when client classes name their regions). */
  client_regions?: ClientRegionOutcome[];
  /** Share of successful requests answered by a fallback (degraded). */
  degraded_ratio: number;
  /** Requests answered after a queue fallback deferred their work (not done within the request). */
  deferred_requests: number;
  /** Per queue of async work (only when the system has queues). */
  queues?: QueueOutcome[];
  /** Per autoscaled service and region (only when a service autoscales). */
  autoscaling?: AutoscalingOutcome[];
  storm: StormOutcome;
  /** Per database: writes committed per second before the fault (the steady state; over the horizon if the fault starts at 0). */
  writes_per_s: Record<string, number>;
  /** Per timeline bucket; NaN where the bucket is outside this replication's horizon, empty, or censored. */
  timeline: Record<string, number[]>;
  /** Per timeline bucket: arrival-based series cut because the bucket ends after the last measurable second. */
  censored: boolean[];
  events: TimelineEvent[];
}

/** Computes the RTO in seconds (null if not recovered) from per-second good/total counts. */
export function computeRto(
  good: Float64Array,
  total: Float64Array,
  slo: SloSpec,
  faultT: number,
  measurableEndS: number,
): number | null {
  const n = total.length;
  const w = Math.max(1, Math.round(slo.window));
  const sustained = Math.round(slo.sustained);
  const end = Math.min(n, Math.floor(measurableEndS));
  // holds[u] for u in [0, end - w]: the forward window [u, u+w) meets the SLO.
  const lastU = end - w;
  if (lastU < 0) return null;
  const prefixGood = new Float64Array(n + 1);
  const prefixTotal = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    prefixGood[i + 1] = prefixGood[i]! + good[i]!;
    prefixTotal[i + 1] = prefixTotal[i]! + total[i]!;
  }
  const first = Math.floor(faultT);
  // Scan backwards keeping the length of the run of holding seconds that starts at u.
  let run = 0;
  let best: number | null = null;
  for (let u = lastU; u >= first; u--) {
    const t = prefixTotal[u + w]! - prefixTotal[u]!;
    const g = prefixGood[u + w]! - prefixGood[u]!;
    const holds = t === 0 || g / t >= slo.success_ratio;
    run = holds ? run + 1 : 0;
    if (run > sustained) best = u;
  }
  return best === null ? null : Math.max(0, best - faultT);
}

/** Sums a per-second series over a timeline bucket, as a rate per second (NaN when uncovered). */
function bucketRate(series: Float64Array, fromS: number, toS: number): number {
  const a = Math.max(0, Math.ceil(fromS));
  const b = Math.min(series.length, Math.ceil(toS));
  if (b <= a) return NaN;
  let sum = 0;
  for (let i = a; i < b; i++) sum += series[i]!;
  return sum / (b - a);
}

/**
 * Builds the per-bucket timeline of one replication. Series counted by arrival second
 * (`success_ratio`, `offered_per_s`, `goodput_per_s`, `p95_latency_s`, `retry_amplification*`)
 * are NaN in buckets that end after `measurableEndS` (absolute seconds; the horizon less the
 * longest time a request can take): requests that arrived there and had not finished by the
 * horizon are missing, so the counts would hold the fast answers only (typically successes).
 * Series counted by send time (`attempts_per_s*`) and gauges cover the whole horizon.
 */
export function timelineOf(rec: ReplicationRecorder, measurableEndS = Infinity): Record<string, number[]> {
  const { grid } = rec;
  const fromOf = (k: number): number => rec.faultStartT + grid.startS + k * grid.bucketS;
  const censored = (k: number): boolean => fromOf(k) + grid.bucketS > measurableEndS;
  /** A series by arrival second, as a rate per bucket; NaN where censored. */
  const byArrival = (series: Float64Array): number[] =>
    Array.from({ length: grid.buckets }, (_, k) => (censored(k) ? NaN : bucketRate(series, fromOf(k), fromOf(k) + grid.bucketS)));
  const bySend = (series: Float64Array): number[] => Array.from({ length: grid.buckets }, (_, k) => bucketRate(series, fromOf(k), fromOf(k) + grid.bucketS));
  const offered = byArrival(rec.total);
  const good = byArrival(rec.good);
  const out: Record<string, number[]> = {
    success_ratio: offered.map((tot, k) => (tot > 0 ? good[k]! / tot : NaN)),
    offered_per_s: offered,
    goodput_per_s: byArrival(rec.goodput),
    attempts_per_s: bySend(rec.attemptsBySecond),
    p95_latency_s: Array.from({ length: grid.buckets }, (_, k) => (censored(k) ? NaN : histogramQuantile(rec.latency, k * LATENCY_BINS, 0.95))),
  };
  // Retry amplification over time: attempts sent in a bucket per unique request arriving in it.
  const amplification = (attemptsBySecond: Float64Array, uniqueBySecond: Float64Array): number[] => {
    const attempts = bySend(attemptsBySecond);
    return byArrival(uniqueBySecond).map((unique, k) => (unique > 0 ? attempts[k]! / unique : NaN));
  };
  if (rec.classNames.length > 1) {
    rec.classNames.forEach((name, i) => {
      out[`attempts_per_s:${name}`] = bySend(rec.classAttemptsBySecond[i]!);
      out[`retry_amplification:${name}`] = amplification(rec.classAttemptsBySecond[i]!, rec.classUniqueBySecond[i]!);
    });
  }
  const allUnique = new Float64Array(rec.seconds);
  for (const u of rec.classUniqueBySecond) for (let i = 0; i < u.length; i++) allUnique[i]! += u[i]!;
  out.retry_amplification = amplification(rec.attemptsBySecond, allUnique);
  for (const [name, values] of rec.gauges) out[name] = [...values];
  return out;
}

/** Per timeline bucket: true where the arrival-based series were cut at `measurableEndS` (see timelineOf). */
export function censoredBuckets(rec: ReplicationRecorder, measurableEndS: number): boolean[] {
  const { grid } = rec;
  return Array.from({ length: grid.buckets }, (_, k) => {
    const from = rec.faultStartT + grid.startS + k * grid.bucketS;
    return from + grid.bucketS > measurableEndS && from < rec.seconds;
  });
}

/** Share of finished requests that succeeded, each success counted as what it is worth, over the horizon from the warm-up's end (by arrival second). */
export function availabilityOf(rec: ReplicationRecorder): number {
  let ok = 0;
  let total = 0;
  for (let i = Math.ceil(rec.statsFromT); i < rec.total.length; i++) {
    ok += rec.ok[i]!;
    total += rec.total[i]!;
  }
  return total > 0 ? ok / total : NaN;
}

/** Per-class figures of one replication. */
export function classesOf(rec: ReplicationRecorder, kinds: string[]): ClassOutcome[] {
  return rec.classes.map((c, i) => ({
    name: rec.classNames[i]!,
    kind: kinds[i]!,
    requests: c.unique,
    attempts: c.attempts,
    retry_amplification: c.unique > 0 ? c.attempts / c.unique : NaN,
    short_circuited_per_request: c.unique > 0 ? c.shortCircuited / c.unique : NaN,
    availability: c.finished > 0 ? c.okValue / c.finished : NaN,
    degraded_ratio: c.ok > 0 ? c.degraded / c.ok : 0,
    workflow_success_ratio: c.workflows > 0 ? c.workflowsOk / c.workflows : null,
  }));
}

/** Per client region figures of one replication, for the regions (name, index) clients live in. */
export function clientRegionsOf(rec: ReplicationRecorder, regions: Array<[string, number]>): ClientRegionOutcome[] {
  return regions.map(([region, i]) => {
    const finished = rec.regionFinished[i] ?? 0;
    return {
      region,
      requests: finished,
      availability: finished > 0 ? rec.regionOk[i]! / finished : NaN,
      p50_latency_s: histogramQuantile(rec.regionLatency, i * LATENCY_BINS, 0.5),
      p95_latency_s: histogramQuantile(rec.regionLatency, i * LATENCY_BINS, 0.95),
    };
  });
}

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

/** Per-service statistics of one replication. */
export interface ServiceOutcome {
  name: string;
  throughput_per_s: number;
  utilization: number;
  queue_wait_s: number;
  response_s: number;
  blocked_ratio: number;
}

/** Per client class figures of one replication. */
export interface ClassOutcome {
  name: string;
  kind: string;
  /** Unique logical requests that finished (agents: tool calls, re-issues excluded). */
  requests: number;
  attempts: number;
  retry_amplification: number;
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

/** What one replication contributes to the result. */
export interface ReplicationOutcome {
  replication: number;
  fault_start_s: number;
  /** null: not recovered within the horizon. */
  rto_s: number | null;
  /** The RTO split along its critical path (recovered replications only); sums to rto_s. */
  rto_phases?: PhaseSpan[];
  rpo_s: number;
  lost_writes: number;
  duplicate_writes: number;
  availability: number;
  retry_amplification: number;
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
  storm: StormOutcome;
  /** Per database: writes committed per second before the fault (the steady state; over the horizon if the fault starts at 0). */
  writes_per_s: Record<string, number>;
  /** Per timeline bucket; NaN where the bucket is outside this replication's horizon or empty. */
  timeline: Record<string, number[]>;
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

/** Builds the per-bucket timeline of one replication. */
export function timelineOf(rec: ReplicationRecorder): Record<string, number[]> {
  const { grid } = rec;
  const success: number[] = [];
  const offered: number[] = [];
  const attempts: number[] = [];
  const p95: number[] = [];
  for (let k = 0; k < grid.buckets; k++) {
    const from = rec.faultStartT + grid.startS + k * grid.bucketS;
    const to = from + grid.bucketS;
    const tot = bucketRate(rec.total, from, to);
    const good = bucketRate(rec.good, from, to);
    success.push(tot > 0 ? good / tot : NaN);
    offered.push(tot);
    attempts.push(bucketRate(rec.attemptsBySecond, from, to));
    p95.push(histogramQuantile(rec.latency, k * LATENCY_BINS, 0.95));
  }
  const out: Record<string, number[]> = {
    success_ratio: success,
    offered_per_s: offered,
    goodput_per_s: [],
    attempts_per_s: attempts,
    p95_latency_s: p95,
  };
  for (let k = 0; k < grid.buckets; k++) {
    const from = rec.faultStartT + grid.startS + k * grid.bucketS;
    out.goodput_per_s!.push(bucketRate(rec.goodput, from, from + grid.bucketS));
  }
  // Retry amplification over time: attempts sent in a bucket per unique request arriving in it.
  const amplification = (attemptsBySecond: Float64Array, uniqueBySecond: Float64Array): number[] => {
    const series: number[] = [];
    for (let k = 0; k < grid.buckets; k++) {
      const from = rec.faultStartT + grid.startS + k * grid.bucketS;
      const unique = bucketRate(uniqueBySecond, from, from + grid.bucketS);
      series.push(unique > 0 ? bucketRate(attemptsBySecond, from, from + grid.bucketS) / unique : NaN);
    }
    return series;
  };
  if (rec.classNames.length > 1) {
    rec.classNames.forEach((name, i) => {
      const series: number[] = [];
      for (let k = 0; k < grid.buckets; k++) {
        const from = rec.faultStartT + grid.startS + k * grid.bucketS;
        series.push(bucketRate(rec.classAttemptsBySecond[i]!, from, from + grid.bucketS));
      }
      out[`attempts_per_s:${name}`] = series;
      out[`retry_amplification:${name}`] = amplification(rec.classAttemptsBySecond[i]!, rec.classUniqueBySecond[i]!);
    });
  }
  const allUnique = new Float64Array(rec.seconds);
  for (const u of rec.classUniqueBySecond) for (let i = 0; i < u.length; i++) allUnique[i]! += u[i]!;
  out.retry_amplification = amplification(rec.attemptsBySecond, allUnique);
  for (const [name, values] of rec.gauges) out[name] = [...values];
  return out;
}

/** Share of finished requests that succeeded, each success counted as what it is worth, over the whole horizon. */
export function availabilityOf(rec: ReplicationRecorder): number {
  let ok = 0;
  let total = 0;
  for (let i = 0; i < rec.total.length; i++) {
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

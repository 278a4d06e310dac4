/**
 * Folds the outcomes of every replication of a design into its part of the Result: summaries of
 * each metric, the timeline band and the events of a representative replication.
 */
import { quantileSorted, mean } from 'simple-statistics';
import { NOT_JUDGED_TEXT, type NotJudgedReason } from '../metrics/metastability.js';
import type { ReplicationOutcome } from '../metrics/outcome.js';
import type { TimelineGrid } from '../metrics/replicationRecorder.js';
import { averagePhases } from '../metrics/rtoPhases.js';
import { summarize } from '../stats/summary.js';
import type { Band, DesignResult, MaybeSummary, RecoverySummary } from './result.js';

const EMPTY: MaybeSummary = { n: 0, mean: null, sd: null, p50: null, p95: null, p99: null, min: null, max: null, ci95: null };

function summary(values: number[]): MaybeSummary {
  return summarize(values) ?? EMPTY;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function band(perRep: number[][], buckets: number): Band {
  const out: Band = { mean: [], p5: [], p95: [] };
  for (let k = 0; k < buckets; k++) {
    const v = perRep.map((r) => r[k]!).filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
    out.mean.push(v.length ? mean(v) : null);
    out.p5.push(v.length ? quantileSorted(v, 0.05) : null);
    out.p95.push(v.length ? quantileSorted(v, 0.95) : null);
  }
  return out;
}

/** The replication whose RTO is nearest the median RTO (ties: lowest index); the first if none recovered. */
function representative(outcomes: ReplicationOutcome[]): ReplicationOutcome {
  const recovered = outcomes.filter((o) => o.rto_s !== null);
  if (recovered.length === 0) return outcomes[0]!;
  const sorted = recovered.map((o) => o.rto_s!).sort((a, b) => a - b);
  const median = quantileSorted(sorted, 0.5);
  let best = recovered[0]!;
  for (const o of recovered) if (Math.abs(o.rto_s! - median) < Math.abs(best.rto_s! - median)) best = o;
  return best;
}

/**
 * The storm verdict over replications: how many were judged, how many stayed down, by how long
 * the storm outlasted the fault in the others, and why the rest were not judged.
 */
function metastabilityOf(outcomes: ReplicationOutcome[]): DesignResult['metastability'] {
  const judged = outcomes.filter((o) => o.storm.metastable !== null);
  const outlasted = judged.map((o) => o.storm.storm_outlasted_trigger_s).filter((x): x is number => x !== null);
  const because: Partial<Record<NotJudgedReason, number>> = {};
  for (const o of outcomes) if (o.storm.not_judged !== null) because[o.storm.not_judged] = (because[o.storm.not_judged] ?? 0) + 1;
  const reasons = (Object.keys(NOT_JUDGED_TEXT) as NotJudgedReason[]).filter((r) => because[r] !== undefined);
  return {
    judged: judged.length,
    metastable: judged.filter((o) => o.storm.metastable).length,
    not_judged: outcomes.length - judged.length,
    not_judged_because: Object.fromEntries(reasons.map((r) => [r, because[r]!])),
    storm_outlasted_trigger_s: summary(outlasted),
  };
}

/** Per client region summaries over replications (absent when no class names its regions). */
function clientRegionsOf(outcomes: ReplicationOutcome[]): Pick<DesignResult, 'client_regions'> {
  const first = outcomes[0]?.client_regions;
  if (!first) return {};
  return {
    client_regions: first.map((r, i) => {
      const pick = (f: (x: NonNullable<ReplicationOutcome['client_regions']>[number]) => number) =>
        summary(outcomes.map((o) => f(o.client_regions![i]!)).filter((x) => Number.isFinite(x)));
      return {
        region: r.region,
        requests: pick((x) => x.requests),
        availability: pick((x) => x.availability),
        p50_latency_s: pick((x) => x.p50_latency_s),
        p95_latency_s: pick((x) => x.p95_latency_s),
      };
    }),
  };
}

/**
 * Business recovery over replications (absent unless the replications report it): the summary,
 * which part finished last how often, and the mean critical path.
 */
function businessOf(outcomes: ReplicationOutcome[]): { metric: Pick<DesignResult['metrics'], 'business_rto_s'>; rest: Pick<DesignResult, 'business_last' | 'business_rto_phases'> } {
  const withB = outcomes.filter((o) => o.business_rto_s !== undefined);
  if (withB.length === 0) return { metric: {}, rest: {} };
  const values = withB.map((o) => o.business_rto_s).filter((x): x is number => x !== null);
  const noFault = outcomes.filter((o) => o.fault_start_s === null).length;
  const counts = new Map<string, number>();
  for (const o of withB) counts.set(o.business_last_part!, (counts.get(o.business_last_part!) ?? 0) + 1);
  const phases = withB.filter((o) => o.business_rto_phases).map((o) => o.business_rto_phases!);
  return {
    metric: { business_rto_s: { ...summary(values), recovered: values.length, not_recovered: withB.length - values.length, not_applicable: noFault } },
    rest: {
      business_last: [...counts].sort((a, b) => b[1] - a[1]).map(([part, replications]) => ({ part, replications })),
      ...(phases.length > 0 ? { business_rto_phases: averagePhases(phases) } : {}),
    },
  };
}

/** Aggregates one design's outcomes (in replication order) into its Result entry. */
export function aggregateDesign(name: string, outcomes: ReplicationOutcome[], grid: TimelineGrid): DesignResult {
  const rtos = outcomes.map((o) => o.rto_s).filter((x): x is number => x !== null);
  const noFault = outcomes.filter((o) => o.fault_start_s === null).length;
  const rto: RecoverySummary = { ...summary(rtos), recovered: rtos.length, not_recovered: outcomes.length - rtos.length - noFault, not_applicable: noFault };
  const serviceNames = outcomes[0]?.services.map((s) => s.name) ?? [];
  const seriesNames = Object.keys(outcomes[0]?.timeline ?? {});
  const rep = representative(outcomes);
  const phases = outcomes.filter((o) => o.rto_s !== null && o.rto_phases).map((o) => o.rto_phases!);
  const business = businessOf(outcomes);
  return {
    name,
    metrics: {
      rto_s: rto,
      rpo_s: summary(outcomes.map((o) => o.rpo_s)),
      lost_writes: summary(outcomes.map((o) => o.lost_writes)),
      duplicate_writes: summary(outcomes.map((o) => o.duplicate_writes)),
      availability: summary(outcomes.map((o) => o.availability)),
      retry_amplification: summary(outcomes.map((o) => o.retry_amplification)),
      short_circuited_per_request: summary(outcomes.map((o) => o.short_circuited_per_request)),
      degraded_ratio: summary(outcomes.map((o) => o.degraded_ratio)),
      deferred_requests: summary(outcomes.map((o) => o.deferred_requests)),
      ...business.metric,
    },
    ...business.rest,
    metastability: metastabilityOf(outcomes),
    ...(phases.length > 0 ? { rto_phases: averagePhases(phases) } : {}),
    classes: (outcomes[0]?.classes ?? []).map((c, i) => {
      const pick = (f: (x: ReplicationOutcome['classes'][number]) => number | null) =>
        summary(outcomes.map((o) => f(o.classes[i]!)).filter((x): x is number => x !== null));
      return {
        name: c.name,
        kind: c.kind,
        requests: pick((x) => x.requests),
        retry_amplification: pick((x) => x.retry_amplification),
        short_circuited_per_request: pick((x) => x.short_circuited_per_request),
        availability: pick((x) => x.availability),
        degraded_ratio: pick((x) => x.degraded_ratio),
        workflow_success_ratio: pick((x) => x.workflow_success_ratio),
      };
    }),
    ...clientRegionsOf(outcomes),
    services: serviceNames.map((s, i) => {
      const pick = (f: (x: ReplicationOutcome['services'][number]) => number) => summary(outcomes.map((o) => f(o.services[i]!)));
      return {
        name: s,
        throughput_per_s: pick((x) => x.throughput_per_s),
        utilization: pick((x) => x.utilization),
        queue_wait_s: pick((x) => x.queue_wait_s),
        wait_probability: pick((x) => x.wait_probability),
        censored_waits: pick((x) => x.censored_waits),
        response_s: pick((x) => x.response_s),
        blocked_ratio: pick((x) => x.blocked_ratio),
      };
    }),
    timeline: {
      bucket_s: grid.bucketS,
      t_s: Array.from({ length: grid.buckets }, (_, k) => grid.startS + k * grid.bucketS),
      series: Object.fromEntries(seriesNames.map((s) => [s, band(outcomes.map((o) => o.timeline[s]!), grid.buckets)])),
      censored_replications: Array.from({ length: grid.buckets }, (_, k) => outcomes.reduce((a, o) => a + (o.censored[k] ? 1 : 0), 0)),
      representative_replication: rep.replication,
      events: rep.events,
    },
    replications: outcomes.map((o) => ({
      replication: o.replication,
      fault_start_s: o.fault_start_s,
      rto_s: o.rto_s,
      ...(o.rto_phases ? { rto_phases: o.rto_phases } : {}),
      ...(o.business_rto_s !== undefined ? { business_rto_s: o.business_rto_s, business_last_part: o.business_last_part! } : {}),
      ...(o.business_rto_phases ? { business_rto_phases: o.business_rto_phases } : {}),
      rpo_s: o.rpo_s,
      lost_writes: o.lost_writes,
      duplicate_writes: o.duplicate_writes,
      availability: finiteOrNull(o.availability),
      retry_amplification: finiteOrNull(o.retry_amplification),
    })),
    events_processed: outcomes.reduce((a, o) => a + o.events_processed, 0),
  };
}

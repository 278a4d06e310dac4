/**
 * Folds the outcomes of every replication of a design into its part of the Result: summaries of
 * each metric, the timeline band and the events of a representative replication.
 */
import { quantileSorted, mean } from 'simple-statistics';
import { NOT_JUDGED_TEXT, type NotJudgedReason } from '../metrics/metastability.js';
import type { ReplicationOutcome } from '../metrics/outcome.js';
import type { TimelineGrid } from '../metrics/replicationRecorder.js';
import { averagePhases } from '../metrics/rtoPhases.js';
import { summarize, summarizeSorted } from '../stats/summary.js';
import { readPath } from './outcomeStore.js';
import type { Band, DesignResult, MaybeSummary, RecoverySummary, ServiceFigures } from './result.js';

/**
 * One field of every outcome of a design, by its path in an outcome (`['services', 0,
 * 'utilization']`). The runner reads them from its OutcomeStore, which keeps them compactly.
 */
export interface Columns {
  /** The values at `path`, in replication order. */
  values(path: readonly (string | number)[]): readonly unknown[];
  /** The finite numbers at `path`, sorted ascending; may be a buffer the next call reuses. */
  sortedFinite(path: readonly (string | number)[]): Float64Array;
}

/** The columns of outcomes held as objects. */
export function columnsOf(outcomes: readonly ReplicationOutcome[]): Columns {
  const values = (path: readonly (string | number)[]) => outcomes.map((o) => readPath(o, path));
  return {
    values,
    sortedFinite: (path) => Float64Array.from(values(path).filter((x): x is number => typeof x === 'number' && Number.isFinite(x))).sort(),
  };
}

const EMPTY: MaybeSummary = { n: 0, mean: null, sd: null, p50: null, p95: null, p99: null, min: null, max: null, ci95: null };

function summary(values: number[]): MaybeSummary {
  return summarize(values) ?? EMPTY;
}

/** The summary of a column's finite values (sorted ascending). */
function summaryOf(sorted: Float64Array): MaybeSummary {
  return summarizeSorted(sorted) ?? EMPTY;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** The mean and 5th/95th percentiles of one timeline series per bucket, over replications. */
function band(columns: Columns, series: string, buckets: number): Band {
  const out: Band = { mean: [], p5: [], p95: [] };
  for (let k = 0; k < buckets; k++) {
    // simple-statistics reads only length and indices: a typed array serves as well.
    const v = columns.sortedFinite(['timeline', series, k]) as unknown as number[];
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
function clientRegionsOf(first: ReplicationOutcome | undefined, columns: Columns): Pick<DesignResult, 'client_regions'> {
  const regions = first?.client_regions;
  if (!regions) return {};
  return {
    client_regions: regions.map((r, i) => {
      const pick = (field: keyof (typeof regions)[number]) => summaryOf(columns.sortedFinite(['client_regions', i, field]));
      return {
        region: r.region,
        requests: pick('requests'),
        availability: pick('availability'),
        p50_latency_s: pick('p50_latency_s'),
        p95_latency_s: pick('p95_latency_s'),
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

/** The summaries of a service's figures (a tier's, or one region's) at `path` in the outcomes. */
function serviceFigures(columns: Columns, path: readonly (string | number)[]): ServiceFigures {
  const pick = (field: keyof ServiceFigures) => summaryOf(columns.sortedFinite([...path, field]));
  return {
    throughput_per_s: pick('throughput_per_s'),
    utilization: pick('utilization'),
    queue_wait_s: pick('queue_wait_s'),
    wait_probability: pick('wait_probability'),
    censored_waits: pick('censored_waits'),
    response_s: pick('response_s'),
    blocked_ratio: pick('blocked_ratio'),
  };
}

/** Per queue summaries over replications (absent without queues). */
function queuesOf(first: ReplicationOutcome | undefined, columns: Columns): Pick<DesignResult, 'queues'> {
  if (!first?.queues) return {};
  return {
    queues: first.queues.map((q, i) => {
      const pick = (field: string) => summaryOf(columns.sortedFinite(['queues', i, field]));
      return {
        name: q.name,
        max_backlog: pick('max_backlog'),
        drain_s: pick('drain_s'),
        redeliveries: pick('redeliveries'),
        dead_lettered: pick('dead_lettered'),
        duplicates: pick('duplicates'),
      };
    }),
  };
}

/** Per autoscaler summaries over replications (absent without autoscaling). */
function autoscalingOf(first: ReplicationOutcome | undefined, columns: Columns): Pick<DesignResult, 'autoscaling'> {
  if (!first?.autoscaling) return {};
  return {
    autoscaling: first.autoscaling.map((a, i) => {
      const pick = (field: string) => summaryOf(columns.sortedFinite(['autoscaling', i, field]));
      return {
        service: a.service,
        region: a.region,
        scale_outs: pick('scale_outs'),
        refused_insufficient_capacity: pick('refused_insufficient_capacity'),
        max_instances: pick('max_instances'),
        scale_ins: pick('scale_ins'),
        steady_instances: pick('steady_instances'),
        incident_instance_s: pick('incident_instance_s'),
        incident_extra_instance_s: pick('incident_extra_instance_s'),
      };
    }),
  };
}

/**
 * Aggregates one design's outcomes (in replication order) into its Result entry. Figures are read
 * a column at a time through `columns` (the store's, when the runner kept them compactly).
 */
export function aggregateDesign(name: string, outcomes: ReplicationOutcome[], grid: TimelineGrid, columns: Columns = columnsOf(outcomes)): DesignResult {
  const metric = (field: keyof ReplicationOutcome) => summaryOf(columns.sortedFinite([field]));
  const recovered = columns.values(['rto_s']).filter((x) => x !== null).length;
  const noFault = columns.values(['fault_start_s']).filter((x) => x === null).length;
  const rto: RecoverySummary = { ...metric('rto_s'), recovered, not_recovered: outcomes.length - recovered - noFault, not_applicable: noFault };
  const serviceNames = outcomes[0]?.services.map((s) => s.name) ?? [];
  const seriesNames = Object.keys(outcomes[0]?.timeline ?? {});
  const rep = representative(outcomes);
  const phases = outcomes.filter((o) => o.rto_s !== null && o.rto_phases).map((o) => o.rto_phases!);
  const business = businessOf(outcomes);
  return {
    name,
    metrics: {
      rto_s: rto,
      rpo_s: metric('rpo_s'),
      lost_writes: metric('lost_writes'),
      duplicate_writes: metric('duplicate_writes'),
      availability: metric('availability'),
      p95_latency_s: metric('p95_latency_s'),
      retry_amplification: metric('retry_amplification'),
      short_circuited_per_request: metric('short_circuited_per_request'),
      degraded_ratio: metric('degraded_ratio'),
      deferred_requests: metric('deferred_requests'),
      ...business.metric,
    },
    ...business.rest,
    metastability: metastabilityOf(outcomes),
    ...(phases.length > 0 ? { rto_phases: averagePhases(phases) } : {}),
    classes: (outcomes[0]?.classes ?? []).map((c, i) => {
      const pick = (field: keyof ReplicationOutcome['classes'][number]) => summaryOf(columns.sortedFinite(['classes', i, field]));
      return {
        name: c.name,
        kind: c.kind,
        requests: pick('requests'),
        retry_amplification: pick('retry_amplification'),
        short_circuited_per_request: pick('short_circuited_per_request'),
        availability: pick('availability'),
        degraded_ratio: pick('degraded_ratio'),
        workflow_success_ratio: pick('workflow_success_ratio'),
      };
    }),
    ...clientRegionsOf(outcomes[0], columns),
    ...queuesOf(outcomes[0], columns),
    ...(outcomes[0]?.split_brain_s !== undefined ? { split_brain: metric('split_brain_s') } : {}),
    ...autoscalingOf(outcomes[0], columns),
    services: serviceNames.map((s, i) => {
      const regions = outcomes[0]!.services[i]!.regions;
      return {
        name: s,
        ...serviceFigures(columns, ['services', i]),
        ...(regions ? { regions: regions.map((r, k) => ({ region: r.region, ...serviceFigures(columns, ['services', i, 'regions', k]) })) } : {}),
      };
    }),
    timeline: {
      bucket_s: grid.bucketS,
      t_s: Array.from({ length: grid.buckets }, (_, k) => grid.startS + k * grid.bucketS),
      series: Object.fromEntries(seriesNames.map((s) => [s, band(columns, s, grid.buckets)])),
      censored_replications: Array.from({ length: grid.buckets }, (_, k) => columns.values(['censored', k]).filter(Boolean).length),
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

/**
 * The Result JSON: the one contract between simulating and presenting (SPEC, "Result format").
 * `run --json` prints it, `check` reads it as a baseline, `report` renders it.
 */
import type { SinglePointOfFailure } from '../graph/singlePoints.js';
import type { Comparison } from './compare.js';
import type { PracticalSpec } from '../scenario/compareSchema.js';
import type { PrecisionReport } from './precision.js';
import type { Business, CostComparison, CostSummary, DesignCost, Inventory, PriceTable } from './resultCost.js';
import type { Summary } from '../stats/summary.js';
import type { TimelineEvent } from '../metrics/replicationRecorder.js';
import type { NotJudgedReason } from '../metrics/metastability.js';

/** A summary over replications; all statistics null when no replication had a value. */
export type MaybeSummary = Summary | ({ [K in Exclude<keyof Summary, 'n'>]: null } & { n: 0 });

/**
 * RTO summaries also say how many replications recovered, did not, or had no fault to recover
 * from (`not_applicable`, with `fault: none`).
 */
export type RecoverySummary = MaybeSummary & { recovered: number; not_recovered: number; not_applicable: number };

/** A per-bucket band across replications. */
export interface Band {
  mean: (number | null)[];
  p5: (number | null)[];
  p95: (number | null)[];
}

/** A service tier's figures (or one region's of it), summaries over replications. */
export interface ServiceFigures {
  throughput_per_s: MaybeSummary;
  utilization: MaybeSummary;
  queue_wait_s: MaybeSummary;
  wait_probability: MaybeSummary;
  censored_waits: MaybeSummary;
  response_s: MaybeSummary;
  blocked_ratio: MaybeSummary;
}

export interface DesignResult {
  name: string;
  metrics: {
    rto_s: RecoverySummary;
    rpo_s: MaybeSummary;
    lost_writes: MaybeSummary;
    duplicate_writes: MaybeSummary;
    availability: MaybeSummary;
    /**
     * p95 latency of the SLO classes' successful requests over the run from the warm-up, per
     * replication (log histogram, bins ~14% wide); what `size` targets for latency.
     */
    p95_latency_s: MaybeSummary;
    /** Attempts sent per unique request (first tries and retries; short-circuited ones are not sent). */
    retry_amplification: MaybeSummary;
    /** Attempts an open client circuit breaker stopped before sending, per unique request. */
    short_circuited_per_request: MaybeSummary;
    /** Share of successful requests answered by a fallback (degraded). */
    degraded_ratio: MaybeSummary;
    /** Requests per replication whose work a queue fallback deferred (answered, not done yet). */
    deferred_requests: MaybeSummary;
    /**
     * Business recovery (present when the scenario has parts besides the data plane: queues, the
     * control plane, ...): seconds from the fault until the SLO holds, the control plane is back,
     * every backlog is below its threshold and no replay still produces duplicates.
     */
    business_rto_s?: RecoverySummary;
  };
  /**
   * With business recovery: per part, the replications in which it finished last (a replication
   * that did not recover counts for its first part still down), most frequent first.
   */
  business_last?: Array<{ part: string; replications: number }>;
  /** The business RTO split along its critical path, averaged over recovered replications. */
  business_rto_phases?: Array<{ phase: string; mean_s: number; share: number }>;
  /**
   * Components whose single failure takes down every redundant path of a design that claims
   * redundancy (static analysis of the design, src/graph/singlePoints.ts; absent when none).
   */
  single_points_of_failure?: SinglePointOfFailure[];
  /**
   * After the fault ended, did goodput return to 90% of its pre-fault share of arriving requests
   * (see metrics/metastability.ts)? `judged`: replications where a verdict is possible;
   * `not_judged` the others, counted per reason in `not_judged_because` (keys in the order of
   * NOT_JUDGED_TEXT, only reasons that occurred).
   */
  metastability: {
    judged: number;
    metastable: number;
    not_judged: number;
    not_judged_because: Partial<Record<NotJudgedReason, number>>;
    storm_outlasted_trigger_s: MaybeSummary;
  };
  /** Per client class (humans, API clients, agents). */
  classes: Array<{
    name: string;
    kind: string;
    requests: MaybeSummary;
    retry_amplification: MaybeSummary;
    short_circuited_per_request: MaybeSummary;
    availability: MaybeSummary;
    degraded_ratio: MaybeSummary;
    workflow_success_ratio: MaybeSummary;
  }>;
  /**
   * Per client region, when client classes name their regions: the SLO classes' requests from
   * users in that region. Latencies are of successful requests, network round trips included.
   */
  client_regions?: Array<{
    region: string;
    requests: MaybeSummary;
    availability: MaybeSummary;
    p50_latency_s: MaybeSummary;
    p95_latency_s: MaybeSummary;
  }>;
  /**
   * Split brain (only when a fault is a network partition): seconds with two writable primaries
   * per replication, summed over databases (an automated promotion across the partition while the
   * old primary still took writes, until the partition healed or the horizon). The writes the old
   * primary took meanwhile are discarded and counted in `lost_writes`.
   */
  split_brain?: MaybeSummary;
  /**
   * Per queue of async work (when the system has queues), from the fault start: most items
   * waiting, the longest drain from the backlog's peak to below its threshold (replications where
   * it drained), deliveries beyond the first, items dead-lettered, side effects run twice.
   */
  queues?: Array<{
    name: string;
    max_backlog: MaybeSummary;
    drain_s: MaybeSummary;
    redeliveries: MaybeSummary;
    dead_lettered: MaybeSummary;
    duplicates: MaybeSummary;
  }>;
  /**
   * Per autoscaled service and region (when a service autoscales): scale-outs that added
   * instances, scale-out requests refused by the region's instance limit (insufficient capacity),
   * most instances the service had there, scale-ins that took instances out; for pricing, the
   * mean instances provisioned before the fault, the instance-seconds from the fault to the
   * horizon and their part above that steady fleet (src/runner/autoscalingOutcome.ts).
   */
  autoscaling?: Array<{
    service: string;
    region: string;
    scale_outs: MaybeSummary;
    refused_insufficient_capacity: MaybeSummary;
    max_instances: MaybeSummary;
    scale_ins: MaybeSummary;
    steady_instances: MaybeSummary;
    incident_instance_s: MaybeSummary;
    incident_extra_instance_s: MaybeSummary;
  }>;
  services: Array<{ name: string } & ServiceFigures & {
    /** The same figures per region, when the service runs in more than one (what `headroom --simulate` reads). */
    regions?: Array<{ region: string } & ServiceFigures>;
  } & Partial<ServiceCapacityResult>>;
  /**
   * The RTO split along the critical path, averaged over recovered replications (absent when none
   * recovered): mean seconds per phase and its share of the summed RTO (shares sum to 1).
   */
  rto_phases?: Array<{ phase: string; mean_s: number; share: number }>;
  timeline: {
    bucket_s: number;
    t_s: number[];
    series: Record<string, Band>;
    /**
     * Per bucket: replications whose arrival-based series (success_ratio, offered_per_s,
     * goodput_per_s, p95_latency_s, retry_amplification) were cut there because the bucket ends
     * after their last measurable second; the bands of those series cover the other replications
     * (null when none is left).
     */
    censored_replications: number[];
    representative_replication: number;
    events: TimelineEvent[];
  };
  replications: Array<{
    replication: number;
    /** null: no fault (`fault: none`). */
    fault_start_s: number | null;
    rto_s: number | null;
    /** Recovered replications: the RTO along its critical path; the spans sum to rto_s. */
    rto_phases?: Array<{ phase: string; s: number }>;
    /** With business recovery: seconds to business recovery (null: not recovered) and the part that finished last. */
    business_rto_s?: number | null;
    business_last_part?: string;
    business_rto_phases?: Array<{ phase: string; s: number }>;
    rpo_s: number;
    lost_writes: number;
    duplicate_writes: number;
    availability: number | null;
    retry_amplification: number | null;
  }>;
  events_processed: number;
  /** With prices: what the design runs, priced by src/cost (see resultCost.ts). */
  inventory?: Inventory;
  /** With prices: the business figures this design is weighed with. */
  business?: Business;
  /** Price figures this design sets differently from the scenario's table (kept when repricing). */
  price_overrides?: Record<string, unknown>;
  /** With prices: monthly running cost and expected outage loss (estimates from the price table). */
  cost?: DesignCost;
}

export interface Result {
  tool: { name: string; version: string };
  scenario: {
    name: string;
    file: string;
    seed: number;
    replications: number;
    horizon_s: number;
    /** The practical thresholds comparisons[] applied (scenario `compare.practical`, defaults filled in). */
    practical: PracticalSpec;
  };
  designs: DesignResult[];
  /** Each design after the first against the first (paired differences, common random numbers). */
  comparisons: Array<Comparison | CostComparison>;
  /** With prices: the scenario's price table, from which every design's cost is computed. */
  prices?: PriceTable;
  /** With prices: the cheapest design in total and the downtime costs where that answer changes. */
  cost_summary?: CostSummary;
  /** Present only for precision-driven runs (`--precision`). */
  precision?: PrecisionReport;
}

/**
 * A service with a capacity curve (absent otherwise): the curve simulated, and its least-squares
 * fit when it was fitted to measured (concurrency, throughput) points of one instance.
 */
export interface ServiceCapacityResult {
  capacity_curve: {
    curve: 'linear' | 'usl';
    /** Time of a lone request, seconds. */
    base_s: number;
    sigma: number;
    kappa: number;
    /** linear: seconds each other request in flight adds (sigma × base_s). */
    slope_s?: number;
    cancel_on_timeout: boolean;
    /** Most requests in flight on one instance (its concurrency, bulkheads included). */
    max_in_flight: number;
  };
  capacity_fit?: {
    points: Array<{ concurrency: number; throughput_per_s: number }>;
    /** 1 − SS_res / SS_tot on throughput. */
    r2: number;
    /** Measured − fitted throughput per point, requests/s. */
    residuals_per_s: number[];
    /** Standard errors of the fitted parameters. */
    std_err: { base_s: number; sigma: number; kappa: number };
  };
}

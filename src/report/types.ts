/**
 * The parts of the Result JSON a report reads (SPEC "Result format"), including the optional
 * cost and recovery-phase fields agreed for this round: a design has `cost` only when its scenario
 * has prices, and `rto_phases` only when the recovery was split into phases. The report renders a
 * section only when its data is present.
 */
import type { DesignResult, Result } from '../runner/result.js';

/** One line item of a design's monthly infrastructure cost (USD). */
export interface CostLine {
  item: string;
  detail: string;
  quantity: number;
  unit: string;
  unit_price_usd: number;
  monthly_usd: number;
}

/** `designs[i].cost`: an estimate from a price table (all money in USD). */
export interface DesignCost {
  currency: 'USD';
  price_table: { name: string; date: string; source: string };
  monthly_usd: number;
  breakdown: CostLine[];
  incidents_per_year: number;
  expected_downtime_min_per_incident: number;
  /** Replications counted at the horizon because they never recovered. */
  not_recovered_at_horizon: number;
  loss_per_incident_usd: number;
  expected_annual_outage_loss_usd: number;
  total_annual_usd: number;
  note: string;
}

/** `result.cost_summary`: which design is cheapest in total, and where the answer changes. */
export interface CostSummary {
  downtime_cost_per_minute_usd: number;
  cheapest_total: string;
  break_evens: Array<{ design: string; against: string; downtime_cost_per_minute_usd: number | null }>;
  cheapest_by_downtime_cost: Array<{ from_usd_per_min: number; to_usd_per_min: number | null; design: string }>;
}

/** `designs[i].rto_phases`: the RTO split along the critical path, mean over recovered replications (s). */
export type RtoPhases = Array<{ phase: string; mean_s: number; share: number }>;

/** A design as the report reads it. */
export type ReportDesign = DesignResult & { cost?: DesignCost; rto_phases?: RtoPhases };

/** A Result as the report reads it. */
export type ReportResult = Omit<Result, 'designs'> & { designs: ReportDesign[]; cost_summary?: CostSummary };

/** A Result read from a file: `source` is the path it came from, as the user wrote it. */
export interface SourcedResult {
  source: string;
  result: ReportResult;
}

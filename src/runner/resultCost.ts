/**
 * The cost part of the Result JSON (contract agreed with the report and recovery work): what a
 * design runs (`inventory`, from its scenario and the simulated write rate), the prices and the
 * business figures it is weighed with, and what `src/cost` computes from them. All optional: a
 * scenario without prices has none of them.
 */
import type { Business, PriceTable } from '../scenario/pricingSchema.js';

export type { Business, PriceTable } from '../scenario/pricingSchema.js';

/** Everything a design runs that a price table prices; counts per month of steady state. */
export interface Inventory {
  /** Instances serving (or, `standby`, idle in a region that gets no traffic until a failover). */
  instances: Array<{ service: string; region: string; instance_type: string; count: number; standby: boolean }>;
  /** One regional load balancer per service per region with instances. */
  load_balancers: Array<{ service: string; region: string; count: number }>;
  /** Managed database instances: the primary and every replica, each holding a full copy. */
  databases: Array<{ database: string; role: 'primary' | 'replica'; mode: 'primary' | 'sync' | 'async'; region: string; instance_type: string; storage_bytes: number }>;
  /** Backup data kept, in the primary's region. */
  backups: Array<{ database: string; region: string; storage_bytes: number }>;
  /** Replication to a replica in another region: every committed write ships `write_bytes` across. */
  replication: Array<{ database: string; from_region: string; to_region: string; write_bytes: number }>;
  /** Global-router health checks: one per regional endpoint. */
  dns_health_checks: number;
  /** Simulated writes committed per second per database before the fault, mean over replications. */
  writes_per_s: Record<string, number>;
}

/** One line of a design's monthly bill. */
export interface CostLine {
  item: string;
  detail: string;
  quantity: number;
  unit: string;
  unit_price_usd: number;
  monthly_usd: number;
  /** Where the unit price comes from: the table's (or the figure's own) source and date, or an override. */
  price_source: string;
}

/** `designs[].cost`: monthly running cost and expected outage loss, estimates from a price table. */
export interface DesignCost {
  currency: 'USD';
  price_table: { name: string; date: string; source: string };
  monthly_usd: number;
  breakdown: CostLine[];
  incidents_per_year: number;
  /** Mean over replications of the RTO in minutes; a replication not recovered counts from the fault to the horizon. */
  expected_downtime_min_per_incident: number;
  not_recovered_at_horizon: number;
  expected_lost_writes_per_incident: number;
  expected_duplicate_writes_per_incident: number;
  loss_per_incident_usd: number;
  expected_annual_outage_loss_usd: number;
  total_annual_usd: number;
  note: string;
}

/** `result.cost_summary`: which design is cheapest in total, and where that answer changes. */
export interface CostSummary {
  downtime_cost_per_minute_usd: number;
  cheapest_total: string;
  break_evens: Array<{ design: string; against: string; downtime_cost_per_minute_usd: number | null }>;
  cheapest_by_downtime_cost: Array<{ from_usd_per_min: number; to_usd_per_min: number | null; design: string }>;
  note: string;
}

/** The `comparisons[]` entry with metric `cost` (one per design after the first). */
export interface CostComparison {
  metric: 'cost';
  baseline: string;
  design: string;
  n: null;
  mean_diff: null;
  ci95: null;
  /** Which has the lower total annual cost at the scenario's downtime cost. */
  better: 'baseline' | 'design' | 'none';
  monthly_diff_usd: number;
  total_annual_diff_usd: number;
  /** Downtime cost per minute at which the design that costs more to run starts paying for itself; null: never. */
  break_even_downtime_cost_per_minute_usd: number | null;
  verdict: string;
}

/** What the Result carries so cost can be (re)computed from it alone. */
export interface DesignPricing {
  inventory: Inventory;
  business: Business;
  /** Figures this design sets differently from the scenario's table (kept when repricing). */
  price_overrides?: Record<string, unknown>;
}

/** The scenario's price table as the Result carries it. */
export type ResultPrices = PriceTable;

/** Whether a `comparisons[]` entry is the cost comparison. */
export function isCostComparison(c: { metric: string }): c is CostComparison {
  return c.metric === 'cost';
}

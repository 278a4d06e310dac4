/**
 * One design's cost from its Result entry: the monthly bill, and the expected annual outage loss =
 * incidents per year × (downtime minutes × cost per minute + lost writes × cost per lost write +
 * duplicate writes × cost per duplicate), each a mean over the simulated replications. A
 * replication that did not recover counts as down from the fault to the horizon, and is counted.
 */
import type { DesignResult, Result } from '../runner/result.js';
import type { Business, DesignCost, PriceTable } from '../runner/resultCost.js';
import { cents } from './figures.js';
import { scaledFleets } from './fleet.js';
import { monthlyLines } from './monthly.js';

/** What one incident costs a design, as mean figures over its replications. */
export interface IncidentFigures {
  downtimeMin: number;
  notRecovered: number;
  lostWrites: number;
  duplicateWrites: number;
}

/** Mean downtime (minutes; not recovered: until the horizon; no fault: none), lost and duplicate writes per incident. */
export function incidentFigures(d: DesignResult, horizonS: number): IncidentFigures {
  const reps = d.replications;
  const mean = (f: (r: DesignResult['replications'][number]) => number) => (reps.length > 0 ? reps.reduce((a, r) => a + f(r), 0) / reps.length : 0);
  return {
    downtimeMin: mean((r) => (r.fault_start_s === null ? 0 : r.rto_s ?? Math.max(0, horizonS - r.fault_start_s))) / 60,
    notRecovered: reps.filter((r) => r.rto_s === null && r.fault_start_s !== null).length,
    lostWrites: mean((r) => r.lost_writes),
    duplicateWrites: mean((r) => r.duplicate_writes),
  };
}

/** Loss per incident in USD, excluding downtime, and the downtime minutes it is multiplied with. */
export function lossParts(f: IncidentFigures, b: Business): { fixed: number; minutes: number } {
  return { fixed: f.lostWrites * b.lost_write_cost_usd + f.duplicateWrites * b.duplicate_write_cost_usd, minutes: f.downtimeMin };
}

/** The cost of design `d` of `result`, priced with `table` and the design's own overrides. */
export function designCost(d: DesignResult, result: Result, table: PriceTable): DesignCost | undefined {
  if (!d.inventory || !d.business) return undefined;
  const b = d.business;
  const breakdown = monthlyLines(d.inventory, table, d.price_overrides, scaledFleets(d), b.incidents_per_year);
  const monthly = cents(breakdown.reduce((a, l) => a + l.monthly_usd, 0));
  const f = incidentFigures(d, result.scenario.horizon_s);
  const { fixed, minutes } = lossParts(f, b);
  const perIncident = minutes * b.downtime_cost_per_minute_usd + fixed;
  const annualLoss = b.incidents_per_year * perIncident;
  return {
    currency: 'USD',
    price_table: { name: table.name, date: table.date, source: table.source },
    monthly_usd: monthly,
    breakdown,
    incidents_per_year: b.incidents_per_year,
    expected_downtime_min_per_incident: f.downtimeMin,
    not_recovered_at_horizon: f.notRecovered,
    expected_lost_writes_per_incident: f.lostWrites,
    expected_duplicate_writes_per_incident: f.duplicateWrites,
    loss_per_incident_usd: cents(perIncident),
    expected_annual_outage_loss_usd: cents(annualLoss),
    total_annual_usd: cents(12 * monthly + annualLoss),
    note: `estimate from price table ${table.name} (${table.date})`,
  };
}

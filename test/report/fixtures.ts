/**
 * Results for report tests: real `run --json` documents of shipped scenarios from small runs
 * (simulated here, in this thread, priced as the CLI prices them, as JSON text parsed back like a
 * file); and contract.md's cost and recovery-phase fields set by hand, for the cases the shipped
 * figures do not reach (a design that costs more to run) and until the recovery phases land.
 */
import { loadScenario } from '../../src/scenario/load.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { priceResult } from '../../src/cost/priceResult.js';
import type { ReportResult } from '../../src/report/types.js';

/** The Result JSON text of `scenario` with `replications`, as `run --json` would print it. */
export async function resultJson(scenario: string, replications = 2): Promise<string> {
  return `${JSON.stringify(priceResult(simulateSequential(await loadScenario(scenario), { replications })), null, 2)}\n`;
}

/** A shipped scenario's Result, parsed from its JSON text. */
export async function shippedResult(name: string, replications = 2): Promise<ReportResult> {
  return JSON.parse(await resultJson(`scenarios/${name}.yaml`, replications)) as ReportResult;
}

/** The Result as a scenario without prices and without recovery phases would give it. */
export function withoutCostAndPhases(result: ReportResult): ReportResult {
  const out = structuredClone(result) as ReportResult & { prices?: unknown };
  delete out.cost_summary;
  delete out.prices;
  out.comparisons = out.comparisons.filter((c) => c.metric !== 'cost');
  for (const d of out.designs as Array<ReportResult['designs'][number] & Record<string, unknown>>) {
    for (const k of ['cost', 'rto_phases', 'inventory', 'business', 'price_overrides']) delete d[k];
    for (const r of d.replications as Array<Record<string, unknown>>) delete r['rto_phases'];
  }
  return out;
}

const PRICE_TABLE = { name: 'test-prices', date: '2026-11-01', source: 'hand-made for report tests' };

/**
 * Adds contract.md's `cost` to every design, `cost_summary` and `rto_phases`: monthly cost rising
 * with the design's index, outage loss from its RTO mean at `usdPerMin`, two phases per design
 * splitting its RTO mean. Figures are arbitrary but consistent with the contract's definitions.
 */
export function withCostAndPhases(result: ReportResult, usdPerMin = 100): ReportResult {
  const horizon = result.scenario.horizon_s;
  const out = structuredClone(result);
  out.designs.forEach((d, i) => {
    const r = d.metrics.rto_s;
    const downtimeMin = ((r.mean ?? 0) * r.recovered + horizon * r.not_recovered) / Math.max(1, r.recovered + r.not_recovered) / 60;
    const monthly = 1000 * (i + 1);
    const loss = downtimeMin * usdPerMin;
    d.cost = {
      currency: 'USD',
      price_table: PRICE_TABLE,
      monthly_usd: monthly,
      breakdown: [{ item: 'instances', detail: 'api', quantity: 6, unit: 'instance-month', unit_price_usd: monthly / 6, monthly_usd: monthly }],
      incidents_per_year: 1,
      expected_downtime_min_per_incident: downtimeMin,
      not_recovered_at_horizon: r.not_recovered,
      loss_per_incident_usd: loss,
      expected_annual_outage_loss_usd: loss,
      total_annual_usd: 12 * monthly + loss,
      note: `estimate from price table ${PRICE_TABLE.name} (${PRICE_TABLE.date})`,
    };
    if (r.mean !== null) d.rto_phases = [{ phase: 'detection', mean_s: r.mean * 0.25, share: 0.25 }, { phase: 'instance_cycling', mean_s: r.mean * 0.75, share: 0.75 }];
  });
  const byTotal = [...out.designs].sort((a, b) => a.cost!.total_annual_usd - b.cost!.total_annual_usd);
  out.cost_summary = {
    downtime_cost_per_minute_usd: usdPerMin,
    cheapest_total: byTotal[0]!.name,
    break_evens: out.designs.slice(1).map((d) => ({ design: d.name, against: out.designs[0]!.name, downtime_cost_per_minute_usd: 12 * (d.cost!.monthly_usd - out.designs[0]!.cost!.monthly_usd) / Math.max(1e-9, out.designs[0]!.cost!.expected_downtime_min_per_incident - d.cost!.expected_downtime_min_per_incident) })),
    cheapest_by_downtime_cost: [{ from_usd_per_min: 0, to_usd_per_min: null, design: byTotal[0]!.name }],
  };
  return out;
}

/**
 * The cost section `run` and `compare` print when the scenario has prices: per design the monthly
 * running cost, the expected downtime per incident, the expected annual outage loss and the total,
 * every figure labelled as an estimate from the named price table; the cheapest design in total and
 * the downtime costs where that answer changes; replications counted at the horizon, flagged.
 */
import { formatDuration } from '../engine/duration.js';
import { usd } from '../cost/money.js';
import type { Result } from '../runner/result.js';
import { table } from './format.js';

/** The cost section, or null when the Result has no cost figures. */
export function formatCost(result: Result): string | null {
  const s = result.cost_summary;
  const designs = result.designs.filter((d) => d.cost);
  if (!s || designs.length === 0) return null;
  const t = designs[0]!.cost!.price_table;
  const out = [`cost (estimates from price table ${t.name}, ${t.date}: ${t.source})`];
  const rows = [['design', 'monthly', 'incidents/year', 'downtime/incident', 'outage loss/incident', 'outage loss/year', 'total/year']];
  for (const d of designs) {
    const c = d.cost!;
    rows.push([
      d.name,
      usd(c.monthly_usd),
      String(c.incidents_per_year),
      `${formatDuration(c.expected_downtime_min_per_incident * 60)}${c.not_recovered_at_horizon > 0 ? ' !' : ''}`,
      usd(c.loss_per_incident_usd),
      usd(c.expected_annual_outage_loss_usd),
      usd(c.total_annual_usd),
    ]);
  }
  out.push(table(rows));
  const ranges = s.cheapest_by_downtime_cost
    .map((r) => `"${r.design}" ${r.to_usd_per_min === null ? (r.from_usd_per_min === 0 ? 'at any downtime cost' : `from ${usd(r.from_usd_per_min)}/min`) : r.from_usd_per_min === 0 ? `below ${usd(r.to_usd_per_min)}/min` : `from ${usd(r.from_usd_per_min)} to ${usd(r.to_usd_per_min)}/min`}`)
    .join(', ');
  out.push(`cheapest in total at ${usd(s.downtime_cost_per_minute_usd)}/min of downtime: "${s.cheapest_total}"; by downtime cost: ${ranges}.`);
  for (const d of designs) {
    const c = d.cost!;
    if (c.not_recovered_at_horizon > 0) {
      out.push(`! ${d.name}: ${c.not_recovered_at_horizon} of ${d.replications.length} replications did not recover; their downtime counts from the fault to the end of the horizon, so its outage loss is a lower bound.`);
    }
  }
  return out.join('\n');
}

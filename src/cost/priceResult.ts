/**
 * Prices a Result: a pure function of the Result JSON (each design's inventory, business figures
 * and price overrides, its replications) and a price table (the one the Result carries, or another
 * to reprice an old result). Adds `designs[].cost`, `cost_summary` and one `comparisons[]` entry
 * with metric `cost` per design after the first. Nothing is simulated again.
 */
import type { Comparison } from '../runner/compare.js';
import type { DesignResult, Result } from '../runner/result.js';
import { isCostComparison, type CostComparison, type CostSummary, type DesignCost, type PriceTable } from '../runner/resultCost.js';
import { breakEven, cheapestByDowntimeCost, totalAt, type CostLineInC } from './breakEven.js';
import { designCost, incidentFigures, lossParts } from './designCost.js';
import { cents } from './figures.js';
import { usd } from './money.js';

/** The line total(c) = a + b·c of a priced design. */
function lineOf(d: DesignResult, cost: DesignCost, horizonS: number): CostLineInC {
  const b = d.business!;
  const { fixed, minutes } = lossParts(incidentFigures(d, horizonS), b);
  return { design: d.name, monthly: cost.monthly_usd, a: 12 * cost.monthly_usd + b.incidents_per_year * fixed, b: b.incidents_per_year * minutes };
}

/**
 * The Result with cost figures, priced with `table` (default: the Result's own `prices`). A Result
 * without prices, or any design without an inventory, is returned unchanged.
 */
export function priceResult(result: Result, table: PriceTable | undefined = result.prices): Result {
  if (!table || result.designs.length === 0 || result.designs.some((d) => !d.inventory || !d.business)) return result;
  const designs = result.designs.map((d) => ({ ...d, cost: designCost(d, result, table)! }));
  const c0 = designs[0]!.business!.downtime_cost_per_minute_usd;
  const lines = designs.map((d) => lineOf(d, d.cost, result.scenario.horizon_s));
  const withoutCost = result.comparisons.filter((c): c is Comparison => !isCostComparison(c));
  return {
    ...result,
    designs,
    comparisons: [...withoutCost, ...costComparisons(lines, c0, table)],
    prices: table,
    cost_summary: summary(lines, c0, table),
  };
}

function summary(lines: CostLineInC[], c0: number, table: PriceTable): CostSummary {
  const cheapest = lines.reduce((best, l) => (totalAt(l, c0) < totalAt(best, c0) - 0.005 ? l : best));
  const breakEvens: CostSummary['break_evens'] = [];
  for (const d of lines) {
    for (const e of lines) {
      if (e.monthly < d.monthly) breakEvens.push({ design: d.design, against: e.design, downtime_cost_per_minute_usd: roundOrNull(breakEven(d, e)) });
    }
  }
  return {
    downtime_cost_per_minute_usd: c0,
    cheapest_total: cheapest.design,
    break_evens: breakEvens,
    cheapest_by_downtime_cost: cheapestByDowntimeCost(lines).map((s) => ({ ...s, from_usd_per_min: cents(s.from_usd_per_min), to_usd_per_min: roundOrNull(s.to_usd_per_min) })),
    note: `estimates from price table ${table.name} (${table.date})`,
  };
}

function roundOrNull(x: number | null): number | null {
  return x === null ? null : cents(x);
}

function costComparisons(lines: CostLineInC[], c0: number, table: PriceTable): CostComparison[] {
  const [base, ...others] = lines;
  if (!base) return [];
  return others.map((d) => {
    const monthlyDiff = cents(d.monthly - base.monthly);
    const totalDiff = cents(totalAt(d, c0) - totalAt(base, c0));
    const dearer = d.monthly > base.monthly || (d.monthly === base.monthly && d.a > base.a) ? d : base;
    const cheaper = dearer === d ? base : d;
    const be = roundOrNull(breakEven(dearer, cheaper));
    const better: CostComparison['better'] = totalDiff < 0 ? 'design' : totalDiff > 0 ? 'baseline' : 'none';
    const run = monthlyDiff === 0 ? `costs the same to run as "${base.design}"` : `costs ${usd(Math.abs(monthlyDiff))}/month ${monthlyDiff > 0 ? 'more' : 'less'} to run than "${base.design}"`;
    const total = totalDiff === 0 ? 'the same total' : `a total ${usd(Math.abs(totalDiff))}/year ${totalDiff < 0 ? 'lower' : 'higher'}`;
    const pays = be === null ? `"${dearer.design}" never pays for itself against "${cheaper.design}" (its outages cost no less)`
      : be === 0 ? `"${dearer.design}" is cheaper in total at any downtime cost`
      : `"${dearer.design}" pays for itself above ${usd(be)}/min of downtime`;
    return {
      metric: 'cost',
      baseline: base.design,
      design: d.design,
      n: null,
      mean_diff: null,
      ci95: null,
      better,
      monthly_diff_usd: monthlyDiff,
      total_annual_diff_usd: totalDiff,
      break_even_downtime_cost_per_minute_usd: be,
      verdict: `cost: "${d.design}" ${run}; at ${usd(c0)}/min of downtime it has ${total}; ${pays} (estimates from price table ${table.name}, ${table.date}).`,
    };
  });
}

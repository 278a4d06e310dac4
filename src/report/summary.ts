/**
 * The summary table of a report, one row per design, as plain text cells (the HTML and Markdown
 * writers escape and lay them out): RTO p50/p95 with the not-recovered count, RPO, lost writes,
 * availability, business RTO p50/p95 and the part that finished last most often (when the Result
 * has business recovery) and, when the Result has prices, monthly cost, expected annual outage loss and
 * total per year.
 */
import { duration, fixed, percent, usd } from './format.js';
import type { ReportDesign, ReportResult } from './types.js';

/** Column headers and rows of the summary table. */
export interface SummaryTable {
  header: string[];
  rows: string[][];
  /** Whether the money columns are there (some design has a cost). */
  withCost: boolean;
}

/** Whether any design of the Result carries a cost. */
export function hasCost(result: ReportResult): boolean {
  return result.designs.some((d) => d.cost !== undefined);
}

function notRecovered(d: ReportDesign): string {
  const { recovered, not_recovered } = d.metrics.rto_s;
  return not_recovered === 0 ? `0 of ${recovered}` : `${not_recovered} of ${recovered + not_recovered}`;
}

/** The summary table of `result`. */
export function summaryTable(result: ReportResult): SummaryTable {
  const withCost = hasCost(result);
  const business = result.designs.some((d) => d.metrics.business_rto_s);
  const header = ['design', 'RTO p50', 'RTO p95', 'not recovered', ...(business ? ['business RTO p50', 'business RTO p95', 'finished last'] : []), 'RPO mean', 'lost writes', 'availability'];
  if (withCost) header.push('monthly cost', 'expected annual outage loss', 'total per year');
  const rows = result.designs.map((d) => {
    const m = d.metrics;
    const b = m.business_rto_s;
    const businessCells = business ? [duration(b?.p50 ?? null), duration(b?.p95 ?? null), d.business_last?.[0]?.part ?? '-'] : [];
    const row = [d.name, duration(m.rto_s.p50), duration(m.rto_s.p95), notRecovered(d), ...businessCells, duration(m.rpo_s.mean), fixed(m.lost_writes.mean, 1), percent(m.availability.mean, 3)];
    if (withCost) row.push(usd(d.cost?.monthly_usd), usd(d.cost?.expected_annual_outage_loss_usd), usd(d.cost?.total_annual_usd));
    return row;
  });
  return { header, rows, withCost };
}

/** Sentences every human-readable output must carry: designs with replications that never recovered. */
export function warnings(result: ReportResult): string[] {
  const out: string[] = [];
  for (const d of result.designs) {
    const { recovered, not_recovered } = d.metrics.rto_s;
    if (not_recovered > 0) {
      const atHorizon = d.cost ? '; its expected outage loss counts them as down until the horizon' : '';
      out.push(`${d.name}: ${not_recovered} of ${recovered + not_recovered} replications did not recover within the horizon; RTO statistics cover the recovered ones only${atHorizon}.`);
    }
    const b = d.metrics.business_rto_s;
    if (b && b.not_recovered > 0) {
      out.push(`${d.name}: ${b.not_recovered} of ${b.recovered + b.not_recovered} replications did not reach business recovery within the horizon; business RTO statistics cover the recovered ones only.`);
    }
  }
  return out;
}

/** Where the money figures come from, once per price table (they are estimates). */
export function costNotes(result: ReportResult): string[] {
  const tables = new Map<string, string>();
  for (const d of result.designs) {
    if (!d.cost) continue;
    const t = d.cost.price_table;
    tables.set(`${t.name}\u0000${t.date}`, `Cost figures are estimates from price table ${t.name} (${t.date}).`);
  }
  return [...tables.values()];
}

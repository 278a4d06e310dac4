/**
 * Sentences that explain a Result beside its table: where each design's recovery time goes (from
 * `rto_phases`), and how the cheapest design changes with the cost of downtime (from
 * `cost_summary`). Plain text; the HTML and Markdown writers escape it.
 */
import { duration, usd } from './format.js';
import type { ReportResult } from './types.js';

/** A phase name as people read it: `dns_propagation` → `DNS propagation`. */
export function phaseLabel(phase: string): string {
  return phase.replace(/_/g, ' ').replace(/\bdns\b/gi, 'DNS').replace(/\bslo\b/gi, 'SLO');
}

/** Per design with phases: its largest phase and that phase's share of the recovery. */
export function phaseSentences(result: ReportResult): string[] {
  const out: string[] = [];
  for (const d of result.designs) {
    const phases = d.rto_phases ?? [];
    if (phases.length === 0) continue;
    const top = phases.reduce((a, b) => (b.share > a.share ? b : a));
    const total = phases.reduce((s, p) => s + p.mean_s, 0);
    out.push(`${Math.round(top.share * 100)}% of the "${d.name}" recovery is ${phaseLabel(top.phase)} (${duration(top.mean_s)} of ${duration(total)} on average).`);
  }
  return out;
}

/** Rows "downtime cost range → cheapest design in total", when the Result has a cost summary. */
export function cheapestByDowntimeCost(result: ReportResult): Array<[string, string]> {
  return (result.cost_summary?.cheapest_by_downtime_cost ?? []).map((r) => [
    r.to_usd_per_min === null ? `from ${usd(r.from_usd_per_min)} per minute` : `${usd(r.from_usd_per_min)} to ${usd(r.to_usd_per_min)} per minute`,
    r.design,
  ]);
}

/** One sentence per break-even: the downtime cost at which a dearer design pays for itself. */
export function breakEvenSentences(result: ReportResult): string[] {
  return (result.cost_summary?.break_evens ?? []).map((b) =>
    b.downtime_cost_per_minute_usd === null
      ? `"${b.design}" never pays for itself against "${b.against}" (it does not cut the expected downtime enough).`
      : `"${b.design}" pays for itself against "${b.against}" above ${usd(b.downtime_cost_per_minute_usd)} per minute of downtime.`,
  );
}

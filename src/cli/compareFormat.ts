/**
 * `outagesim compare`: designs side by side (one column each), then the paired differences
 * against the first design with their 95% CIs, then one verdict sentence per metric.
 */
import { formatDuration } from '../engine/duration.js';
import { HEADLINES } from '../runner/compare.js';
import type { Result } from '../runner/result.js';
import { isCostComparison } from '../runner/resultCost.js';
import { usd } from '../cost/money.js';
import { formatCost } from './costFormat.js';
import { noFaultLine, notJudgedClause, stormShown, table } from './format.js';

const dur = (x: number | null) => (x === null ? '-' : formatDuration(x));
const num = (x: number | null, d: number) => (x === null ? '-' : x.toFixed(d));

/** The compare report. */
export function formatComparison(result: Result): string {
  const { scenario, tool, designs } = result;
  const out: string[] = [];
  out.push(`${tool.name} ${tool.version} · ${scenario.name} · seed ${scenario.seed} · ${scenario.replications} replications · horizon ${formatDuration(scenario.horizon_s)}`);
  out.push('');
  const rows: string[][] = [['', ...designs.map((d) => d.name)]];
  const row = (label: string, f: (d: Result['designs'][number]) => string) => rows.push([label, ...designs.map(f)]);
  const na = (d: Result['designs'][number]) => d.metrics.rto_s.not_applicable > 0;
  row('RTO p50', (d) => (na(d) ? 'n/a' : dur(d.metrics.rto_s.p50)));
  row('RTO p95', (d) => (na(d) ? 'n/a' : dur(d.metrics.rto_s.p95)));
  row('not recovered', (d) => (na(d) ? 'n/a' : `${d.metrics.rto_s.not_recovered} of ${d.metrics.rto_s.recovered + d.metrics.rto_s.not_recovered}`));
  row('RPO mean', (d) => dur(d.metrics.rpo_s.mean));
  row('lost writes mean', (d) => num(d.metrics.lost_writes.mean, 1));
  row('availability mean', (d) => (d.metrics.availability.mean === null ? '-' : `${(d.metrics.availability.mean * 100).toFixed(3)}%`));
  row('retry amplification', (d) => num(d.metrics.retry_amplification.mean, 3));
  if (designs.some((d) => (d.metrics.short_circuited_per_request.max ?? 0) > 0)) {
    row('breaker-stopped attempts/request', (d) => num(d.metrics.short_circuited_per_request.mean, 3));
  }
  if (designs.some((d) => (d.metrics.degraded_ratio.mean ?? 0) > 0)) {
    row('answered degraded', (d) => (d.metrics.degraded_ratio.mean === null ? '-' : `${(d.metrics.degraded_ratio.mean * 100).toFixed(2)}%`));
  }
  if (designs.some(stormShown)) {
    row('metastable (goodput stayed down)', (d) => {
      const m = d.metastability;
      if (m.judged === 0) return 'not judged';
      return `${m.metastable} of ${m.judged}` + (m.not_judged > 0 ? ` (${m.not_judged} not judged)` : '');
    });
  }
  out.push(table(rows));
  for (const d of designs) {
    const nf = noFaultLine(d);
    if (nf) out.push(nf);
    const nr = d.metrics.rto_s.not_recovered;
    if (nr > 0) out.push(`! ${d.name}: ${nr} of ${scenario.replications} replications did not recover within the horizon; RTO statistics cover the recovered ones only.`);
    if (stormShown(d) && d.metastability.not_judged > 0) out.push(`! ${d.name}: metastability ${notJudgedClause(d.metastability)}.`);
  }
  const cost = formatCost(result);
  if (cost !== null) out.push('', cost);
  if (result.comparisons.length === 0) {
    out.push('', 'one design only: nothing to compare.');
    return out.join('\n');
  }
  out.push('', `paired differences (design − ${designs[0]!.name}, same replication = common random numbers)`);
  const drows: string[][] = [['design', 'metric', 'mean diff', '95% CI', 'pairs']];
  const crows: string[][] = [['design', 'monthly diff', 'total/year diff', 'break-even downtime cost']];
  for (const c of result.comparisons) {
    if (isCostComparison(c)) {
      const be = c.break_even_downtime_cost_per_minute_usd;
      crows.push([c.design, usd(c.monthly_diff_usd), usd(c.total_annual_diff_usd), be === null ? 'never' : `${usd(be)}/min`]);
      continue;
    }
    const h = HEADLINES.find((x) => x.metric === c.metric)!;
    drows.push([c.design, c.metric, c.mean_diff === null ? '-' : h.show(c.mean_diff), !c.ci95 ? '-' : c.n < 2 ? 'no CI from 1 pair' : `${h.show(c.ci95[0])} to ${h.show(c.ci95[1])}`, String(c.n)]);
  }
  out.push(table(drows), '');
  if (crows.length > 1) out.push(`cost differences (design − ${designs[0]!.name}; estimates from the price table)`, table(crows), '');
  for (const c of result.comparisons) out.push(`- ${c.verdict}`);
  return out.join('\n');
}

/** The line a precision-driven run prints under its table. */
export function formatPrecision(result: Result): string | null {
  const p = result.precision;
  if (!p) return null;
  const target = `${(p.target_relative_half_width * 100).toFixed(1)}%`;
  const worst = p.worst ? `${p.worst.metric} of ${p.worst.design} at ±${p.worst.relative_half_width === null ? '∞' : `${(p.worst.relative_half_width * 100).toFixed(1)}%`}` : '';
  return p.reached
    ? `precision ${target} reached after ${result.scenario.replications} replications (batches ${p.batches.join(', ')}; widest: ${worst}).`
    : `! cap of ${p.max_replications} replications hit before precision ${target} was reached (widest: ${worst}).`;
}

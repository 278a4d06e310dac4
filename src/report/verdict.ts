/**
 * The one-sentence verdict at the top of a report: which design wins and why. Without prices the
 * winner is the design that recovers (fewest replications not recovered, then the lowest RTO p50),
 * with the paired comparison that says whether the difference is significant. With prices the
 * winner is the design cheapest in total (infrastructure plus expected outage loss) at the
 * scenario's downtime cost, and the sentence gives the cost of that choice against the fastest.
 */
import { duration, percent, usd } from './format.js';
import type { ReportDesign, ReportResult } from './types.js';

const q = (name: string): string => `"${name}"`;

/** Designs from fastest to slowest recovery: fewest not recovered, then RTO p50, then mean. */
export function bySpeed(designs: ReportDesign[]): ReportDesign[] {
  const key = (d: ReportDesign): [number, number, number] => {
    const r = d.metrics.rto_s;
    return [r.not_recovered / Math.max(1, r.recovered + r.not_recovered), r.p50 ?? Infinity, r.mean ?? Infinity];
  };
  return [...designs].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    return ka[0] - kb[0] || ka[1] - kb[1] || ka[2] - kb[2];
  });
}

function rtoPhrase(d: ReportDesign): string {
  const r = d.metrics.rto_s;
  if (r.recovered === 0) return 'never recovers within the horizon';
  const nr = r.not_recovered > 0 ? `, ${r.not_recovered} of ${r.recovered + r.not_recovered} replications not recovered` : '';
  return `RTO p50 ${duration(r.p50)}${nr}`;
}

/** Whether the paired RTO comparison of `a` and `b` (one of them the first design) is significant. */
function significance(result: ReportResult, a: ReportDesign, b: ReportDesign): string {
  const c = result.comparisons.find((x) => x.metric === 'rto_s' && ((x.design === a.name && x.baseline === b.name) || (x.design === b.name && x.baseline === a.name)));
  if (!c || c.ci95 === null || c.mean_diff === null) return '';
  if (c.better === 'none') return ' (the paired RTO difference is not statistically significant)';
  const sign = c.design === a.name ? 1 : -1;
  const lo = sign === 1 ? c.ci95[0] : -c.ci95[1];
  const hi = sign === 1 ? c.ci95[1] : -c.ci95[0];
  return ` (paired difference ${duration(sign * c.mean_diff)}, 95% CI ${duration(lo)} to ${duration(hi)})`;
}

function withoutCost(result: ReportResult): string {
  const [fast, next] = bySpeed(result.designs) as [ReportDesign, ReportDesign];
  const avail = `availability ${percent(fast.metrics.availability.mean, 2)} against ${percent(next.metrics.availability.mean, 2)}`;
  const c = result.comparisons.find((x) => x.metric === 'rto_s' && [x.design, x.baseline].includes(fast.name) && [x.design, x.baseline].includes(next.name));
  if (c?.better === 'none' && fast.metrics.rto_s.not_recovered === next.metrics.rto_s.not_recovered) {
    return `No design clearly wins on recovery: ${q(fast.name)} (${rtoPhrase(fast)}) and ${q(next.name)} (${rtoPhrase(next)}) do not differ significantly in paired replications; ${avail}.`;
  }
  return `${q(fast.name)} wins: it recovers fastest, ${rtoPhrase(fast)} against ${rtoPhrase(next)} for ${q(next.name)}${significance(result, fast, next)}, with ${avail}.`;
}

function withCost(result: ReportResult): string {
  const priced = result.designs.filter((d) => d.cost !== undefined);
  const cheapestName = result.cost_summary?.cheapest_total ?? [...priced].sort((a, b) => a.cost!.total_annual_usd - b.cost!.total_annual_usd)[0]!.name;
  const cheap = priced.find((d) => d.name === cheapestName) ?? priced[0]!;
  const [fast, next] = bySpeed(priced) as [ReportDesign, ReportDesign | undefined];
  const per = result.cost_summary ? ` at ${usd(result.cost_summary.downtime_cost_per_minute_usd)} per minute of downtime` : '';
  const cc = cheap.cost!;
  const total = `${usd(cc.total_annual_usd)} a year (${usd(cc.monthly_usd)} a month of infrastructure plus ${usd(cc.expected_annual_outage_loss_usd)} expected outage loss)`;
  if (cheap.name === fast.name) {
    if (!next) return `${q(fast.name)} (${rtoPhrase(fast)}) costs ${total}.`;
    const nc = next.cost!;
    const monthly = cc.monthly_usd - nc.monthly_usd;
    const choice = Math.abs(monthly) < 0.005
      ? `the same infrastructure cost as ${q(next.name)}, and`
      : monthly > 0
        ? `${usd(monthly)} a month more than ${q(next.name)} in infrastructure, repaid by`
        : `${usd(-monthly)} a month less than ${q(next.name)} in infrastructure, and`;
    return `${q(fast.name)} wins: it recovers fastest (${rtoPhrase(fast)} against ${rtoPhrase(next)} for ${q(next.name)}) and is the cheapest in total${per}, ${total}: ${choice} ${usd(nc.total_annual_usd - cc.total_annual_usd)} a year lower total.`;
  }
  const be = result.cost_summary?.break_evens.find((b) => b.design === fast.name && b.against === cheap.name);
  const beText = be === undefined ? '' : be.downtime_cost_per_minute_usd === null ? `, and never pays for itself` : `, and pays for itself only above ${usd(be.downtime_cost_per_minute_usd)} per minute of downtime`;
  return `${q(cheap.name)} wins on cost: ${rtoPhrase(cheap)} for the lowest total${per}, ${total}; the fastest design, ${q(fast.name)} (${rtoPhrase(fast)}), would cost ${usd(fast.cost!.total_annual_usd - cc.total_annual_usd)} a year more${beText}.`;
}

/** The verdict sentence for `result` (plain text; writers escape it). */
export function verdict(result: ReportResult): string {
  if (result.designs.length === 1) {
    const d = result.designs[0]!;
    const cost = d.cost ? `, for ${usd(d.cost.monthly_usd)} a month (${usd(d.cost.total_annual_usd)} a year with the expected outage loss)` : '';
    return `${q(d.name)} is the only design: ${rtoPhrase(d)}, availability ${percent(d.metrics.availability.mean, 2)}${cost}.`;
  }
  return result.designs.some((d) => d.cost !== undefined) ? withCost(result) : withoutCost(result);
}

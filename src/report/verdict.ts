/**
 * The one-sentence verdict at the top of a report: which design wins and why. Without prices the
 * winner is the design that recovers (fewest replications not recovered, then the lowest RTO p50),
 * with the paired comparison that says whether the difference is significant. With prices the
 * winner is the design cheapest in total (infrastructure plus expected outage loss) at the
 * scenario's downtime cost, and the sentence gives the cost of that choice against the fastest.
 *
 * When every design tracks business recovery (queues, the control plane), recovery means business
 * recovery (REFERENCE case F: complete only when the data plane, the control plane and business
 * state are all back): designs are ranked by business RTO first, the RTO breaking ties, and the
 * sentence quotes both. Designs whose totals tie (within a dollar a year; e.g. they differ in a
 * setting the price table does not price, such as a token quota) are told apart by recovery, so
 * the design named is the one that costs no more and recovers soonest.
 */
import { duration, percent, usd } from './format.js';
import type { ReportDesign, ReportResult } from './types.js';

const q = (name: string): string => `"${name}"`;

type Recovery = ReportDesign['metrics']['rto_s'];

/** Whether every design tracks business recovery (then it is what "recovers" means here). */
function businessTracked(designs: ReportDesign[]): boolean {
  return designs.length > 0 && designs.every((d) => d.metrics.business_rto_s !== undefined);
}

/** A recovery's sort key: share not recovered, then p50, then mean. */
function speedKey(r: Recovery): number[] {
  return [r.not_recovered / Math.max(1, r.recovered + r.not_recovered), r.p50 ?? Infinity, r.mean ?? Infinity];
}

/** Designs from fastest to slowest recovery: fewest not recovered, then p50, then mean; business recovery first when every design tracks it. */
export function bySpeed(designs: ReportDesign[]): ReportDesign[] {
  const business = businessTracked(designs);
  const key = (d: ReportDesign): number[] => [...(business ? speedKey(d.metrics.business_rto_s!) : []), ...speedKey(d.metrics.rto_s)];
  return [...designs].sort((a, b) => {
    const [ka, kb] = [key(a), key(b)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i]! - kb[i]!;
    return 0;
  });
}

/** How a recovery reads: `<label> p50 …`, with the replications that did not recover. */
function recoveryPhrase(r: Recovery, label: string, never: string): string {
  if (r.recovered === 0) return never;
  const nr = r.not_recovered > 0 ? `, ${r.not_recovered} of ${r.recovered + r.not_recovered} replications not recovered` : '';
  return `${label} p50 ${duration(r.p50)}${nr}`;
}

function rtoPhrase(d: ReportDesign): string {
  const rto = recoveryPhrase(d.metrics.rto_s, 'RTO', 'never recovers within the horizon');
  const b = d.metrics.business_rto_s;
  return b === undefined ? rto : `${recoveryPhrase(b, 'business RTO', 'business never recovers within the horizon')}, ${rto}`;
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
  // The Result's paired comparisons are of RTOs, not business RTOs: ranked by business recovery, no paired claim is made.
  const paired = !businessTracked(result.designs);
  const c = paired ? result.comparisons.find((x) => x.metric === 'rto_s' && [x.design, x.baseline].includes(fast.name) && [x.design, x.baseline].includes(next.name)) : undefined;
  if (c?.better === 'none' && fast.metrics.rto_s.not_recovered === next.metrics.rto_s.not_recovered) {
    return `No design clearly wins on recovery: ${q(fast.name)} (${rtoPhrase(fast)}) and ${q(next.name)} (${rtoPhrase(next)}) do not differ significantly in paired replications; ${avail}.`;
  }
  return `${q(fast.name)} wins: it recovers fastest, ${rtoPhrase(fast)} against ${rtoPhrase(next)} for ${q(next.name)}${paired ? significance(result, fast, next) : ''}, with ${avail}.`;
}

function withCost(result: ReportResult): string {
  const priced = result.designs.filter((d) => d.cost !== undefined);
  const cheapestName = result.cost_summary?.cheapest_total ?? [...priced].sort((a, b) => a.cost!.total_annual_usd - b.cost!.total_annual_usd)[0]!.name;
  const cheapest = priced.find((d) => d.name === cheapestName) ?? priced[0]!;
  const [fast, next] = bySpeed(priced) as [ReportDesign, ReportDesign | undefined];
  // Among designs whose totals tie with the cheapest (within a dollar a year), the one that recovers soonest.
  const cheap = bySpeed(priced.filter((d) => Math.abs(d.cost!.total_annual_usd - cheapest.cost!.total_annual_usd) < 1))[0] ?? cheapest;
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

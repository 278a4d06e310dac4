/**
 * Human-readable rendering of a Result for the terminal: one table row per design, the services,
 * and the events of each design's representative replication.
 */
import { formatDuration } from '../engine/duration.js';
import { NOT_JUDGED_TEXT, type NotJudgedReason } from '../metrics/metastability.js';
import type { DesignResult, MaybeSummary, Result } from '../runner/result.js';
import { spofLine } from '../graph/format.js';
import { autoscalingLines } from './autoscalingFormat.js';
import { capacityLines } from './capacityFormat.js';
import { phaseLines } from './phaseFormat.js';
import { businessLines, queueLines } from './businessFormat.js';
import { splitBrainSentence } from '../report/riskSection.js';

function dur(x: number | null): string {
  return x === null ? '-' : formatDuration(x);
}

function pct(x: number | null, digits = 3): string {
  return x === null ? '-' : `${(x * 100).toFixed(digits)}%`;
}

function num(x: number | null, digits = 2): string {
  return x === null ? '-' : x.toFixed(digits);
}

/** Lays out rows as aligned columns (first column left-aligned, others right-aligned). */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ').trimEnd())
    .join('\n');
}

function rtoCell(d: DesignResult, pick: (s: MaybeSummary) => number | null): string {
  return d.metrics.rto_s.not_applicable > 0 ? 'n/a' : dur(pick(d.metrics.rto_s));
}

/** The line saying a design has no fault, so RTO and metastability do not apply. */
export function noFaultLine(d: DesignResult): string | null {
  return d.metrics.rto_s.not_applicable > 0
    ? `! ${d.name}: no fault (fault: none): RTO and metastability do not apply; the figures are steady state.`
    : null;
}

/**
 * A mean with its 95% CI as a table cell, `mean (low–high)`; from a single value there is no
 * interval, so the cell says so (`mean (n=1: no CI)`) instead of printing the mean twice as
 * bounds; '-' without values.
 */
export function meanWithCi(s: MaybeSummary, show: (x: number) => string): string {
  if (s.mean === null || s.ci95 === null) return '-';
  return s.n < 2 ? `${show(s.mean)} (n=1: no CI)` : `${show(s.mean)} (${show(s.ci95[0])}–${show(s.ci95[1])})`;
}

/** The one-paragraph summary of a run, as printed by `outagesim run`. */
export function formatResult(result: Result): string {
  const { scenario, tool } = result;
  const out: string[] = [];
  out.push(`${tool.name} ${tool.version} · ${scenario.name} · seed ${scenario.seed} · ${scenario.replications} replications · horizon ${formatDuration(scenario.horizon_s)}`);
  out.push('');
  const stopped = result.designs.some((d) => (d.metrics.short_circuited_per_request.max ?? 0) > 0);
  const rows: string[][] = [['design', 'RTO p50', 'RTO p95', 'RTO mean (95% CI)', 'recovered', 'RPO mean', 'lost writes', 'dup writes', 'availability', 'retry amp', ...(stopped ? ['breaker-stopped'] : [])]];
  for (const d of result.designs) {
    const m = d.metrics;
    const ci = m.rto_s.not_applicable > 0 ? 'n/a' : meanWithCi(m.rto_s, dur);
    rows.push([
      d.name,
      rtoCell(d, (s) => s.p50),
      rtoCell(d, (s) => s.p95),
      ci,
      m.rto_s.not_applicable > 0 ? 'n/a' : `${m.rto_s.recovered}/${m.rto_s.recovered + m.rto_s.not_recovered}`,
      dur(m.rpo_s.mean),
      num(m.lost_writes.mean, 1),
      num(m.duplicate_writes.mean, 1),
      pct(m.availability.mean),
      num(m.retry_amplification.mean, 3),
      ...(stopped ? [num(m.short_circuited_per_request.mean, 3)] : []),
    ]);
  }
  out.push(table(rows));
  if (stopped) out.push(RETRY_LEGEND);
  for (const d of result.designs) {
    const nf = noFaultLine(d);
    if (nf) out.push(nf);
    const nr = d.metrics.rto_s.not_recovered;
    if (nr > 0) out.push(`! ${d.name}: ${nr} of ${scenario.replications} replications did not recover within the horizon; RTO statistics cover the recovered ones only.`);
    const degraded = d.metrics.degraded_ratio.mean;
    if (degraded !== null && degraded > 0) out.push(`! ${d.name}: ${pct(degraded, 2)} of successful requests were answered by a fallback (degraded, not in full).`);
    const deferred = d.metrics.deferred_requests.mean;
    if (deferred !== null && deferred > 0) out.push(`! ${d.name}: ${num(deferred, 1)} requests per replication had their work deferred to a queue (answered, not done yet; worth 0 in availability and the SLO).`);
    for (const spof of d.single_points_of_failure ?? []) out.push(spofLine(d.name, spof));
    const split = splitBrainLine(d);
    if (split) out.push(split);
  }
  out.push('');
  out.push('services (mean over replications)');
  const srows: string[][] = [['design', 'service', 'throughput/s', 'utilization', 'queue wait', 'P(wait>0)', 'response', 'blocked']];
  const censored: string[] = [];
  for (const d of result.designs) {
    for (const s of d.services) {
      srows.push([d.name, s.name, num(s.throughput_per_s.mean, 1), pct(s.utilization.mean, 1), dur(s.queue_wait_s.mean), pct(s.wait_probability.mean, 1), dur(s.response_s.mean), pct(s.blocked_ratio.mean, 2)]);
      const c = s.censored_waits.mean;
      if (c !== null && c > 0) censored.push(`! ${d.name}/${s.name}: ${num(c, 1)} requests per replication were still waiting for a slot at the horizon (censored: not in queue wait).`);
    }
  }
  out.push(table(srows), ...censored);
  out.push(...capacityLines(result.designs.flatMap((d) => d.services.flatMap((s) => (s.capacity_curve ? [{ label: `${d.name}/${s.name}`, capacity: { capacity_curve: s.capacity_curve, ...(s.capacity_fit ? { capacity_fit: s.capacity_fit } : {}) } }] : [])))));
  out.push(...classLines(result));
  out.push(...regionLines(result));
  out.push(...stormLines(result));
  out.push(...phaseLines(result));
  out.push(...businessLines(result));
  out.push(...queueLines(result));
  out.push(...autoscalingLines(result));
  for (const d of result.designs) {
    out.push('');
    out.push(`${d.name}: events of replication ${d.timeline.representative_replication} (median RTO), time from fault start`);
    for (const e of d.timeline.events) out.push(`  ${formatSigned(e.t_s).padStart(9)}  ${e.text}`);
  }
  return out.join('\n');
}

/**
 * The split-brain line (network partitions): the mean and longest time per replication with two
 * writable primaries, or that there was none. Null when the scenario has no partition.
 */
export function splitBrainLine(d: DesignResult): string | null {
  const sb = d.split_brain;
  if (!sb || sb.n === 0 || sb.max === null) return null;
  if (sb.max === 0) return `  ${d.name}: no split brain: never two writable primaries during the partition.`;
  return `! ${d.name}: ${splitBrainSentence(sb.mean, sb.max)} (in lost writes).`;
}

function formatSigned(s: number): string {
  return s < 0 ? `-${formatDuration(-s)}` : `+${formatDuration(s)}`;
}

/** What the retry amplification and breaker-stopped columns count. */
const RETRY_LEGEND = 'retry amp: attempts sent per unique request; breaker-stopped: attempts an open breaker stopped before sending, per unique request (not in retry amp, which can then be below 1)';

/** Per client class figures, when a scenario has several classes or agents. */
function classLines(result: Result): string[] {
  const many = result.designs.some((d) => d.classes.length > 1 || d.classes.some((c) => c.kind === 'agent'));
  if (!many) return [];
  const stopped = result.designs.some((d) => d.classes.some((c) => (c.short_circuited_per_request.max ?? 0) > 0));
  const rows: string[][] = [['design', 'class', 'kind', 'requests', 'retry amp', ...(stopped ? ['breaker-stopped'] : []), 'availability', 'degraded', 'workflows ok']];
  for (const d of result.designs) {
    for (const c of d.classes) {
      rows.push([d.name, c.name, c.kind, num(c.requests.mean, 0), num(c.retry_amplification.mean, 2), ...(stopped ? [num(c.short_circuited_per_request.mean, 2)] : []), pct(c.availability.mean, 2), pct(c.degraded_ratio.mean, 1), c.workflow_success_ratio.n > 0 ? pct(c.workflow_success_ratio.mean, 1) : '-']);
    }
  }
  return ['', 'client classes (mean over replications; agents: requests are tool calls)', table(rows)];
}

/** Per client region figures, when the clients live in several regions. */
function regionLines(result: Result): string[] {
  if (!result.designs.some((d) => (d.client_regions?.length ?? 0) > 1)) return [];
  const rows: string[][] = [['design', 'client region', 'availability', 'latency p50', 'latency p95']];
  for (const d of result.designs) {
    for (const r of d.client_regions ?? []) rows.push([d.name, r.region, pct(r.availability.mean), dur(r.p50_latency_s.mean), dur(r.p95_latency_s.mean)]);
  }
  return ['', 'users by client region (SLO classes; latency of successful requests, network round trips included; mean over replications)', table(rows)];
}

/** Why replications were not judged, as one clause: "not judged in 3 of 4: the fault lasted to the horizon (3)". */
export function notJudgedClause(m: DesignResult['metastability']): string {
  const total = m.judged + m.not_judged;
  const reasons = (Object.entries(m.not_judged_because) as Array<[NotJudgedReason, number]>).map(([r, k]) => `${NOT_JUDGED_TEXT[r]} (${k})`);
  return `not judged in ${m.not_judged} of ${total} replications: ${reasons.join('; ')}`;
}

/** Whether a design's metastability is worth a line: some replication was judged, or was not for a reason other than a fault that never ended. */
export function stormShown(d: DesignResult): boolean {
  const m = d.metastability;
  return m.judged > 0 || Object.keys(m.not_judged_because).some((r) => r !== 'fault_lasted_to_horizon' && r !== 'no_fault');
}

/**
 * The metastability verdict per design; replications where no verdict is possible are counted and
 * explained rather than judged. Omitted when the fault lasted to the horizon everywhere (or there
 * is no fault): the RTO lines already say the service did not come back.
 */
function stormLines(result: Result): string[] {
  const shown = result.designs.filter(stormShown);
  if (shown.length === 0) return [];
  const out = ['', 'after the fault ended (goodput back to 90% of its pre-fault share of arriving requests?)'];
  for (const d of shown) {
    const m = d.metastability;
    const s = m.storm_outlasted_trigger_s;
    const parts: string[] = [];
    if (m.judged > 0) {
      const tail = s.n > 0 ? `; ${m.metastable > 0 ? 'where it recovered, ' : ''}goodput was back ${dur(s.mean)} after the fault ended on average (p95 ${dur(s.p95)})` : '';
      const verdict = m.metastable > 0
        ? `metastable in ${m.metastable} of ${m.judged} judged replications: goodput stayed down after the fault ended`
        : `recovered in all ${m.judged} judged replications`;
      parts.push(verdict + tail);
    }
    if (m.not_judged > 0) parts.push(notJudgedClause(m));
    out.push(`  ${d.name}: ${parts.join('; ')}`);
  }
  return out;
}

/**
 * Business recovery and queues in `run`'s output: business RTO beside the RTO, which part finished
 * last, why (phases), and per queue its backlog, drain, redeliveries, dead letters and duplicates.
 * Printed only when the Result has them.
 */
import { formatDuration } from '../engine/duration.js';
import { partText } from '../metrics/businessRecovery.js';
import type { Result } from '../runner/result.js';
import { meanWithCi, table } from './format.js';
import { businessPhaseLines } from './phaseFormat.js';

function dur(x: number | null | undefined): string {
  return x === null || x === undefined ? '-' : formatDuration(x);
}

function num(x: number | null, digits: number): string {
  return x === null ? '-' : x.toFixed(digits);
}

/** The business recovery section (empty when no design has it). */
export function businessLines(result: Result): string[] {
  const shown = result.designs.filter((d) => d.metrics.business_rto_s);
  if (shown.length === 0) return [];
  const rows: string[][] = [['design', 'RTO mean', 'business RTO p50', 'business RTO p95', 'business RTO mean (95% CI)', 'recovered', 'finished last (replications)']];
  const notes: string[] = [];
  for (const d of shown) {
    const b = d.metrics.business_rto_s!;
    const ci = meanWithCi(b, dur);
    const last = (d.business_last ?? []).map((l) => `${l.part} ${l.replications}`).join(', ');
    rows.push([d.name, dur(d.metrics.rto_s.mean), dur(b.p50), dur(b.p95), ci, `${b.recovered}/${b.recovered + b.not_recovered}`, last]);
    if (b.not_recovered > 0) {
      const top = d.business_last?.[0];
      notes.push(`! ${d.name}: ${b.not_recovered} of ${b.recovered + b.not_recovered} replications did not reach business recovery within the horizon${top ? ` (most often ${partText(top.part)} last or still down)` : ''}; business RTO statistics cover the recovered ones only.`);
    }
  }
  return [
    '',
    'business recovery (SLO met, control plane back, every backlog below its threshold, no replay producing duplicates; --json: business_rto_s)',
    table(rows),
    ...notes,
    ...businessPhaseLines(result),
  ];
}

/** The queue table (empty without queues). */
export function queueLines(result: Result): string[] {
  if (!result.designs.some((d) => d.queues && d.queues.length > 0)) return [];
  const rows: string[][] = [['design', 'queue', 'max backlog', 'drain', 'redeliveries', 'dead-lettered', 'duplicates']];
  for (const d of result.designs) {
    for (const q of d.queues ?? []) {
      rows.push([d.name, q.name, num(q.max_backlog.mean, 0), dur(q.drain_s.mean), num(q.redeliveries.mean, 1), num(q.dead_lettered.mean, 1), num(q.duplicates.mean, 1)]);
    }
  }
  return ['', 'queues (mean over replications, from the fault start; drain: from the backlog\'s peak to below its threshold; --json: queues, timeline backlog:<queue>)', table(rows)];
}

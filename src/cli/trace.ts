/**
 * `run --replication K [--trace]`: one replication of each design, rerun in the main thread, with
 * its headline numbers and (with --trace) the full event trace and per-service statistics.
 */
import { formatDuration } from '../engine/duration.js';
import type { ReplicationOutcome } from '../metrics/outcome.js';

function signed(s: number): string {
  return s < 0 ? `-${formatDuration(-s)}` : `+${formatDuration(s)}`;
}

/** The text printed for one design's replication. */
export function formatReplication(design: string, seed: number, o: ReplicationOutcome, trace: boolean): string {
  const out: string[] = [];
  out.push(`design ${design} · replication ${o.replication} · seed ${seed}`);
  out.push(`  ${o.fault_start_s === null ? 'no fault · RTO does not apply' : `fault at ${formatDuration(o.fault_start_s)} · RTO ${o.rto_s === null ? 'not recovered' : formatDuration(o.rto_s)}`} · RPO ${formatDuration(o.rpo_s)} · lost writes ${o.lost_writes} · duplicate writes ${o.duplicate_writes}`);
  out.push(`  availability ${(o.availability * 100).toFixed(3)}% · retry amplification ${o.retry_amplification.toFixed(3)} · requests ${o.requests} · events processed ${o.events_processed}`);
  if (!trace) return out.join('\n');
  out.push('  services:');
  for (const s of o.services) {
    out.push(`    ${s.name}: throughput ${s.throughput_per_s.toFixed(1)}/s · utilization ${(s.utilization * 100).toFixed(1)}% · queue wait ${formatDuration(s.queue_wait_s)} (waited ${(s.wait_probability * 100).toFixed(1)}%, still waiting at the horizon ${s.censored_waits}) · response ${formatDuration(s.response_s)} · blocked ${(s.blocked_ratio * 100).toFixed(2)}%`);
  }
  out.push(`  event trace (${o.events.length} events; time from fault start):`);
  for (const e of o.events) out.push(`    ${signed(e.t_s).padStart(9)}  ${e.kind.padEnd(18)} ${e.text}`);
  return out.join('\n');
}

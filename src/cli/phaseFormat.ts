/**
 * "Why recovery took that long", one sentence per design: the phase with the largest share of the
 * mean RTO along the critical path (designs[].rto_phases), and the next one.
 */
import { formatDuration } from '../engine/duration.js';
import type { Result } from '../runner/result.js';

/** How each documented phase reads in a sentence. */
const PHASE_TEXT: Record<string, string> = {
  outage: 'the fault itself, until it ended',
  detection: 'detecting the failure',
  paging: 'paging the on-call to a keyboard',
  diagnosis: 'diagnosis',
  wait: 'a runbook wait',
  repair: 'repairing the fault',
  promotion: 'promoting a replica',
  restore: 'restoring the database from a backup',
  dns_update: 'changing DNS by hand',
  dns_propagation: 'DNS propagation (clients waiting out the TTL)',
  instance_cycling: 'restarting instances one by one',
  instance_restart: 'restarting all instances at once',
  scale_up: 'provisioning and starting new instances',
  health_checks: 'health checks putting instances back into rotation',
  queue_failover: 'a queue failing over to another region',
  backlog_drain: 'draining the queue backlog',
  control_plane: 'waiting for the control plane',
  settling: 'settling after the last mechanism (connections, queues, the SLO window)',
  unattributed: 'time no mechanism reported',
};

function text(phase: string): string {
  return PHASE_TEXT[phase] ?? phase;
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "74% of the x recovery (mean 1h 41m) is ...; next, ... (17%)." */
function sentence(name: string, what: string, phases: Array<{ phase: string; share: number }>, mean: number): string {
  const ranked = [...phases].sort((a, b) => b.share - a.share);
  const [top, second] = ranked;
  const next = second && second.share >= 0.05 ? `; next, ${text(second.phase)} (${pct(second.share)})` : '';
  return `  ${pct(top!.share)} of the ${name} ${what} (mean ${formatDuration(mean)}) is ${text(top!.phase)}${next}.`;
}

/** The section printed by `run`: one line per design that recovered at least once. */
export function phaseLines(result: Result): string[] {
  const lines: string[] = [];
  for (const d of result.designs) {
    const phases = d.rto_phases;
    const mean = d.metrics.rto_s.mean;
    if (!phases || phases.length === 0 || mean === null) continue;
    lines.push(sentence(d.name, 'recovery', phases, mean));
  }
  if (lines.length === 0) return [];
  return ['', 'why recovery took that long (phases along the critical path, mean over recovered replications; --json: rto_phases)', ...lines];
}

/** The same for business recovery (designs[].business_rto_phases), one line per design that has it. */
export function businessPhaseLines(result: Result): string[] {
  const lines: string[] = [];
  for (const d of result.designs) {
    const phases = d.business_rto_phases;
    const mean = d.metrics.business_rto_s?.mean ?? null;
    if (!phases || phases.length === 0 || mean === null) continue;
    lines.push(sentence(d.name, 'business recovery', phases, mean));
  }
  return lines;
}

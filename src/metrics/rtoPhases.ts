/**
 * Why recovery took that long: the RTO of one replication split into phases along its critical
 * path, from the intervals the models reported while it ran (`Recorder.phase`).
 *
 * The walk goes backwards from the recovery instant R (fault start + RTO). At each point it takes
 * the reported interval that reaches closest to that point from below, counts the stretch it
 * covers, and continues from that interval's start, until the fault start (of two intervals reaching
 * equally far, the one that ended there: it is what the next step waited for). An interval counts
 * only if it had been reported by R plus a slack (`slackS`: the SLO can already hold at R while
 * the mechanism that fixes it finishes a moment later, see `phaseSlackS`), except a mechanism whose
 * effect acts while it runs (a restart, a DNS TTL), which is reported when it starts and counts
 * while in progress. A stretch no interval covers is `settling` after a mechanism
 * finished (connections re-opening, queues draining, the SLO window filling), or `unattributed`
 * when nothing at all was reported before it. The phases therefore sum to the RTO exactly (up to
 * floating-point rounding), and a phase appears only when its mechanism ran. A detection interval
 * opens at the failure (a model cannot know when that began, so it reports -Infinity) and is
 * clipped to the fault start.
 */

/** One interval a model spent on the way to recovery (simulation seconds). */
export interface PhaseInterval {
  /** When the model reported it. */
  t: number;
  phase: string;
  fromT: number;
  toT: number;
}

/** A phase's share of one replication's RTO, seconds. */
export interface PhaseSpan {
  phase: string;
  s: number;
}

/**
 * How long after the recovery instant a mechanism may still complete and be the cause of it. The
 * SLO holds over a window that tolerates window × (1 − success_ratio) seconds of failing requests;
 * a mechanism that fixes a share f of them can finish that long / f after R. Taking f ≥ 1/5
 * (writes, one region of several), and at least the RTO's resolution of one second.
 */
export function phaseSlackS(slo: { window: number; success_ratio: number }): number {
  return Math.max(1, (slo.window * (1 - slo.success_ratio)) / 0.2);
}

/** Documented phase names, in the order the result lists them (others follow in order of appearance). */
export const PHASE_ORDER = [
  'outage',
  'detection',
  'paging',
  'diagnosis',
  'wait',
  'repair',
  'promotion',
  'queue_failover',
  'restore',
  'dns_update',
  'dns_propagation',
  'instance_cycling',
  'instance_restart',
  'scale_up',
  'control_plane',
  'health_checks',
  'backlog_drain',
  'settling',
  'unattributed',
];

/**
 * The critical path of one recovered replication: phase durations (merged by name, in order of
 * first appearance from the fault on) whose sum is `rtoS`.
 */
export function criticalPath(intervals: readonly PhaseInterval[], faultT: number, rtoS: number, slackS = 1): PhaseSpan[] {
  const endT = faultT + rtoS;
  const usable = intervals.filter((iv) => iv.t <= endT + slackS && iv.toT > faultT && iv.toT > iv.fromT);
  const segments: PhaseSpan[] = [];
  let cursor = endT;
  let sawInterval = false;
  while (cursor > faultT) {
    let best: PhaseInterval | null = null;
    let bestEnd = -Infinity;
    for (const iv of usable) {
      if (iv.fromT >= cursor) continue;
      const end = Math.min(iv.toT, cursor);
      if (end > bestEnd || (end === bestEnd && iv.toT < best!.toT)) {
        best = iv;
        bestEnd = end;
      }
    }
    if (!best || bestEnd <= faultT) {
      segments.push({ phase: sawInterval ? 'settling' : 'unattributed', s: cursor - faultT });
      break;
    }
    if (bestEnd < cursor) segments.push({ phase: 'settling', s: cursor - bestEnd });
    const from = Math.max(best.fromT, faultT);
    segments.push({ phase: best.phase, s: bestEnd - from });
    sawInterval = true;
    cursor = from;
  }
  return mergeByName(segments.reverse());
}

/** Sums segments of the same phase, keeping the order of first appearance. */
function mergeByName(segments: PhaseSpan[]): PhaseSpan[] {
  const out = new Map<string, number>();
  for (const seg of segments) if (seg.s > 0) out.set(seg.phase, (out.get(seg.phase) ?? 0) + seg.s);
  return [...out].map(([phase, s]) => ({ phase, s }));
}

/** Mean duration and share of each phase over recovered replications (absent phases count 0 s). */
export function averagePhases(perReplication: readonly PhaseSpan[][]): Array<{ phase: string; mean_s: number; share: number }> {
  if (perReplication.length === 0) return [];
  const totals = new Map<string, number>();
  for (const spans of perReplication) for (const p of spans) totals.set(p.phase, (totals.get(p.phase) ?? 0) + p.s);
  const rank = (p: string) => {
    const i = PHASE_ORDER.indexOf(p);
    return i < 0 ? PHASE_ORDER.length : i;
  };
  const names = [...totals.keys()].sort((a, b) => rank(a) - rank(b));
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return names.map((phase) => ({
    phase,
    mean_s: totals.get(phase)! / perReplication.length,
    share: all > 0 ? totals.get(phase)! / all : 0,
  }));
}

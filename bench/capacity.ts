/**
 * What a capacity planner waits for: the wall time of the built CLI's `headroom` (static, from
 * queueing formulas; then `--simulate` at its defaults: 5 replications per case, 15 min runs) and
 * of `size` (the questions the README answers) on the shipped scenarios they are for:
 * regional-evacuation and warm-standby-sizing. Each command is a fresh process on all cores, as a
 * user runs it; `npm run build` runs first. `size` also reports the points its search simulated
 * (each one run of the design at the scenario's replications) and its answer, so a change in the
 * time can be told from a change in the search.
 */
import { basename } from 'node:path';
import { wallS } from './cli.js';

/** A shipped scenario and the `size` question the README asks of it. */
export const QUESTIONS: Array<{ scenario: string; question: string; size: string[] }> = [
  { scenario: 'scenarios/regional-evacuation.yaml', question: '`hot-70` instances per region for p95 < 500 ms', size: ['--design', 'hot-70', '--vary', 'system.services.api.instances.*', '--target', 'p95_latency_s < 500ms'] },
  { scenario: 'scenarios/warm-standby-sizing.yaml', question: '`pilot-light-1` standby for RTO < 5 min', size: ['--design', 'pilot-light-1', '--vary', 'system.services.api.instances.us-west', '--target', 'rto_s < 5m'] },
];

function timed(args: string[], keepStdout = false): { seconds: number; stdout: string } {
  const r = wallS([...args, '--quiet'], keepStdout);
  if (r.status !== 0) throw new Error(`bench: outagesim ${args.join(' ')} exited ${r.status}`);
  return r;
}

export async function benchCapacity(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const q of QUESTIONS) {
    const name = basename(q.scenario, '.yaml');
    out[`headroom_static_wall_s:${name}`] = timed(['headroom', q.scenario]).seconds;
    out[`headroom_simulate_wall_s:${name}`] = timed(['headroom', q.scenario, '--simulate']).seconds;
    const size = timed(['size', q.scenario, ...q.size, '--json'], true);
    const doc = JSON.parse(size.stdout) as { points: unknown[]; answer: number | null };
    out[`size_wall_s:${name}`] = size.seconds;
    out[`size_points:${name}`] = doc.points.length;
    out[`size_answer:${name}`] = doc.answer ?? Number.NaN;
  }
  return out;
}

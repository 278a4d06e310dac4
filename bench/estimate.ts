/**
 * Calibration of the work estimate (src/runner/estimate.ts): CPU seconds per estimated client
 * request of each shipped scenario, one replication of every design after a warm-up, best of
 * `rounds` rounds. CPU time rather than wall time, so other processes on the machine inflate the
 * figure less. SECONDS_PER_REQUEST is set from the highest of these. Each scenario is measured
 * in a fresh process of its own (bench/estimateChild.ts calls estimateScenario), like the
 * attempts section and for the same reason: after other scenarios in one process, type feedback
 * they left at shared call sites made a scenario up to twice as slow.
 */
import { loadScenario } from '#dist/scenario/load.js';
import { runReplication } from '#dist/runner/replication.js';
import { requestsPerReplication, SECONDS_PER_REQUEST } from '#dist/runner/estimate.js';
import { shippedScenarios } from './attempts.js';
import { builtEntry, runChild } from './child.js';

/** CPU seconds spent in `fn` (user + system, this thread's process). */
function cpuS(fn: () => void): number {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1e6;
}

/** CPU µs per estimated client request of one scenario, in this process (best of `rounds`). */
export async function estimateScenario(file: string, rounds: number): Promise<{ us_per_request: number }> {
  const loaded = await loadScenario(file);
  runReplication({ ...loaded.designs[0]!.scenario, horizon: Math.min(300, loaded.scenario.horizon) }, 0); // JIT warm-up
  let best = Infinity;
  for (let round = 0; round < rounds; round++) {
    let s = 0;
    let requests = 0;
    for (const d of loaded.designs) {
      s += cpuS(() => runReplication(d.scenario, round));
      requests += requestsPerReplication(d.scenario);
    }
    best = Math.min(best, s / requests);
  }
  return { us_per_request: best * 1e6 };
}

/** Every shipped scenario's CPU µs per estimated request, each in a fresh process; the highest; the constant in use. */
export async function benchEstimate(rounds = 2): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let worst = 0;
  for (const file of shippedScenarios()) {
    const { us_per_request } = runChild(builtEntry('estimateChild'), [file, String(rounds)], ['us_per_request'] as const, `estimate of ${file}`);
    out[`us_per_request:${file.replace(/^scenarios\//, '').replace(/\.yaml$/, '')}`] = us_per_request;
    worst = Math.max(worst, us_per_request);
  }
  out['us_per_request_highest'] = worst;
  out['us_per_request_used'] = SECONDS_PER_REQUEST * 1e6;
  return out;
}

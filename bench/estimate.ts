/**
 * Calibration of the work estimate (src/runner/estimate.ts): CPU seconds per estimated client
 * request of each shipped scenario, one replication of every design in this thread after a
 * warm-up, best of `rounds` rounds. CPU time rather than wall time, so other processes on the
 * machine inflate the figure less. SECONDS_PER_REQUEST is set from the highest of these.
 */
import { readdirSync } from 'node:fs';
import { loadScenario } from '../src/scenario/load.js';
import { runReplication } from '../src/runner/replication.js';
import { requestsPerReplication, SECONDS_PER_REQUEST } from '../src/runner/estimate.js';

/** CPU seconds spent in `fn` (user + system, this thread's process). */
function cpuS(fn: () => void): number {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1e6;
}

export async function benchEstimate(rounds = 2): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let worst = 0;
  for (const f of readdirSync('scenarios').filter((x) => x.endsWith('.yaml')).sort()) {
    const loaded = await loadScenario(`scenarios/${f}`);
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
    out[`us_per_request:${f.replace(/\.yaml$/, '')}`] = best * 1e6;
    worst = Math.max(worst, best);
  }
  out['us_per_request_highest'] = worst * 1e6;
  out['us_per_request_used'] = SECONDS_PER_REQUEST * 1e6;
  return out;
}

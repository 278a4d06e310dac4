/**
 * Model-level speed: simulation events per second (events the kernel processed) of replications
 * of a shipped scenario, in this thread (no workers), per design, so it compares directly with
 * the engine's raw speed. The agent-retry-storm scenario exercises every policy: client retries
 * and budgets, breakers, edge rate limits, bulkheads and agent workflows.
 */
import { loadScenario } from '../src/scenario/load.js';
import { runReplication } from '../src/runner/replication.js';

/** Events/s per design over `replications` replications of each design of `file` (best of 2 passes). */
export async function benchScenario(file: string, replications: number): Promise<Record<string, number>> {
  const loaded = await loadScenario(file);
  runReplication({ ...loaded.designs[0]!.scenario, horizon: 120 }, 0); // JIT warm-up
  const out: Record<string, number> = {};
  let allEvents = 0;
  let allSeconds = 0;
  for (const d of loaded.designs) {
    let best = 0;
    let bestEvents = 0;
    let bestSeconds = 0;
    for (let pass = 0; pass < 2; pass++) {
      let events = 0;
      const t = process.hrtime.bigint();
      for (let r = 0; r < replications; r++) events += runReplication(d.scenario, r).events_processed;
      const seconds = Number(process.hrtime.bigint() - t) / 1e9;
      if (events / seconds > best) [best, bestEvents, bestSeconds] = [events / seconds, events, seconds];
    }
    out[`events_per_s:${d.name}`] = best;
    allEvents += bestEvents;
    allSeconds += bestSeconds;
  }
  return { events_per_s: allEvents / allSeconds, ...out };
}

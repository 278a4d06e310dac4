/**
 * Model-level speed: simulation events per second (events the kernel processed) of replications
 * of a shipped scenario, in this thread (no workers), per design, so it compares directly with
 * the engine's raw speed. The agent-retry-storm scenario exercises every policy: client retries
 * and budgets, breakers, edge rate limits, bulkheads and agent workflows.
 *
 * The ratio to the engine is measured in rounds: each round times the bare M/M/8 kernel, then
 * one replication of every design. This VM's speed drifts by ±20% over a minute, so a ratio of
 * two separately timed figures moves with the drift; the median of per-round ratios does not.
 */
import { loadScenario } from '../src/scenario/load.js';
import { runReplication } from '../src/runner/replication.js';
import { engineKernelEventsPerS } from './engine.js';

const ENGINE_CUSTOMERS = 500_000;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Events/s per design (best round) and overall, replications/s (best round, one thread), and
 * the ratio to the M/M/8 kernel's events/s (median over `rounds` rounds; each round runs
 * replication `round` of every design).
 */
export async function benchScenario(file: string, rounds: number): Promise<Record<string, number>> {
  const loaded = await loadScenario(file);
  runReplication({ ...loaded.designs[0]!.scenario, horizon: 300 }, 0); // JIT warm-up
  engineKernelEventsPerS(ENGINE_CUSTOMERS, 0);
  const best: Record<string, number> = {};
  const overall: number[] = [];
  const ratios: number[] = [];
  const replicationsPerS: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const engine = engineKernelEventsPerS(ENGINE_CUSTOMERS, round + 1);
    let events = 0;
    let seconds = 0;
    for (const d of loaded.designs) {
      const t = process.hrtime.bigint();
      const e = runReplication(d.scenario, round).events_processed;
      const s = Number(process.hrtime.bigint() - t) / 1e9;
      best[d.name] = Math.max(best[d.name] ?? 0, e / s);
      events += e;
      seconds += s;
    }
    overall.push(events / seconds);
    ratios.push(events / seconds / engine);
    replicationsPerS.push(loaded.designs.length / seconds);
  }
  const perDesign = Object.fromEntries(Object.entries(best).map(([k, v]) => [`events_per_s:${k}`, v]));
  // Replications/s is what a user waits for; events/s also falls when a model needs fewer events.
  return { events_per_s: Math.max(...overall), ratio_to_engine_kernel: median(ratios), replications_per_s: Math.max(...replicationsPerS), ...perDesign };
}

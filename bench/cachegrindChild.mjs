/**
 * Child of bench/cachegrind.ts, run under valgrind on the built code (what a user's `run` runs),
 * with plain node (no tsx: tsx recompiles what it loads):
 * `node --single-threaded bench/cachegrindChild.mjs <job JSON>`, the job being
 * `{ scenario, warmUp: { set, horizonS }, point: { set, horizonS } }` (`set`: `--set` overrides
 * of the scenario file; bench/cachegrind.ts builds them with bench/fleet.ts). Simulates the
 * warm-up replication untimed, then one replication of the point, and prints the client attempts
 * of the latter as one JSON line.
 */
import { loadScenario } from '../dist/scenario/load.js';
import { runReplication } from '../dist/runner/replication.js';

const job = JSON.parse(process.argv[2] ?? 'null');
if (job === null || typeof job.scenario !== 'string') throw new Error('usage: cachegrindChild.mjs <job JSON> (see bench/cachegrind.ts)');
/** One replication of the scenario with `set`, over `horizonS`. */
async function replicate({ set, horizonS }, replication) {
  const loaded = await loadScenario(job.scenario, { set });
  return runReplication({ ...loaded.designs[0].scenario, horizon: horizonS }, replication);
}
await replicate(job.warmUp, 0);
const outcome = await replicate(job.point, 1);
console.log(JSON.stringify({ attempts: outcome.classes.reduce((n, c) => n + c.attempts, 0) }));

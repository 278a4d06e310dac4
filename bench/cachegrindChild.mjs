/**
 * Child of bench/cachegrind.ts, run under valgrind on the built code (what a user's `run` runs):
 * `node --single-threaded bench/cachegrindChild.mjs <instances per region> <requests per s> <attempts>`
 * warms up as a fleet point does (bench/fleet.ts: 100 per region at 10,000/s for 10 s), then
 * simulates one replication of the point for about `attempts` requests, and prints the attempts
 * simulated as one JSON line.
 */
import { loadScenario } from '../dist/scenario/load.js';
import { runReplication } from '../dist/runner/replication.js';

const [instances, rate, attempts] = process.argv.slice(2).map(Number);
if (!(instances >= 1) || !(rate > 0) || !(attempts > 0)) throw new Error('usage: cachegrindChild.mjs <instances per region ≥ 1> <requests per s > 0> <attempts > 0>');
/** The fleet sweep's scenario at one point (as bench/fleet.ts sets it). */
async function point(n, ratePerS) {
  const set = (path, value) => ({ path, value, source: 'bench/cachegrindChild.mjs' });
  const loaded = await loadScenario('bench/scenarios/fleet.yaml', {
    set: [set('system.services.api.instances', `{ us-east: ${n}, eu-west: ${n}, ap-south: ${n} }`), set('system.clients.users.rate', `${ratePerS}/s`)],
  });
  return loaded.designs[0].scenario;
}
const warm = await point(100, 10_000);
runReplication({ ...warm, horizon: 10 }, 0);
const scenario = await point(instances, rate);
const outcome = runReplication({ ...scenario, horizon: attempts / rate }, 1);
console.log(JSON.stringify({ attempts: outcome.classes.reduce((n, c) => n + c.attempts, 0) }));

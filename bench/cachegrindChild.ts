/**
 * Child of bench/cachegrind.ts, run under valgrind on the built code (what a user's `run` runs):
 * `node --single-threaded bench/.build/cachegrindChild.js <instances per region> <requests per s>
 * <horizon s>` runs the fleet sweep's untimed warm-up replication, then one replication of the
 * point over the horizon, exactly as a fleet point of `npm run bench` does (bench/fleet.ts), and
 * prints the client attempts of the latter as one JSON line.
 */
import { runReplication } from '#dist/runner/replication.js';
import { attemptsOf } from './attempts.js';
import { printFigures } from './child.js';
import { fleetPointScenario, warmUpFleet } from './fleet.js';

const [instances, rate, horizonS] = process.argv.slice(2).map(Number);
if (!(instances! >= 1) || !(rate! > 0) || !(horizonS! > 0)) throw new Error('usage: cachegrindChild.js <instances per region ≥ 1> <requests per s > 0> <horizon s > 0>');
await warmUpFleet();
const scenario = await fleetPointScenario(instances!, rate!);
printFigures({ attempts: attemptsOf(runReplication({ ...scenario, horizon: horizonS! }, 1)) });

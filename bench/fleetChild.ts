/**
 * Child of the fleet section (bench/fleet.ts):
 * `node bench/.build/fleetChild.js <instances per region> <requests per s>` measures one
 * point of the sweep in this fresh process (fleetPoint: its build alone, its whole replication
 * and the kernel timed beside them) and prints its figures as one JSON line.
 */
import { printFigures } from './child.js';
import { fleetPoint } from './fleet.js';

const [instances, rate] = process.argv.slice(2).map(Number);
if (!(instances! >= 1) || !(rate! > 0)) throw new Error('usage: fleetChild.ts <instances per region ≥ 1> <requests per s > 0>');
printFigures(await fleetPoint(instances!, rate!));

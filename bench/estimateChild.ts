/**
 * Child of the estimate section (bench/estimate.ts):
 * `node bench/.build/estimateChild.js <scenario.yaml> <rounds>` measures one scenario's CPU
 * µs per estimated request in this fresh process and prints it as one JSON line.
 */
import { printFigures } from './child.js';
import { estimateScenario } from './estimate.js';

const [file, rounds] = process.argv.slice(2);
if (file === undefined || !(Number(rounds) >= 1)) throw new Error('usage: estimateChild.ts <scenario.yaml> <rounds ≥ 1>');
printFigures(await estimateScenario(file, Number(rounds)));

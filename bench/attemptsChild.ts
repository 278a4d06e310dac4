/**
 * Child of the attempts section (bench/index.ts):
 * `node bench/.build/attemptsChild.js <scenario.yaml> <rounds>` measures one scenario in
 * this fresh process (benchAttempts: the kernel timed beside its designs, round by round) and
 * prints its figures as one JSON line.
 */
import { benchAttempts } from './attempts.js';
import { printFigures } from './child.js';

const [file, rounds] = process.argv.slice(2);
if (file === undefined || !(Number(rounds) >= 1)) throw new Error('usage: attemptsChild.ts <scenario.yaml> <rounds ≥ 1>');
printFigures(await benchAttempts(file, Number(rounds)));

/**
 * Cache misses per simulated attempt at one point of the fleet sweep, counted by cachegrind
 * (valgrind's cache simulator) instead of timed: `npm run bench:cachegrind --
 * <instances per region> <requests per s>` (needs `valgrind`; about a minute on two cores).
 *
 * On a shared machine a timing moves by 10–30% from one run to the next, more than most changes
 * to the per-attempt path are worth; cachegrind's instruction and last-level counts move by about
 * 1% (first-level misses by up to 15%). The point runs twice under valgrind, on the built code
 * (the script builds it first; bench/cachegrindChild.ts, built, under node --single-threaded,
 * so the garbage collector's work is counted on the one simulated thread), for SHORT and for
 * LONG attempts; the differences over the attempts between them leave out start-up, warm-up and
 * the build: instructions, first-level data misses and last-level misses per attempt, the last
 * level modelled as this machine's 1 MB L2 (beyond it, a dependent load costs ten times more
 * here).
 * Prints a small table and one JSON line. Not a section of `npm run bench`: it needs valgrind
 * and judges no goal; it is how the fleet sweep's sixth round (README) was measured.
 *
 * Run it on an otherwise idle machine. The counts repeat within about 1% there, but V8 paces its
 * garbage collector by measured speeds (bytes allocated and collected per millisecond), so a
 * process that runs slower, because other work shares its core, takes other decisions and
 * executes other instructions: 15,000 per region at 100,000/s counted 8,626 instructions and
 * 32.2 last-level misses per attempt while a CI run kept both cores busy, 6,677 and 28.9 on the
 * same build alone. The 1-minute load average before and after the run is printed with the
 * counts (it also counts the build just before, and the two children themselves keep both cores
 * busy, so it tells a busy machine only when well above 2).
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { builtEntry, parseFigures } from './child.js';

const SHORT = 100_000;
const LONG = 300_000;
/** valgrind's last level: size, associativity, line (this machine's L2). */
const LL = '1048576,16,64';

interface Counts {
  instructions: number;
  d1_misses: number;
  ll_misses: number;
  attempts: number;
}

/** Runs the child under cachegrind for about `attempts` (the point's horizon) and reads valgrind's summary and the child's attempts. */
function counted(instances: number, rate: number, attempts: number): Promise<Counts> {
  const args = ['--tool=cachegrind', '--cache-sim=yes', `--LL=${LL}`, '--cachegrind-out-file=/dev/null',
    process.execPath, '--single-threaded', builtEntry('cachegrindChild'), String(instances), String(rate), String(attempts / rate)];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', (e) => reject(new Error(`bench/cachegrind: cannot run valgrind (${e.message}); install it (Debian: apt-get install valgrind)`)));
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`bench/cachegrind: valgrind exited ${code}:\n${err.slice(-2000)}`));
      const count = (label: string): number => {
        const m = new RegExp(`${label}:\\s+([\\d,]+)`).exec(err);
        if (!m) throw new Error(`bench/cachegrind: no "${label}" in valgrind's summary`);
        return Number(m[1]!.replaceAll(',', ''));
      };
      try {
        const { attempts: done } = parseFigures(out, ['attempts'], `${instances}/region@${rate}/s`);
        resolve({ instructions: count('I\\s+refs'), d1_misses: count('D1\\s+misses'), ll_misses: count('LL misses'), attempts: done });
      } catch (e) {
        reject(e);
      }
    });
  });
}

const [instances, rate] = process.argv.slice(2).map(Number);
if (!(instances! >= 1) || !(rate! > 0)) throw new Error('usage: npm run bench:cachegrind -- <instances per region ≥ 1> <requests per s > 0>');
const loadBefore = loadavg()[0]!;
const [short, long] = await Promise.all([counted(instances!, rate!, SHORT), counted(instances!, rate!, LONG)]);
const attempts = long.attempts - short.attempts;
const per = (k: keyof Counts) => (long[k] - short[k]) / attempts;
const figures = {
  instructions_per_attempt: per('instructions'), d1_misses_per_attempt: per('d1_misses'), ll_misses_per_attempt: per('ll_misses'), attempts,
  load_average_before: loadBefore, load_average_after: loadavg()[0]!,
};
const key = `${instances}/region@${rate}/s`;
for (const [k, v] of Object.entries(figures)) console.log(`  ${`${k}:${key}`.padEnd(48)} ${v.toFixed(k === 'attempts' ? 0 : k.startsWith('load') ? 2 : 1).padStart(10)}`);
console.log(JSON.stringify(figures));

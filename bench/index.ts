/**
 * Benchmarks: `npm run bench [-- --json | --markdown] [-- --only <section>] [-- --all]`. Each section
 * is a name and a function returning flat numeric figures, and optionally the goals those figures
 * are judged against (printed beside the figure with PASS or MISS; a bench never fails anything).
 * It prints a small aligned table per section as it goes, a goals table, then the whole run as one
 * JSON line `{"sections": {"<section>": {figures…}}, "goals": [...]}`; `--json` prints only that;
 * `--markdown` also prints the README's table of the run before it (bench/readmeTable.ts).
 * `--only` runs one section; the extra sections (runner, estimate) run with `--all` or `--only`.
 * Every section records the machine's 1-minute load average before and after it: seven people
 * share these two cores, so the ratios timed side by side in one section are the robust figures.
 * The attempts and fleet sections measure each scenario / point in a fresh child process of its
 * own, one at a time (bench/child.ts), as a user's `run` sees the code.
 * Everything times the built product: the script builds dist/, compiles bench/ to bench/.build/
 * (bench/tsconfig.json) and runs that with plain node; the bench imports the product as `#dist/…`
 * (package.json "imports"), never the TypeScript sources through tsx, whose output was 12–17%
 * slower per attempt than tsc's.
 */
import { loadavg } from 'node:os';
import { basename } from 'node:path';
import { benchAttemptsInChild, shippedScenarios } from './attempts.js';
import { benchCapacity } from './capacity.js';
import { benchCli } from './cli.js';
import { benchEngine } from './engine.js';
import { benchEstimate } from './estimate.js';
import { benchFleet } from './fleet.js';
import { benchMemory } from './memory.js';
import { readmeTable } from './readmeTable.js';
import { benchRunner } from './runner.js';

/** A figure judged against its goal. */
interface Goal {
  figure: string;
  value: number;
  goal: string;
  pass: boolean;
}

/** A named benchmark whose result is a flat record of figures. */
interface Section {
  name: string;
  run: () => Promise<Record<string, number>>;
  goals?: (figures: Record<string, number>) => Goal[];
  /** Runs only with --all or --only. */
  extra?: boolean;
}

/** Rounds of the per-scenario attempts measurement (kernel + every design, each round). */
const ATTEMPT_ROUNDS = 3;

const SECTIONS: Section[] = [
  {
    name: 'engine',
    run: async () => {
      const r = await benchEngine({ customers: 1_000_000 });
      return { customers_per_s: r.customers_per_s, kernel_events_per_s: r.customers_per_s * 2 };
    },
  },
  {
    name: 'attempts',
    run: async () => {
      const out: Record<string, number> = {};
      for (const f of shippedScenarios()) {
        const r = benchAttemptsInChild(f, ATTEMPT_ROUNDS);
        const name = basename(f, '.yaml');
        out[`attempts_per_s:${name}`] = r.attempts_per_s;
        out[`kernel_customers_per_s:${name}`] = r.kernel_customers_per_s;
        out[`ratio_to_kernel:${name}`] = r.ratio_to_kernel;
        out[`events_per_attempt:${name}`] = r.events_per_attempt;
        out[`event_ratio_to_kernel:${name}`] = r.event_ratio_to_kernel;
      }
      return out;
    },
    goals: (f) => {
      const ratios = Object.entries(f).filter(([k]) => k.startsWith('ratio_to_kernel:'));
      if (ratios.length === 0) throw new Error('bench: no shipped scenario measured');
      const [key, value] = ratios.reduce((a, b) => (b[1] < a[1] ? b : a));
      return [{ figure: `heaviest scenario's attempts/s over the kernel's customers/s (${key.slice('ratio_to_kernel:'.length)})`, value, goal: '≥ 0.25', pass: value >= 0.25 }];
    },
  },
  {
    name: 'fleet',
    run: async () => benchFleet(),
    goals: (f) => [{ figure: 'fleet sweep: fastest point over slowest (attempts/s per kernel customers/s)', value: f['spread']!, goal: '≤ 1.5', pass: f['spread']! <= 1.5 }],
  },
  {
    name: 'cli',
    run: () => benchCli(),
    goals: (f) => [
      { figure: 'check of every shipped scenario, wall seconds', value: f['check_wall_s']!, goal: '< 120 s', pass: f['check_wall_s']! < 120 },
      { figure: 'check exit code', value: f['check_exit_code']!, goal: '0', pass: f['check_exit_code'] === 0 },
    ],
  },
  { name: 'capacity', run: () => benchCapacity() },
  {
    name: 'memory',
    run: () => benchMemory(),
    goals: (f) => {
      const events = f['peak_rss_mb_10k_replications_10x_events']! / f['peak_rss_mb_10k_replications']!;
      const replications = f['peak_rss_mb_100k_replications']! / f['peak_rss_mb_10k_replications']!;
      return [
        { figure: 'peak RSS of 10,000 replications with 10× the events over the same with 1× (flat in events)', value: events, goal: '≤ 1.25', pass: events <= 1.25 },
        // Allowed to grow (bounded by designs × replications × buckets); shown so growth stays visible.
        { figure: 'peak RSS at 100,000 replications over 10,000 (bounded by replications; for information)', value: replications, goal: 'any', pass: true },
      ];
    },
  },
  { name: 'runner', run: async () => flatten(await benchRunner()), extra: true },
  { name: 'estimate', run: () => benchEstimate(), extra: true },
];

/** Flattens nested figures into `a.b` keys, keeping numbers only. */
function flatten(obj: Record<string, unknown>, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (typeof v === 'number') out[prefix + k] = v;
    else if (v && typeof v === 'object') Object.assign(out, flatten(v as Record<string, unknown>, `${prefix}${k}.`));
  }
  return out;
}

function formatFigure(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(3);
}

function printTable(title: string, rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log(title);
  for (const r of rows) console.log('  ' + r.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd());
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const all = process.argv.includes('--all');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  if (only !== undefined && !SECTIONS.some((s) => s.name === only)) {
    console.error(`bench: --only: no section "${only}"; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const sections: Record<string, Record<string, number>> = {};
  const goals: Array<Goal & { section: string }> = [];
  for (const s of SECTIONS) {
    if (only !== undefined ? s.name !== only : s.extra && !all) continue;
    const loadBefore = loadavg()[0]!;
    const t = performance.now();
    const figures = await s.run();
    figures['wall_s'] = (performance.now() - t) / 1000;
    figures['load_average_before'] = loadBefore;
    figures['load_average_after'] = loadavg()[0]!;
    sections[s.name] = figures;
    for (const g of s.goals?.(figures) ?? []) goals.push({ section: s.name, ...g });
    if (!json) printTable(s.name, Object.entries(figures).map(([k, v]) => [k, formatFigure(v)]));
  }
  if (!json && goals.length > 0) printTable('goals', goals.map((g) => [`${g.section}: ${g.figure}`, formatFigure(g.value), g.goal, g.pass ? 'PASS' : 'MISS']));
  const judged = goals.map((g) => ({ ...g, verdict: g.pass ? 'PASS' : 'MISS' }));
  if (!json && process.argv.includes('--markdown')) console.log(readmeTable(sections, judged));
  console.log(JSON.stringify({ sections, goals: judged }));
}

await main();

/**
 * Benchmarks: `node --import tsx bench/index.ts [--json] [--only <section>]`. Each section is a
 * name and a function returning flat numeric figures; `--json` prints `{"<section>": {figures…}}`
 * and nothing else, otherwise a small aligned table per section; `--only` runs one section. Add a
 * section by appending to SECTIONS.
 */
import { benchEngine } from './engine.js';
import { benchEstimate } from './estimate.js';
import { benchMemory } from './memory.js';
import { benchRunner } from './runner.js';
import { benchScenario } from './scenario.js';

/** A named benchmark whose result is a flat record of figures. */
interface Section {
  name: string;
  run: () => Promise<Record<string, number>>;
  /** Figures to publish under --json (all, if absent). */
  jsonKeys?: string[];
}

const SECTIONS: Section[] = [
  {
    name: 'engine',
    run: async () => {
      const r = await benchEngine({ customers: 1_000_000 });
      return { ...r, kernel_events_per_s: r.customers_per_s * 2 };
    },
    jsonKeys: ['customers_per_s', 'events_per_s', 'kernel_events_per_s'],
  },
  {
    name: 'agent_retry_storm',
    run: () => benchScenario('scenarios/agent-retry-storm.yaml', 5),
  },
  {
    name: 'runner',
    run: async () => flatten(await benchRunner()),
  },
  {
    name: 'estimate',
    run: () => benchEstimate(),
  },
  {
    name: 'memory',
    run: () => benchMemory(),
  },
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

function pick(figures: Record<string, number>, keys?: string[]): Record<string, number> {
  if (!keys) return figures;
  return Object.fromEntries(keys.map((k) => [k, figures[k]!]));
}

function formatFigure(v: number): string {
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  if (Math.abs(v) >= 1000) return Math.round(v).toLocaleString('en-US');
  return v.toPrecision(4);
}

function printTable(name: string, figures: Record<string, number>): void {
  const rows = Object.entries(figures).map(([k, v]) => [k, formatFigure(v)] as const);
  const wk = Math.max(...rows.map(([k]) => k.length));
  const wv = Math.max(...rows.map(([, v]) => v.length));
  console.log(name);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(wk)}  ${v.padStart(wv)}`);
}

async function main(): Promise<void> {
  const json = process.argv.includes('--json');
  const onlyAt = process.argv.indexOf('--only');
  const only = onlyAt >= 0 ? process.argv[onlyAt + 1] : undefined;
  if (only !== undefined && !SECTIONS.some((s) => s.name === only)) {
    console.error(`bench: --only: no section "${only}"; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const out: Record<string, Record<string, number>> = {};
  for (const s of SECTIONS) {
    if (only !== undefined && s.name !== only) continue;
    const figures = await s.run();
    if (json) out[s.name] = pick(figures, s.jsonKeys);
    else printTable(s.name, figures);
  }
  if (json) console.log(JSON.stringify(out));
}

await main();

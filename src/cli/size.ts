/**
 * `outagesim size <scenario> --design D --vary <path> --target "<metric> <op> <value>"`: the
 * smallest value of a monotone integer parameter at which the design meets the target with
 * confidence (src/runner/size.ts), every point tried printed with its 95% CI and monthly cost;
 * `--json` / `--out` give the size document, `--report DIR` its report (the cost-versus-metric
 * frontier chart).
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../engine/duration.js';
import { loadScenario } from '../scenario/load.js';
import { expandVary, loadSizePoint, parseTarget, searchSize, SizeTargetError, type SizeResult, type SizeTarget } from '../runner/size.js';
import { runInfo } from '../runner/simulate.js';
import { sizeLines } from '../report/sizeSection.js';
import { table } from './format.js';
import type { CommandDeps } from './deps.js';
import { resultJson, writeFileAtomic } from './io.js';

interface SizeOpts {
  design?: string;
  vary: string[];
  target: SizeTarget;
  min: number;
  max: number;
  seed?: number;
  replications?: number;
  workers?: number;
  json?: boolean;
  out?: string;
  report?: string;
  force?: boolean;
  quiet?: boolean;
}

const target = (v: string): SizeTarget => {
  const t = parseTarget(v, parseDuration);
  if (!t) throw new InvalidArgumentError(`--target must be "<metric> <op> <value>" with op one of < <= > >= (e.g. "p95_latency_s < 1s", "availability >= 99.9%"), got "${v}"`);
  return t;
};
const paths = (v: string): string[] => {
  const list = v.split(',').map((x) => x.trim());
  if (list.some((x) => x === '')) throw new InvalidArgumentError(`--vary must be a field path or a comma-separated list of them, got "${v}"`);
  return list;
};

/** The size document as text: the points tried, then the answer. */
export function formatSize(doc: SizeResult): string {
  return sizeLines(doc, table).join('\n');
}

/** Adds the `size` command to `program`. */
export function registerSize(program: Command, deps: CommandDeps): void {
  program
    .command('size')
    .description('Find the smallest value of a monotone integer parameter at which a design meets a target with 95% confidence (bisection, common random numbers)')
    .argument('<scenario>', 'scenario file (YAML)')
    .requiredOption('--vary <paths>', 'field path(s) set to the value, comma-separated; a final .* means every key of that map (system.services.api.instances.*)', paths)
    .requiredOption('--target <text>', 'e.g. "p95_latency_s < 1s", "rto_s < 5m", "availability >= 99.9%", "services.api.queue_wait_s < 50ms"', target)
    .option('--design <name>', 'the design to size (default: the only design)')
    .option('--min <n>', 'smallest value tried', deps.integer(0, '--min'), 1)
    .option('--max <n>', 'largest value tried', deps.integer(1, '--max'), 256)
    .option('--seed <n>', 'override the scenario seed', deps.integer(0, '--seed'))
    .option('--replications <n>', 'override the replications per point', deps.integer(2, '--replications'))
    .option('--workers <n>', 'worker threads (default: available cores)', deps.integer(1, '--workers'))
    .option('--json', 'print the size document instead of the table')
    .option('--out <file>', 'also write the size document to this file (atomically)')
    .option('--report <dir>', 'also write the report (HTML, Markdown, the cost-versus-metric chart) into this directory')
    .option('--force', 'run each point even when its work estimate is above the limit')
    .option('--quiet', 'no progress on stderr')
    .action(async (file: string, o: SizeOpts) => {
      if (o.max < o.min) deps.usage(`--max (${o.max}) is below --min (${o.min})`);
      const run = { seed: o.seed, replications: o.replications };
      const loaded = await loadScenario(file, run);
      const names = loaded.designs.map((d) => d.name);
      const design = o.design ?? (names.length === 1 ? names[0]! : deps.usage(`--design is needed: the scenario has ${names.length} designs (${names.join(', ')})`));
      const chosen = loaded.designs.find((d) => d.name === design) ?? deps.usage(`--design ${design}: no such design (designs: ${names.join(', ')})`);
      const params = expandVary(o.vary, chosen.scenario);
      if (typeof params === 'string') deps.usage(params);
      const load = (ov: Parameters<typeof loadScenario>[1]) => loadScenario(file, ov);
      // Every point is checked before any runs: a value the field refuses stops the search at once.
      await loadSizePoint(load, design, params, o.min, run);
      let found: Awaited<ReturnType<typeof searchSize>>;
      try {
        found = await searchSize({ min: o.min, max: o.max }, o.target, async (value) => {
          const point = await loadSizePoint(load, design, params, value, run);
          // The points are not known in advance: each one's work is checked before it runs.
          deps.checkRuns([{ label: `${params.join(', ')} = ${value}`, loaded: point }], o, `size of ${file}, point ${value}`);
          return (await deps.simulate(point, o)).designs[0]!;
        });
      } catch (err) {
        if (err instanceof SizeTargetError) deps.usage(err.message);
        throw err;
      }
      const { tool, scenario } = runInfo({ ...loaded, designs: [chosen] }, run);
      const doc: SizeResult = { format: 'outagesim-size', tool, scenario, design, vary: { params, min: o.min, max: o.max }, target: o.target, ...found };
      const json = resultJson(doc);
      if (o.out) writeFileAtomic(o.out, json);
      if (o.report) await deps.report(json, o.out ?? `${file} (this size search)`, o.report, o.quiet);
      deps.stdout(o.json ? json : `${formatSize(doc)}\n`);
    });
}

/**
 * `outagesim sweep <scenario> --param <path> --values a,b,c | --range from:to:step`: the scenario
 * at each value of one parameter (common random numbers across points), as a table of the
 * headline metrics per point and design, or the sweep document with `--json` / `--out`; `--report
 * DIR` renders it (metric-against-parameter charts with their 95% CI) as `outagesim report` does.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../engine/duration.js';
import { sweepTable } from '../report/sweepSection.js';
import { parseShardSpec, type ShardSpec } from '../runner/shard.js';
import { MAX_RANGE_STEPS, parseRange, runSweep, type SweepResult } from '../runner/sweep.js';
import { table } from './format.js';
import type { CommandDeps } from './deps.js';
import { resultJson, writeFileAtomic } from './io.js';

interface SweepOpts {
  param: string;
  values?: string[];
  range?: string[];
  seed?: number;
  replications?: number;
  workers?: number;
  quiet?: boolean;
  json?: boolean;
  out?: string;
  shard?: ShardSpec;
  report?: string;
  force?: boolean;
}

const list = (v: string): string[] => {
  const values = v.split(',').map((x) => x.trim());
  if (values.some((x) => x === '')) throw new InvalidArgumentError(`--values must be a comma-separated list like 1m,5m,30m, got "${v}"`);
  return values;
};
const range = (v: string): string[] => {
  const values = parseRange(v, parseDuration);
  if (!values) throw new InvalidArgumentError(`--range must be from:to:step with from ≤ to, step > 0 and at most ${MAX_RANGE_STEPS.toLocaleString('en-US')} steps (units allowed: 1m:60m:5m), got "${v}"`);
  return values;
};
const shardSpec = (v: string): ShardSpec => {
  const s = parseShardSpec(v);
  if (!s) throw new InvalidArgumentError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${v}"`);
  return s;
};

/** The sweep as a table: one row per point and design (the report's table of the sweep). */
export function formatSweep(s: SweepResult): string {
  const t = sweepTable(s);
  const head = `${s.tool.name} ${s.tool.version} · sweep of ${s.scenario.name} over ${s.sweep.param} · seed ${s.scenario.seed} · ${s.scenario.replications} replications per point (common random numbers)`;
  const noCi = s.scenario.replications < 2 ? `\n\n${s.scenario.replications} replication per point: no 95% CI (it needs at least 2 replications per point; rerun with --replications 2 or more)` : '';
  return `${head}${s.shard ? ` · shard ${s.shard.index}/${s.shard.count}` : ''}\n\n${table([t.header, ...t.rows])}${noCi}`;
}

/** Adds the `sweep` command to `program`. */
export function registerSweep(program: Command, deps: CommandDeps): void {
  program
    .command('sweep')
    .description('Simulate a scenario at each value of one parameter (common random numbers across points)')
    .argument('<scenario>', 'scenario file (YAML)')
    .requiredOption('--param <path>', 'dotted field path, e.g. system.services.api.pools.orders-db.max_lifetime')
    .option('--values <a,b,c>', 'the values, written as in the scenario (5m, 3, true)', list)
    .option('--range <from:to:step>', 'values from..to by step; durations allowed (1m:60m:5m)', range)
    .option('--seed <n>', 'override the scenario seed', deps.integer(0, '--seed'))
    .option('--replications <n>', 'override the replications per point', deps.integer(1, '--replications'))
    .option('--workers <n>', 'worker threads (default: available cores)', deps.integer(1, '--workers'))
    .option('--shard <i/n>', 'run only points p with p mod n = i-1 and write a shard file to --out (merge them with `outagesim merge`)', shardSpec)
    .option('--json', 'print the sweep document instead of the table')
    .option('--out <file>', 'also write the sweep document to this file (atomically)')
    .option('--report <dir>', 'also write the report (HTML, Markdown, metric-against-parameter charts as SVG/PNG) into this directory')
    .option('--force', 'run even when the work estimate of all points together is above the limit')
    .option('--quiet', 'no progress on stderr')
    .action(async (file: string, o: SweepOpts) => {
      if ((o.values === undefined) === (o.range === undefined)) deps.usage('sweep needs exactly one of --values a,b,c and --range from:to:step');
      if (o.shard && !o.out) deps.usage('--shard needs --out FILE (the shard file to write)');
      if (o.shard && o.report) deps.usage('--report needs the whole sweep: not with --shard (merge the shards, then run outagesim report on the sweep)');
      const values = (o.values ?? o.range)!;
      const doc = await runSweep(file, { param: o.param, values }, { seed: o.seed, replications: o.replications }, (loaded) => deps.simulate(loaded, o), o.shard,
        (points) => deps.checkRuns(points, o, `sweep of ${file} over ${o.param}`));
      const json = resultJson(doc);
      if (o.out) writeFileAtomic(o.out, json);
      if (o.report) await deps.report(json, o.out ?? `${doc.scenario.file} (this sweep)`, o.report, o.quiet);
      deps.stdout(o.json ? json : `${formatSweep(doc)}\n`);
    });
}

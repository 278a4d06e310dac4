/**
 * `outagesim sensitivity <scenario>`: which uncertain parameter matters most. Varies each
 * parameter of the scenario's `uncertain` block from low to high, one at a time under common
 * random numbers, and ranks them per design by their effect on RTO, RPO, availability and cost;
 * `--report DIR` renders a tornado chart per metric and the tables as `outagesim report` does.
 */
import type { Command } from 'commander';
import { moved, rankingTable, showMetric } from '../report/sensitivitySection.js';
import { runSensitivity, type SensitivityResult } from '../runner/sensitivity.js';
import { table } from './format.js';
import type { CommandDeps } from './deps.js';
import { resultJson, writeFileAtomic } from './io.js';

/** The ranking as tables: per design and metric, parameters by swing (the report's tables). */
export function formatSensitivity(s: SensitivityResult): string {
  const out = [`${s.tool.name} ${s.tool.version} · sensitivity of ${s.scenario.name} · ${s.parameters.length} uncertain parameter${s.parameters.length === 1 ? '' : 's'}, each low and high, one at a time · seed ${s.scenario.seed} · ${s.scenario.replications} replication${s.scenario.replications === 1 ? '' : 's'} per run (common random numbers)`];
  for (const d of s.designs) {
    for (const m of d.metrics) {
      if (!moved(m)) {
        out.push('', `${d.name} · ${m.label}: no parameter moves it (as written: ${showMetric(m.metric, m.base)})`);
        continue;
      }
      const t = rankingTable(d.name, m);
      out.push('', t.caption, table([t.header, ...t.rows]));
    }
  }
  return out.join('\n');
}

/** Adds the `sensitivity` command. */
export function registerSensitivity(program: Command, deps: CommandDeps): void {
  program
    .command('sensitivity')
    .description('Rank the uncertain parameters of a scenario by their effect on RTO, RPO, availability and cost (tornado)')
    .argument('<scenario>', 'scenario file (YAML) with an `uncertain` block')
    .option('--seed <n>', 'override the scenario seed', deps.integer(0, '--seed'))
    .option('--replications <n>', 'override the replications per run', deps.integer(1, '--replications'))
    .option('--workers <n>', 'worker threads (default: available cores)', deps.integer(1, '--workers'))
    .option('--json', 'print the sensitivity document instead of the tables')
    .option('--out <file>', 'also write the sensitivity document to this file (atomically)')
    .option('--report <dir>', 'also write the report (HTML, Markdown, a tornado chart per metric as SVG/PNG, the ranking tables) into this directory')
    .option('--force', 'run even when the work estimate of all runs together is above the limit')
    .option('--quiet', 'no progress on stderr')
    .action(async (file: string, o: { seed?: number; replications?: number; workers?: number; json?: boolean; out?: string; report?: string; quiet?: boolean; force?: boolean }) => {
      const doc = await runSensitivity(file, { seed: o.seed, replications: o.replications }, (loaded) => deps.simulate(loaded, o), {
        beforeRun: (runs) => deps.checkRuns(runs, o, `sensitivity of ${file}`),
      });
      const json = resultJson(doc);
      if (o.out) writeFileAtomic(o.out, json);
      if (o.report) await deps.report(json, o.out ?? `${doc.scenario.file} (this analysis)`, o.report, o.quiet);
      deps.stdout(o.json ? json : `${formatSensitivity(doc)}\n`);
    });
}

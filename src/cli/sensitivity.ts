/**
 * `outagesim sensitivity <scenario>`: which uncertain parameter matters most. Varies each
 * parameter of the scenario's `uncertain` block from low to high, one at a time under common
 * random numbers, and ranks them per design by their effect on RTO, RPO, availability and cost.
 */
import { join } from 'node:path';
import type { Command } from 'commander';
import { formatDuration } from '../engine/duration.js';
import { tornadoSpec } from '../report/tornado.js';
import { runSensitivity, type SensitivityResult } from '../runner/sensitivity.js';
import { table } from './format.js';
import type { CommandDeps } from './deps.js';
import { resultJson, writeFileAtomic } from './io.js';

function show(metric: string, x: number | null): string {
  if (x === null) return '-';
  if (metric.endsWith('_s')) return formatDuration(x);
  if (metric === 'availability' || metric === 'not_recovered') return `${(x * 100).toFixed(3)}%`;
  if (metric.endsWith('_usd')) return `$${Math.round(x).toLocaleString('en-US')}`;
  return x.toPrecision(4);
}

/** The ranking as tables: per design and metric, parameters by swing. */
export function formatSensitivity(s: SensitivityResult): string {
  const out = [`${s.tool.name} ${s.tool.version} · sensitivity of ${s.scenario.name} · ${s.parameters.length} uncertain parameter(s), each low and high, one at a time · seed ${s.scenario.seed} · ${s.scenario.replications} replications per run (common random numbers)`];
  for (const d of s.designs) {
    for (const m of d.metrics) {
      if (m.ranked.every((r) => !r.swing)) {
        out.push('', `${d.name} · ${m.label}: no parameter moves it (as written: ${show(m.metric, m.base)})`);
        continue;
      }
      const rows = [['rank', 'parameter', 'low', `${m.label} at low`, 'high', `${m.label} at high`, 'swing']];
      m.ranked.forEach((r, i) => rows.push([String(i + 1), r.param, JSON.stringify(r.low), show(m.metric, r.at_low), JSON.stringify(r.high), show(m.metric, r.at_high), show(m.metric, r.swing)]));
      out.push('', `${d.name} · ${m.label} (as written: ${show(m.metric, m.base)})`, table(rows));
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
    .option('--report <dir>', 'write the tornado charts (vega-lite specs) into this directory')
    .option('--quiet', 'no progress on stderr')
    .action(async (file: string, o: { seed?: number; replications?: number; workers?: number; json?: boolean; out?: string; report?: string; quiet?: boolean }) => {
      const doc = await runSensitivity(file, { seed: o.seed, replications: o.replications }, (loaded) => deps.simulate(loaded, o));
      const json = resultJson(doc);
      if (o.out) writeFileAtomic(o.out, json);
      if (o.report) {
        for (const d of doc.designs) {
          for (const m of d.metrics) {
            const spec = tornadoSpec(doc, d.name, m.metric);
            if (spec) writeFileAtomic(join(o.report, `tornado-${encodeURIComponent(d.name)}-${m.metric}.vl.json`), resultJson(spec));
          }
        }
      }
      deps.stdout(o.json ? json : `${formatSensitivity(doc)}\n`);
    });
}

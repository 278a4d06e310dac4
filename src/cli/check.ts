/**
 * `outagesim check <scenarios...>`: reruns each scenario exactly as `run` would and compares it
 * with its committed baseline (`<scenario>.baseline.json` beside it, or in `--baselines DIR`).
 * Exit 0 when every metric holds, 1 on a regression (or a baseline that cannot be compared),
 * 2 on bad input. `--update` rewrites the baselines, and only then is a baseline written.
 */
import { basename, dirname, join } from 'node:path';
import type { Command } from 'commander';
import { checkScenario, fails, type ScenarioCheck } from '../check/check.js';
import { parseBaseline, readBaseline } from '../check/baseline.js';
import { formatCheckTable, formatJunit, formatMarkdown } from '../check/format.js';
import { formatWarning, ScenarioError, type Problem } from '../scenario/errors.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import type { CheckSpec } from '../scenario/checkSchema.js';
import { loadTolerancesFile, unusedScenarioWarnings } from '../scenario/tolerancesFile.js';
import { effectiveTolerances } from '../check/tolerances.js';
import type { CommandDeps } from './deps.js';
import { resultJson, writeFileAtomic } from './io.js';

interface CheckOpts {
  baselines?: string;
  update?: boolean;
  junit?: string;
  markdown?: string;
  seed?: number;
  replications?: number;
  workers?: number;
  quiet?: boolean;
  force?: boolean;
  tolerances?: string;
}

/** Where the baseline of `scenarioFile` lives. */
export function baselinePath(scenarioFile: string, dir?: string): string {
  const name = `${basename(scenarioFile).replace(/\.ya?ml$/i, '')}.baseline.json`;
  return join(dir ?? dirname(scenarioFile), name);
}

/** Adds the `check` command to `program`. */
export function registerCheck(program: Command, deps: CommandDeps): void {
  program
    .command('check')
    .description('Rerun scenarios and compare them with their committed baselines (exit 1 on a regression)')
    .argument('<scenarios...>', 'scenario files (YAML)')
    .option('--baselines <dir>', 'directory of baselines (default: <scenario>.baseline.json beside each scenario)')
    .option('--tolerances <file>', 'YAML file of tolerances per metric (like the check block; per scenario under scenarios:), over the scenarios\' own')
    .option('--update', 'rewrite the baselines with this run (after a reviewed change); never compares')
    .option('--junit <file>', 'also write JUnit XML (a test case per scenario × design × metric)')
    .option('--markdown <file>', 'also write a Markdown summary for a pull-request comment')
    .option('--seed <n>', 'override the scenarios\' seed', deps.integer(0, '--seed'))
    .option('--replications <n>', 'override the scenarios\' replications', deps.integer(1, '--replications'))
    .option('--workers <n>', 'worker threads (default: available cores)', deps.integer(1, '--workers'))
    .option('--force', 'run even when the work estimate of all scenarios together is above the limit')
    .option('--quiet', 'no progress on stderr')
    .action(async (files: string[], o: CheckOpts) => {
      // Load every scenario and baseline first: bad input stops before anything runs or is written.
      const problems: Problem[] = [];
      const collect = <T>(f: () => T): T | null => {
        try {
          return f();
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          problems.push(...err.problems);
          return null;
        }
      };
      const loaded: LoadedScenario[] = [];
      for (const f of files) {
        const l = await loadScenario(f, { seed: o.seed, replications: o.replications }).catch((err: unknown) => collect(() => { throw err; }));
        if (l) loaded.push(l);
      }
      const tolerancesFile = o.tolerances === undefined ? null : collect(() => loadTolerancesFile(o.tolerances!));
      const paths = files.map((f) => baselinePath(f, o.baselines));
      const baselines = paths.map((p) => (o.update ? null : collect(() => readBaseline(p))));
      if (problems.length > 0) throw new ScenarioError(problems);
      if (tolerancesFile && !o.update) {
        const unused = unusedScenarioWarnings(tolerancesFile, loaded.map((l) => l.scenario.name));
        if (unused.length > 0) deps.stderr(`${unused.map(formatWarning).join('\n')}\n`);
      }
      deps.checkRuns(loaded.map((l) => ({ label: l.file, loaded: l })), o, `check of ${files.length} scenario${files.length === 1 ? '' : 's'}`);
      const checks: ScenarioCheck[] = [];
      const updates: Array<{ path: string; json: string }> = [];
      for (const [i, l] of loaded.entries()) {
        const result = await deps.simulate(l, o);
        const json = resultJson(result);
        if (o.update) {
          updates.push({ path: paths[i]!, json });
          continue;
        }
        const tolerances = effectiveTolerances(new Map<string, CheckSpec>(l.designs.map((d) => [d.name, d.scenario.check])), tolerancesFile?.tolerances ?? null, l.scenario.name);
        checks.push(checkScenario(parseBaseline(json, `${l.file} (this run)`), baselines[i]!, tolerances, paths[i]!));
      }
      if (o.update) {
        for (const u of updates) writeFileAtomic(u.path, u.json);
        deps.stdout(`${updates.map((u) => `baseline written: ${u.path}`).join('\n')}\n`);
        return;
      }
      deps.stdout(`${formatCheckTable(checks)}\n`);
      if (o.junit) writeFileAtomic(o.junit, formatJunit(checks));
      if (o.markdown) writeFileAtomic(o.markdown, formatMarkdown(checks));
      if (checks.some((c) => c.rows.some(fails))) deps.exit(1);
    });
}

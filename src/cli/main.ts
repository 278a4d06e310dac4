#!/usr/bin/env node
/**
 * The `outagesim` command line. Thin commander commands over the public API: parse flags, load
 * the scenario (bad input → located message, exit 2), simulate, print a table or JSON, write
 * result files atomically.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadScenario } from '../scenario/load.js';
import { ScenarioError } from '../scenario/errors.js';
import { simulateSequential, toolInfo } from '../runner/simulate.js';
import { formatResult } from './format.js';
import { resultJson, writeFileAtomic } from './io.js';

/** Exit codes: 0 ok, 1 simulation failure, 2 bad input (scenario files or flags). */
const EXIT_BAD_INPUT = 2;

function integer(min: number, what: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${what} must be a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min) throw new InvalidArgumentError(`${what} must be at least ${min}, got ${n}`);
    return n;
  };
}

const program = new Command()
  .name('outagesim')
  .description('Multi-region outage simulator: RTO, RPO, retry storms and cost of resilience designs')
  .version(toolInfo().version, '-V, --version')
  .exitOverride()
  .showHelpAfterError('(run with --help for usage)');

program
  .command('run')
  .description('Simulate every design of one scenario and print RTO, RPO and availability')
  .argument('<scenario>', 'scenario file (YAML)')
  .option('--json', 'print the Result JSON instead of the table')
  .option('--seed <n>', 'override the scenario seed', integer(0, '--seed'))
  .option('--replications <n>', 'override the number of replications', integer(1, '--replications'))
  .option('--out <file>', 'also write the Result JSON to this file (atomically)')
  .action(async (file: string, opts: { json?: boolean; seed?: number; replications?: number; out?: string }) => {
    const loaded = await loadScenario(file, { seed: opts.seed, replications: opts.replications });
    const result = simulateSequential(loaded, {});
    const json = resultJson(result);
    if (opts.out) writeFileAtomic(opts.out, json);
    process.stdout.write(opts.json ? json : `${formatResult(result)}\n`);
  });

program
  .command('validate')
  .description('Check scenario files (syntax, fields, units, references) without simulating')
  .argument('<files...>', 'scenario files')
  .action(async (files: string[]) => {
    const problems: string[] = [];
    for (const f of files) {
      try {
        const loaded = await loadScenario(f);
        process.stdout.write(`${f}: ok (${loaded.designs.length} design${loaded.designs.length === 1 ? '' : 's'}: ${loaded.designs.map((d) => d.name).join(', ')})\n`);
      } catch (err) {
        if (!(err instanceof ScenarioError)) throw err;
        problems.push(err.message);
      }
    }
    if (problems.length > 0) {
      process.stderr.write(`${problems.join('\n')}\n`);
      process.exitCode = EXIT_BAD_INPUT;
    }
  });

async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // help and version exit 0; unknown options, missing or invalid arguments are bad input
      process.exitCode = err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
      return;
    }
    if (err instanceof ScenarioError) {
      process.stderr.write(`${err.message}\n`);
      process.exitCode = EXIT_BAD_INPUT;
      return;
    }
    process.stderr.write(`outagesim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  }
}

await main(process.argv);

/**
 * The `outagesim` commands (commander), as a function of argv and its outputs so tests can run
 * it in-process. Exit codes: 0 ok, 1 simulation failure (a replication threw), 2 bad input
 * (scenario files, flags, shard files), 130 interrupted (Ctrl-C). Results are written only when
 * complete, atomically; a failed or interrupted run writes nothing.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { priceResult } from '../cost/priceResult.js';
import { loadPriceTable } from '../scenario/priceTable.js';
import { formatWarning, ScenarioError } from '../scenario/errors.js';
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import { InterruptedError, MergeError, ReplicationError } from '../runner/errors.js';
import { runReplication } from '../runner/replication.js';
import { simulateToPrecision } from '../runner/precision.js';
import { mergeShards, parseShard, parseShardSpec, runShard, shardJson, shardSize, type ShardSpec } from '../runner/shard.js';
import { effective, simulateParallel, toolInfo, workersFor, type RunStart, type SimulateOptions } from '../runner/simulate.js';
import { estimateWork, WORK_LIMIT_REQUESTS, type WorkEstimate } from '../runner/estimate.js';
import type { Result } from '../runner/result.js';
import { registerCheck } from './check.js';
import { registerGraph } from './graph.js';
import type { CommandDeps } from './deps.js';
import { registerSweep } from './sweep.js';
import { registerHeadroom } from './headroom.js';
import { registerSize } from './size.js';
import { registerSensitivity } from './sensitivity.js';
import { mergeSweepShards, parseSweepShard } from '../runner/sweep.js';
import { formatComparison, formatPrecision } from './compareFormat.js';
import { formatCost } from './costFormat.js';
import { formatResult } from './format.js';
import { capacityLines } from './capacityFormat.js';
import { designCapacity } from '../runner/capacityInfo.js';
import { resultJson, writeFileAtomic } from './io.js';
import { progress, progressMode } from './progress.js';
import { readinessLine, summedWorkRefusal, workLimitNote, workRefusal } from './work.js';
import { formatReplication } from './trace.js';
import { parseDocumentText, readResultFile } from '../report/load.js';

/** The report writer, loaded only when a report is asked for (vega and resvg take a while to load). */
const writeReport: typeof import('./report.js').writeReport = async (...args) => (await import('./report.js')).writeReport(...args);

export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERRUPTED = 130;

/** Where the CLI writes, what can stop it, and (tests only) which worker module it loads. */
export interface CliContext {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  signal?: AbortSignal;
  workerUrl?: URL;
  /** stderr is a terminal: progress is a bar rather than a line every 10 s. */
  isTTY?: boolean;
  /** Internal, for tests: the work limit in simulated client requests (default WORK_LIMIT_REQUESTS). */
  workLimitRequests?: number;
}

/** A usage error detected after parsing (exit 2). */
class UsageError extends Error {}

function integer(min: number, what: string) {
  return (value: string): number => {
    if (!/^-?\d+$/.test(value.trim())) throw new InvalidArgumentError(`${what} must be a whole number, got "${value}"`);
    const n = Number(value);
    if (n < min) throw new InvalidArgumentError(`${what} must be at least ${min}, got ${n}`);
    return n;
  };
}

/** `5%` or `0.05` → 0.05. */
function share(value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(value);
  const x = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
  if (!(x > 0 && x < 1)) throw new InvalidArgumentError(`--precision must be a share of the mean like 5% or 0.05, got "${value}"`);
  return x;
}

function shard(value: string): ShardSpec {
  const s = parseShardSpec(value);
  if (!s) throw new InvalidArgumentError(`--shard must be i/n with 1 ≤ i ≤ n (e.g. 2/4), got "${value}"`);
  return s;
}

interface SimOpts {
  json?: boolean;
  seed?: number;
  replications?: number;
  out?: string;
  workers?: number;
  quiet?: boolean;
  precision?: number;
  maxReplications: number;
  report?: string;
  force?: boolean;
}

function simulationOptions(cmd: Command): Command {
  return cmd
    .option('--json', 'print the Result JSON instead of the table')
    .option('--seed <n>', 'override the scenario seed', integer(0, '--seed'))
    .option('--replications <n>', 'override the number of replications (with --precision: the first batch)', integer(1, '--replications'))
    .option('--workers <n>', 'worker threads (default: available cores)', integer(1, '--workers'))
    .option('--precision <share>', 'add replications in batches until every headline CI half-width is within this share of its mean (e.g. 5%)', share)
    .option('--max-replications <n>', 'cap for --precision', integer(1, '--max-replications'), 1000)
    .option('--out <file>', 'also write the JSON to this file (atomically)')
    .option('--report <dir>', 'also write the report (HTML, Markdown, charts) into this directory (outagesim report; e.g. reports/<scenario>)')
    .option('--force', `run even when the work estimate is above the limit (${WORK_LIMIT_REQUESTS.toExponential(0).replace('e+', 'e')} simulated client requests)`)
    .option('--quiet', 'no readiness line or progress on stderr');
}

export async function runCli(argv: string[], ctx: CliContext): Promise<number> {
  /** The scenario being simulated, so a failure report can say how to rerun it. */
  const failureContext: { file?: string } = {};
  /** Estimates the work of `replications` replications of `designs`; refuses it above the limit unless --force. */
  const checkWork = (file: string, designs: LoadedScenario['designs'], replications: number, o: SimOpts): WorkEstimate => {
    const estimate = estimateWork(designs, replications);
    const refusal = workRefusal(estimate, workersFor({ workers: o.workers }, replications * designs.length), file, ctx.workLimitRequests);
    if (refusal && !o.force) throw new UsageError(refusal);
    return estimate;
  };
  /** Runs `simulate` with the readiness line and progress on stderr (unless --quiet). */
  const withProgress = async <T>(o: SimOpts, estimate: WorkEstimate, simulate: (opts: SimulateOptions) => Promise<T>): Promise<T> => {
    const shown = progress(progressMode(o.quiet, ctx.isTTY === true), ctx.stderr);
    const onStart = (run: RunStart) => {
      if (!o.quiet) ctx.stderr(readinessLine(run, estimate, o.precision !== undefined));
      shown.begin(run.replications * run.designs);
    };
    try {
      return await simulate({ workers: o.workers, signal: ctx.signal, workerUrl: ctx.workerUrl, onProgress: shown.onProgress, onStart });
    } finally {
      shown.finish();
    }
  };
  const simulateAll = async (loaded: LoadedScenario, o: SimOpts): Promise<Result> => {
    failureContext.file = loaded.file;
    const estimate = checkWork(loaded.file, loaded.designs, o.precision !== undefined ? o.maxReplications : loaded.scenario.replications, o);
    return withProgress(o, estimate, async (opts) =>
      priceResult(
        o.precision !== undefined
          ? await simulateToPrecision(loaded, { ...opts, replications: o.replications }, { relative: o.precision, maxReplications: o.maxReplications })
          : await simulateParallel(loaded, opts),
      ),
    );
  };
  /** Writes the report of a document read back from its JSON text exactly as a file holds it, so `report FILE` gives the same pages. */
  const reportFromJson = async (json: string, source: string, dir: string, quiet: boolean | undefined): Promise<void> => {
    ctx.stderr(`${await writeReport([parseDocumentText(json, source)], dir, quiet)}\n`);
  };
  const emit = async (result: Result, o: SimOpts, text: (r: Result) => string) => {
    const json = resultJson(result);
    if (o.out) writeFileAtomic(o.out, json);
    if (o.report) await reportFromJson(json, o.out ?? `${result.scenario.file} (this run)`, o.report, o.quiet);
    const precision = formatPrecision(result);
    ctx.stdout(o.json ? json : `${text(result)}\n${precision ? `\n${precision}\n` : ''}`);
  };

  /** Prints a loaded scenario's warnings on stderr (they never change the exit code). */
  const warned = (loaded: LoadedScenario): LoadedScenario => {
    if (loaded.warnings.length > 0) ctx.stderr(`${loaded.warnings.map(formatWarning).join('\n')}\n`);
    return loaded;
  };

  const program = new Command()
    .name('outagesim')
    .description('Multi-region outage simulator: RTO, RPO, retry storms and cost of resilience designs')
    .version(toolInfo().version, '-V, --version')
    .exitOverride()
    .configureOutput({ writeOut: ctx.stdout, writeErr: ctx.stderr })
    .showHelpAfterError('(run with --help for usage)');

  simulationOptions(program.command('run'))
    .description('Simulate every design of one scenario and print RTO, RPO and availability')
    .argument('<scenario>', 'scenario file (YAML)')
    .addOption(new Option('--shard <i/n>', 'run only replications r with r mod n = i-1 and write a shard file to --out (merge them with `outagesim merge`)').argParser(shard))
    .option('--replication <k>', 'rerun replication k alone in this thread and print its outcome', integer(0, '--replication'))
    .option('--trace', 'with --replication: print the event trace of the replication')
    .option('--design <name>', 'with --replication: only this design')
    .action(async (file: string, o: SimOpts & { shard?: ShardSpec; replication?: number; trace?: boolean; design?: string }) => {
      if (o.trace && o.replication === undefined) throw new UsageError('--trace needs --replication K (the replication to rerun)');
      if (o.design !== undefined && o.replication === undefined) throw new UsageError('--design needs --replication K');
      if (o.shard && !o.out) throw new UsageError('--shard needs --out FILE (the shard file to write)');
      if (o.report && (o.shard || o.replication !== undefined)) throw new UsageError('--report needs the whole run: not with --shard (merge the shards, then run outagesim report on the result) nor --replication');
      if (o.shard && o.precision !== undefined) throw new UsageError('--shard and --precision cannot be combined: a precision run decides its replication count as it goes');
      const loaded = warned(await loadScenario(file, { seed: o.seed, replications: o.precision === undefined ? o.replications : undefined }));
      if (o.replication !== undefined) {
        const designs = o.design === undefined ? loaded.designs : loaded.designs.filter((d) => d.name === o.design);
        if (designs.length === 0) throw new UsageError(`--design ${o.design}: no such design (designs: ${loaded.designs.map((d) => d.name).join(', ')})`);
        checkWork(loaded.file, designs, 1, { ...o, workers: 1 });
        const texts = designs.map((d) => {
          const s = effective(d.scenario, {});
          return formatReplication(d.name, s.seed, runReplication(s, o.replication!), o.trace === true);
        });
        ctx.stdout(`${texts.join('\n\n')}\n`);
        return;
      }
      if (o.shard) {
        const shardSpec = o.shard;
        const estimate = checkWork(loaded.file, loaded.designs, shardSize(loaded.scenario.replications, shardSpec), o);
        const file_ = await withProgress(o, estimate, (opts) => runShard(loaded, opts, shardSpec));
        writeFileAtomic(o.out!, shardJson(file_));
        const reps = shardSize(file_.scenario.replications, o.shard);
        ctx.stdout(`shard ${o.shard.index}/${o.shard.count}: ${reps} of ${file_.scenario.replications} replications of ${loaded.designs.length} design(s) written to ${o.out}\n`);
        return;
      }
      await emit(await simulateAll(loaded, o), o, (r) => {
        const verdicts = r.comparisons.map((c) => `- ${c.verdict}`);
        const cost = formatCost(r);
        const text = cost === null ? formatResult(r) : `${formatResult(r)}\n\n${cost}`;
        return verdicts.length === 0 ? text : `${text}\n\nagainst ${r.designs[0]!.name} (paired, common random numbers; details: outagesim compare)\n${verdicts.join('\n')}`;
      });
    });

  simulationOptions(program.command('compare'))
    .description('Compare the designs of one scenario on the same fault: side by side, paired differences, verdicts')
    .argument('<scenario>', 'scenario file (YAML)')
    .action(async (file: string, o: SimOpts) => {
      const loaded = warned(await loadScenario(file, { seed: o.seed, replications: o.precision === undefined ? o.replications : undefined }));
      await emit(await simulateAll(loaded, o), o, formatComparison);
    });

  program
    .command('merge')
    .description('Merge shard files (from run or sweep --shard i/n) into the document a single machine would have produced')
    .argument('<shards...>', 'shard files, one per shard, any order')
    .option('--out <file>', 'write the Result JSON to this file (atomically) instead of printing it')
    .action((files: string[], o: { out?: string }) => {
      const texts = files.map((f) => {
        try {
          return { source: f, text: readFileSync(f, 'utf8') };
        } catch (err) {
          throw new MergeError(`${f}: cannot read the shard file: ${err instanceof Error ? err.message : String(err)}`);
        }
      });
      // Sweep shards (sweep --shard) carry whole points; run shards carry replications.
      const sweeps = texts.map((t) => parseSweepShard(t.text, t.source));
      if (sweeps.some((s) => s !== null) && sweeps.some((s) => s === null)) throw new MergeError('cannot merge sweep shards with run shards');
      const json = sweeps[0]
        ? resultJson(mergeSweepShards(sweeps.map((doc, i) => ({ source: texts[i]!.source, doc: doc! }))))
        : resultJson(priceResult(mergeShards(texts.map((t) => ({ source: t.source, shard: parseShard(t.text, t.source) })))));
      if (o.out) writeFileAtomic(o.out, json);
      else ctx.stdout(json);
    });

  const deps: CommandDeps = {
    // The command's summed estimate was checked (checkRuns) before anything ran: each run goes ahead.
    simulate: (loaded, o) => simulateAll(loaded, { ...o, maxReplications: 1000, force: true }),
    checkRuns: (runs, o, what) => {
      const estimates = runs.map((l) => ({ label: l.label, estimate: estimateWork(l.loaded.designs, l.loaded.scenario.replications) }));
      const tasks = Math.max(1, ...runs.map((l) => l.loaded.scenario.replications * l.loaded.designs.length));
      const refusal = summedWorkRefusal(estimates, workersFor({ workers: o.workers }, tasks), what, ctx.workLimitRequests);
      if (refusal && !o.force) throw new UsageError(refusal);
    },
    stdout: ctx.stdout,
    stderr: ctx.stderr,
    usage: (message) => {
      throw new UsageError(message);
    },
    exit: (code) => {
      throw new ExitCode(code);
    },
    integer,
    report: reportFromJson,
  };
  registerSweep(program, deps);
  registerSensitivity(program, deps);
  registerCheck(program, deps);
  registerGraph(program, deps);
  registerHeadroom(program, deps);
  registerSize(program, deps);

  program
    .command('report')
    .description('Render Result JSON files into an offline HTML report, a Markdown summary, vega-lite specs and SVG/PNG charts')
    .argument('<results...>', 'Result JSON files (run --json or --out), sweep or sensitivity documents (--json or --out); several make one section each, in the order given')
    .option('--out <dir>', 'directory to write into (default: reports/<scenario>/)')
    .option('--prices <file>', 'reprice every result with this price table (models/pricing/*.yaml) instead of the one it was run with')
    .option('--quiet', 'no progress bar on stderr')
    .action(async (files: string[], o: { out?: string; quiet?: boolean; prices?: string }) => {
      const table = o.prices === undefined ? undefined : loadPriceTable(o.prices);
      const read = files.map(readResultFile);
      // Cost is a pure function of the Result and a price table: repricing never re-simulates.
      const results = table
        ? read.map((r) => {
          if (!('result' in r)) throw new UsageError(`--prices reprices Result files only: ${r.source} is a ${'sweep' in r ? 'sweep' : 'sensitivity'} document (rerun it with the price table in the scenario)`);
          return { ...r, result: priceResult(r.result as unknown as Result, table) as unknown as typeof r.result };
        })
        : read;
      ctx.stdout(`${await writeReport(results, o.out, o.quiet)}\n`);
    });

  program
    .command('validate')
    .description('Check scenario files (syntax, fields, units, references) without simulating')
    .argument('<files...>', 'scenario files')
    .action(async (files: string[]) => {
      const problems: string[] = [];
      for (const f of files) {
        try {
          const loaded = warned(await loadScenario(f));
          const n = loaded.warnings.length;
          const over = workLimitNote(estimateWork(loaded.designs, loaded.scenario.replications), ctx.workLimitRequests);
          const curves = loaded.designs.flatMap((d) => Object.entries(designCapacity(d.scenario)).map(([svc, capacity]) => ({ label: `${d.name}/${svc}`, capacity })));
          const capacityText = capacityLines(curves).map((l) => `${l}\n`).join('');
          ctx.stdout(`${f}: ok (${loaded.designs.length} design${loaded.designs.length === 1 ? '' : 's'}: ${loaded.designs.map((d) => d.name).join(', ')})${n > 0 ? `, ${n} warning${n === 1 ? '' : 's'}` : ''}${over ? `; ${over}` : ''}\n${capacityText}`);
        } catch (err) {
          if (!(err instanceof ScenarioError)) throw err;
          problems.push(err.message);
        }
      }
      if (problems.length > 0) {
        ctx.stderr(`${problems.join('\n')}\n`);
        throw new ExitCode(EXIT_BAD_INPUT);
      }
    });

  try {
    await program.parseAsync(argv);
    return 0;
  } catch (err) {
    return exitCodeOf(err, ctx, failureContext.file);
  }
}

/** Ends the command with an exit code, its message already printed. */
class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function exitCodeOf(err: unknown, ctx: CliContext, scenarioFile?: string): number {
  if (err instanceof ExitCode) return err.code;
  // help and version exit 0; unknown options, missing or invalid arguments are bad input
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
  if (err instanceof ScenarioError || err instanceof MergeError || err instanceof UsageError) {
    ctx.stderr(`${err instanceof UsageError ? 'outagesim: ' : ''}${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof InterruptedError) {
    ctx.stderr(`outagesim: ${err.message}\n`);
    return EXIT_INTERRUPTED;
  }
  if (err instanceof ReplicationError) {
    const where = err.causeStack?.split('\n').slice(1, 6).join('\n');
    ctx.stderr(`outagesim: ${err.message}\n${where ? `${where}\n` : ''}nothing was written. Rerun it alone with: outagesim run ${scenarioFile ?? '<scenario>'} --replication ${err.replication} --trace --design ${err.design}${err.seed !== undefined ? ` --seed ${err.seed}` : ''}\n`);
    return EXIT_FAILURE;
  }
  ctx.stderr(`outagesim: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT_FAILURE;
}

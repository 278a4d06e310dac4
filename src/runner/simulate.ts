/**
 * Runs every design of a scenario for its replications and assembles the Result.
 * Replication k of every design uses the same random streams (common random numbers), so
 * designs differ by their design, not by noise. `simulateParallel` spreads replications over a
 * worker pool; `simulateSequential` runs them in this thread. Both give the same bytes. Tasks
 * are generated as they are run and outcomes kept compactly (OutcomeStore), so memory does not
 * depend on the replication count beyond a few hundred bytes of figures per replication.
 */
import { readFileSync } from 'node:fs';
import type { ReplicationOutcome } from '../metrics/outcome.js';
import type { TimelineGrid } from '../metrics/replicationRecorder.js';
import type { Scenario } from '../scenario/schema.js';
import { dependencyGraph } from '../graph/dependencyGraph.js';
import { singlePointsOfFailure, type SinglePointOfFailure } from '../graph/singlePoints.js';
import { aggregateDesign, type Columns } from './aggregate.js';
import { designCapacity, type DesignCapacity } from './capacityInfo.js';
import { compareDesigns } from './compare.js';
import { OutcomeStore } from './outcomeStore.js';
import { defaultWorkers, ReplicationPool, type PoolOptions, type PoolTask } from './pool.js';
import { runReplication, timelineGrid } from './replication.js';
import { designPricing, withWriteRates } from './inventory.js';
import type { Result } from './result.js';
import type { DesignPricing, PriceTable } from './resultCost.js';

/** A scenario with its designs resolved (each design a full, validated scenario). */
export interface SimulationInput {
  file: string;
  scenario: Scenario;
  designs: Array<{ name: string; scenario: Scenario }>;
}

/** Options that override the scenario's own settings. */
export interface SimulateOptions extends PoolOptions {
  seed?: number;
  replications?: number;
  /** Called after each replication with (done, total). */
  onProgress?: (done: number, total: number) => void;
  /** Called once the worker pool is up, before the first replication is handed out. */
  onStart?: (run: RunStart) => void;
}

/** What the Result says about the scenario run, independent of how replications were spread. */
export interface RunInfo {
  tool: { name: string; version: string };
  scenario: Result['scenario'];
  grid: TimelineGrid;
  /** With prices: the scenario's table and, per design in order, what cost needs (else null). */
  pricing: { prices: PriceTable; designs: DesignPricing[] } | null;
  /** Per design in order, its single points of failure (static; absent in shards written before them). */
  singlePoints?: SinglePointOfFailure[][];
  /** Per design in order, its services' capacity curves (absent when no service has one). */
  capacity?: DesignCapacity[];
}

/** The tool's name and version, from package.json. */
export function toolInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** Applies the seed/replication overrides to one design's scenario. */
export function effective(s: Scenario, opts: { seed?: number; replications?: number }): Scenario {
  return { ...s, seed: opts.seed ?? s.seed, replications: opts.replications ?? s.replications };
}

/** The run description for `input` under `opts`. */
export function runInfo(input: SimulationInput, opts: { seed?: number; replications?: number } = {}): RunInfo {
  const base = effective(input.scenario, opts);
  return {
    tool: toolInfo(),
    scenario: { name: base.name, file: input.file, seed: base.seed, replications: base.replications, horizon_s: base.horizon, practical: base.compare.practical },
    grid: timelineGrid(base),
    pricing: pricingOf(input),
    singlePoints: input.designs.map((d) => singlePointsOfFailure(dependencyGraph(d.scenario.system, d.scenario.slo.classes))),
    ...capacityOf(input),
  };
}

/** The capacity curves of every design, when any service of any design has one. */
function capacityOf(input: SimulationInput): Pick<RunInfo, 'capacity'> {
  const designs = input.designs.map((d) => designCapacity(d.scenario));
  return designs.some((d) => Object.keys(d).length > 0) ? { capacity: designs } : {};
}

/** What cost needs from the scenario, when the base and every design are priced. */
function pricingOf(input: SimulationInput): RunInfo['pricing'] {
  const prices = input.scenario.prices;
  if (!prices) return null;
  const designs = input.designs.map((d) => designPricing(input.scenario, d.scenario));
  return designs.every((d) => d !== null) ? { prices, designs: designs as DesignPricing[] } : null;
}

/** One design's outcomes in replication order, and (when kept in a store) its column reader. */
export interface DesignOutcomes {
  name: string;
  outcomes: ReplicationOutcome[];
  columns?: Columns;
}

/** Builds the Result from each design's outcomes, in replication order. */
export function assembleResult(info: RunInfo, designs: DesignOutcomes[]): Result {
  const results = designs.map((d, i) => {
    const agg = aggregateDesign(d.name, d.outcomes, info.grid, d.columns);
    const curves = info.capacity?.[i];
    const r = curves ? { ...agg, services: agg.services.map((s) => (curves[s.name] ? { ...s, ...curves[s.name] } : s)) } : agg;
    const p = info.pricing?.designs[i];
    const spofs = info.singlePoints?.[i] ?? [];
    const withSpofs = spofs.length > 0 ? { ...r, single_points_of_failure: spofs } : r;
    return p ? { ...withSpofs, ...p, inventory: withWriteRates(p.inventory, d.outcomes) } : withSpofs;
  });
  return {
    tool: info.tool,
    scenario: { ...info.scenario, replications: designs[0]?.outcomes.length ?? 0 },
    designs: results,
    comparisons: compareDesigns(results, info.scenario.practical),
    ...(info.pricing ? { prices: info.pricing.prices } : {}),
  };
}

/** Tasks for replications `replications` of every design, design-major, generated as they are pulled. */
export function* taskSource(input: SimulationInput, opts: { seed?: number; replications?: number }, replications: () => Iterable<number>): Generator<PoolTask> {
  for (const d of input.designs) {
    const scenario = effective(d.scenario, opts);
    for (const replication of replications()) yield { design: d.name, scenario, replication };
  }
}

/** Replication indices [from, to), lazily. */
export function* range(from: number, to: number): Generator<number> {
  for (let r = from; r < to; r++) yield r;
}

/**
 * One compact store per design (name → store); a stored outcome's events are recomputed by
 * rerunning that replication of that design in this thread, when aggregation asks for them.
 */
export function designStores(input: SimulationInput, opts: { seed?: number; replications?: number }): Map<string, OutcomeStore> {
  return new Map(input.designs.map((d) => {
    const scenario = effective(d.scenario, opts);
    return [d.name, new OutcomeStore((r) => runReplication(scenario, r).events)];
  }));
}

/** The designs' stored outcomes, as `assembleResult` takes them: figures are read from the store's columns. */
export function storedDesigns(stores: Map<string, OutcomeStore>): DesignOutcomes[] {
  return [...stores].map(([name, store]) => ({ name, outcomes: store.rows(), columns: store }));
}

/** What is about to run, for a caller that reports it (the CLI's readiness line). */
export interface RunStart {
  /** Replications of each design (with --precision: the most it may run). */
  replications: number;
  designs: number;
  workers: number;
}

/** Simulates all designs, replications in order, in this thread. */
export function simulateSequential(input: SimulationInput, opts: SimulateOptions = {}): Result {
  const info = runInfo(input, opts);
  const n = info.scenario.replications;
  const total = n * input.designs.length;
  const stores = designStores(input, opts);
  let done = 0;
  for (const t of taskSource(input, opts, () => range(0, n))) {
    stores.get(t.design)!.add(runReplication(t.scenario, t.replication));
    opts.onProgress?.(++done, total);
  }
  return assembleResult(info, storedDesigns(stores));
}

/** Worker threads for `tasks` tasks: the option or every core, never more than the tasks. */
export function workersFor(opts: PoolOptions, tasks: number): number {
  return Math.max(1, Math.min(opts.workers ?? defaultWorkers(), tasks));
}

/** Simulates all designs with replications spread over a worker pool. */
export async function simulateParallel(input: SimulationInput, opts: SimulateOptions = {}): Promise<Result> {
  const info = runInfo(input, opts);
  const n = info.scenario.replications;
  const total = n * input.designs.length;
  const stores = designStores(input, opts);
  const workers = workersFor(opts, total);
  const pool = new ReplicationPool({ ...opts, workers });
  let done = 0;
  try {
    opts.onStart?.({ replications: n, designs: input.designs.length, workers });
    await pool.run(taskSource(input, opts, () => range(0, n)), (outcome, task) => {
      stores.get(task.design)!.add(outcome);
      opts.onProgress?.(++done, total);
    });
  } finally {
    await pool.close();
  }
  // Aggregated after the threads are gone, so their memory is not held at the same time.
  return assembleResult(info, storedDesigns(stores));
}

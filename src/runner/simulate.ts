/**
 * Runs every design of a scenario for its replications and assembles the Result.
 * Replication k of every design uses the same random streams (common random numbers), so
 * designs differ by their design, not by noise. `simulateParallel` spreads replications over a
 * worker pool; `simulateSequential` runs them in this thread. Both give the same bytes.
 */
import { readFileSync } from 'node:fs';
import type { ReplicationOutcome } from '../metrics/outcome.js';
import type { TimelineGrid } from '../metrics/replicationRecorder.js';
import type { Scenario } from '../scenario/schema.js';
import { aggregateDesign } from './aggregate.js';
import { compareDesigns } from './compare.js';
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
}

/** What the Result says about the scenario run, independent of how replications were spread. */
export interface RunInfo {
  tool: { name: string; version: string };
  scenario: Result['scenario'];
  grid: TimelineGrid;
  /** With prices: the scenario's table and, per design in order, what cost needs (else null). */
  pricing: { prices: PriceTable; designs: DesignPricing[] } | null;
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
    scenario: { name: base.name, file: input.file, seed: base.seed, replications: base.replications, horizon_s: base.horizon },
    grid: timelineGrid(base),
    pricing: pricingOf(input),
  };
}

/** What cost needs from the scenario, when the base and every design are priced. */
function pricingOf(input: SimulationInput): RunInfo['pricing'] {
  const prices = input.scenario.prices;
  if (!prices) return null;
  const designs = input.designs.map((d) => designPricing(input.scenario, d.scenario));
  return designs.every((d) => d !== null) ? { prices, designs: designs as DesignPricing[] } : null;
}

/** Builds the Result from each design's outcomes, in replication order. */
export function assembleResult(info: RunInfo, designs: Array<{ name: string; outcomes: ReplicationOutcome[] }>): Result {
  const results = designs.map((d, i) => {
    const r = aggregateDesign(d.name, d.outcomes, info.grid);
    const p = info.pricing?.designs[i];
    return p ? { ...r, ...p, inventory: withWriteRates(p.inventory, d.outcomes) } : r;
  });
  return {
    tool: info.tool,
    scenario: { ...info.scenario, replications: designs[0]?.outcomes.length ?? 0 },
    designs: results,
    comparisons: compareDesigns(results),
    ...(info.pricing ? { prices: info.pricing.prices } : {}),
  };
}

/** Tasks for replications [from, to) of every design, design-major. */
export function tasksFor(input: SimulationInput, opts: { seed?: number; replications?: number }, from: number, to: number): PoolTask[] {
  const tasks: PoolTask[] = [];
  for (const d of input.designs) {
    const scenario = effective(d.scenario, opts);
    for (let r = from; r < to; r++) tasks.push({ design: d.name, scenario, replication: r });
  }
  return tasks;
}

/** Splits design-major outcomes (as `tasksFor` ordered them) back per design. */
export function splitByDesign(input: SimulationInput, outcomes: ReplicationOutcome[]): ReplicationOutcome[][] {
  const per = outcomes.length / input.designs.length;
  return input.designs.map((_, i) => outcomes.slice(i * per, (i + 1) * per));
}

/** Simulates all designs, replications in order, in this thread. */
export function simulateSequential(input: SimulationInput, opts: SimulateOptions = {}): Result {
  const info = runInfo(input, opts);
  const n = info.scenario.replications;
  const total = n * input.designs.length;
  let done = 0;
  const designs = input.designs.map(({ name, scenario }) => {
    const s = effective(scenario, opts);
    const outcomes: ReplicationOutcome[] = [];
    for (let r = 0; r < n; r++) {
      outcomes.push(runReplication(s, r));
      opts.onProgress?.(++done, total);
    }
    return { name, outcomes };
  });
  return assembleResult(info, designs);
}

/** Simulates all designs with replications spread over a worker pool. */
export async function simulateParallel(input: SimulationInput, opts: SimulateOptions = {}): Promise<Result> {
  const info = runInfo(input, opts);
  const tasks = tasksFor(input, opts, 0, info.scenario.replications);
  const pool = new ReplicationPool({ ...opts, workers: Math.max(1, Math.min(opts.workers ?? defaultWorkers(), tasks.length)) });
  let done = 0;
  try {
    const outcomes = await pool.run(tasks, () => opts.onProgress?.(++done, tasks.length));
    const per = splitByDesign(input, outcomes);
    return assembleResult(info, input.designs.map((d, i) => ({ name: d.name, outcomes: per[i]! })));
  } finally {
    await pool.close();
  }
}

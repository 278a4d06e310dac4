/**
 * Runs every design of a scenario for its replications and assembles the Result.
 * Replication k of every design uses the same random streams (common random numbers), so
 * designs differ by their design, not by noise.
 */
import { readFileSync } from 'node:fs';
import type { ReplicationOutcome } from '../metrics/outcome.js';
import type { Scenario } from '../scenario/schema.js';
import { aggregateDesign } from './aggregate.js';
import { runReplication, timelineGrid } from './replication.js';
import type { Result } from './result.js';

/** A scenario with its designs resolved (each design a full, validated scenario). */
export interface SimulationInput {
  file: string;
  scenario: Scenario;
  designs: Array<{ name: string; scenario: Scenario }>;
}

/** Options that override the scenario's own settings. */
export interface SimulateOptions {
  seed?: number;
  replications?: number;
  /** Called after each replication with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** The tool's name and version, from package.json. */
export function toolInfo(): { name: string; version: string } {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
  return { name: pkg.name, version: pkg.version };
}

/** Applies the seed/replication overrides to one design's scenario. */
function effective(s: Scenario, opts: SimulateOptions): Scenario {
  return { ...s, seed: opts.seed ?? s.seed, replications: opts.replications ?? s.replications };
}

/** Simulates all designs, replications in order, in this thread. */
export function simulateSequential(input: SimulationInput, opts: SimulateOptions = {}): Result {
  const base = effective(input.scenario, opts);
  const grid = timelineGrid(base);
  const total = base.replications * input.designs.length;
  let done = 0;
  const designs = input.designs.map(({ name, scenario }) => {
    const s = effective(scenario, opts);
    const outcomes: ReplicationOutcome[] = [];
    for (let r = 0; r < base.replications; r++) {
      outcomes.push(runReplication(s, r));
      opts.onProgress?.(++done, total);
    }
    return aggregateDesign(name, outcomes, grid);
  });
  return {
    tool: toolInfo(),
    scenario: { name: base.name, file: input.file, seed: base.seed, replications: base.replications, horizon_s: base.horizon },
    designs,
    comparisons: [],
  };
}

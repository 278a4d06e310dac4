/**
 * Public API: `simulate` gives the same Result object the CLI prints with `--json`.
 *
 * ```ts
 * import { simulate, loadScenario } from 'outagesim';
 * const result = await simulate('scenarios/pool-timeout-incident.yaml', { replications: 20 });
 * ```
 */
import { priceResult } from './cost/priceResult.js';
import { loadScenario, type LoadedScenario } from './scenario/load.js';
import { simulateParallel, type SimulateOptions } from './runner/simulate.js';
import type { Result } from './runner/result.js';
import { simulateToPrecision, type PrecisionOptions } from './runner/precision.js';

export { loadScenario, loadScenarioText } from './scenario/load.js';
export type { LoadedScenario, DesignScenario } from './scenario/load.js';
export { ScenarioError } from './scenario/errors.js';
export type { Problem } from './scenario/errors.js';
export type { Scenario } from './scenario/schema.js';
export type { Result, DesignResult } from './runner/result.js';
export type { SimulateOptions } from './runner/simulate.js';
export type { Comparison } from './runner/compare.js';
export type { PrecisionOptions, PrecisionReport } from './runner/precision.js';
export { ReplicationError, InterruptedError } from './runner/errors.js';
export { priceResult } from './cost/priceResult.js';
export { loadPriceTable } from './scenario/priceTable.js';
export type { CostComparison, CostSummary, DesignCost, Inventory, PriceTable, Business } from './runner/resultCost.js';

/**
 * Simulates every design of a scenario (a file path or an already loaded scenario), replications
 * spread over `options.workers` threads (default: available cores). The Result is the same for
 * any worker count. Rejects with ReplicationError when a replication throws, InterruptedError
 * when `options.signal` aborts. With `options.precision` ({relative, maxReplications}), adds
 * replications in batches until every headline metric's CI is that tight (`result.precision`).
 */
export async function simulate(scenario: string | LoadedScenario, options: SimulateOptions & { precision?: PrecisionOptions } = {}): Promise<Result> {
  const loaded = typeof scenario === 'string' ? await loadScenario(scenario) : scenario;
  const { precision, ...rest } = options;
  // Cost is priced from the Result alone (src/cost), here as in the CLI, so both give the same JSON.
  return priceResult(precision ? await simulateToPrecision(loaded, rest, precision) : await simulateParallel(loaded, rest));
}

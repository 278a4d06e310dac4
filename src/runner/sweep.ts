/**
 * `sweep`: one parameter over a list of values, the scenario simulated at each point. Every point
 * runs from the same seed, so replication k sees the same fault time and arrivals at every point
 * (common random numbers): the curve's shape comes from the parameter, not from noise. Points
 * are shardable like replications (`--shard i/n` runs points p with p mod n = i − 1); a point's
 * result is complete in its shard, so merging is putting the points back in order and gives the
 * very document an unsharded sweep writes.
 */
import { loadScenario, type LoadedScenario } from '../scenario/load.js';
import { scenarioSchema } from '../scenario/schema.js';
import { fieldDescription } from '../scenario/schemaNav.js';
import type { ShardSpec } from './shard.js';
import { MergeError } from './errors.js';
import type { DesignResult, Result } from './result.js';
import { runInfo } from './simulate.js';

/** One point of a sweep: the value and each design's result there (timelines left out: one curve per point would dwarf the rest). */
export interface SweepPoint {
  value: string;
  designs: Array<Omit<DesignResult, 'timeline'>>;
  comparisons: Result['comparisons'];
}

/** The sweep document (`sweep --json`); a shard holds only its points and says which shard it is. */
export interface SweepResult {
  format: 'outagesim-sweep';
  tool: Result['tool'];
  scenario: Result['scenario'];
  /** The swept parameter, its values, and what the scenario schema says the parameter is (when it says). */
  sweep: { param: string; values: string[]; description?: string };
  shard?: ShardSpec;
  points: SweepPoint[];
}

/** The indices of the points a shard runs. */
export function sweepPointsOf(count: number, shard?: ShardSpec): number[] {
  const all = Array.from({ length: count }, (_, p) => p);
  return shard ? all.filter((p) => p % shard.count === shard.index - 1) : all;
}

/** Most steps a `--range` may span (10,001 values): a typo such as 1s:100000s:1s is refused before anything runs. */
export const MAX_RANGE_STEPS = 10_000;

/**
 * `from:to:step` → the values from `from` to `to` inclusive. Each may carry a duration unit
 * (`1m:60m:5m`); the values are then written in seconds with the unit (`60s`, `360s`), which every
 * duration field accepts.
 * Null when malformed, or when it spans more than MAX_RANGE_STEPS steps.
 */
export function parseRange(text: string, parseDuration: (s: string) => number): string[] | null {
  const parts = text.split(':');
  if (parts.length !== 3) return null;
  const plain = parts.map((p) => /^\s*-?\d+(\.\d+)?\s*$/.test(p));
  const nums = parts.map((p, i) => (plain[i] ? Number(p) : (() => { try { return parseDuration(p.trim()); } catch { return NaN; } })()));
  const [from, to, step] = nums as [number, number, number];
  if (!nums.every(Number.isFinite) || step <= 0 || to < from || (to - from) / step > MAX_RANGE_STEPS) return null;
  // Written with their unit when the range had one, so the values say they are durations.
  const unit = plain.every(Boolean) ? '' : 's';
  const out: string[] = [];
  for (let k = 0; from + k * step <= to + step * 1e-9; k++) out.push(`${+(from + k * step).toPrecision(12)}${unit}`);
  return out;
}

/** Loads the scenario with `param` set to `value` (over the base and every design). */
export function loadPoint(file: string, param: string, value: string, run: { seed?: number; replications?: number }): Promise<LoadedScenario> {
  return loadScenario(file, { ...run, set: [{ path: param, value, source: `--param ${param}=${value}` }] });
}

/** Keeps what a sweep point reports from a run's Result. */
export function pointOf(value: string, r: Result): SweepPoint {
  return { value, designs: r.designs.map(({ timeline: _t, ...rest }) => rest), comparisons: r.comparisons };
}

/** A sweep shard file's document; null when the text is not one (e.g. a run shard). */
export function parseSweepShard(text: string, source: string): SweepResult | null {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return null;
  }
  const d = data as Partial<SweepResult> | null;
  if (!d || typeof d !== 'object' || d.format !== 'outagesim-sweep') return null;
  if (!d.sweep || !Array.isArray(d.sweep.values) || !Array.isArray(d.points) || !d.scenario || !d.tool) throw new MergeError(`${source}: a damaged sweep file (sweep, points, scenario or tool missing)`);
  return d as SweepResult;
}

/** Puts sweep shards back together: the document the unsharded sweep writes. */
export function mergeSweepShards(files: Array<{ source: string; doc: SweepResult }>): SweepResult {
  const [first, ...rest] = files;
  if (!first) throw new MergeError('merge needs at least one shard file');
  const a = first.doc;
  const key = (d: SweepResult) => JSON.stringify([d.tool, d.scenario, d.sweep, d.shard?.count]);
  for (const { source, doc } of rest) {
    if (key(doc) !== key(a)) throw new MergeError(`cannot merge: ${source} is a shard of another sweep than ${first.source} (scenario, seed, replications, parameter, values, tool version and shard count must agree)`);
  }
  const count = a.shard?.count ?? 1;
  const byIndex = new Map<number, string>();
  for (const { source, doc } of files) {
    if (!doc.shard) throw new MergeError(`cannot merge: ${source} is a whole sweep, not a shard`);
    const prev = byIndex.get(doc.shard.index);
    if (prev) throw new MergeError(`cannot merge: ${prev} and ${source} are both shard ${doc.shard.index}/${count}`);
    byIndex.set(doc.shard.index, source);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length) throw new MergeError(`cannot merge: missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}`);
  const points: SweepPoint[] = new Array(a.sweep.values.length);
  for (const { doc } of files) {
    sweepPointsOf(a.sweep.values.length, doc.shard).forEach((p, j) => {
      points[p] = doc.points[j]!;
    });
  }
  const { shard: _s, ...whole } = a;
  return { ...whole, points };
}

/**
 * Runs the sweep's points (those of `shard`, or all) in order; `simulate` runs one loaded
 * scenario exactly as `run` does. Every point is loaded before any runs, so a value that cannot
 * apply stops the sweep before it starts; `beforeRun` sees them all then (the CLI's work check).
 */
export async function runSweep(
  file: string,
  sweep: { param: string; values: string[] },
  run: { seed?: number; replications?: number },
  simulate: (loaded: LoadedScenario, point: number) => Promise<Result>,
  shard?: ShardSpec,
  beforeRun?: (points: Array<{ label: string; loaded: LoadedScenario }>) => void,
): Promise<SweepResult> {
  const indices = sweepPointsOf(sweep.values.length, shard);
  const loaded = await Promise.all(indices.map((p) => loadPoint(file, sweep.param, sweep.values[p]!, run)));
  beforeRun?.(loaded.map((l, j) => ({ label: `${sweep.param}=${sweep.values[indices[j]!]}`, loaded: l })));
  // The header is the same in every shard: it comes from the first point, run or not.
  const { tool, scenario } = runInfo(loaded[0] && indices[0] === 0 ? loaded[0] : await loadPoint(file, sweep.param, sweep.values[0]!, run));
  const points: SweepPoint[] = [];
  for (const [j, p] of indices.entries()) points.push(pointOf(sweep.values[p]!, await simulate(loaded[j]!, p)));
  const description = fieldDescription(scenarioSchema, sweep.param.split('.').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg)), undefined);
  return { format: 'outagesim-sweep', tool, scenario, sweep: { ...sweep, ...(description ? { description } : {}) }, ...(shard ? { shard } : {}), points };
}

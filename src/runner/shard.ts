/**
 * Beyond one machine: `--shard i/n` runs replications r with r mod n = i − 1 (i counts from 1)
 * of every design and writes their raw outcomes to a shard file; `merge` puts the outcomes of
 * all n shards back in replication order and assembles exactly the Result a single machine
 * would have produced. Non-finite numbers and −0 are encoded explicitly, since JSON has neither.
 */
import { createHash } from 'node:crypto';
import type { ReplicationOutcome } from '../metrics/outcome.js';
import { MergeError } from './errors.js';
import { ReplicationPool } from './pool.js';
import type { Result } from './result.js';
import { assembleResult, effective, runInfo, taskSource, workersFor, type RunInfo, type SimulateOptions, type SimulationInput } from './simulate.js';

/** Which share of the replications a shard runs: `index` of `count`, 1-based. */
export interface ShardSpec {
  index: number;
  count: number;
}

/** The shard file: raw outcomes of this shard's replications plus what identifies the run. */
export interface ShardFile {
  format: 'outagesim-shard';
  format_version: 1;
  tool: RunInfo['tool'];
  scenario: RunInfo['scenario'];
  grid: RunInfo['grid'];
  pricing: RunInfo['pricing'];
  singlePoints?: RunInfo['singlePoints'];
  /** The designs' capacity curves (absent when none has one). */
  capacity?: RunInfo['capacity'];
  /** sha256 of every design's effective scenario: shards of edited scenarios do not merge. */
  fingerprint: string;
  shard: ShardSpec;
  designs: Array<{ name: string; outcomes: ReplicationOutcome[] }>;
}

/** Parses `i/n` (1 ≤ i ≤ n); null when malformed. */
export function parseShardSpec(text: string): ShardSpec | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) return null;
  const index = Number(m[1]);
  const count = Number(m[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : null;
}

/** The replication indices of `shard` among `replications`, lazily. */
export function* shardIndices(replications: number, shard: ShardSpec): Generator<number> {
  for (let r = shard.index - 1; r < replications; r += shard.count) yield r;
}

/** How many replications of `replications` fall in `shard`. */
export function shardSize(replications: number, shard: ShardSpec): number {
  return Math.max(0, Math.ceil((replications - (shard.index - 1)) / shard.count));
}

function fingerprintOf(input: SimulationInput, opts: SimulateOptions): string {
  const designs = input.designs.map((d) => ({ name: d.name, scenario: effective(d.scenario, opts) }));
  return createHash('sha256').update(JSON.stringify(designs)).digest('hex');
}

/** Runs one shard's replications of every design on the pool. */
export async function runShard(input: SimulationInput, opts: SimulateOptions, shard: ShardSpec): Promise<ShardFile> {
  const info = runInfo(input, opts);
  const n = info.scenario.replications;
  const total = shardSize(n, shard) * input.designs.length;
  const outcomes = new Map(input.designs.map((d) => [d.name, [] as ReplicationOutcome[]]));
  if (total > 0) {
    const workers = workersFor(opts, total);
    const pool = new ReplicationPool({ ...opts, workers });
    let done = 0;
    try {
      opts.onStart?.({ replications: shardSize(n, shard), designs: input.designs.length, workers });
      await pool.run(taskSource(input, opts, () => shardIndices(n, shard)), (outcome, task) => {
        outcomes.get(task.design)!.push(outcome);
        opts.onProgress?.(++done, total);
      });
    } finally {
      await pool.close();
    }
  }
  return {
    format: 'outagesim-shard',
    format_version: 1,
    tool: info.tool,
    scenario: info.scenario,
    grid: info.grid,
    pricing: info.pricing,
    ...(info.singlePoints?.some((x) => x.length > 0) ? { singlePoints: info.singlePoints } : {}),
    ...(info.capacity ? { capacity: info.capacity } : {}),
    fingerprint: fingerprintOf(input, opts),
    shard,
    designs: input.designs.map((d) => ({ name: d.name, outcomes: outcomes.get(d.name)! })),
  };
}

const NUMBER_TAG = '$number';

/** The shard file's JSON text, numbers preserved exactly (NaN, ±Infinity and −0 tagged). */
export function shardJson(shard: ShardFile): string {
  return `${JSON.stringify(shard, (_k, v: unknown) => {
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return { [NUMBER_TAG]: Object.is(v, -0) ? '-0' : String(v) };
    return v;
  })}\n`;
}

/** Parses a shard file's text; MergeError naming `source` when it is not one. */
export function parseShard(text: string, source: string): ShardFile {
  let data: unknown;
  try {
    data = JSON.parse(text, (_k, v: unknown) => {
      if (v && typeof v === 'object' && !Array.isArray(v)) {
        const keys = Object.keys(v);
        if (keys.length === 1 && keys[0] === NUMBER_TAG) return Number((v as Record<string, string>)[NUMBER_TAG]);
      }
      return v;
    });
  } catch (err) {
    throw new MergeError(`${source}: not a shard file (invalid JSON: ${err instanceof Error ? err.message : String(err)})`);
  }
  const s = data as Partial<ShardFile> | null;
  if (!s || s.format !== 'outagesim-shard') throw new MergeError(`${source}: not a shard file (write one with: outagesim run <scenario> --shard i/n --out FILE)`);
  if (s.format_version !== 1) throw new MergeError(`${source}: shard format version ${String(s.format_version)} is not supported (expected 1)`);
  return s as ShardFile;
}

/** Merges shard files (any order) into the single-machine Result; MergeError when they do not fit. */
export function mergeShards(shards: Array<{ source: string; shard: ShardFile }>): Result {
  if (shards.length === 0) throw new MergeError('merge needs at least one shard file');
  const [first, ...rest] = shards;
  const a = first!.shard;
  const same = (what: string, get: (s: ShardFile) => unknown) => {
    for (const { source, shard } of rest) {
      if (JSON.stringify(get(shard)) !== JSON.stringify(get(a))) {
        throw new MergeError(`cannot merge: ${source} has ${what} ${JSON.stringify(get(shard))} but ${first!.source} has ${JSON.stringify(get(a))}`);
      }
    }
  };
  same('scenario', (s) => s.scenario.name);
  same('seed', (s) => s.scenario.seed);
  same('replications', (s) => s.scenario.replications);
  same('tool version', (s) => `${s.tool.name} ${s.tool.version}`);
  same('shard count', (s) => s.shard.count);
  same('designs', (s) => s.designs.map((d) => d.name));
  same('scenario content (fingerprint)', (s) => s.fingerprint);
  const count = a.shard.count;
  const seen = new Map<number, string>();
  for (const { source, shard } of shards) {
    const prev = seen.get(shard.shard.index);
    if (prev) throw new MergeError(`cannot merge: ${prev} and ${source} are both shard ${shard.shard.index}/${count}`);
    seen.set(shard.shard.index, source);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length > 0) throw new MergeError(`cannot merge: missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}`);

  const n = a.scenario.replications;
  const designs = a.designs.map((d, di) => {
    const outcomes: ReplicationOutcome[] = new Array(n);
    for (const { source, shard } of shards) {
      for (const o of shard.designs[di]!.outcomes) {
        if (o.replication % count !== shard.shard.index - 1 || o.replication >= n) {
          throw new MergeError(`cannot merge: ${source} holds replication ${o.replication}, which is not part of shard ${shard.shard.index}/${count}`);
        }
        outcomes[o.replication] = o;
      }
    }
    const hole = Array.from({ length: n }, (_, r) => r).find((r) => !outcomes[r]);
    if (hole !== undefined) throw new MergeError(`cannot merge: replication ${hole} of design "${d.name}" is in none of the shard files`);
    return { name: d.name, outcomes };
  });
  return assembleResult(
    { tool: a.tool, scenario: a.scenario, grid: a.grid, pricing: a.pricing ?? null, ...(a.singlePoints ? { singlePoints: a.singlePoints } : {}), ...(a.capacity ? { capacity: a.capacity } : {}) },
    designs,
  );
}

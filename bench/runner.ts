/**
 * Runner benchmark: replications/s of the shipped scenarios on 1 and 2 worker threads and the
 * speedup, the start-up cost of a worker, and the overhead of running a scenario as 2 shards
 * plus a merge instead of one run. Few replications each, so the whole section takes ~3 min.
 */
import { availableParallelism } from 'node:os';
import { loadScenario, type LoadedScenario } from '#dist/scenario/load.js';
import { ReplicationPool } from '#dist/runner/pool.js';
import { runReplication } from '#dist/runner/replication.js';
import { mergeShards, parseShard, runShard, shardJson } from '#dist/runner/shard.js';
import { range, simulateParallel, taskSource } from '#dist/runner/simulate.js';

const SCENARIOS = [
  { key: 'pool_timeout', file: 'scenarios/pool-timeout-incident.yaml', replications: 8 },
  { key: 'active_passive', file: 'scenarios/active-passive-failover.yaml', replications: 12 },
];

async function wallS(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

/**
 * Replications (of every design) per second on a started pool: the threads first run two full
 * replications each (start-up and JIT warm-up, reported separately as worker_startup_ms).
 */
async function rate(loaded: LoadedScenario, workers: number): Promise<{ perS: number; wallS: number }> {
  const tasks = [...taskSource(loaded, {}, () => range(0, loaded.scenario.replications))];
  // Warm every thread's JIT with full replications (not measured), as a long run would be.
  const warm = loaded.designs[0]!.scenario;
  const pool = new ReplicationPool({ workers });
  try {
    await pool.run(Array.from({ length: 2 * workers }, (_, i) => ({ design: 'warm-up', scenario: warm, replication: 1000 + i })));
    const s = await wallS(() => pool.run(tasks));
    return { perS: tasks.length / s, wallS: s };
  } finally {
    await pool.close();
  }
}

/** A fresh one-thread pool running one 1-minute replication, minus that replication warm in this thread. */
async function workerStartupMs(loaded: LoadedScenario): Promise<number> {
  const scenario = { ...loaded.designs[0]!.scenario, horizon: 60 };
  for (let i = 0; i < 3; i++) runReplication(scenario, i);
  const t = performance.now();
  runReplication(scenario, 0);
  const inThreadMs = performance.now() - t;
  const pool = new ReplicationPool({ workers: 1 });
  const t0 = performance.now();
  await pool.run([{ design: 'bench', scenario, replication: 0 }]);
  const pooledMs = performance.now() - t0;
  await pool.close();
  return pooledMs - inThreadMs;
}

export async function benchRunner(): Promise<Record<string, unknown>> {
  const out: Record<string, number> = {};
  out['cores'] = availableParallelism();
  let startupSource: LoadedScenario | undefined;
  let shardSource: { loaded: LoadedScenario; singleS: number } | undefined;
  for (const sc of SCENARIOS) {
    const loaded = await loadScenario(sc.file, { replications: sc.replications });
    startupSource ??= loaded;
    // This VM's speed drifts between runs: measure 1 and 2 workers interleaved, twice, and keep
    // each one's best, so a slow spell does not land on one side of the ratio only.
    let one = { perS: 0, wallS: 0 };
    let two = { perS: 0, wallS: 0 };
    for (let round = 0; round < 2; round++) {
      const a = await rate(loaded, 1);
      if (a.perS > one.perS) one = a;
      const b = await rate(loaded, 2);
      if (b.perS > two.perS) two = b;
    }
    out[`${sc.key}_replications`] = sc.replications * loaded.designs.length;
    out[`${sc.key}_reps_per_s_1_worker`] = one.perS;
    out[`${sc.key}_reps_per_s_2_workers`] = two.perS;
    out[`${sc.key}_speedup_2_workers`] = two.perS / one.perS;
    if (sc.key === 'active_passive') shardSource = { loaded, singleS: await wallS(() => simulateParallel(loaded, { workers: 2 })) };
  }
  out['worker_startup_ms'] = await workerStartupMs(startupSource!);
  // Two shards run one after the other on this machine (2 workers each), then merged, against the
  // same replications in one run: the overhead is the extra pool start-up, shard files and merge.
  const { loaded, singleS } = shardSource!;
  let texts: string[] = [];
  const shardsS = await wallS(async () => {
    texts = [];
    for (const index of [1, 2]) texts.push(shardJson(await runShard(loaded, { workers: 2 }, { index, count: 2 })));
  });
  const mergeS = await wallS(async () => mergeShards(texts.map((t, i) => ({ source: `shard${i + 1}`, shard: parseShard(t, `shard${i + 1}`) }))));
  out['shard_2_plus_merge_s'] = shardsS + mergeS;
  out['single_run_s'] = singleS;
  out['shard_merge_overhead_s'] = shardsS + mergeS - singleS;
  out['merge_ms'] = mergeS * 1000;
  out['shard_file_kb'] = texts.reduce((a, t) => a + t.length, 0) / 2 / 1024;
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchRunner());
}

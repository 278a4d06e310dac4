import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { simulateParallel, simulateSequential } from '../../src/runner/simulate.js';
import { InterruptedError, ReplicationError } from '../../src/runner/errors.js';
import { ReplicationPool } from '../../src/runner/pool.js';
import { resultJson } from '../../src/cli/io.js';
import { unpairedCi95 } from '../../src/stats/paired.js';

const TINY = 'test/fixtures/runner/tiny.yaml';
const CRASHING = new URL('../fixtures/runner/crashingWorker.ts', import.meta.url);

describe('worker pool', () => {
  it('gives byte-identical JSON for 1, 2 and 3 workers, equal to the in-thread run', async () => {
    const loaded = await loadScenario(TINY);
    const sequential = resultJson(simulateSequential(loaded));
    for (const workers of [1, 2, 3]) {
      expect(resultJson(await simulateParallel(loaded, { workers }))).toBe(sequential);
    }
  });

  it('reports progress once per replication of every design', async () => {
    const loaded = await loadScenario(TINY, { replications: 3 });
    const seen: Array<[number, number]> = [];
    await simulateParallel(loaded, { workers: 2, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.map(([d]) => d)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.every(([, t]) => t === 6)).toBe(true);
  });

  it('fails the run naming design, replication and seed when a replication throws in a worker', async () => {
    const loaded = await loadScenario(TINY);
    const run = simulateParallel(loaded, { workers: 2, workerUrl: CRASHING });
    await expect(run).rejects.toBeInstanceOf(ReplicationError);
    await expect(run).rejects.toMatchObject({ design: 'more-instances', replication: 3, seed: 11 });
    await expect(run).rejects.toThrow(/replication 3 of design "more-instances" \(seed 11\) failed: injected failure/);
  });

  it('stops with InterruptedError when aborted while replications run', async () => {
    const loaded = await loadScenario(TINY);
    const ctl = new AbortController();
    let seen = 0;
    // Abort on the first finished replication: the pool is demonstrably running, and 11 remain.
    const run = simulateParallel(loaded, { workers: 2, signal: ctl.signal, onProgress: () => { seen++; ctl.abort(); } });
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(seen).toBe(1);
  });

  it('pulls tasks lazily: never more than its window ahead of the replications it has finished', async () => {
    const loaded = await loadScenario(TINY);
    const scenario = { ...loaded.designs[0]!.scenario, horizon: 30 };
    let pulled = 0;
    let delivered = 0;
    const ahead: number[] = [];
    const order: number[] = [];
    // Up to a trillion tasks, ending once 40 outcomes are in: materialising them would exhaust
    // memory long before the first ran. (Ending the source, not aborting, lets the run finish.)
    function* trillion() {
      for (let replication = 0; replication < 1e12 && delivered < 40; replication++) {
        pulled++;
        yield { design: 'base', scenario, replication };
      }
    }
    const pool = new ReplicationPool({ workers: 2 });
    try {
      const ran = await pool.run(trillion(), (outcome) => {
        order.push(outcome.replication);
        ahead.push(pulled - ++delivered);
      });
      expect(ran).toBe(delivered);
    } finally {
      await pool.close();
    }
    expect(ahead.length).toBeGreaterThanOrEqual(40);
    // 4 tasks pending per thread: with 2 threads, at most 8 pulled beyond those delivered.
    expect(Math.max(...ahead)).toBeLessThanOrEqual(8);
    expect(pulled).toBeLessThanOrEqual(48);
    expect(order).toEqual(Array.from({ length: order.length }, (_, r) => r));
  });

  it('on common random numbers, the paired CI of two near-identical designs is much narrower than the unpaired one', async () => {
    // base and more-instances differ by one instance out of four; fault time and duration, arrivals
    // and service draws are shared per replication, so most of the spread cancels in the pairs.
    const result = simulateSequential(await loadScenario(TINY));
    const [a, b] = result.designs;
    const paired = result.comparisons.find((c) => c.metric === 'availability')!;
    const unpaired = unpairedCi95(a!.replications.map((r) => r.availability!), b!.replications.map((r) => r.availability!))!;
    const width = (ci: [number, number]) => ci[1] - ci[0];
    expect(width(unpaired) / width(paired.ci95!)).toBeGreaterThan(10);
  });
});

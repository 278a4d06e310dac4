import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { simulateParallel, simulateSequential } from '../../src/runner/simulate.js';
import { ReplicationError } from '../../src/runner/errors.js';
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
  }, 60_000);

  it('reports progress once per replication of every design', async () => {
    const loaded = await loadScenario(TINY, { replications: 3 });
    const seen: Array<[number, number]> = [];
    await simulateParallel(loaded, { workers: 2, onProgress: (d, t) => seen.push([d, t]) });
    expect(seen.map(([d]) => d)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(seen.every(([, t]) => t === 6)).toBe(true);
  }, 30_000);

  it('fails the run naming design, replication and seed when a replication throws in a worker', async () => {
    const loaded = await loadScenario(TINY);
    const run = simulateParallel(loaded, { workers: 2, workerUrl: CRASHING });
    await expect(run).rejects.toBeInstanceOf(ReplicationError);
    await expect(run).rejects.toMatchObject({ design: 'more-instances', replication: 3, seed: 11 });
    await expect(run).rejects.toThrow(/replication 3 of design "more-instances" \(seed 11\) failed: injected failure/);
  }, 30_000);

  it('stops with InterruptedError when aborted', async () => {
    const loaded = await loadScenario(TINY);
    const ctl = new AbortController();
    const run = simulateParallel(loaded, { workers: 2, signal: ctl.signal });
    setTimeout(() => ctl.abort(), 200);
    await expect(run).rejects.toThrow(/interrupted/);
  }, 30_000);

  it('on common random numbers, the paired CI of two near-identical designs is much narrower than the unpaired one', async () => {
    // base and more-instances differ by one instance out of four; fault time and duration, arrivals
    // and service draws are shared per replication, so most of the spread cancels in the pairs.
    const result = simulateSequential(await loadScenario(TINY));
    const [a, b] = result.designs;
    const paired = result.comparisons.find((c) => c.metric === 'availability')!;
    const unpaired = unpairedCi95(a!.replications.map((r) => r.availability!), b!.replications.map((r) => r.availability!))!;
    const width = (ci: [number, number]) => ci[1] - ci[0];
    expect(width(unpaired) / width(paired.ci95!)).toBeGreaterThan(10);
  }, 30_000);
});

/**
 * A network partition end to end: the API runs in both regions (a fixed split), the database's
 * primary in us-east and an async replica in eu-west. The partition cuts the two regions apart for
 * 10 minutes. With automated promotion the failover manager in eu-west promotes its replica while
 * the us-east primary keeps taking us-east's writes: a split brain that lasts until the heal, and
 * the writes of the losing side are discarded. With fencing or manual promotion there is none.
 */
import { describe, expect, it } from 'vitest';
import { aggregateDesign } from '../../src/runner/aggregate.js';
import { runReplication, timelineGrid } from '../../src/runner/replication.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { DETECTION_S, PARTITION_S, PROMOTION_S, partitionScenario as text } from '../support/partitionScenario.js';

describe('network partition between regions', async () => {
  const loaded = await loadScenarioText(text, 'partition.yaml');
  const design = (name: string) => loaded.designs.find((d) => d.name === name)!.scenario;
  const cache = new Map<string, ReturnType<typeof runReplication>[]>();
  const outcomes = (name: string) => {
    if (!cache.has(name)) cache.set(name, [0, 1].map((rep) => runReplication(design(name), rep)));
    return cache.get(name)!;
  };

  it('with automated promotion, counts a split brain from the promotion to the heal and loses the old side\'s writes', () => {
    const runs = outcomes('automated');
    expect(runs.length).toBeGreaterThan(0);
    for (const o of runs) {
      expect(o.split_brain_s).toBeCloseTo(PARTITION_S - DETECTION_S - PROMOTION_S, 6);
      // us-east kept writing (half of 20/s, half of them writes) for ~9.5 minutes on the losing side.
      expect(o.lost_writes).toBeGreaterThan(1000);
      // The RPO spans from the first write eu-west missed (the cut) to the last write discarded.
      expect(o.rpo_s).toBeGreaterThan(PARTITION_S - 5);
      expect(o.rpo_s).toBeLessThanOrEqual(PARTITION_S);
    }
    const d = aggregateDesign('automated', runs, timelineGrid(design('automated')));
    expect(d.split_brain?.mean).toBeCloseTo(PARTITION_S - DETECTION_S - PROMOTION_S, 6);
  });

  it('with fencing, or manual promotion, never has two writable primaries', () => {
    for (const name of ['fencing', 'manual']) {
      const runs = outcomes(name);
      const d = aggregateDesign(name, runs, timelineGrid(design(name)));
      expect(d.split_brain?.max).toBe(0);
    }
    // Fencing loses only what the cut kept from eu-west before the old primary stopped (20 s of writes).
    for (const o of outcomes('fencing')) expect(o.rpo_s).toBeLessThan(DETECTION_S + 1);
    for (const o of outcomes('manual')) expect(o.lost_writes).toBe(0);
  });
});

describe('run output names the split brain', async () => {
  const { formatResult } = await import('../../src/cli/format.js');
  const { simulateSequential } = await import('../../src/runner/simulate.js');
  const loaded = await loadScenarioText(text.replace('replications: 2', 'replications: 1'), 'partition.yaml');

  it('warns for the automated design and says there was none for fencing and manual', () => {
    const result = simulateSequential(loaded);
    const out = formatResult(result);
    expect(out).toMatch(/! automated: split brain: two writable primaries for 9m 30s per replication/);
    expect(out).toContain('fencing: no split brain');
    expect(out).toContain('manual: no split brain');
  });
});

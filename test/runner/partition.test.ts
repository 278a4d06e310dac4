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

const PARTITION_S = 600;
const DETECTION_S = 20;
const PROMOTION_S = 10;

const text = `
name: partition
seed: 3
replications: 2
horizon: 25m
slo: { success_ratio: 0.99, latency: 1s, window: 1m, sustained: 2m }
system:
  regions: { us-east: {}, eu-west: {} }
  network: { rtt: { us-east~eu-west: 80ms } }
  services:
    api:
      instances: { us-east: 3, eu-west: 3 }
      concurrency: 8
      service_time: { exponential: { mean: 10ms } }
      database: orders
      write_ratio: 0.5
      pools: { orders: { max: 10, connect_timeout: 2s } }
  databases:
    orders:
      primary: us-east
      replicas: [{ region: eu-west, mode: async, lag: 100ms }]
      promotion: { mode: automated, detection: ${DETECTION_S}s, promotion: ${PROMOTION_S}s }
  clients:
    web: { rate: 20/s, timeout: 2s, retries: 0 }
fault: { kind: network_partition, regions: [us-east], at: 5m, duration: ${PARTITION_S / 60}m }
designs:
  automated: {}
  fencing:
    system.databases.orders.promotion: { mode: automated, detection: ${DETECTION_S}s, promotion: ${PROMOTION_S}s, fencing: true }
  manual:
    system.databases.orders.promotion: { mode: manual }
`;

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

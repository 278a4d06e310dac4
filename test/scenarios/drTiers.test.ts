/**
 * Case C, `dr-tiers`: four recovery tiers under the same region outage, each recovering through
 * its own mechanisms. RTO p50 near 4 h, 30 min, 5 min and 30 s, RPO in case C's order, and the
 * backup tier's RPO equal to the time since its last backup, exactly, in every replication.
 *
 * Budget: 3 replications per tier. The three fast tiers run on a 2h 30m horizon instead of 7 h:
 * their fault starts by 90 minutes and they recover within 45, and every random stream is keyed by
 * (seed, replication, component), so the shorter horizon changes none of their numbers.
 */
import { describe, expect, it } from 'vitest';
import { RandomStreams } from '../../src/engine/random.js';
import type { DesignResult } from '../../src/runner/result.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenario, type LoadedScenario } from '../../src/scenario/load.js';

const REPLICATIONS = 3;
const MIN = 60;
const HOUR = 3600;

const tiers = await loadScenario('scenarios/dr-tiers.yaml');

function only(design: string, horizonS?: number): LoadedScenario {
  const d = tiers.designs.find((x) => x.name === design)!;
  return { ...tiers, designs: [{ name: design, scenario: horizonS === undefined ? d.scenario : { ...d.scenario, horizon: horizonS } }] };
}

const cache = new Map<string, DesignResult>();
function run(design: string, horizonS?: number): DesignResult {
  if (!cache.has(design)) cache.set(design, simulateSequential(only(design, horizonS), { replications: REPLICATIONS }).designs[0]!);
  return cache.get(design)!;
}
const backupRestore = () => run('backup-restore');
const warmStandby = () => run('warm-standby', 2.5 * HOUR);
const activePassive = () => run('active-passive', 2.5 * HOUR);
const activeActive = () => run('active-active', 2.5 * HOUR);

describe('dr-tiers (Case C)', () => {
  it('backup-restore: every replication recovers, RTO p50 between 3 h and 5 h, most of it the restore', () => {
    const d = backupRestore();
    expect(d.metrics.rto_s.recovered).toBe(REPLICATIONS);
    expect(d.metrics.rto_s.p50).toBeGreaterThanOrEqual(3 * HOUR);
    expect(d.metrics.rto_s.p50).toBeLessThanOrEqual(5 * HOUR);
    const top = [...d.rto_phases!].sort((a, b) => b.share - a.share)[0]!;
    expect(top.phase).toBe('restore');
  });

  it('backup-restore: the RPO of every replication is the time from its last backup to the crash, exactly', () => {
    const d = backupRestore();
    const interval = tiers.designs[0]!.scenario.system.databases['orders-db']!.backups!.interval;
    expect(d.replications.length).toBe(REPLICATIONS);
    for (const r of d.replications) {
      // The backup schedule: a phase in [0, interval) drawn from the database's named stream, then every interval.
      let last = new RandomStreams(tiers.designs[0]!.scenario.seed, r.replication).stream('backups:orders-db')() * interval;
      while (last + interval <= r.fault_start_s) last += interval;
      expect(last).toBeLessThanOrEqual(r.fault_start_s);
      expect(r.rpo_s).toBe(r.fault_start_s - last);
      expect(r.lost_writes).toBeGreaterThan(0);
    }
  });

  const fastTiers: Array<[string, () => DesignResult, number, number, string | null]> = [
    ['warm-standby', warmStandby, 15 * MIN, 45 * MIN, 'scale_up'],
    ['active-passive', activePassive, 3 * MIN, 8 * MIN, 'dns_propagation'],
    ['active-active', activeActive, 10, 90, null],
  ];
  it.each(fastTiers)('%s: every replication recovers, RTO p50 within its tier (and the phase that dominates)', (_, result, lo, hi, dominant) => {
    const d = result();
    expect(d.metrics.rto_s.recovered).toBe(REPLICATIONS);
    expect(d.metrics.rto_s.p50).toBeGreaterThanOrEqual(lo);
    expect(d.metrics.rto_s.p50).toBeLessThanOrEqual(hi);
    if (dominant) expect([...d.rto_phases!].sort((a, b) => b.share - a.share)[0]!.phase).toBe(dominant);
  });

  it('RPO falls tier by tier: backups > log shipping > streaming async > sync (zero)', () => {
    const rpo = [backupRestore(), warmStandby(), activePassive(), activeActive()].map((d) => d.metrics.rpo_s.mean!);
    expect(rpo[0]).toBeGreaterThan(rpo[1]!);
    expect(rpo[1]).toBeGreaterThan(rpo[2]!);
    expect(rpo[2]).toBeGreaterThan(rpo[3]!);
    expect(rpo[3]).toBe(0);
  });
});

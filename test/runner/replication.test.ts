/**
 * One replication end to end (build → run → outcome) on small fixture scenarios whose right
 * answers follow from the mechanisms: a 10-minute region outage recovers once the instances have
 * booted and passed their health checks; a fault that touches nothing costs nothing; an
 * unrepaired outage never recovers; promoting an async replica loses the writes in flight.
 */
import { describe, expect, it } from 'vitest';
import { runReplication, timelineGrid } from '../../src/runner/replication.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';

const outage = await loadScenario('test/fixtures/runner/region-outage.yaml');
const crash = await loadScenario('test/fixtures/runner/primary-crash.yaml');
const design = (loaded: typeof outage, name: string): Scenario => loaded.designs.find((d) => d.name === name)!.scenario;

// Fixture parameters the bounds below are derived from.
const OUTAGE_S = 600, STARTUP_S = 30, INTERVAL_S = 10, HEALTHY_AFTER = 2;
/** The SLO window (60 s) tolerates 1% bad requests: up to 0.6 s of arrivals. */
const SLO_SLACK_S = 60 * 0.01;

describe('runReplication', () => {
  it('is a pure function of (scenario, replication): the same inputs give the same outcome', () => {
    const s = design(outage, 'outage-10m');
    expect(JSON.stringify(runReplication(s, 1))).toBe(JSON.stringify(runReplication(s, 1)));
  });

  it('draws different random numbers for different replications, and the same ones for every design (common random numbers)', () => {
    const a = runReplication(design(outage, 'outage-10m'), 0);
    const b = runReplication(design(outage, 'outage-10m'), 1);
    const c = runReplication(design(outage, 'no-effect'), 0);
    expect(a.fault_start_s).not.toBe(b.fault_start_s);
    expect(a.fault_start_s).toBe(c.fault_start_s);
  });

  it('recovers from a 10-minute region outage once instances have booted and passed healthy_after checks', () => {
    for (let rep = 0; rep < 4; rep++) {
      const o = runReplication(design(outage, 'outage-10m'), rep);
      // Boot at OUTAGE + STARTUP; the first passing check within one interval of it (not before),
      // the healthy_after-th one interval later each.
      const boot = OUTAGE_S + STARTUP_S;
      expect(o.rto_s).toBeGreaterThanOrEqual(boot + (HEALTHY_AFTER - 1) * INTERVAL_S - SLO_SLACK_S);
      expect(o.rto_s).toBeLessThanOrEqual(boot + HEALTHY_AFTER * INTERVAL_S + SLO_SLACK_S);
      expect(o.availability).toBeLessThan(1);
      expect(o.events[0]).toMatchObject({ t_s: 0, kind: 'fault' });
      expect(o.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['fault_end', 'recovery']));
    }
  });

  it('reports RTO 0 and full availability for a fault that touches no host', () => {
    const o = runReplication(design(outage, 'no-effect'), 0);
    expect(o.rto_s).toBe(0);
    expect(o.availability).toBe(1);
  });

  it('reports "not recovered" (null, never a number) when the outage is never repaired', () => {
    const o = runReplication(design(outage, 'until-repaired'), 0);
    expect(o.rto_s).toBeNull();
    expect(o.events.at(-1)!.kind).toBe('not_recovered');
  });

  it('recovers after the operator is paged, reaches a keyboard and repairs, then the instances boot and rejoin', () => {
    const o = runReplication(design(outage, 'operator-repairs'), 2);
    const t = (kind: string) => o.events.find((e) => e.kind === kind)!.t_s;
    const order = o.events.map((e) => e.kind).filter((k) => ['page', 'fault_end', 'recovery'].includes(k));
    expect(order).toEqual(['page', 'fault_end', 'recovery']);
    // alert_after 1 m, paging 2 m, repair 5 m.
    expect(t('fault_end') - t('page')).toBeCloseTo(120 + 300, 9);
    expect(t('page')).toBeGreaterThanOrEqual(60);
    const afterRepair = o.rto_s! - t('fault_end');
    expect(afterRepair).toBeGreaterThanOrEqual(STARTUP_S + (HEALTHY_AFTER - 1) * INTERVAL_S - SLO_SLACK_S);
    expect(afterRepair).toBeLessThanOrEqual(STARTUP_S + HEALTHY_AFTER * INTERVAL_S + SLO_SLACK_S);
  });

  it('lays the timeline out relative to the fault and shows the instances gone during the outage', () => {
    const s = design(outage, 'outage-10m');
    const grid = timelineGrid(s);
    // Fault at 5-6 min: 5 one-minute buckets fit before the earliest start; after the latest, 34 fit in 40 min.
    expect(grid).toEqual({ bucketS: 60, startS: -300, buckets: 5 + 34 });
    const o = runReplication(s, 0);
    const serving = o.timeline.serving_instances!;
    const healthy = o.timeline.lb_healthy_instances!;
    for (let k = 0; k < grid.buckets; k++) {
      const middle = grid.startS + (k + 0.5) * grid.bucketS;
      if (middle > 0 && middle < OUTAGE_S) expect(serving[k], `bucket at ${middle}s`).toBe(0);
      // The balancer notices after unhealthy_after (3) failed checks, the last one timing out (2 s).
      if (middle > 3 * INTERVAL_S + 2 && middle < OUTAGE_S) expect(healthy[k], `bucket at ${middle}s`).toBe(0);
      if (middle < 0 || middle > OUTAGE_S + STARTUP_S + (HEALTHY_AFTER + 1) * INTERVAL_S) {
        expect(serving[k], `bucket at ${middle}s`).toBe(3);
        expect(healthy[k], `bucket at ${middle}s`).toBe(3);
      }
    }
    const during = o.timeline.success_ratio!.filter((_, k) => {
      const middle = grid.startS + (k + 0.5) * grid.bucketS;
      return middle > 60 && middle < OUTAGE_S;
    });
    expect(during.every((x) => x === 0)).toBe(true);
  });

  // Four 20-minute replications: seconds alone, more on a loaded machine.
  it('loses the writes in flight to the async replica when it is promoted, and none when the sync standby is', () => {
    for (let rep = 0; rep < 2; rep++) {
      const viaAsync = runReplication(design(crash, 'promote-async'), rep);
      const viaSync = runReplication(design(crash, 'promote-sync'), rep);
      // A lost write was committed less than one lag (at most 200 ms) before the crash.
      expect(viaAsync.rpo_s).toBeGreaterThan(0);
      expect(viaAsync.rpo_s).toBeLessThanOrEqual(0.2);
      expect(viaAsync.lost_writes).toBeGreaterThanOrEqual(1);
      expect(viaSync.rpo_s).toBe(0);
      expect(viaSync.lost_writes).toBe(0);
      // Detection 20 s + promotion 10 s: the pools reconnect at once (validate on borrow) and the
      // instances pass healthy_after deep checks (every 5 s, each within its 500 ms timeout).
      const promotedS = 20 + 10, checkS = 5, checkTimeoutS = 0.5;
      for (const o of [viaAsync, viaSync]) {
        expect(o.rto_s).toBeGreaterThanOrEqual(promotedS + (HEALTHY_AFTER - 1) * checkS - SLO_SLACK_S);
        expect(o.rto_s).toBeLessThanOrEqual(promotedS + HEALTHY_AFTER * checkS + checkTimeoutS + SLO_SLACK_S);
      }
    }
  });
});

describe('duplicate writes', () => {
  /** Every request writes; the database commits 1 s in and the answer comes 1 s later. */
  const writes = (timeout: string): Scenario => loadScenarioText([
    'name: duplicates',
    'horizon: 5m',
    'slo: { success_ratio: 0.99, latency: 10s }',
    'system:',
    '  regions: { r: { zones: 3 } }',
    '  databases: { db: { primary: r, query_time: 1s } }',
    '  services: { api: { instances: { r: 2 }, service_time: 1s, database: db, write_ratio: 1 } }',
    `  clients: { web: { rate: 2/s, timeout: ${timeout}, retries: 1, retry_delay: 0 } }`,
    // Zone 3 holds nothing (two instances go to zones 1 and 2): a fault that touches no host.
    'fault: { kind: zone_outage, region: r, zone: 3, at: 4m }',
    '',
  ].join('\n'), 'inline.yaml').scenario;

  it('a write whose attempt timed out after the commit, then retried, commits twice', () => {
    // Timeout 1.5 s: each attempt commits at 1 s and is abandoned at 1.5 s; the retry commits again.
    const o = runReplication(writes('1500ms'), 0);
    expect(o.requests).toBeGreaterThan(300);
    expect(o.duplicate_writes).toBe(o.requests);
    // Timeout 5 s: the first attempt is answered; nothing is written twice.
    const answered = runReplication(writes('5s'), 0);
    expect(answered.requests).toBeGreaterThan(300);
    expect(answered.duplicate_writes).toBe(0);
  });
});

describe('what a degraded answer is worth (fallback success_value) and deferred work (queue fallback)', () => {
  /** One service whose every request calls a dependency that errors during [2m, 4m). */
  const withFallback = (fallback: string): Scenario => loadScenarioText([
    'name: fallback-value',
    'seed: 3',
    'horizon: 8m',
    'slo: { success_ratio: 0.99, latency: 1s, window: 30s, sustained: 1m }',
    'system:',
    '  regions: { r: { zones: 1 } }',
    '  dependencies: { dep: { latency: 5ms, outage: error } }',
    '  services:',
    `    api: { instances: { r: 2 }, service_time: 5ms, calls: [{ dependency: dep, fallback: ${fallback} }] }`,
    '  clients: { web: { rate: 20/s } }',
    'fault: { kind: dependency_outage, dependency: dep, at: 2m, duration: 2m }',
    '',
  ].join('\n'), 'inline.yaml').scenario;

  it('counts a cached answer as success_value of a success in availability, and in the SLO', () => {
    for (const value of [0.2, 0.8]) {
      const o = runReplication(withFallback(`{ kind: cached, success_value: ${value} }`), 0);
      // Every request succeeds (the fallback answers the outage's), about a quarter of them degraded.
      expect(o.degraded_ratio).toBeGreaterThan(0.2);
      expect(o.availability).toBeCloseTo(1 - o.degraded_ratio * (1 - value), 12);
      expect(o.classes[0]!.availability).toBeCloseTo(o.availability, 12);
      expect(o.deferred_requests).toBe(0);
    }
    // Worth a full success, the outage is invisible; worth 0.2, the SLO breaks for the outage.
    expect(runReplication(withFallback('{ kind: cached, success_value: 1 }'), 0).rto_s).toBe(0);
    expect(runReplication(withFallback('{ kind: cached, success_value: 0.2 }'), 0).rto_s).toBeGreaterThanOrEqual(120 - 30);
  });

  it('records work deferred by a queue fallback, worth nothing yet', () => {
    const o = runReplication(withFallback('{ kind: queue }'), 0);
    expect(o.deferred_requests).toBeGreaterThan(0);
    expect(o.deferred_requests).toBe(Math.round(o.degraded_ratio * o.requests));
    expect(o.availability).toBeCloseTo(1 - o.degraded_ratio, 12);
  });
});

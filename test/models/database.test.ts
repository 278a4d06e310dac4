/**
 * The replicated database: query latency (round trip + query time, plus a round trip to sync
 * replicas on writes), async replication lag, promotion (manual, automated after detection +
 * promotion, preferring sync), and the writes lost when an async replica is promoted (RPO).
 */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/models/database.js';
import { EAST_WEST_RTT_S, IN_REGION_RTT_S, at, harness, type Harness } from '../support/modelHarness.js';
import { databaseSpec } from '../support/specs.js';

const QUERY_S = 0.002;

function db(h: Harness, input: Record<string, unknown> = {}): Database {
  return new Database('orders', databaseSpec({ primary: 'east', query_time: `${QUERY_S * 1000}ms`, ...input }), h);
}

/** Sends one query from `region` to the current primary at time t; records when and how it answered. */
function queryAt(h: Harness, d: Database, t: number, isWrite: boolean, log: Array<{ t: number; ok: boolean }>, region = 'east'): void {
  at(h, t, () => d.query(region, d.endpoint(), isWrite, null, (_j, ok) => log.push({ t: h.sim.now, ok })));
}

const asyncWest = { region: 'west', mode: 'async', lag: '100ms' };
const syncEast = { region: 'east', zone: 2, mode: 'sync' };

describe('Database queries', () => {
  it('answers a read after the round trip from the caller plus the query time', () => {
    const h = harness();
    const d = db(h);
    const log: Array<{ t: number; ok: boolean }> = [];
    queryAt(h, d, 1, false, log);
    queryAt(h, d, 2, false, log, 'west');
    h.sim.run(10);
    expect(log[0]!.ok).toBe(true);
    expect(log[0]!.t).toBeCloseTo(1 + IN_REGION_RTT_S + QUERY_S, 9);
    expect(log[1]!.t).toBeCloseTo(2 + EAST_WEST_RTT_S + QUERY_S, 9);
  });

  it('makes a write wait one more round trip to a synchronous replica, and reads not', () => {
    const h = harness();
    const d = db(h, { replicas: [{ region: 'west', mode: 'sync' }] });
    const log: Array<{ t: number; ok: boolean }> = [];
    queryAt(h, d, 1, true, log);
    queryAt(h, d, 2, false, log);
    h.sim.run(10);
    expect(log[0]!.t).toBeCloseTo(1 + IN_REGION_RTT_S + QUERY_S + EAST_WEST_RTT_S, 9);
    expect(log[1]!.t).toBeCloseTo(2 + IN_REGION_RTT_S + QUERY_S, 9);
  });

  it('adds no write latency for an asynchronous replica', () => {
    const h = harness();
    const d = db(h, { replicas: [asyncWest] });
    const log: Array<{ t: number; ok: boolean }> = [];
    queryAt(h, d, 1, true, log);
    h.sim.run(10);
    expect(log[0]!.t).toBeCloseTo(1 + IN_REGION_RTT_S + QUERY_S, 9);
  });

  it('counts a commit only for writes, through onCommit', () => {
    const h = harness();
    const d = db(h);
    let commits = 0;
    at(h, 1, () => d.query('east', d.endpoint(), true, null, () => {}, () => commits++));
    at(h, 1, () => d.query('east', d.endpoint(), false, null, () => {}, () => commits++));
    h.sim.run(10);
    expect(commits).toBe(1);
  });

  it('refuses a write sent to a replica, after one round trip', () => {
    const h = harness();
    const d = db(h, { replicas: [asyncWest] });
    const replica = d.nodes[1]!.host;
    const log: Array<{ t: number; ok: boolean }> = [];
    at(h, 1, () => d.query('east', replica, true, null, (_j, ok) => log.push({ t: h.sim.now, ok })));
    h.sim.run(10);
    expect(log).toEqual([{ t: expect.closeTo(1 + EAST_WEST_RTT_S, 9), ok: false }]);
  });

  it('never answers a query to a dead primary, nor one in flight when the primary dies', () => {
    const h = harness();
    const d = db(h, { query_time: '1s' });
    const primary = d.endpoint();
    const log: Array<{ t: number; ok: boolean }> = [];
    queryAt(h, d, 1, false, log); // in flight from t=1 to t≈2
    at(h, 1.5, () => h.topology.setHostCrashed(primary, true));
    at(h, 3, () => d.query('east', primary, false, null, (_j, ok) => log.push({ t: h.sim.now, ok })));
    h.sim.run(1000);
    expect(log).toEqual([]);
  });
});

describe('Database replication and data loss (RPO)', () => {
  it('loses exactly the writes committed within the async lag before the crash; RPO is crash time minus the oldest lost commit', () => {
    const h = harness();
    // Query time 0: a write issued at t commits at t + 0.5 ms; the replica applies it 100 ms later.
    const d = db(h, { query_time: 0, replicas: [asyncWest] });
    const log: Array<{ t: number; ok: boolean }> = [];
    for (const t of [1.0, 1.5, 1.95, 1.99]) queryAt(h, d, t, true, log);
    at(h, 2, () => h.topology.setHostCrashed(d.endpoint(), true));
    at(h, 10, () => expect(d.promoteNow()).toBe(true));
    h.sim.run(20);
    expect(log.map((l) => l.ok)).toEqual([true, true, true, true]);
    // Committed at 1.9505 and 1.9905, due at the replica at 2.0505 and 2.0905: after the crash at 2.
    expect(h.recorder.losses).toEqual([{ database: 'orders', lostWrites: 2, rpoS: expect.closeTo(2 - 1.9505, 9), t: 10 }]);
  });

  it('loses nothing when every write reached the async replica before the crash', () => {
    const h = harness();
    const d = db(h, { query_time: 0, replicas: [asyncWest] });
    queryAt(h, d, 1, true, []);
    at(h, 2, () => h.topology.setHostCrashed(d.endpoint(), true));
    at(h, 3, () => d.promoteNow());
    h.sim.run(5);
    expect(h.recorder.losses).toEqual([{ database: 'orders', lostWrites: 0, rpoS: 0, t: 3 }]);
  });

  it('keeps the RPO within the largest configured lag when the lag is random (uniform 50-200 ms)', () => {
    // A write is lost only if commitT <= crash < commitT + lag, so crash - commitT < max lag.
    for (let rep = 0; rep < 5; rep++) {
      const h = harness('lag', rep);
      const d = db(h, { query_time: 0, replicas: [{ region: 'west', mode: 'async', lag: { uniform: ['50ms', '200ms'] } }] });
      for (let k = 0; k < 500; k++) queryAt(h, d, 1 + k * 0.01, true, []);
      at(h, 4.003, () => h.topology.setHostCrashed(d.endpoint(), true));
      at(h, 10, () => d.promoteNow());
      h.sim.run(20);
      const [loss] = h.recorder.losses;
      // Commits fall at 3.9605, 3.9705, … , 4.0005: those within 50 ms of the crash (at least 5,
      // the oldest at 3.9605) are surely lost, none older than 200 ms can be.
      expect(loss!.rpoS).toBeGreaterThanOrEqual(4.003 - 3.9605 - 1e-9);
      expect(loss!.rpoS).toBeLessThanOrEqual(0.2);
      expect(loss!.lostWrites).toBeGreaterThanOrEqual(5);
      expect(loss!.lostWrites).toBeLessThanOrEqual(20);
    }
  });

  it('loses nothing when the synchronous replica is promoted', () => {
    const h = harness();
    const d = db(h, { query_time: 0, replicas: [syncEast, asyncWest] });
    for (const t of [1.0, 1.95, 1.99]) queryAt(h, d, t, true, []);
    at(h, 2, () => h.topology.setHostCrashed(d.endpoint(), true));
    at(h, 3, () => d.promoteNow());
    h.sim.run(5);
    expect(d.endpoint()).toBe(d.nodes[1]!.host);
    expect(h.recorder.losses).toEqual([{ database: 'orders', lostWrites: 0, rpoS: 0, t: 3 }]);
  });
});

describe('Database promotion', () => {
  it('prefers the sync replica by default and the async one with prefer: async', () => {
    for (const [prefer, expected] of [['sync', 1], ['async', 2]] as const) {
      const h = harness();
      // The async replica is listed first to show that order does not decide.
      const d = db(h, { replicas: [syncEast, asyncWest], promotion: { prefer } });
      at(h, 1, () => h.topology.setHostCrashed(d.endpoint(), true));
      at(h, 2, () => d.promoteNow());
      h.sim.run(3);
      expect(d.endpoint(), `prefer ${prefer}`).toBe(d.nodes[expected]!.host);
      expect(d.primary.mode).toBe('primary');
    }
  });

  it('promotes the async replica when the sync replica died with the primary (region outage)', () => {
    const h = harness();
    const d = db(h, { replicas: [syncEast, asyncWest] });
    at(h, 1, () => h.topology.setRegionUp('east', false));
    at(h, 2, () => expect(d.promoteNow()).toBe(true));
    h.sim.run(3);
    expect(d.endpoint().region).toBe('west');
  });

  it('cannot promote when no replica is alive', () => {
    const h = harness();
    const d = db(h, { replicas: [syncEast] });
    const primary = d.endpoint();
    at(h, 1, () => h.topology.setRegionUp('east', false));
    at(h, 2, () => expect(d.promoteNow()).toBe(false));
    h.sim.run(3);
    expect(d.endpoint()).toBe(primary);
    expect(d.primaryDown).toBe(true);
  });

  it('promotes automatically detection + promotion after the crash, and not before', () => {
    const h = harness();
    const d = db(h, { replicas: [asyncWest], promotion: { mode: 'automated', detection: '30s', promotion: '10s' } });
    const old = d.endpoint();
    at(h, 100, () => h.topology.setHostCrashed(old, true));
    at(h, 139.999, () => {
      expect(d.endpoint()).toBe(old);
      expect(d.primaryDown).toBe(true);
    });
    h.sim.run(200);
    expect(d.endpoint()).toBe(d.nodes[1]!.host);
    expect(d.primaryDown).toBe(false);
    expect(h.recorder.notesOf('detection').map((n) => n.t)).toEqual([130]);
    expect(h.recorder.notesOf('promotion').map((n) => n.t)).toEqual([140]);
    expect(h.recorder.losses.map((l) => l.t)).toEqual([140]);
  });

  it('abandons an automated promotion when the primary is back before detection ends', () => {
    const h = harness();
    const d = db(h, { replicas: [asyncWest], promotion: { mode: 'automated', detection: '30s', promotion: '10s' } });
    const old = d.endpoint();
    at(h, 100, () => h.topology.setHostCrashed(old, true));
    at(h, 110, () => h.topology.setHostCrashed(old, false));
    h.sim.run(500);
    expect(d.endpoint()).toBe(old);
    expect(h.recorder.notesOf('promotion')).toEqual([]);
  });

  it('never promotes by itself in manual mode', () => {
    const h = harness();
    const d = db(h, { replicas: [asyncWest], promotion: { mode: 'manual' } });
    const old = d.endpoint();
    at(h, 100, () => h.topology.setHostCrashed(old, true));
    h.sim.run(10_000);
    expect(d.endpoint()).toBe(old);
    expect(d.primaryDown).toBe(true);
    expect(h.recorder.notesOf('database_down').map((n) => n.t)).toEqual([100]);
  });

  it('accepts writes on the promoted primary from the caller region, with its round trip', () => {
    const h = harness();
    const d = db(h, { replicas: [asyncWest] });
    at(h, 1, () => h.topology.setHostCrashed(d.endpoint(), true));
    at(h, 2, () => d.promoteNow());
    const log: Array<{ t: number; ok: boolean }> = [];
    queryAt(h, d, 3, true, log, 'east');
    h.sim.run(10);
    expect(log).toEqual([{ t: expect.closeTo(3 + EAST_WEST_RTT_S + QUERY_S, 9), ok: true }]);
  });
});

/**
 * Backups and restore: backups every interval at a per-replication phase; a restore makes a new
 * primary from the latest backup taken before the crash, losing every write committed since that
 * backup (counted from the commits the test saw), with RPO = crash time − backup time, exactly.
 */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/models/database.js';
import { at, harness, type Harness } from '../support/modelHarness.js';
import { databaseSpec } from '../support/specs.js';

const INTERVAL_S = 600;

function world(replication: number, backups: Record<string, unknown> = { interval: '10m', retention: '1h', restore_time: '20m' }, extra: Record<string, unknown> = {}) {
  const h: Harness = harness('backups', replication);
  const db = new Database('orders', databaseSpec({ primary: 'east', backups, ...extra }), h);
  const commits: number[] = [];
  // One write per second from t = 1 s; the test logs each commit time itself.
  for (let t = 1; t < 3300; t++) at(h, t, () => db.query('east', db.endpoint(), true, null, () => {}, () => commits.push(h.sim.now)));
  return { h, db, commits };
}

describe('Backups and restore', () => {
  it('takes a backup every interval at a phase that differs between replications', () => {
    const phases = [0, 1, 2, 3].map((r) => {
      const { h, db } = world(r);
      const seen: number[] = [];
      for (let t = 100; t <= 2500; t += 100) at(h, t, () => seen.push(db.backups!.latest.t));
      h.sim.run(2500);
      const distinct = [...new Set(seen)].filter((b) => b >= 0);
      for (let i = 1; i < distinct.length; i++) expect(distinct[i]! - distinct[i - 1]!).toBeCloseTo(INTERVAL_S, 9);
      expect(distinct.length).toBeGreaterThanOrEqual(3);
      return distinct[0]! % INTERVAL_S;
    });
    expect(new Set(phases.map((p) => p.toFixed(6))).size).toBe(4);
  });

  for (const replication of [0, 1, 2, 3, 4]) {
    it(`replication ${replication}: restoring loses exactly the writes since the last backup, RPO = crash − backup time`, () => {
      const { h, db, commits } = world(replication);
      const crashT = 2000.25;
      let backupT = NaN;
      at(h, crashT, () => {
        backupT = db.backups!.latest.t;
        h.topology.setHostCrashed(db.endpoint(), true);
      });
      at(h, crashT + 1200, () => expect(db.restoreFromBackup('west')).toBe(true));
      h.sim.run(crashT + 1300);
      expect(backupT).toBeGreaterThan(crashT - INTERVAL_S);
      expect(backupT).toBeLessThanOrEqual(crashT);
      expect(h.recorder.losses).toHaveLength(1);
      const loss = h.recorder.losses[0]!;
      expect(loss.rpoS).toBe(crashT - backupT);
      const lost = commits.filter((c) => c >= backupT && c <= crashT).length;
      expect(lost).toBeGreaterThan(0);
      expect(loss.lostWrites).toBe(lost);
      expect(db.endpoint().region).toBe('west');
      expect(db.endpoint().up).toBe(true);
      // The restored primary takes writes again.
      expect(commits.some((c) => c > crashT + 1200)).toBe(true);
    });
  }

  it('does nothing while the primary is alive', () => {
    const { h, db } = world(0);
    at(h, 100, () => expect(db.restoreFromBackup('west')).toBe(false));
    h.sim.run(200);
    expect(h.recorder.losses).toHaveLength(0);
  });

  it('restores in the size × per-GB time when the restore time is given per GB', () => {
    const perGb = world(0, { interval: '10m', retention: '1h', restore_time_per_gb: '30s' }, { storage: '200GB' }).db;
    expect(perGb.backups!.sampleRestoreS()).toBe(200 * 30);
    const fixed = world(0, { interval: '10m', retention: '1h', restore_time: { uniform: ['1h', '2h'] } }).db;
    const s = fixed.backups!.sampleRestoreS();
    expect(s).toBeGreaterThanOrEqual(3600);
    expect(s).toBeLessThanOrEqual(7200);
  });
});

/**
 * The network partition fault. Traffic between the two sides stops while both stay up: queries
 * across the cut never answer, replication across it stops (the far replica's lag grows with the
 * partition, and a promotion there loses every write since the cut: the RPO). An automated
 * failover manager beside the replica promotes it while the old primary still takes writes from
 * its own side: a split brain, counted in seconds, whose losing-side writes are discarded at the
 * heal. Manual promotion, or fencing, leaves no split brain.
 */
import { describe, expect, it } from 'vitest';
import { makeClient } from '../../../src/models/clients/fromSpec.js';
import { Database } from '../../../src/models/database.js';
import { FaultInjector } from '../../../src/models/faults/faultInjector.js';
import { RegionalControlPlane } from '../../../src/models/regionalControlPlane.js';
import type { Attempt } from '../../../src/models/types.js';
import { at, harness, IN_REGION_RTT_S, type Harness } from '../../support/modelHarness.js';
import { clientSpec, databaseSpec, faultSpec } from '../../support/specs.js';

const QUERY_S = 0.002;
const COMMIT_S = IN_REGION_RTT_S + QUERY_S;

function partition(h: Harness, d: Database, fault: Record<string, unknown>): FaultInjector {
  return new FaultInjector(faultSpec({ kind: 'network_partition', regions: ['east'], ...fault }), {
    services: new Map(),
    databases: new Map([['orders', d]]),
    dependencies: new Map(),
    controlPlane: new RegionalControlPlane(h.sim, h.recorder, h.topology),
    clients: new Map(),
  }, h);
}

/**
 * Primary in east, async replica in west (lag 100 ms); a writer in each region writes once a second
 * to the primary its service discovery names, from t=1 to 300 s. The partition cuts east from west
 * from 100 s to 200 s.
 */
function run(promotion: Record<string, unknown>, seed = 'partition') {
  const h = harness(seed);
  const d = new Database('orders', databaseSpec({ primary: 'east', query_time: `${QUERY_S * 1000}ms`, replicas: [{ region: 'west', mode: 'async', lag: '100ms' }], promotion }), h);
  partition(h, d, { at: '100s', duration: '100s' });
  const answers = { east: [] as Array<{ t: number; ok: boolean }>, west: [] as Array<{ t: number; ok: boolean }> };
  for (let t = 1; t <= 300; t++) {
    for (const region of ['east', 'west'] as const) {
      at(h, t, () => d.query(region, d.endpoint(region), true, null, (_j, ok) => answers[region].push({ t: h.sim.now, ok })));
    }
  }
  h.sim.run(400);
  return { h, d, answers };
}

const automated = { mode: 'automated', detection: '10s', promotion: '5s' };

describe('network_partition', () => {
  it('with automated promotion, promotes across the cut and counts the split brain until the heal (85 s)', () => {
    const { h, d, answers } = run(automated);
    // Cut at 100 s, declared dead at 110 s, promoted at 115 s, healed at 200 s.
    expect(d.splitBrainS(400)).toBeCloseTo(200 - 115, 9);
    expect(h.recorder.notesOf('split_brain').map((n) => n.t)).toEqual([115]);
    const losses = h.recorder.losses;
    expect(losses.length).toBe(2);
    // At the promotion: the writes committed since the cut (sent at 100, …, 114 s) never reached west.
    expect(losses[0]!.lostWrites).toBe(15);
    expect(losses[0]!.rpoS).toBeCloseTo(115 - (100 + COMMIT_S), 9);
    // At the heal: the old primary took east's writes of 115, …, 199 s during the split brain.
    expect(losses[1]!.t).toBe(200);
    expect(losses[1]!.lostWrites).toBe(85);
    expect(losses[1]!.rpoS).toBeCloseTo(199 - 100, 9);
    // Both sides kept writing during the split: east to the old primary, west to the new one.
    const okIn = (log: Array<{ t: number; ok: boolean }>, from: number, to: number) => log.filter((a) => a.ok && a.t >= from && a.t < to).length;
    expect(okIn(answers.east, 116, 200)).toBe(84);
    expect(okIn(answers.west, 116, 200)).toBe(84);
    // West's writes between the cut and the promotion found no primary it could reach: no answer.
    expect(answers.west.filter((a) => a.t >= 100 && a.t < 115).length).toBe(0);
    // After the heal, one primary (west) for everyone.
    expect(d.endpoint('east')).toBe(d.endpoint('west'));
    expect(d.endpoint().region).toBe('west');
    expect(okIn(answers.east, 201, 301)).toBe(100);
  });

  it('with fencing, the cut-off primary stops taking writes when declared dead: no split brain', () => {
    const { h, d, answers } = run({ ...automated, fencing: true });
    expect(d.splitBrainS(400)).toBe(0);
    expect(h.recorder.notesOf('split_brain')).toEqual([]);
    expect(h.recorder.notesOf('fencing').map((n) => n.t)).toEqual([110]);
    // Only the writes committed between the cut and the fencing are lost (sent at 100, …, 109 s).
    expect(h.recorder.losses.map((l) => l.lostWrites)).toEqual([10]);
    // East's writes sent at 110, …, 114 s are refused by the fenced primary.
    const fencedAnswers = answers.east.filter((a) => a.t > 110 && a.t < 115);
    expect(fencedAnswers.length).toBe(5);
    expect(fencedAnswers.every((a) => !a.ok)).toBe(true);
  });

  it('with manual promotion, nothing promotes during the partition and the replica catches up after it', () => {
    const { h, d, answers } = run({ mode: 'manual' });
    expect(d.splitBrainS(400)).toBe(0);
    expect(h.recorder.notesOf('promotion')).toEqual([]);
    expect(h.recorder.losses).toEqual([]);
    expect(d.endpoint().region).toBe('east');
    // East kept writing through the partition; west's writes across the cut never answered.
    expect(answers.east.filter((a) => a.ok).length).toBe(300);
    expect(answers.west.filter((a) => a.t >= 100 && a.t < 200).length).toBe(0);
  });

  it('stops replication across the cut: the longer the cut lasts before the promotion, the more the promotion loses (RPO)', () => {
    const rpo = (detection: string) => {
      const { h } = run({ ...automated, detection }, `partition-${detection}`);
      return h.recorder.losses[0]!;
    };
    const early = rpo('10s');
    const late = rpo('40s');
    // Promotion at 100 + detection + 5 s: every write since the cut is missing from the replica.
    expect(early.lostWrites).toBe(15);
    expect(late.lostWrites).toBe(45);
    expect(early.rpoS).toBeCloseTo(15 - COMMIT_S, 9);
    expect(late.rpoS).toBeCloseTo(45 - COMMIT_S, 9);
  });

  it('after the heal, the replica has every write again: a primary crash then loses nothing', () => {
    /** A 50 s partition from 100 s, writes every second, and the primary crashing at `crashT`. */
    const crashAt = (crashT: number) => {
      const h = harness('partition-heal');
      const d = new Database('orders', databaseSpec({ primary: 'east', query_time: '2ms', replicas: [{ region: 'west', mode: 'async', lag: '100ms' }] }), h);
      partition(h, d, { at: '100s', duration: '50s' });
      for (let t = 1; t <= 160; t++) at(h, t, () => d.query('east', d.endpoint(), true, null, () => {}));
      at(h, crashT, () => h.topology.setHostCrashed(d.endpoint(), true));
      at(h, crashT + 0.1, () => d.promoteNow());
      h.sim.run(200);
      return h.recorder.losses[0]!;
    };
    // Crash during the cut: the writes since it (100, …, 149 s) are lost, RPO ≈ the cut so far.
    const during = crashAt(149.5);
    expect(during.lostWrites).toBe(50);
    expect(during.rpoS).toBeCloseTo(149.5 - (100 + COMMIT_S), 9);
    expect(crashAt(155.5).lostWrites).toBe(0);
  });
});

describe('network_partition and clients', () => {
  it("cuts off a client's attempts to a region across the partition (they time out), and only while it lasts", () => {
    const h = harness('partition-client');
    const entry = { route: (_r: string, a: Attempt) => a.respond(true) };
    makeClient('web', 0, clientSpec({ rate: '10/s', timeout: '1s', retries: 0, regions: { east: 1 } }), entry, { pick: () => 'west' }, 0, h, []);
    at(h, 100, () => {
      const heal = h.topology.partition(['east'], ['west']);
      at(h, 200, heal);
    });
    h.sim.run(300);
    const arrivedIn = (from: number, to: number, ok: boolean) => h.recorder.done.filter((d) => d.req.arrivalT >= from && d.req.arrivalT < to && d.ok === ok).length;
    expect(arrivedIn(0, 99, true)).toBeGreaterThan(0);
    expect(arrivedIn(0, 99, false)).toBe(0);
    expect(arrivedIn(100, 200, false)).toBeGreaterThan(0);
    expect(arrivedIn(100, 200, true)).toBe(0);
    expect(arrivedIn(201, 300, false)).toBe(0);
  });
});

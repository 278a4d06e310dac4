/**
 * The spike faults. A replication lag spike makes every async replica lag by its `lag` while it
 * lasts, so a primary lost during it takes the writes of the spike with it (RPO ≈ time since the
 * spike began, instead of the normal lag). A traffic spike multiplies a class's arrivals by its
 * factor for its duration (extra Poisson arrivals on top of the class's own), then stops.
 */
import { describe, expect, it } from 'vitest';
import { makeClient } from '../../../src/models/clients/fromSpec.js';
import { Database } from '../../../src/models/database.js';
import { FaultInjector } from '../../../src/models/faults/faultInjector.js';
import { RegionalControlPlane } from '../../../src/models/regionalControlPlane.js';
import type { Attempt } from '../../../src/models/types.js';
import { at, harness, type Harness } from '../../support/modelHarness.js';
import { clientSpec, databaseSpec, faultSpec } from '../../support/specs.js';

function inject(h: Harness, fault: Record<string, unknown>, targets: { databases?: Map<string, Database>; clients?: Map<string, ReturnType<typeof makeClient>> }) {
  return new FaultInjector(faultSpec(fault), {
    services: new Map(),
    databases: targets.databases ?? new Map(),
    dependencies: new Map(),
    controlPlane: new RegionalControlPlane(h.sim, h.recorder, h.topology),
    clients: targets.clients ?? new Map(),
  }, h);
}

describe('replication_lag_spike', () => {
  /** Writes every second from t=1; the primary dies at 120.5 s and the replica is promoted at 125 s. */
  function crashDuring(spike: boolean) {
    const h = harness('lag-spike');
    const d = new Database('orders', databaseSpec({ primary: 'east', query_time: '2ms', replicas: [{ region: 'west', mode: 'async', lag: '100ms' }] }), h);
    if (spike) inject(h, { kind: 'replication_lag_spike', database: 'orders', lag: '30s', at: '100s', duration: '10m' }, { databases: new Map([['orders', d]]) });
    for (let t = 1; t <= 120; t++) at(h, t, () => d.query('east', d.endpoint(), true, null, () => {}));
    at(h, 120.5, () => h.topology.setHostCrashed(d.endpoint(), true));
    at(h, 125, () => d.promoteNow());
    h.sim.run(200);
    return h.recorder.losses;
  }

  it('loses every write committed since the spike began, and nothing without it (lag 100 ms)', () => {
    const commitS = 0.0005 + 0.002;
    const [lost] = crashDuring(true);
    expect(lost!.lostWrites).toBe(21); // writes sent at 100, 101, …, 120 s
    expect(lost!.rpoS).toBeCloseTo(120.5 - (100 + commitS), 9);
    expect(crashDuring(false)[0]!.lostWrites).toBe(0);
  });
});

describe('traffic_spike', () => {
  it('multiplies the arrivals of the classes it names by its factor for its duration (99.9% Poisson bounds), and no others', () => {
    const h = harness('traffic-spike');
    const seen = { web: [] as number[], batch: [] as number[] };
    const entry = (log: number[]) => ({ route: (_r: string, a: Attempt) => { log.push(h.sim.now); a.respond(true); } });
    const router = { pick: () => 'east' };
    const clients = new Map([
      ['web', makeClient('web', 0, clientSpec({ rate: '20/s', timeout: '1s' }), entry(seen.web), router, 0, h, [])],
      ['batch', makeClient('batch', 1, clientSpec({ rate: '20/s', timeout: '1s' }), entry(seen.batch), router, 0, h, [])],
    ]);
    inject(h, { kind: 'traffic_spike', factor: 5, classes: ['web'], at: '200s', duration: '100s' }, { clients });
    h.sim.run(400);
    const count = (log: number[], from: number, to: number) => log.filter((t) => t >= from && t < to).length;
    const within = (n: number, mean: number) => expect(Math.abs(n - mean)).toBeLessThan(3.3 * Math.sqrt(mean));
    within(count(seen.web, 100, 200), 20 * 100);
    within(count(seen.web, 200, 300), 5 * 20 * 100);
    within(count(seen.web, 300, 400), 20 * 100);
    within(count(seen.batch, 200, 300), 20 * 100);
    expect(h.recorder.notesOf('fault').map((n) => n.text)).toEqual(['traffic spike x5 (web) begins']);
  });
});

/**
 * The fault of a replication: it starts at a time drawn from `at`, takes hosts down (an instance
 * crash, a zone, a region, the database primary), and ends after `duration` or, for
 * `until_repaired`, when a repair step calls `repair()` (else it lasts to the horizon).
 * Hosts are real Topology hosts; the service and the database are fakes that name them.
 */
import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/models/faults/faultInjector.js';
import { RegionalControlPlane } from '../../../src/models/regionalControlPlane.js';
import type { Database } from '../../../src/models/database.js';
import type { ServiceTier } from '../../../src/models/service.js';
import type { Host } from '../../../src/models/topology.js';
import { at, harness, type Harness } from '../../support/modelHarness.js';
import { faultSpec } from '../../support/specs.js';

function world(fault: Record<string, unknown>, replication = 0) {
  const h = harness('faults', replication);
  const apiHosts = [1, 2, 3].map((z) => h.topology.addHost(`api/east/${z}`, 'east', z));
  const westHost = h.topology.addHost('api/west/1', 'west', 1);
  const dbPrimary = h.topology.addHost('db/primary', 'east', 1);
  const dbReplica = h.topology.addHost('db/replica', 'west', 2);
  const db = { primary: { host: dbPrimary } };
  const services = new Map([['api', { instances: [...apiHosts, westHost].map((host) => ({ host })) } as unknown as ServiceTier]]);
  const controlPlane = new RegionalControlPlane(h.sim, h.recorder, h.topology);
  const injector = new FaultInjector(faultSpec(fault), { services, databases: new Map([['orders', db as unknown as Database]]), dependencies: new Map(), controlPlane, clients: new Map() }, h);
  const all = [...apiHosts, westHost, dbPrimary, dbReplica];
  /** Names of the hosts that are down right now. */
  const down = () => all.filter((x) => !x.up).map((x) => x.name);
  return { h, injector, db, dbReplica, down, controlPlane };
}

/** Records `down()` at each of the given times. */
function downAt(h: Harness, times: number[], down: () => string[]): Map<number, string[]> {
  const seen = new Map<number, string[]>();
  for (const t of times) at(h, t, () => seen.set(t, down()));
  return seen;
}

describe('FaultInjector', () => {
  it('takes a whole region down at its start and brings it back after its duration', () => {
    const { h, down } = world({ kind: 'region_outage', region: 'east', at: '100s', duration: '50s' });
    const seen = downAt(h, [99, 100, 149.999, 150.001], down);
    h.sim.run(1000);
    expect(seen.get(99)).toEqual([]);
    expect(seen.get(100)).toEqual(['api/east/1', 'api/east/2', 'api/east/3', 'db/primary']);
    expect(seen.get(149.999)).toHaveLength(4);
    expect(seen.get(150.001)).toEqual([]);
    expect(h.recorder.notes.map((n) => [n.t, n.kind])).toEqual([[100, 'fault'], [150, 'fault_end']]);
  });

  it('takes down only the hosts of the zone in a zone outage', () => {
    const { h, down } = world({ kind: 'zone_outage', region: 'east', zone: 2, at: '10s', duration: '1m' });
    const seen = downAt(h, [20], down);
    h.sim.run(1000);
    expect(seen.get(20)).toEqual(['api/east/2']);
  });

  it('crashes `count` instances of the service in the region, no others', () => {
    const { h, down } = world({ kind: 'instance_crash', service: 'api', region: 'east', count: 2, at: '10s', duration: '1m' });
    const seen = downAt(h, [20, 70.001], down);
    h.sim.run(1000);
    expect(seen.get(20)).toEqual(['api/east/1', 'api/east/2']);
    expect(seen.get(70.001)).toEqual([]);
  });

  it('crashes the host that is primary when the fault starts', () => {
    const { h, db, dbReplica, down } = world({ kind: 'database_primary_crash', database: 'orders', at: '10s' });
    at(h, 5, () => { db.primary.host = dbReplica as Host; }); // an earlier failover moved the primary
    const seen = downAt(h, [20], down);
    h.sim.run(1000);
    expect(seen.get(20)).toEqual(['db/replica']);
  });

  it('lasts until repaired: to the horizon without a repair, and ends when repair() is called', () => {
    const lasting = world({ kind: 'region_outage', region: 'west', at: '10s' });
    lasting.h.sim.run(100_000);
    expect(lasting.injector.durationS).toBe(Infinity);
    expect(lasting.down()).toEqual(['api/west/1', 'db/replica']);

    const repaired = world({ kind: 'region_outage', region: 'west', at: '10s' });
    at(repaired.h, 500, () => repaired.injector.repair());
    at(repaired.h, 600, () => repaired.injector.repair());
    repaired.h.sim.run(1000);
    expect(repaired.down()).toEqual([]);
    expect(repaired.h.recorder.notesOf('fault_end').map((n) => n.t)).toEqual([500]);
  });

  it("takes the region's control plane down for its duration and leaves every host up", () => {
    const { h, down, controlPlane } = world({ kind: 'control_plane_outage', region: 'east', at: '100s', duration: '5m' });
    const seen: Array<[number, boolean, boolean, string[]]> = [];
    for (const t of [99, 100.001, 399.999, 400.001]) at(h, t, () => seen.push([t, controlPlane.available('east'), controlPlane.available('west'), down()]));
    h.sim.run(1000);
    expect(seen).toEqual([[99, true, true, []], [100.001, false, true, []], [399.999, false, true, []], [400.001, true, true, []]]);
  });

  it('ignores a repair before the fault has started', () => {
    const { h, injector, down } = world({ kind: 'region_outage', region: 'west', at: '10s' });
    at(h, 5, () => injector.repair());
    h.sim.run(100);
    expect(down()).toEqual(['api/west/1', 'db/replica']);
  });

  it('draws its start and duration from their distributions, differently per replication', () => {
    const starts = new Set<number>();
    for (let rep = 0; rep < 20; rep++) {
      const { injector } = world({ kind: 'region_outage', region: 'east', at: { uniform: ['10m', '20m'] }, duration: { uniform: ['1m', '2m'] } }, rep);
      expect(injector.startT).toBeGreaterThanOrEqual(600);
      expect(injector.startT).toBeLessThanOrEqual(1200);
      expect(injector.durationS).toBeGreaterThanOrEqual(60);
      expect(injector.durationS).toBeLessThanOrEqual(120);
      starts.add(injector.startT);
    }
    expect(starts.size).toBe(20);
  });
});

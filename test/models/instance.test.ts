/**
 * An application instance: `concurrency` slots and a bounded or unbounded FIFO queue; a request
 * queries its database through the pool, then computes for its service time. Crashes drop held
 * requests silently; an operator restart resets them at once and boots with a fresh pool.
 * Built by a ServiceTier (one instance in east) so that host changes reach the instance; requests
 * go straight to the instance, past the load balancer (tested on its own).
 */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/models/database.js';
import { ServiceTier } from '../../src/models/service.js';
import type { Attempt } from '../../src/models/types.js';
import { IN_REGION_RTT_S, at, harness, request, type Harness } from '../support/modelHarness.js';
import { databaseSpec, serviceSpec } from '../support/specs.js';

type Log = Array<{ t: number; ok: boolean; label: string }>;

function world(service: Record<string, unknown>, withDb = false) {
  const h = harness();
  const db = withDb ? new Database('orders', databaseSpec({ primary: 'east', query_time: '2ms', replicas: [{ region: 'west', mode: 'async' }] }), h) : null;
  const tier = new ServiceTier('api', serviceSpec({
    instances: { east: 1 }, service_time: '10ms', startup: '30s', ...(withDb ? { database: 'orders' } : {}), ...service,
  }), db, h);
  const log: Log = [];
  const send = (t: number, label: string) => at(h, t, () => tier.instances[0]!.accept(attempt(h, log, label)));
  return { h, db, tier, inst: tier.instances[0]!, log, send };
}

function attempt(h: Harness, log: Log, label: string): Attempt {
  return { req: request(), respond: (ok) => log.push({ t: h.sim.now, ok, label }) };
}

describe('Instance', () => {
  it('serves requests one slot each, in FIFO order, after their service time', () => {
    const { h, log, send, tier } = world({ concurrency: 1, queue: 'none' });
    for (const l of ['a', 'b', 'c']) send(1, l);
    h.sim.run(2);
    expect(log).toEqual([
      { t: expect.closeTo(1.01, 9), ok: true, label: 'a' },
      { t: expect.closeTo(1.02, 9), ok: true, label: 'b' },
      { t: expect.closeTo(1.03, 9), ok: true, label: 'c' },
    ]);
    expect(tier.statsIn('east').waitS).toBeCloseTo(0.01 + 0.02, 9);
    expect(tier.statsIn('east').completed).toBe(3);
  });

  it('queues at most `queue` requests beyond its concurrency and refuses the rest at once', () => {
    const { h, log, send, tier } = world({ concurrency: 1, queue: 1 });
    for (const l of ['a', 'b', 'c']) send(1, l);
    h.sim.run(2);
    expect(log.map((l) => [l.label, l.ok])).toEqual([['c', false], ['a', true], ['b', true]]);
    expect(log[0]!.t).toBe(1);
    expect(tier.statsIn('east').rejected).toBe(1);
  });

  it('answers a request with a database after its query round trip, then its service time', () => {
    const { h, log, send } = world({ concurrency: 1, pools: { orders: { max: 1 } } }, true);
    send(1, 'a');
    h.sim.run(2);
    expect(log).toEqual([{ t: expect.closeTo(1 + IN_REGION_RTT_S + 0.002 + 0.01, 9), ok: true, label: 'a' }]);
  });

  it('never answers the requests it held when its host crashes, and boots again after startup when the host is back', () => {
    const { h, log, send, inst } = world({ concurrency: 1, service_time: '5s' });
    send(1, 'held');
    at(h, 2, () => h.topology.setHostCrashed(inst.host, true));
    send(3, 'while-down');
    at(h, 10, () => h.topology.setHostCrashed(inst.host, false));
    at(h, 39.9, () => expect(inst.serving).toBe(false));
    send(41, 'after-boot');
    h.sim.run(100);
    expect(log).toEqual([{ t: 46, ok: true, label: 'after-boot' }]);
  });

  it('resets held requests at once on an operator restart and serves again after the out time', () => {
    const { h, log, send, inst } = world({ concurrency: 1, service_time: '100s' });
    send(1, 'held');
    send(1, 'queued');
    at(h, 10, () => inst.restart(60));
    send(30, 'during-restart');
    send(80, 'after');
    h.sim.run(500);
    expect(log.filter((l) => l.t === 10).map((l) => [l.label, l.ok])).toEqual([['held', false], ['queued', false]]);
    expect(log.filter((l) => l.label === 'during-restart')).toEqual([]);
    expect(log.filter((l) => l.label === 'after')).toEqual([{ t: 180, ok: true, label: 'after' }]);
  });

  it('comes back from a restart with a fresh pool that points at the promoted primary', () => {
    const { h, db, inst } = world({ concurrency: 5, pools: { orders: { max: 5 } } }, true);
    at(h, 10, () => h.topology.setHostCrashed(db!.endpoint(), true));
    at(h, 20, () => db!.promoteNow());
    at(h, 30, () => expect(inst.pool!.staleConnections()).toBe(5));
    at(h, 40, () => inst.restart(60));
    h.sim.run(200);
    expect(inst.serving).toBe(true);
    expect(inst.pool!.staleConnections()).toBe(0);
  });

  it('keeps a slot busy until the work is done, whatever the client did meanwhile', () => {
    const { h, send, tier } = world({ concurrency: 1, service_time: '10s' });
    send(0, 'a');
    send(0, 'b');
    h.sim.run(100);
    expect(tier.statsIn('east').busySlotS).toBeCloseTo(20, 9);
    expect(tier.statsIn('east').capacitySlotS).toBeCloseTo(100, 9);
    expect(tier.statsIn('east').waitS).toBeCloseTo(10, 9);
  });
});

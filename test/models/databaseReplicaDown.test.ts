/**
 * A replica that is down misses writes. If it comes back while the primary lives, it catches up
 * from the primary; if the primary dies first, what it missed is lost when it is promoted.
 */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/models/database.js';
import { at, harness } from '../support/modelHarness.js';
import { databaseSpec } from '../support/specs.js';

function world(mode: 'async' | 'sync') {
  const h = harness();
  const lag = mode === 'async' ? { lag: '100ms' } : {};
  const d = new Database('orders', databaseSpec({ primary: 'east', query_time: 0, replicas: [{ region: 'west', mode, ...lag }] }), h);
  return { h, d };
}

describe('Database: a replica that was down', () => {
  it.each(['async', 'sync'] as const)('(%s) catches up when it returns while the primary lives: nothing lost', (mode) => {
    const { h, d } = world(mode);
    at(h, 1, () => h.topology.setRegionUp('west', false));
    at(h, 1.5, () => d.query('east', d.endpoint(), true, null, () => {}));
    at(h, 3, () => h.topology.setRegionUp('west', true));
    at(h, 5, () => h.topology.setHostCrashed(d.endpoint(), true));
    at(h, 6, () => d.promoteNow());
    h.sim.run(10);
    expect(d.endpoint().region).toBe('west');
    expect(h.recorder.losses).toEqual([{ database: 'orders', lostWrites: 0, rpoS: 0, t: 6 }]);
  });

  it.each(['async', 'sync'] as const)('(%s) loses what it missed when the primary dies before it returns', (mode) => {
    const { h, d } = world(mode);
    at(h, 1, () => h.topology.setRegionUp('west', false));
    at(h, 1.5, () => d.query('east', d.endpoint(), true, null, () => {})); // commits at 1.5005 (in-region RTT)
    at(h, 2, () => h.topology.setHostCrashed(d.endpoint(), true));
    at(h, 3, () => h.topology.setRegionUp('west', true));
    at(h, 6, () => d.promoteNow());
    h.sim.run(10);
    expect(d.endpoint().region).toBe('west');
    // The replica never received the write committed at 1.5005: 1 write lost, RPO 2 − 1.5005 s.
    expect(h.recorder.losses).toEqual([{ database: 'orders', lostWrites: 1, rpoS: expect.closeTo(0.4995, 9), t: 6 }]);
  });
});

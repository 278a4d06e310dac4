/**
 * A delivery's visibility timeout costs nothing once the delivery is moot: an item the consumer
 * finished cancels it (immediate acknowledgement or a checkpoint later), so it never fires as a
 * kernel event; an item whose consumer never finishes is still delivered again when it expires.
 */
import { describe, expect, it } from 'vitest';
import { QueueConsumer } from '../../../src/models/queues/consumer.js';
import { WorkQueue, type WorkQueueOptions } from '../../../src/models/queues/workQueue.js';
import { at, harness } from '../../support/modelHarness.js';

const OPTS: WorkQueueOptions = { name: 'q', regions: ['east'], failover: () => 60, ordering: 'none', visibilityTimeoutS: 30, maxAttempts: 5, ackIntervalS: 0, backlogThreshold: 1 };
const ITEMS = 50;

function world(opts: Partial<WorkQueueOptions>, consumers: number, rate: number) {
  const h = harness('visibility');
  const q = new WorkQueue({ ...OPTS, ...opts }, h.streams.stream('queue'), h);
  const hosts = Array.from({ length: consumers }, (_, i) => h.topology.addHost(`c-${i}`, 'east', 1));
  for (const [i, host] of hosts.entries()) new QueueConsumer(q, host, 1 / rate, [], { enabled: false, lookup: () => 0 }, h.streams.stream(`c-${i}`), h);
  return { h, q, hosts };
}

describe('WorkQueue visibility timeouts', () => {
  for (const ackIntervalS of [0, 10]) {
    it(`finished items leave no visibility timeout to fire (ack interval ${ackIntervalS} s)`, () => {
      const { h, q } = world({ ackIntervalS }, 2, 20);
      for (let k = 0; k < ITEMS; k++) at(h, 1 + k * 0.1, () => q.enqueue());
      h.sim.run(25);
      expect(q.stats.enqueued).toBe(ITEMS);
      expect(q.backlog).toBe(0);
      const before = h.sim.events;
      h.sim.run(100);
      // At most the one timer event armed by the first delivery, plus the checkpoints.
      const checkpoints = ackIntervalS > 0 ? Math.floor(100 / ackIntervalS) - Math.floor(25 / ackIntervalS) : 0;
      expect(h.sim.events - before).toBeLessThanOrEqual(1 + checkpoints);
      expect(q.stats.redeliveries).toBe(0);
    });
  }

  it('an item whose consumer died is delivered again at its visibility timeout', () => {
    const { h, q, hosts } = world({}, 2, 0.1); // 10 s per item
    at(h, 1, () => q.enqueue());
    at(h, 5, () => h.topology.setHostCrashed(hosts[0]!, true));
    h.sim.run(60);
    expect(q.stats.redeliveries).toBe(1);
    expect(q.backlog).toBe(0);
  });
});

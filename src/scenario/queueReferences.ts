/**
 * Checks of async work that run after the schema: the names a queue, an outbox or a queue
 * fallback uses, and the combinations that would make a queue meaningless (a consumer that can
 * process nothing, a queue no region consumes, a consumer call that could hang for good).
 */
import type { Segment } from './located.js';
import type { Scenario } from './schema.js';

type Check = (path: Segment[], value: string, at?: 'key' | 'value') => boolean;
type Fail = (path: Segment[], message: string, at?: 'key' | 'value') => void;

/** Every problem of `system.queues` and of the references to queues from services. */
export function checkQueues(s: Scenario, fail: Fail, c: { region: Check; dependency: Check; queue: Check }): void {
  for (const [name, q] of Object.entries(s.system.queues)) {
    const at: Segment[] = ['system', 'queues', name];
    for (const r of Object.keys(q.consumers)) c.region([...at, 'consumers', r], r, 'key');
    (q.regions ?? []).forEach((r, i) => c.region([...at, 'regions', i], r));
    if (q.rate <= 0) fail([...at, 'rate'], 'a consumer rate of 0 would process nothing: give items per second per consumer, e.g. 10/s');
    const consumed = q.regions ?? Object.keys(q.consumers);
    if (!consumed.some((r) => (q.consumers[r] ?? 0) > 0)) {
      fail([...at, 'consumers'], `no region the queue is consumed from (${consumed.join(', ')}) has a consumer: its items would never be processed`);
    }
    q.calls.forEach((call, i) => {
      c.dependency([...at, 'calls', i, 'dependency'], call.dependency);
      call.failover_to.forEach((alt, k) => {
        const where: Segment[] = [...at, 'calls', i, 'failover_to', k];
        if (c.dependency(where, alt) && (alt === call.dependency || call.failover_to.indexOf(alt) < k)) fail(where, `provider ${alt} is already tried earlier in this call`);
      });
      if (!Number.isFinite(call.timeout)) {
        fail([...at, 'calls', i, 'timeout'], 'a queue consumer\'s call needs a timeout: without one a call to a dependency that hangs holds the consumer for good (e.g. timeout: 5s)');
      }
    });
  }
  for (const [name, svc] of Object.entries(s.system.services)) {
    const at: Segment[] = ['system', 'services', name];
    svc.outbox.forEach((q, i) => {
      if (c.queue([...at, 'outbox', i], q) && svc.database === undefined) {
        fail([...at, 'outbox', i], `an outbox enqueues on each committed write, but service ${name} has no database to write to: set database or remove the outbox`);
      }
    });
    if (svc.idempotency.enabled && svc.database === undefined) {
      fail([...at, 'idempotency', 'enabled'], `idempotency keys guard writes, but service ${name} has no database to write to`);
    }
    svc.calls.forEach((call, i) => {
      if (call.fallback.kind === 'queue' && call.fallback.queue !== undefined) c.queue([...at, 'calls', i, 'fallback', 'queue'], call.fallback.queue);
    });
  }
}

/**
 * Async work wired into a whole replication: queue fallbacks and outboxes enqueue, the backlog
 * built during a fault drains afterwards and holds business recovery back, and idempotency keys
 * on a service's writes stop retried writes from committing twice.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/runner/replication.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import type { Scenario } from '../../src/scenario/schema.js';

const scenario = (lines: string[]): Scenario => loadScenarioText(lines.join('\n') + '\n', 'inline.yaml').scenario;

const base = (over: { calls?: string; outbox?: string; idempotency?: string; fault?: string; queue?: string }): Scenario => scenario([
  'name: q',
  'horizon: 30m',
  'slo: { success_ratio: 0.95, latency: 2s, window: 1m, sustained: 2m }',
  'system:',
  '  regions: { r: { zones: 1 } }',
  '  databases: { db: { primary: r, query_time: 2ms } }',
  '  dependencies: { dep: { latency: 10ms, outage: error }, hook: { latency: 10ms, outage: error } }',
  '  services:',
  `    api: { instances: { r: 2 }, service_time: 5ms, database: db, write_ratio: 1, calls: [${over.calls ?? ''}], outbox: [${over.outbox ?? ''}]${over.idempotency ? `, idempotency: ${over.idempotency}` : ''} }`,
  '  clients: { web: { rate: 10/s } }',
  `  queues: { work: { consumers: { r: 2 }, rate: 20/s, calls: [{ dependency: hook, timeout: 1s }], backlog_threshold: 50${over.queue ?? ''} } }`,
  `fault: ${over.fault ?? '{ kind: dependency_outage, dependency: hook, at: 5m, duration: 5m }'}`,
]);

describe('queues in a replication', () => {
  it('an outbox enqueues every committed write; the backlog built while the consumers\' dependency is down drains after it, and business recovery waits for it', () => {
    const o = runReplication(base({ outbox: 'work', queue: ', max_attempts: 100' }), 0);
    expect(o.rto_s).toBe(0);
    const q = o.queues![0]!;
    // About 10 writes/s for the 5-minute outage (3,000 items), less those invisible at any time:
    // 2 consumers fail 20 items/s each at once and each waits its 30 s visibility timeout.
    expect(q.max_backlog).toBeGreaterThan(3000 - 2 * 20 * 30 - 300);
    expect(q.redeliveries).toBeGreaterThan(1000);
    expect(q.dead_lettered).toBe(0);
    expect(q.drain_s).not.toBeNull();
    expect(o.business_rto_s).toBeGreaterThan(300);
    expect(o.business_last_part).toBe('queue:work');
    expect(o.business_rto_phases!.some((p) => p.phase === 'backlog_drain')).toBe(true);
    expect(o.business_rto_phases!.reduce((a, p) => a + p.s, 0)).toBeCloseTo(o.business_rto_s!, 6);
    const backlog = o.timeline['backlog:work']!;
    expect(backlog.length).toBeGreaterThan(0);
    expect(Math.max(...backlog.filter(Number.isFinite))).toBeGreaterThan(1000);
  });

  it('a queue fallback that names a queue puts the deferred work there', () => {
    const o = runReplication(base({ calls: '{ dependency: dep, fallback: { kind: queue, queue: work } }', fault: '{ kind: dependency_outage, dependency: dep, at: 5m, duration: 5m }' }), 0);
    expect(o.deferred_requests).toBeGreaterThan(2000);
    // Every deferred request became an item; the queue's consumers (calling hook, which is up) do them at once.
    expect(o.queues![0]!.max_backlog).toBeLessThan(50);
    expect(o.business_rto_s).toBe(o.rto_s);
  });

  it('business recovery is not reached while a backlog never drains below its threshold', () => {
    const o = runReplication(base({ outbox: 'work', queue: ', max_attempts: 1000', fault: '{ kind: dependency_outage, dependency: hook, at: 5m }' }), 0);
    expect(o.rto_s).toBe(0);
    expect(o.business_rto_s).toBeNull();
    expect(o.business_last_part).toBe('queue:work');
  });

  it('idempotency keys on a service\'s writes stop a retried write from committing twice', () => {
    // The database slows past the client timeout, so writes commit after their attempt timed out and are retried.
    const slow = (idem: string) => scenario([
      'name: q', 'horizon: 10m', 'slo: { success_ratio: 0.95, latency: 2s }',
      'system:',
      '  regions: { r: { zones: 1 } }',
      '  databases: { db: { primary: r, query_time: { uniform: [100ms, 3s] } } }',
      `  services: { api: { instances: { r: 4 }, service_time: 5ms, database: db, write_ratio: 1, idempotency: ${idem} } }`,
      '  clients: { web: { rate: 5/s, timeout: 1s, retries: 2, retry_delay: 0 } }',
      'fault: none',
    ]);
    const without = runReplication(slow('{ enabled: false }'), 0);
    const withKeys = runReplication(slow('{ enabled: true, lookup: 5ms }'), 0);
    expect(without.duplicate_writes).toBeGreaterThan(50);
    expect(withKeys.duplicate_writes).toBe(0);
  });
});

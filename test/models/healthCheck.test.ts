/**
 * Health checks as the load balancer sees them. A liveness check only asks whether the process
 * answers, so an instance whose every slot hangs on a dead database stays in rotation; a deep
 * check runs a query through the instance's pool, so it takes the instance out when the database
 * dies and puts it back once the pool reaches the promoted primary (if the pool can get there).
 */
import { describe, expect, it } from 'vitest';
import { Database } from '../../src/models/database.js';
import { ServiceTier } from '../../src/models/service.js';
import type { Attempt } from '../../src/models/types.js';
import { at, harness, request, type Harness } from '../support/modelHarness.js';
import { databaseSpec, serviceSpec } from '../support/specs.js';

const INTERVAL_S = 10;
const TIMEOUT_S = 2;
const UNHEALTHY_AFTER = 3;
const HEALTHY_AFTER = 2;

function world(check: 'liveness' | 'deep', pool: Record<string, unknown>, promotion: Record<string, unknown> = { mode: 'manual' }) {
  const h = harness();
  const db = new Database('orders', databaseSpec({ primary: 'east', query_time: '2ms', replicas: [{ region: 'west', mode: 'async' }], promotion }), h);
  const tier = new ServiceTier('api', serviceSpec({
    instances: { east: 1 },
    concurrency: 2,
    queue: 0,
    service_time: '10ms',
    database: 'orders',
    pools: { orders: pool },
    startup: 0,
    health_check: { kind: check, interval: `${INTERVAL_S}s`, timeout: `${TIMEOUT_S}s`, unhealthy_after: UNHEALTHY_AFTER, healthy_after: HEALTHY_AFTER },
  }), db, h);
  return { h, db, tier, check: tier.checks[0]!, lb: tier.balancers.get('east')! };
}

/** An attempt whose answers are logged with their time. */
function attempt(h: Harness, log: Array<{ t: number; ok: boolean }>): Attempt {
  return { req: request(), respond: (ok) => log.push({ t: h.sim.now, ok }) };
}

/** Samples a boolean every second from `fromS` to `toS`; returns the seconds where it was true. */
function sampleEverySecond(h: Harness, fromS: number, toS: number, read: () => boolean): number[] {
  const trueAt: number[] = [];
  for (let t = fromS; t <= toS; t++) at(h, t, () => { if (read()) trueAt.push(t); });
  return trueAt;
}

describe('HealthCheck, liveness', () => {
  it('keeps an instance in rotation while every one of its slots hangs on a dead database', () => {
    const { h, db, tier, check, lb } = world('liveness', { max: 2 });
    const hung: Array<{ t: number; ok: boolean }> = [];
    const refused: Array<{ t: number; ok: boolean }> = [];
    at(h, 10, () => h.topology.setHostCrashed(db.endpoint(), true));
    at(h, 20, () => tier.route('east', attempt(h, hung)));
    at(h, 21, () => tier.route('east', attempt(h, hung)));
    at(h, 22, () => tier.route('east', attempt(h, refused)));
    h.sim.run(3600);
    expect(check.healthy).toBe(true);
    expect(lb.healthyInstances).toBe(1);
    expect(tier.instances[0]!.outstanding).toBe(2);
    expect(hung).toEqual([]);
    expect(refused).toEqual([{ t: 22, ok: false }]);
  });

  it('takes an instance out after unhealthy_after failed checks when its process is gone', () => {
    const { h, tier, check } = world('liveness', { max: 2 });
    at(h, 100, () => h.topology.setHostCrashed(tier.instances[0]!.host, true));
    h.sim.run(1000);
    expect(check.healthy).toBe(false);
    const [empty] = h.recorder.notesOf('lb_empty');
    // The first failing check starts within one interval of the crash and fails at its timeout.
    expect(empty!.t).toBeGreaterThanOrEqual(100 + (UNHEALTHY_AFTER - 1) * INTERVAL_S + TIMEOUT_S);
    expect(empty!.t).toBeLessThan(100 + UNHEALTHY_AFTER * INTERVAL_S + TIMEOUT_S);
  });
});

describe('HealthCheck, deep', () => {
  it('takes the instance out after unhealthy_after × interval (within one interval) when the database dies', () => {
    const { h, db, check, lb } = world('deep', { max: 20 });
    at(h, 100, () => h.topology.setHostCrashed(db.endpoint(), true));
    const healthy = sampleEverySecond(h, 1, 99, () => check.healthy);
    h.sim.run(1000);
    expect(healthy).toHaveLength(99);
    expect(check.healthy).toBe(false);
    expect(lb.healthyInstances).toBe(0);
    const [empty] = h.recorder.notesOf('lb_empty');
    expect(empty!.t).toBeGreaterThanOrEqual(100 + (UNHEALTHY_AFTER - 1) * INTERVAL_S + TIMEOUT_S);
    expect(empty!.t).toBeLessThan(100 + UNHEALTHY_AFTER * INTERVAL_S + TIMEOUT_S);
  });

  it('puts the instance back after promotion when the pool validates and reconnects (the Case A fix)', () => {
    const { h, db, check } = world(
      'deep',
      { max: 20, connect_timeout: '5s', idle_timeout: '300s', max_lifetime: '1800s', validate_on_borrow: true },
      { mode: 'automated', detection: '30s', promotion: '10s' },
    );
    at(h, 100, () => h.topology.setHostCrashed(db.endpoint(), true));
    const healthy = sampleEverySecond(h, 101, 600, () => check.healthy);
    h.sim.run(600);
    const promotedT = h.recorder.notesOf('promotion')[0]!.t;
    expect(promotedT).toBe(140);
    const back = healthy.find((t) => t > promotedT)!;
    expect(healthy.filter((t) => t > 132 && t <= promotedT)).toEqual([]);
    // Bound: a refill open to the dead host may still run (connect_timeout 5 s, retried after 1 s,
    // then 243 ms to west); one check may still pick a stale connection and fail; then
    // healthy_after passing checks one interval apart.
    expect(back).toBeLessThanOrEqual(promotedT + 5 + 1 + 1 + (HEALTHY_AFTER + 1) * INTERVAL_S);
    expect(healthy.at(-1)).toBe(600);
    expect(healthy.filter((t) => t >= back)).toHaveLength(600 - back + 1);
  });

  it('never passes again after promotion when the pool cannot evict its stale connections', () => {
    const { h, db, check } = world('deep', { max: 20, connect_timeout: '30m' }, { mode: 'automated', detection: '30s', promotion: '10s' });
    at(h, 100, () => h.topology.setHostCrashed(db.endpoint(), true));
    const healthy = sampleEverySecond(h, 140, 7200, () => check.healthy);
    h.sim.run(7200);
    expect(db.endpoint().region).toBe('west');
    expect(healthy).toEqual([]);
  });
});

/**
 * Settings a scenario writes that cannot apply in their combination are accepted with a warning
 * at the field; a field the user did not write (a default) never warns.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { briefly, INLINE, twoRegions, withDesigns } from './helpers.js';

const warningsOf = (text: string) => briefly(loadScenarioText(text, INLINE).warnings);
/** twoRegions with api given instances in both regions, so a router may list both. */
const both = (lines: string[], client = '    web: { rate: 200/s }') =>
  twoRegions(lines).replace('instances: { us-east: 4 }', 'instances: { us-east: 4, us-west: 2 }').replace('    web: { rate: 200/s }', client);

describe('a setting that cannot apply in its combination warns at the field', () => {
  it.each([
    ['router weights in active_passive', both(['  global_router: { mode: active_passive, regions: [us-east, us-west], weights: { us-east: 3 } }']),
      '10:71 system.global_router.weights: ignored: active_passive sends all traffic to the first healthy region in regions order (weights apply to active_active)'],
    ['router weights with mode left to its default (active_passive)', both(['  global_router: { regions: [us-east, us-west], weights: { us-east: 3 } }']),
      '10:49 system.global_router.weights: ignored: active_passive sends all traffic to the first healthy region in regions order (weights apply to active_active)'],
    ['failback in active_active', both(['  global_router: { mode: active_active, regions: [us-east, us-west], failback: true }']),
      '10:70 system.global_router.failback: ignored: in active_active a region takes its share back as soon as it is healthy (failback applies to active_passive)'],
    ['lag on a sync replica', both(['  databases: { db: { primary: us-east, replicas: [{ region: us-west, mode: sync, lag: 50ms }] } }']),
      '10:82 system.databases.db.replicas[0].lag: ignored: a sync replica has every committed write, so it has no lag (lag applies to async replicas)'],
    ['promotion detection in manual mode', both(['  databases: { db: { primary: us-east, promotion: { mode: manual, detection: 10s } } }']),
      '10:67 system.databases.db.promotion.detection: ignored: with mode manual nothing detects the failure automatically; an operator\'s promote step promotes (detection applies to mode automated)'],
    ['retry_delay beside backoff', both([], '    web: { rate: 200/s, retries: 2, retry_delay: 1s, backoff: { base: 100ms } }'),
      '9:37 system.clients.web.retry_delay: ignored: backoff sets the wait before each retry (retry_delay applies only without backoff)'],
    ['a ratio breaker with both window and window_calls', both([], '    web: { rate: 200/s, breaker: { open: 30s, trip: { kind: ratio, ratio: 0.5, minimum_calls: 10, window_calls: 20, window: 10s } } }'),
      '9:117 system.clients.web.breaker.trip.window: ignored: with window_calls the breaker counts the last N calls, not a time window (remove one of the two)'],
    ['a deep health check on a service without a database', twoRegions([]).replace('service_time: 40ms }', 'service_time: 40ms, health_check: { kind: deep } }'),
      '7:75 system.services.api.health_check.kind: a deep check queries the service\'s database, but service api has none: it checks only that the process answers, as liveness does'],
  ])('%s', (_, text, expected) => {
    expect(warningsOf(text)).toEqual([expected]);
  });

  it('a dependency call\'s breaker with both windows', () => {
    const text = twoRegions(['  dependencies: { auth: { latency: 20ms } }']).replace('service_time: 40ms }',
      'service_time: 40ms, calls: [{ dependency: auth, breaker: { open: 5s, trip: { kind: ratio, ratio: 0.5, minimum_calls: 5, window_calls: 10, window: 30s } } }] }');
    expect(warningsOf(text)).toEqual([
      '7:177 system.services.api.calls[0].breaker.trip.window: ignored: with window_calls the breaker counts the last N calls, not a time window (remove one of the two)',
    ]);
  });
});

describe('only what the user wrote warns, never a default', () => {
  it('the same combinations with the ignored field left out give no warning', () => {
    const text = both([
      '  databases: { db: { primary: us-east, replicas: [{ region: us-west, mode: sync }], promotion: { mode: manual } } }',
      '  global_router: { mode: active_passive, regions: [us-east, us-west] }',
    ], '    web: { rate: 200/s, retries: 2, backoff: { base: 100ms } }');
    expect(loadScenarioText(text, INLINE).warnings).toEqual([]);
  });

  it('the field set where it applies gives no warning', () => {
    const text = both([
      '  databases: { db: { primary: us-east, replicas: [{ region: us-west, mode: async, lag: 50ms }], promotion: { mode: automated, detection: 10s } } }',
      '  global_router: { mode: active_active, regions: [us-east, us-west], weights: { us-east: 3 } }',
    ]);
    expect(loadScenarioText(text, INLINE).warnings).toEqual([]);
  });
});

describe('designs', () => {
  it('a design that sets a field that cannot apply is warned at the design', () => {
    expect(warningsOf(withDesigns(['  sync: { system.databases.db.replicas.0.mode: sync, system.databases.db.replicas.0.lag: 20ms }']))).toEqual([
      '14:54 designs.sync["system.databases.db.replicas.0.lag"]: ignored: a sync replica has every committed write, so it has no lag (lag applies to async replicas)',
    ]);
  });

  it('a design that changes the combination warns at the base field, naming the design, once', () => {
    const text = withDesigns(['  a: {}', '  s1: { system.databases.db.replicas.0.mode: sync }', '  s2: { system.databases.db.replicas.0.mode: sync }'])
      .replace('mode: async }', 'mode: async, lag: 40ms }');
    expect(warningsOf(text)).toEqual([
      '7:72 system.databases.db.replicas[0].lag: ignored: a sync replica has every committed write, so it has no lag (lag applies to async replicas) (in design "s1")',
    ]);
  });
});

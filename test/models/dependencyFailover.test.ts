/**
 * Multi-provider calls (`failover_to`): when the call to the first provider finally fails, the
 * same call goes to the next provider with the same policies; the fallback applies only once every
 * provider has failed. Two providers behind one upstream (REFERENCE.md case G) fail together, so
 * the failover buys nothing when the upstream is down; truly independent providers survive it.
 */
import { describe, expect, it } from 'vitest';
import { Dependency } from '../../src/models/dependency.js';
import { DependencyCaller, type CallOutcome } from '../../src/models/dependencyCaller.js';
import { at, harness } from '../support/modelHarness.js';
import { dependencyCallSpec, dependencySpec } from '../support/specs.js';

/** Providers a and b (b behind `edge` when shared), called from east as a, then b. */
function world(shared: boolean) {
  const h = harness('failover');
  const edge = new Dependency('edge', dependencySpec({ latency: '5ms' }), h);
  const a = new Dependency('a', dependencySpec({ latency: '20ms', outage: 'error' }), h);
  const b = new Dependency('b', dependencySpec({ latency: '30ms', outage: 'error' }), h);
  a.upstreams = [edge];
  if (shared) b.upstreams = [edge];
  const spec = dependencyCallSpec({ dependency: 'a', failover_to: ['b'], timeout: '1s', fallback: { kind: 'cached', success_value: 0.5 } });
  const second = new DependencyCaller(spec, b, 'east', null, h.streams.stream('b'), h);
  const caller = new DependencyCaller(spec, a, 'east', null, h.streams.stream('a'), h, second);
  const log: Array<{ t: number; outcome: CallOutcome }> = [];
  const callAt = (t: number) => at(h, t, () => caller.call(null, (_j, outcome) => log.push({ t: h.sim.now, outcome })));
  return { h, edge, a, b, log, callAt };
}

describe('multi-provider failover', () => {
  it('answers from the first provider when it is up, from the second when the first is down', () => {
    const { h, a, log, callAt } = world(false);
    callAt(1);
    at(h, 5, () => a.setDown(true));
    callAt(10);
    h.sim.run(20);
    expect(log.map((l) => l.outcome)).toEqual(['ok', 'ok']);
    expect(log[0]!.t).toBeCloseTo(1.02, 9);
    // The first provider fails at once (outage: error, 1 ms), then the second answers after its latency.
    expect(log[1]!.t).toBeCloseTo(10 + 0.001 + 0.03, 9);
  });

  it('falls back only when every provider has failed', () => {
    const { h, a, b, log, callAt } = world(false);
    at(h, 5, () => { a.setDown(true); b.setDown(true); });
    callAt(10);
    h.sim.run(20);
    expect(log.map((l) => l.outcome)).toEqual(['degraded']);
  });

  it('loses both providers to a shared upstream, and neither to the upstream when they are independent', () => {
    for (const shared of [true, false]) {
      const { h, edge, log, callAt } = world(shared);
      at(h, 5, () => edge.setDown(true));
      callAt(10);
      h.sim.run(20);
      expect(log.map((l) => l.outcome)).toEqual([shared ? 'degraded' : 'ok']);
    }
  });
});

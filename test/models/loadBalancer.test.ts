/**
 * The regional load balancer routes only to instances its health checks call healthy (round robin
 * or least outstanding), answers 503 when none is, and answers nothing at all when its region is
 * down. Instances and checks are fakes: the balancer only reads `healthy` and `outstanding` and
 * calls `accept`.
 */
import { describe, expect, it } from 'vitest';
import type { HealthCheck } from '../../src/models/healthCheck.js';
import type { Instance } from '../../src/models/instance.js';
import { LoadBalancer } from '../../src/models/loadBalancer.js';
import type { Attempt } from '../../src/models/types.js';
import { at, harness, request, type Harness } from '../support/modelHarness.js';

interface FakeInstance { name: string; outstanding: number; accepted: number; serving: boolean }

function balancer(h: Harness, n: number, policy: 'round_robin' | 'least_outstanding') {
  const instances: FakeInstance[] = [];
  const checks: Array<{ healthy: boolean }> = [];
  const routedTo: string[] = [];
  for (let i = 0; i < n; i++) {
    const inst: FakeInstance = { name: `i${i}`, outstanding: 0, accepted: 0, serving: true };
    Object.assign(inst, { accept: () => { inst.accepted++; routedTo.push(inst.name); } });
    instances.push(inst);
    checks.push({ healthy: true });
  }
  const lb = new LoadBalancer('east', instances as unknown as Instance[], checks as unknown as HealthCheck[], policy, h);
  /** Flips a check's verdict and tells the balancer, as a HealthCheck does. */
  const setHealthy = (i: number, healthy: boolean) => {
    checks[i]!.healthy = healthy;
    lb.checkChanged(checks[i] as unknown as HealthCheck);
  };
  return { lb, instances, routedTo, setHealthy };
}

function attempt(h: Harness, log: Array<{ t: number; ok: boolean }>): Attempt {
  return { req: request(), respond: (ok) => log.push({ t: h.sim.now, ok }) };
}

describe('LoadBalancer', () => {
  it('answers an external check by the instance in rotation it lands on; refuses when none is in rotation', () => {
    const h = harness();
    const { lb, instances, setHealthy } = balancer(h, 3, 'round_robin');
    setHealthy(1, false);
    instances[2]!.serving = false; // dead, not yet noticed by its check
    // u in [0, 1/2) lands on i0, [1/2, 1) on i2 (the two in rotation).
    expect([lb.probe(0), lb.probe(0.49), lb.probe(0.5), lb.probe(0.99)]).toEqual(['ok', 'ok', 'hang', 'hang']);
    setHealthy(0, false);
    setHealthy(2, false);
    expect(lb.probe(0.5)).toBe('refused');
  });

  it('round-robins over the healthy instances only', () => {
    const h = harness();
    const { lb, routedTo, setHealthy } = balancer(h, 3, 'round_robin');
    setHealthy(1, false);
    for (let k = 0; k < 6; k++) lb.route(attempt(h, []));
    expect(routedTo).toEqual(['i0', 'i2', 'i0', 'i2', 'i0', 'i2']);
    expect(lb.healthyInstances).toBe(2);
  });

  it('resumes routing to an instance whose check passes again', () => {
    const h = harness();
    const { lb, routedTo, setHealthy } = balancer(h, 2, 'round_robin');
    setHealthy(0, false);
    lb.route(attempt(h, []));
    setHealthy(0, true);
    lb.route(attempt(h, []));
    lb.route(attempt(h, []));
    expect(routedTo).toEqual(['i1', 'i0', 'i1']);
  });

  it('with least_outstanding picks the healthy instance with the fewest requests in flight', () => {
    const h = harness();
    const { lb, instances, routedTo, setHealthy } = balancer(h, 3, 'least_outstanding');
    instances[0]!.outstanding = 5;
    instances[1]!.outstanding = 0;
    instances[2]!.outstanding = 2;
    lb.route(attempt(h, []));
    setHealthy(1, false);
    lb.route(attempt(h, []));
    expect(routedTo).toEqual(['i1', 'i2']);
  });

  it('answers 503 at once (1 ms) when no instance is healthy, and notes it', () => {
    const h = harness();
    const { lb, routedTo, setHealthy } = balancer(h, 2, 'round_robin');
    const log: Array<{ t: number; ok: boolean }> = [];
    at(h, 5, () => { setHealthy(0, false); setHealthy(1, false); });
    at(h, 6, () => lb.route(attempt(h, log)));
    h.sim.run(10);
    expect(routedTo).toEqual([]);
    expect(log).toEqual([{ t: expect.closeTo(6.001, 9), ok: false }]);
    expect(h.recorder.notesOf('lb_empty').map((n) => n.t)).toEqual([5]);
  });

  it('answers nothing when its region is down (the client timeout decides)', () => {
    const h = harness();
    const { lb, routedTo } = balancer(h, 2, 'round_robin');
    const log: Array<{ t: number; ok: boolean }> = [];
    at(h, 1, () => h.topology.setRegionUp('east', false));
    at(h, 2, () => lb.route(attempt(h, log)));
    h.sim.run(1000);
    expect(lb.reachable).toBe(false);
    expect(routedTo).toEqual([]);
    expect(log).toEqual([]);
  });
});

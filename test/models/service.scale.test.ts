/**
 * Scale-up of a service tier (the runbook `scale` step; autoscaling can reuse it): new instances
 * start after their start-up time, stay out of rotation until their health check passes
 * `healthy_after` times, then the load balancer routes to them.
 */
import { describe, expect, it } from 'vitest';
import { ServiceTier } from '../../src/models/service.js';
import { at, harness } from '../support/modelHarness.js';
import { serviceSpec } from '../support/specs.js';

function tier(instances: Record<string, number>) {
  const h = harness();
  const t = new ServiceTier('api', serviceSpec({
    instances,
    service_time: '10ms',
    startup: '2m',
    health_check: { kind: 'liveness', interval: '10s', timeout: '2s', unhealthy_after: 3, healthy_after: 2 },
  }), null, h);
  return { h, t };
}

describe('ServiceTier.scaleTo', () => {
  it('adds instances that serve after start-up and enter rotation after two passed checks', () => {
    const { h, t } = tier({ east: 1 });
    const seen: Array<[number, number, number]> = [];
    let startup = NaN;
    at(h, 100, () => { startup = t.scaleTo('east', 3); });
    for (const s of [101, 215, 221, 250]) at(h, s, () => seen.push([s, t.servingInstances(), t.healthyInstances()]));
    h.sim.run(300);
    expect(startup).toBe(120);
    expect(t.instances).toHaveLength(3);
    expect(seen).toEqual([
      [101, 1, 1],
      [215, 1, 1], // still starting up
      [221, 3, 1], // serving, not yet passed two checks
      [250, 3, 3], // two checks 10 s apart have passed
    ]);
    const admitted = h.recorder.phases.filter((p) => p.phase === 'health_checks');
    expect(admitted).toHaveLength(2);
    for (const p of admitted) expect(p.toT).toBeGreaterThan(220);
  });

  it('creates the load balancer of a region the service had no instance in', () => {
    const { h, t } = tier({ east: 2 });
    at(h, 10, () => t.scaleTo('west', 2));
    h.sim.run(300);
    expect(t.balancers.get('west')!.healthyInstances).toBe(2);
    expect(t.regions).toEqual(['east', 'west']);
  });

  it('adds nothing when the region already has the count', () => {
    const { h, t } = tier({ east: 3 });
    let startup = NaN;
    at(h, 10, () => { startup = t.scaleTo('east', 2); });
    h.sim.run(20);
    expect(startup).toBe(0);
    expect(t.instances).toHaveLength(3);
  });
});

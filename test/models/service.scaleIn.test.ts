/**
 * Scale-in of a service tier (what an autoscaler asks for): the newest instances leave the load
 * balancer at once (no new request reaches them), finish what they hold and are terminated once
 * idle, or at the deregistration delay, which resets what they still hold. A terminated instance
 * stops counting as provisioned (its instance-seconds stop) and never boots again.
 */
import { describe, expect, it } from 'vitest';
import { ServiceTier } from '../../src/models/service.js';
import type { Attempt } from '../../src/models/types.js';
import { at, harness, request, type Harness } from '../support/modelHarness.js';
import { serviceSpec } from '../support/specs.js';

/** Two instances in east, 2 slots each, every request takes exactly 10 s. */
function tier() {
  const h = harness();
  const t = new ServiceTier('api', serviceSpec({ instances: { east: 2 }, concurrency: 2, service_time: '10s', startup: '5s' }), null, h);
  return { h, t };
}

interface Answer { t: number; ok: boolean; instance: string }

/** Sends one attempt through the tier's east load balancer; its answer lands in `log`. */
function send(h: Harness, t: ServiceTier, log: Answer[]): void {
  const before = t.instances.map((i) => i.outstanding);
  let to = 'none';
  const a: Attempt = { req: request(), respond: (ok) => log.push({ t: h.sim.now, ok, instance: to }) };
  t.route('east', a);
  to = t.instances.find((i, k) => i.outstanding > before[k]!)?.name ?? 'none';
}

describe('ServiceTier.scaleIn', () => {
  it('drains the newest instance: no new request reaches it, what it holds finishes, then it is terminated', () => {
    const { h, t } = tier();
    const log: Answer[] = [];
    const gone: Array<[string, number]> = [];
    at(h, 100, () => { for (let k = 0; k < 4; k++) send(h, t, log); });
    at(h, 101, () => expect(t.scaleIn('east', 1, 300, (i) => gone.push([i.name, h.sim.now]))).toBe(1));
    at(h, 102, () => { for (let k = 0; k < 2; k++) send(h, t, log); });
    at(h, 105, () => {
      expect(t.servingIn('east')).toBe(2); // still serving what it holds
      expect(t.provisionedIn('east')).toBe(2);
    });
    h.sim.run(200);
    const onNewest = log.filter((a) => a.instance === 'api/east/2');
    expect(onNewest).toHaveLength(2); // both sent before the scale-in
    for (const a of onNewest) expect(a).toEqual({ t: 110, ok: true, instance: 'api/east/2' });
    expect(log.filter((a) => a.t > 100 && a.instance === 'api/east/1')).toHaveLength(4);
    expect(log.every((a) => a.ok)).toBe(true);
    expect(gone).toEqual([['api/east/2', 110]]);
    expect(t.instances.map((i) => i.name)).toEqual(['api/east/1']);
    expect(t.retired.map((i) => i.name)).toEqual(['api/east/2']);
    expect(t.servingIn('east')).toBe(1);
    expect(t.provisionedIn('east')).toBe(1);
    expect(t.balancers.get('east')!.healthyInstances).toBe(1);
    // 2 instances for 110 s, then 1 until 200 s.
    expect(t.instanceSecondsIn('east')).toBeCloseTo(2 * 110 + 90, 9);
  });

  it('terminates at the deregistration delay, resetting what the instance still holds', () => {
    const { h, t } = tier();
    const log: Answer[] = [];
    at(h, 100, () => { for (let k = 0; k < 4; k++) send(h, t, log); });
    at(h, 101, () => t.scaleIn('east', 1, 3, () => {}));
    h.sim.run(200);
    expect(log.filter((a) => a.instance === 'api/east/2')).toEqual([
      { t: 104, ok: false, instance: 'api/east/2' },
      { t: 104, ok: false, instance: 'api/east/2' },
    ]);
    expect(log.filter((a) => a.instance === 'api/east/1').every((a) => a.ok && a.t === 110)).toBe(true);
  });

  it('terminates an idle instance at once, and a terminated instance never boots again', () => {
    const { h, t } = tier();
    const gone: number[] = [];
    at(h, 50, () => t.scaleIn('east', 1, 300, () => gone.push(h.sim.now)));
    at(h, 60, () => h.topology.setRegionUp('east', false));
    at(h, 70, () => h.topology.setRegionUp('east', true));
    h.sim.run(120);
    expect(gone).toEqual([50]);
    expect(t.retired[0]!.serving).toBe(false);
    expect(t.servingIn('east')).toBe(1); // the survivor booted again after the outage, not the terminated one
  });

  it('names a later scale-up instance afresh (names and random streams stay unique)', () => {
    const { h, t } = tier();
    at(h, 50, () => t.scaleIn('east', 1, 300, () => {}));
    at(h, 60, () => t.scaleTo('east', 2));
    h.sim.run(100);
    expect(t.instances.map((i) => i.name)).toEqual(['api/east/1', 'api/east/3']);
    expect(t.provisionedIn('east')).toBe(2);
  });
});

/**
 * The gauges a service tier reports every timeline bucket (serving instances, per region and in
 * all; mean utilisation per region; requests queued) come from running counts and from the list
 * of instances that may hold work, not from a pass over the whole fleet. They must equal, to the
 * last bit, what a pass over every instance gives, through load, instance crashes, restarts,
 * hosts coming back, a scale-out and a scale-in (draining instances are out of the utilisation).
 */
import { describe, expect, it } from 'vitest';
import { ServiceTier } from '../../src/models/service.js';
import { at, harness, request } from '../support/modelHarness.js';
import { serviceSpec } from '../support/specs.js';

const REGIONS = ['east', 'west'];

function world() {
  const h = harness('gauges');
  const tier = new ServiceTier('api', serviceSpec({
    instances: { east: 6, west: 4 },
    concurrency: 2,
    queue: 4,
    service_time: { exponential: { mean: '80ms' } },
    startup: '1s',
  }), null, h);
  return { h, tier };
}

/** The gauges as a pass over every instance computes them. */
function bruteForce(tier: ServiceTier) {
  const serving = (r?: string) => tier.instances.filter((i) => i.serving && (r === undefined || i.host.region === r)).length;
  const utilisation = (r: string) => {
    let sum = 0;
    let n = 0;
    for (const i of tier.instances) {
      if (!i.serving || i.draining || i.host.region !== r) continue;
      const u = i.utilisation;
      if (Number.isNaN(u)) continue;
      sum += u;
      n++;
    }
    return n > 0 ? sum / n : NaN;
  };
  let queued = 0;
  for (const i of tier.instances) queued += i.queued;
  return { servingAll: serving(), servingIn: REGIONS.map((r) => serving(r)), utilisationIn: REGIONS.map(utilisation), queued };
}

function gauges(tier: ServiceTier) {
  return { servingAll: tier.servingInstances(), servingIn: REGIONS.map((r) => tier.servingIn(r)), utilisationIn: REGIONS.map((r) => tier.utilisationIn(r)), queued: tier.queuedRequests() };
}

describe('ServiceTier gauges from running counts', () => {
  it('equal a pass over every instance through load, crashes, restarts, recoveries and scaling', () => {
    const { h, tier } = world();
    const rng = h.streams.stream('load');
    // Bursty load: Poisson arrivals at 60/s in each region (capacity 25/s per instance at 80 ms).
    for (const region of REGIONS) {
      let t = 0;
      while ((t += -Math.log(1 - rng()) / 60) < 30) {
        at(h, t, () => tier.route(region, { req: request(), respond: () => {} }));
      }
    }
    const east = tier.instances.filter((i) => i.host.region === 'east');
    at(h, 5, () => h.topology.setHostCrashed(east[0]!.host, true));
    at(h, 8, () => east[1]!.restart(2));
    at(h, 12, () => h.topology.setHostCrashed(east[0]!.host, false));
    at(h, 15, () => h.topology.setRegionUp('west', false));
    at(h, 20, () => h.topology.setRegionUp('west', true));
    at(h, 3, () => tier.scaleTo('east', 8));
    const drained: string[] = [];
    // A burst just before the scale-in, so the instances taken out still hold work as they drain.
    for (let k = 0; k < 30; k++) at(h, 21.99, () => tier.route('east', { req: request(), respond: () => {} }));
    at(h, 22, () => tier.scaleIn('east', 3, 0.5, (i) => drained.push(i.name)));
    const seen: Array<{ t: number; got: ReturnType<typeof gauges>; want: ReturnType<typeof bruteForce>; drainingBusy: boolean }> = [];
    const sample = () => seen.push({ t: h.sim.now, got: gauges(tier), want: bruteForce(tier), drainingBusy: tier.instances.some((i) => i.draining && i.utilisation > 0) });
    for (let k = 1; k < 300; k++) at(h, k * 0.1 + 0.0137, sample);
    for (const t of [22, 22.001, 22.01, 22.03]) at(h, t, sample);
    h.sim.run(31);

    expect(seen.length).toBeGreaterThan(0);
    for (const s of seen) expect(s.got, `at ${s.t.toFixed(4)} s`).toEqual(s.want);
    // The script went through what it means to: busy and queued instances, stopped ones, a dark region.
    expect(seen.some((s) => s.want.queued > 0)).toBe(true);
    expect(seen.some((s) => s.want.utilisationIn[0]! > 0 && s.want.utilisationIn[0]! < 1)).toBe(true);
    expect(seen.some((s) => s.want.servingIn[0]! < 6)).toBe(true);
    expect(seen.some((s) => s.want.servingIn[1] === 0 && Number.isNaN(s.want.utilisationIn[1]))).toBe(true);
    expect(seen.some((s) => s.want.servingIn[0] === 8)).toBe(true);
    expect(drained).toHaveLength(3);
    expect(seen.some((s) => s.drainingBusy)).toBe(true);
    expect(seen.at(-1)!.want.servingAll).toBe(9);
  });
});

/**
 * DNS-style global routing: the router health-checks each region's load balancer and changes its
 * answer after `failure_threshold` consecutive failures. Clients move as their cached answer
 * expires: `d` seconds after the change a TTL-honouring client still uses the old answer with
 * probability max(0, 1 − d/TTL); a share of clients ignores the TTL for `stale_for`.
 *
 * The service behind the router is a fake: the router only asks each regional balancer how a check
 * goes (`probe`): refused (dark region, or no instance in rotation), hung, or answered.
 *
 * Statistical rule for the shares: n picks are independent Bernoulli draws, so the observed share
 * has standard error √(p(1 − p)/n); each share must lie within 3.29 standard errors of the
 * expected p (a two-sided 99.9% normal interval, n ≥ 10 000 so the normal approximation holds).
 */
import { describe, expect, it } from 'vitest';
import { GlobalRouter } from '../../src/models/globalRouter.js';
import type { ServiceTier } from '../../src/models/service.js';
import { Topology } from '../../src/models/topology.js';
import { at, harness, type Harness } from '../support/modelHarness.js';
import { globalRouterSpec } from '../support/specs.js';

const INTERVAL_S = 10;
const THRESHOLD = 3;
const TTL_S = 60;
const PICKS = 10_000;
const Z_999 = 3.29;

function world(spec: Record<string, unknown> = {}) {
  const h = harness();
  const fakeLb = () => ({
    reachable: true,
    healthyInstances: 2,
    hung: false,
    probe(): 'ok' | 'refused' | 'hang' {
      if (!this.reachable || this.healthyInstances === 0) return 'refused';
      return this.hung ? 'hang' : 'ok';
    },
  });
  const lbs = new Map([['east', fakeLb()], ['west', fakeLb()]]);
  const service = { balancers: lbs } as unknown as ServiceTier;
  const router = new GlobalRouter(globalRouterSpec({
    mode: 'active_passive', regions: ['east', 'west'], ttl: `${TTL_S}s`,
    health_check: { interval: `${INTERVAL_S}s`, failure_threshold: THRESHOLD }, ...spec,
  }), service, h);
  const setHealthy = (region: string, n: number) => { lbs.get(region)!.healthyInstances = n; };
  const setReachable = (region: string, up: boolean) => { lbs.get(region)!.reachable = up; };
  const setHung = (region: string, hung: boolean) => { lbs.get(region)!.hung = hung; };
  return { h, router, setHealthy, setReachable, setHung };
}

/** Share of `PICKS` picks at the current time that answer `region`. */
function shareOf(router: GlobalRouter, region: string): number {
  let n = 0;
  for (let i = 0; i < PICKS; i++) if (router.pick() === region) n++;
  return n / PICKS;
}

function expectShare(observed: number, p: number, what: string): void {
  const tolerance = Z_999 * Math.sqrt((p * (1 - p)) / PICKS);
  expect(Math.abs(observed - p), `${what}: share ${observed}, expected ${p} ± ${tolerance}`).toBeLessThanOrEqual(tolerance);
}

/** Time of the DNS change notes. */
const switches = (h: Harness) => h.recorder.notesOf('dns_switch').map((n) => n.t);

describe('GlobalRouter failover', () => {
  it('changes its answer after failure_threshold consecutive failed checks (within one interval)', () => {
    const { h, setHealthy } = world();
    at(h, 100, () => setHealthy('east', 0));
    h.sim.run(200);
    const [t] = switches(h);
    expect(t).toBeGreaterThanOrEqual(100 + (THRESHOLD - 1) * INTERVAL_S);
    expect(t).toBeLessThan(100 + THRESHOLD * INTERVAL_S);
    expect(h.recorder.notesOf('dns_switch')[0]!.text).toContain('west');
  });

  it('answers the first region until the switch, and the second one a TTL after it', () => {
    const { h, router, setHealthy } = world();
    at(h, 100, () => setHealthy('east', 0));
    h.sim.run(100 + (THRESHOLD - 1) * INTERVAL_S - 0.001);
    expect(switches(h)).toEqual([]);
    expect(shareOf(router, 'east')).toBe(1);
    h.sim.run(100 + THRESHOLD * INTERVAL_S);
    const [t] = switches(h);
    h.sim.run(t! + TTL_S);
    expect(shareOf(router, 'west')).toBe(1);
  });

  it('treats a region whose load balancer is unreachable as failed', () => {
    const { h, setReachable } = world();
    at(h, 100, () => setReachable('east', false));
    h.sim.run(200);
    expect(switches(h)).toHaveLength(1);
  });

  it('spreads TTL-honouring clients over one TTL: d seconds after the switch, 1 − d/TTL still use the old answer', () => {
    const { h, router, setHealthy } = world();
    at(h, 100, () => setHealthy('east', 0));
    h.sim.run(100 + THRESHOLD * INTERVAL_S);
    const [t] = switches(h);
    for (const d of [15, 30, 45]) {
      h.sim.run(t! + d);
      expectShare(shareOf(router, 'east'), 1 - d / TTL_S, `${d}s after the switch`);
    }
  });

  it('keeps the ignore_ttl share on the old answer for stale_for, then moves it too', () => {
    const { h, router, setHealthy } = world({ ignore_ttl: { share: 0.2, stale_for: '10m' } });
    at(h, 100, () => setHealthy('east', 0));
    h.sim.run(100 + THRESHOLD * INTERVAL_S);
    const [t] = switches(h);
    h.sim.run(t! + 30);
    expectShare(shareOf(router, 'east'), 0.2 + 0.8 * (1 - 30 / TTL_S), '30s after the switch');
    h.sim.run(t! + 120);
    expectShare(shareOf(router, 'east'), 0.2, '2m after the switch');
    h.sim.run(t! + 601);
    expect(shareOf(router, 'east')).toBe(0);
  });
});

describe('GlobalRouter health-check timeout', () => {
  /** Time of the first DNS switch when east's checks start failing at 100 s in the way `fail` sets. */
  const switchAt = (timeout: string, fail: (w: ReturnType<typeof world>) => void): number => {
    const w = world({ health_check: { interval: `${INTERVAL_S}s`, failure_threshold: THRESHOLD, timeout } });
    at(w.h, 100, () => fail(w));
    w.h.sim.run(300);
    const [t] = switches(w.h);
    expect(t, `a switch with timeout ${timeout}`).toBeDefined();
    return t!;
  };

  it('a check that hangs fails when its timeout expires: detection comes later by the timeout', () => {
    const hang = (w: ReturnType<typeof world>) => w.setHung('east', true);
    const short = switchAt('2s', hang);
    const long = switchAt('8s', hang);
    expect(long - short).toBeCloseTo(6, 9);
    expect(short).toBeGreaterThanOrEqual(100 + (THRESHOLD - 1) * INTERVAL_S + 2);
    expect(short).toBeLessThan(100 + THRESHOLD * INTERVAL_S + 2);
  });

  it('a check against a dark region fails at once: the timeout makes no difference', () => {
    const dark = (w: ReturnType<typeof world>) => w.setReachable('east', false);
    expect(switchAt('2s', dark)).toBe(switchAt('8s', dark));
  });
});

describe('GlobalRouter after recovery, pinning and active-active', () => {
  it('stays on the second region when the first recovers, unless failback is set', () => {
    for (const failback of [false, true]) {
      const { h, router, setHealthy } = world({ failback });
      at(h, 100, () => setHealthy('east', 0));
      at(h, 500, () => setHealthy('east', 2));
      h.sim.run(1000);
      expect(shareOf(router, failback ? 'east' : 'west'), `failback ${failback}`).toBe(1);
      expect(switches(h), `failback ${failback}`).toHaveLength(failback ? 2 : 1);
    }
  });

  it('pins the answer to one region on a manual DNS change', () => {
    const { h, router } = world();
    at(h, 100, () => router.pin('west'));
    h.sim.run(100 + TTL_S);
    expect(switches(h)).toEqual([100]);
    expect(shareOf(router, 'west')).toBe(1);
  });

  it('in active_active splits traffic by weight, and sends everything to the survivor after a failure', () => {
    const { h, router, setHealthy } = world({ mode: 'active_active', weights: { east: 3, west: 1 } });
    h.sim.run(50);
    expectShare(shareOf(router, 'east'), 0.75, 'weighted split');
    at(h, 100, () => setHealthy('east', 0));
    h.sim.run(200 + TTL_S);
    expect(shareOf(router, 'west')).toBe(1);
  });

  it('with routing: nearest sends each client to its nearest healthy region, and everyone to the survivor after a failure', () => {
    const { h, router, setHealthy } = world({ mode: 'active_active', routing: 'nearest' });
    const [EAST, WEST] = [0, 1]; // indices into the harness topology's regions
    h.sim.run(50);
    for (let i = 0; i < 100; i++) {
      expect(router.pick(EAST)).toBe('east');
      expect(router.pick(WEST)).toBe('west');
    }
    // A request with no client region is split by weight (equal by default).
    expectShare(shareOf(router, 'east'), 0.5, 'no client region');
    at(h, 100, () => setHealthy('east', 0));
    h.sim.run(200 + TTL_S);
    for (let i = 0; i < 100; i++) expect(router.pick(EAST)).toBe('west');
  });

  it('with routing: nearest, clients still on the old answer go to its nearest region until their caches expire, both ways', () => {
    // Three regions in a line (east - central - west): from east, the nearest of every answer that holds east is east, of one without it central.
    const h = harness();
    h.topology = new Topology({ east: 3, central: 3, west: 3 }, { rtt: { 'east~central': 0.03, 'central~west': 0.04, 'east~west': 0.08 }, default_rtt: 0.07, in_region_rtt: 0.0005 });
    const lbs = new Map(['east', 'central', 'west'].map((r) => [r, { healthy: true, probe(): 'ok' | 'refused' { return this.healthy ? 'ok' : 'refused'; } }]));
    const router = new GlobalRouter(globalRouterSpec({
      mode: 'active_active', routing: 'nearest', regions: ['east', 'central', 'west'], ttl: `${TTL_S}s`,
      health_check: { interval: `${INTERVAL_S}s`, failure_threshold: THRESHOLD },
    }), { balancers: lbs } as unknown as ServiceTier, h);
    const [EAST, CENTRAL] = [0, 1];
    /** Share of PICKS picks from client region `from` that answer `region`. */
    const shareFrom = (from: number, region: string) => {
      let n = 0;
      for (let i = 0; i < PICKS; i++) if (router.pick(from) === region) n++;
      return n / PICKS;
    };
    h.sim.run(50);
    expect(shareFrom(EAST, 'east')).toBe(1);
    at(h, 100, () => (lbs.get('east')!.healthy = false));
    h.sim.run(100 + THRESHOLD * INTERVAL_S);
    const [down] = switches(h);
    expect(down).toBeDefined();
    // A quarter of a TTL after the change, 3/4 of east's clients still hold the old answer (nearest: east), 1/4 the new one (nearest: central).
    h.sim.run(down! + TTL_S / 4);
    expectShare(shareFrom(EAST, 'east'), 0.75, 'east clients on the old answer');
    expectShare(shareFrom(EAST, 'central'), 0.25, 'east clients on the new answer');
    expect(shareFrom(CENTRAL, 'central')).toBe(1);
    h.sim.run(down! + TTL_S);
    expect(shareFrom(EAST, 'central')).toBe(1);
    // East comes back: east's clients return to it as their caches expire.
    at(h, down! + 2 * TTL_S, () => (lbs.get('east')!.healthy = true));
    h.sim.run(down! + 2 * TTL_S + INTERVAL_S); // one check finds it healthy
    const up = switches(h)[1];
    expect(up).toBeDefined();
    h.sim.run(up! + TTL_S / 4);
    expectShare(shareFrom(EAST, 'east'), 0.25, 'east clients on the new answer');
    expectShare(shareFrom(EAST, 'central'), 0.75, 'east clients on the old answer');
    h.sim.run(up! + TTL_S);
    expect(shareFrom(EAST, 'east')).toBe(1);
  });
});

/**
 * `headroom`'s static estimate: the load each region carries per the design's routing, and the
 * M/M/c figures built on it, checked against the Erlang C formulas they come from.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { headroomDocument, regionsToLose, staticHeadroom } from '../../src/runner/headroom.js';
import { loadsWith } from '../../src/runner/headroomLoad.js';
import { erlangC, mmcMeanWait, mmcWaitPlusTail } from '../../src/stats/erlang.js';

const FIXTURE = 'test/fixtures/headroom/mmc-two-regions.yaml';
const loaded = await loadScenario(FIXTURE);
const tool = { name: 'outagesim', version: 'test' };

describe('static headroom on an M/M/c system', () => {
  const doc = headroomDocument(loaded, tool);

  it('has a steady-state case and one case per region lost, for every design', () => {
    expect(doc.designs.map((d) => d.name)).toEqual(['fits', 'thin']);
    for (const d of doc.designs) expect(d.cases.map((c) => c.lost)).toEqual([null, 'a', 'b']);
  });

  it('each region estimate is the Erlang C figure for its slots and the load routed to it', () => {
    const rows = doc.designs.flatMap((d) => d.cases.flatMap((c) => c.regions.map((r) => ({ design: d.name, lost: c.lost, r }))));
    const stable = rows.filter((x) => x.r.utilisation < 1);
    expect(stable.length).toBe(6);
    for (const { design, lost, r } of stable) {
      const c = design === 'fits' ? 4 : 2;
      const lambda = lost === null ? 16 : 32;
      expect(r.servers).toBe(c);
      expect(r.arrival_per_s).toBeCloseTo(lambda, 12);
      expect(r.mean_service_s).toBeCloseTo(0.1, 12);
      expect(r.utilisation).toBeCloseTo(lambda * 0.1 / c, 12);
      expect(r.wait_probability).toBe(erlangC(c, lambda * 0.1));
      // Poisson arrivals to one instance, exponential service: Allen–Cunneen's factor is 1.
      expect(r.wait_factor).toBe(1);
      expect(r.mean_wait_s).toBe(mmcMeanWait(lambda, 10, c));
    }
    // M/M/4 at rho = 0.8: Erlang C = 0.5964, Wq = C / (c mu - lambda) = 74.6 ms (tables).
    const lostA = doc.designs[0]!.cases[1]!.regions[0]!;
    expect(lostA.wait_probability).toBeCloseTo(0.5964, 4);
    expect(lostA.mean_wait_s).toBeCloseTo(0.07455, 5);
  });

  it('the share slower than the SLO latency is the M/M/c wait plus the service tail at that latency', () => {
    const r = doc.designs[1]!.cases[0]!.regions[0]!;
    const n = 1000;
    const xs = Array.from({ length: n }, (_, i) => -0.1 * Math.log(1 - (i + 0.5) / n));
    expect(r.slow_share).toBeCloseTo(mmcWaitPlusTail(16, 10, 2, xs, 1), 12);
    expect(r.breach).toBe(r.slow_share > 0.05);
  });

  it('names the overloaded regions after a loss as breaches, and none in steady state', () => {
    const thin = doc.designs[1]!;
    expect(thin.cases.map((c) => c.breaches)).toEqual([[], ['api@b'], ['api@a']]);
    expect(thin.cases[1]!.regions[0]).toMatchObject({ region: 'b', utilisation: 1.6, breach: true, slow_share: 1, mean_wait_s: null });
    expect(doc.designs[0]!.cases.every((c) => c.breaches.length === 0)).toBe(true);
  });

  it('behind round robin each instance is its own queue with every n-th arrival; behind least_outstanding the region pools its slots', () => {
    // 3 instances × 2 slots, a fixed 100 ms service (cs² = 0), every 3rd arrival (ca² = 1/3).
    const split = staticHeadroom('rr', scenario('', '    u: { rate: 24/s }', '{ a: 3 }'), []).cases[0]!.regions[0]!;
    expect(split).toMatchObject({ servers: 6, instances: 3, queue_model: 'per_instance' });
    expect(split.utilisation).toBeCloseTo(0.4, 12);
    expect(split.wait_probability).toBeCloseTo(erlangC(2, 0.8), 14);
    expect(split.wait_factor).toBeCloseTo(1 / 6, 14);
    expect(split.mean_wait_s).toBeCloseTo(mmcMeanWait(8, 10, 2) / 6, 14);
    const lo = loadScenarioText(`name: t
horizon: 10m
slo: { success_ratio: 0.99, latency: 1s }
system:
  regions: { a: {} }
  services:
    api: { instances: { a: 3 }, concurrency: 2, service_time: 100ms, load_balancer: least_outstanding }
  clients:
    u: { rate: 24/s }
fault: none
`, 'inline.yaml').scenario;
    const pooled = staticHeadroom('lo', lo, []).cases[0]!.regions[0]!;
    expect(pooled).toMatchObject({ servers: 6, queue_model: 'pooled' });
    expect(pooled.wait_probability).toBeCloseTo(erlangC(6, 2.4), 14);
    expect(pooled.wait_factor).toBe(0.5);
    expect(pooled.mean_wait_s).toBeCloseTo(mmcMeanWait(24, 10, 6) / 2, 14);
  });

  it('regions to lose are those where some design runs instances', () => {
    expect(regionsToLose(loaded)).toEqual(['a', 'b']);
  });
});

/** A scenario text around `router` and `clients` (three regions, 4 instances each of api). */
function scenario(router: string, clients: string, instances = '{ a: 4, b: 4, c: 4 }'): ReturnType<typeof loadScenarioText>['scenario'] {
  const text = `name: t
horizon: 10m
slo: { success_ratio: 0.99, latency: 1s }
system:
  regions: { a: {}, b: {}, c: {} }
  network: { rtt: { a~b: 10ms, a~c: 50ms, b~c: 20ms } }
  services:
    api: { instances: ${instances}, concurrency: 2, service_time: 100ms }
${router}
  clients:
${clients}
fault: none
`;
  return loadScenarioText(text, 'inline.yaml').scenario;
}
const perRegion = (s: ReturnType<typeof scenario>, lost: string[]) => Object.fromEntries(loadsWith(s, new Set(lost))[0]!.perRegion);

describe('the load each region carries, per routing', () => {
  it('active_passive sends everything to the first surviving region of its list', () => {
    const s = scenario('  global_router: { mode: active_passive, regions: [b, a, c] }', '    u: { rate: 30/s }');
    expect(perRegion(s, [])).toEqual({ a: 0, b: 30, c: 0 });
    expect(perRegion(s, ['b'])).toEqual({ a: 30, c: 0 });
    expect(perRegion(s, ['a'])).toEqual({ b: 30, c: 0 });
  });

  it('active_active weighted splits over the surviving regions by weight', () => {
    const s = scenario('  global_router: { mode: active_active, regions: [a, b, c], weights: { a: 2, b: 1, c: 1 } }', '    u: { rate: 40/s }');
    expect(perRegion(s, [])).toEqual({ a: 20, b: 10, c: 10 });
    expect(perRegion(s, ['a'])).toEqual({ b: 20, c: 20 });
  });

  it('active_active nearest sends each client region to its nearest surviving region', () => {
    const s = scenario('  global_router: { mode: active_active, routing: nearest, regions: [a, b, c] }', '    u: { rate: 30/s, regions: { a: 0.5, b: 0.25, c: 0.25 } }');
    expect(perRegion(s, [])).toEqual({ a: 15, b: 7.5, c: 7.5 });
    expect(perRegion(s, ['a'])).toEqual({ b: 22.5, c: 7.5 }); // a's users: b is 10 ms away, c 50 ms
    expect(perRegion(s, ['b'])).toEqual({ a: 22.5, c: 7.5 }); // b's users: a 10 ms, c 20 ms
  });

  it('without a global router the split is by instances and a lost region\'s share is unserved', () => {
    const s = scenario('', '    u: { rate: 40/s }', '{ a: 2, b: 1, c: 1 }');
    expect(perRegion(s, [])).toEqual({ a: 20, b: 10, c: 10 });
    const [load] = loadsWith(s, new Set(['a']));
    expect(Object.fromEntries(load!.perRegion)).toEqual({ b: 10, c: 10 });
    expect(load!.unservedPerS).toBe(20);
    const h = staticHeadroom('x', s, ['a']);
    expect(h.cases[1]!.breaches).toEqual(['api: unserved']);
  });

  it('agents count their tool calls: workflows × steps × fan-out', () => {
    const s = scenario('', '    bots: { kind: agent, rate: 1/s, workflow: { steps: 3, fan_out: 4 } }', '{ a: 1 }');
    expect(perRegion(s, [])).toEqual({ a: 12 });
  });
});

/**
 * Work whose client timed out: a load-dependent server finishes it anyway (wasted work that
 * slows everyone else), unless the scenario says it cancels abandoned requests. And the whole
 * stack (scenario → clients → instance → Result) agrees with the linear curve's closed form.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../../src/runner/replication.js';
import { simulateSequential } from '../../../src/runner/simulate.js';
import { loadScenario, loadScenarioText } from '../../../src/scenario/load.js';
import { tQuantile } from '../../../src/stats/tDistribution.js';

/** Overloaded linear server: peak 1 / slope = 200/s, offered 250/s, client timeout 1 s, no retries. */
const overloaded = (cancel: boolean) => `name: wasted
horizon: 60s
slo: { success_ratio: 0.99, latency: 1s }
system:
  regions: { r: { zones: 1 } }
  services:
    server:
      instances: { r: 1 }
      concurrency: 100000
      capacity: { curve: linear, base: 40ms, slope: 5ms, cancel_on_timeout: ${cancel} }
  clients:
    web: { rate: 250/s, timeout: 1s, retries: 0 }
fault: none
`;

function served(cancel: boolean) {
  const loaded = loadScenarioText(overloaded(cancel), 'inline.yaml');
  const o = runReplication(loaded.designs[0]!.scenario, 0);
  const completed = o.services[0]!.throughput_per_s * 60;
  const ok = o.classes[0]!.availability * o.classes[0]!.requests;
  return { completed, ok };
}

describe('load-dependent server and client timeouts', () => {
  it('without cancel_on_timeout the server keeps finishing requests nobody waits for (completions far above successes)', () => {
    const { completed, ok } = served(false);
    expect(completed).toBeGreaterThan(1000);
    expect(completed - ok).toBeGreaterThan(0.5 * completed);
  });

  it('with cancel_on_timeout every request the server finishes is one its client still waits for', () => {
    const { completed, ok } = served(true);
    expect(completed).toBeGreaterThan(100);
    expect(Math.round(completed)).toBe(Math.round(ok));
  });
});

describe('the whole stack against the closed form', () => {
  it('mean response of a linear load-dependent service is b / (1 − λ·s) (Little: n = λ·b / (1 − λ·s)), within its 95% CI', async () => {
    const loaded = await loadScenario('test/fixtures/capacity/linear.yaml');
    const result = simulateSequential(loaded);
    // Two designs, one check each: Bonferroni over K = 2 on the Result's own t-based intervals.
    const widen = tQuantile(1 - 0.05 / 4, loaded.scenario.replications - 1) / tQuantile(0.975, loaded.scenario.replications - 1);
    expect(result.designs).toHaveLength(2);
    for (const d of result.designs) {
      const spec = loaded.designs.find((x) => x.name === d.name)!.scenario;
      const lambda = spec.system.clients.arrivals!.rate;
      const { baseS, sigma } = spec.system.services.server!.capacity!.model;
      const expected = baseS / (1 - lambda * sigma * baseS);
      const r = d.services[0]!.response_s;
      const half = ((r.ci95![1] - r.ci95![0]) / 2) * widen;
      expect(Math.abs(r.mean! - expected), `${d.name}: ${r.mean} ± ${half} vs ${expected}`).toBeLessThanOrEqual(half);
      expect(d.services[0]!.capacity_curve).toMatchObject({ curve: 'linear', base_s: 0.04, slope_s: 0.005 });
    }
  });
});

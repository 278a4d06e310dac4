/**
 * `size` finds the smallest c of an M/M/c queue whose mean wait is under a target, as Erlang C
 * says, for several loads; its search (bracketing, then bisection), target parsing, and the
 * loading of one point (the varied field set in the sized design only).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/engine/duration.js';
import { loadScenario, loadScenarioText, type LoadedScenario, type RunOverrides } from '../../src/scenario/load.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { expandVary, loadSizePoint, meetsTarget, parseTarget, pointOverrides, searchSize, type SizeTarget } from '../../src/runner/size.js';
import { mmcMeanWait } from '../../src/stats/erlang.js';
import type { MaybeSummary, Result } from '../../src/runner/result.js';

const FIXTURE = 'test/fixtures/size/mmc.yaml';
const MU = 100;
const PARAM = 'system.services.server.concurrency';

/** Erlang C mean wait with c slots (Infinity when unstable). */
const wq = (lambda: number, c: number) => (lambda < c * MU ? mmcMeanWait(lambda, MU, c) : Infinity);

describe('size on an M/M/c queue finds the smallest c whose Erlang C mean wait is under the target', () => {
  it.each([['a08', 80], ['a25', 250], ['a45', 450]] as const)('%s (λ = %d/s)', async (design, lambda) => {
    // The answer c* = ⌈a⌉ + 1, the target between its wait and that of c* − 1 (geometric mean),
    // so that the simulated CI at each side of it is far from the target.
    const cStar = Math.ceil(lambda / MU) + 1;
    const target = Math.sqrt(wq(lambda, cStar) * Math.min(wq(lambda, cStar - 1), 1));
    expect(wq(lambda, cStar - 1) / target).toBeGreaterThan(2);
    expect(target / wq(lambda, cStar)).toBeGreaterThan(2);
    const expected = Array.from({ length: 20 }, (_, i) => i + 1).find((c) => wq(lambda, c) < target);
    expect(expected).toBe(cStar);

    const t: SizeTarget = { metric: 'services.server.queue_wait_s', op: '<', value: target };
    const found = await searchSize({ min: 1, max: 64 }, t, async (value) => {
      const l = await loadSizePoint((o) => loadScenario(FIXTURE, o), design, [PARAM], value, {});
      return simulateSequential(l).designs[0]!;
    });
    expect(found.answer).toBe(cStar);
    expect(found.points.length).toBeGreaterThan(0);
    for (const p of found.points) expect(p.meets).toBe(p.value >= cStar);
    // The answer's interval sits below the target and holds Erlang C's value (widened ×1.5: eight replications).
    const at = found.points.find((p) => p.value === cStar)!.metric;
    expect(at.ci95![1]).toBeLessThan(target);
    const half = (at.ci95![1] - at.ci95![0]) / 2;
    expect(Math.abs(at.mean! - wq(lambda, cStar))).toBeLessThanOrEqual(1.5 * half);
  });
});

/** A design result whose `metric` has the given mean and CI, for the search's own tests. */
function fake(mean: number, half: number): Result['designs'][number] {
  const s = { n: 5, mean, sd: 0, p50: mean, p95: mean, p99: mean, min: mean, max: mean, ci95: [mean - half, mean + half] as [number, number] };
  return { metrics: { p95_latency_s: s }, services: [] } as unknown as Result['designs'][number];
}

describe('searchSize', () => {
  it('brackets by doubling steps, then bisects, trying each value once, and reports them in increasing value', async () => {
    const calls: number[] = [];
    const t: SizeTarget = { metric: 'p95_latency_s', op: '<', value: 1 };
    const found = await searchSize({ min: 1, max: 100 }, t, async (v) => {
      calls.push(v);
      return fake(v >= 13 ? 0.5 : 2, 0.1);
    });
    expect(calls).toEqual([1, 2, 4, 8, 16, 12, 14, 13]);
    expect(found.answer).toBe(13);
    expect(found.points.map((p) => p.value)).toEqual([1, 2, 4, 8, 12, 13, 14, 16]);
    expect(found.points.find((p) => p.value === 13)!.tried).toBe(8);
  });

  it('answers null when even the maximum misses the target', async () => {
    const found = await searchSize({ min: 2, max: 5 }, { metric: 'p95_latency_s', op: '<', value: 1 }, async () => fake(2, 0.1));
    expect(found.answer).toBeNull();
    expect(found.points.map((p) => p.value)).toEqual([2, 3, 5]);
  });

  it('meets a target only when the whole 95% interval is on its side; a missing replication (not recovered) misses it', () => {
    const s = fake(0.9, 0.2).metrics.p95_latency_s as MaybeSummary;
    expect(meetsTarget(s, 0, { metric: 'x', op: '<', value: 1 })).toBe(false); // 0.9 ± 0.2 crosses 1
    expect(meetsTarget(s, 0, { metric: 'x', op: '<', value: 1.2 })).toBe(true);
    expect(meetsTarget(s, 0, { metric: 'x', op: '<=', value: 1.2 })).toBe(true);
    expect(meetsTarget(s, 0, { metric: 'x', op: '>=', value: 0.75 })).toBe(false);
    expect(meetsTarget(s, 0, { metric: 'x', op: '>', value: 0.6 })).toBe(true);
    expect(meetsTarget(s, 1, { metric: 'x', op: '>', value: 0.6 })).toBe(false);
  });
});

describe('parseTarget and expandVary', () => {
  it('reads numbers, durations and percentages', () => {
    expect(parseTarget('p95_latency_s < 1s', parseDuration)).toEqual({ metric: 'p95_latency_s', op: '<', value: 1 });
    expect(parseTarget('rto_s<=5m', parseDuration)).toEqual({ metric: 'rto_s', op: '<=', value: 300 });
    expect(parseTarget('availability >= 99.9%', parseDuration)).toEqual({ metric: 'availability', op: '>=', value: 0.999 });
    expect(parseTarget('services.api.queue_wait_s < 0.05', parseDuration)).toEqual({ metric: 'services.api.queue_wait_s', op: '<', value: 0.05 });
    expect(parseTarget('rto_s = 5m', parseDuration)).toBeNull();
    expect(parseTarget('rto_s < soon', parseDuration)).toBeNull();
  });

  it('expands a final .* to every key of the map', () => {
    const s = { system: { services: { api: { instances: { a: 1, b: 2 } } } } };
    expect(expandVary(['system.services.api.instances.*', 'x.y'], s)).toEqual(['system.services.api.instances.a', 'system.services.api.instances.b', 'x.y']);
    expect(expandVary(['system.services.web.instances.*'], s)).toMatch(/not a map with entries/);
  });
});

describe('loadSizePoint', () => {
  const SCALED = 'system.services.server.autoscaling.min';
  const text = `${readFileSync(FIXTURE, 'utf8')}  scaled:\n    system.services.server.autoscaling: { metric: queue_depth, target: 1, min: 1, max: 4 }\n`;
  const load = async (o: RunOverrides): Promise<LoadedScenario> => loadScenarioText(text, FIXTURE, o);

  it('varies a field only the sized design has (its autoscaling minimum), which the base would refuse', async () => {
    const point = await loadSizePoint(load, 'scaled', [SCALED], 3, {});
    expect(point.designs.map((d) => d.name)).toEqual(['scaled']);
    expect(point.designs[0]!.scenario.system.services.server!.autoscaling!.min).toBe(3);
    // Set on the base too (no autoscaling there), the same value is refused.
    expect(() => loadScenarioText(text, FIXTURE, pointOverrides([SCALED], 3, {}))).toThrow(/autoscaling/);
  });

  it('leaves the base and the other designs as written', () => {
    const l = loadScenarioText(text, FIXTURE, pointOverrides([PARAM], 3, {}, 'a25'));
    const concurrency = (name: string) => l.designs.find((d) => d.name === name)!.scenario.system.services.server!.concurrency;
    expect(concurrency('a25')).toBe(3);
    expect(concurrency('a08')).toBe(1);
    expect(l.scenario.system.services.server!.concurrency).toBe(1);
  });

  it('refuses a design name the scenario does not have', () => {
    expect(() => loadScenarioText(text, FIXTURE, pointOverrides([PARAM], 3, {}, 'nope'))).toThrow(/no design named "nope"/);
  });
});

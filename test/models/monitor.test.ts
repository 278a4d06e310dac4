/**
 * The SLO alert the on-call sees: the share of requests completed in the last `window` that
 * succeeded within the latency bound; it pages once the SLO has been broken for `alert_after`,
 * looking every 10 seconds, and re-arms when the SLO holds again.
 */
import { describe, expect, it } from 'vitest';
import { Monitor } from '../../src/models/monitor.js';
import { at, harness } from '../support/modelHarness.js';
import { sloSpec } from '../support/specs.js';

const slo = sloSpec({ success_ratio: 0.9, latency: '1s', window: '60s' });

describe('Monitor', () => {
  it('holds with an empty window', () => {
    const h = harness();
    const m = new Monitor(slo, h.sim, 60);
    h.sim.run(100);
    expect(m.violated()).toBe(false);
  });

  it('breaks when the share of fast successes falls below success_ratio; slow successes count as bad', () => {
    const h = harness();
    const m = new Monitor(slo, h.sim, 60);
    const verdicts: boolean[] = [];
    at(h, 5, () => {
      for (let i = 0; i < 18; i++) m.observe(true, 0.1);
      m.observe(true, 1.5);
      verdicts.push(m.violated()); // 18/19 = 0.947 ≥ 0.9
      m.observe(false, 0.1);
      m.observe(true, 2);
      verdicts.push(m.violated()); // 18/21 = 0.857 < 0.9
    });
    h.sim.run(10);
    expect(verdicts).toEqual([false, true]);
  });

  it('counts a degraded success as what it is worth', () => {
    const h = harness();
    const m = new Monitor(slo, h.sim);
    const verdicts: boolean[] = [];
    at(h, 5, () => {
      for (let i = 0; i < 10; i++) m.observe(0.95, 0.1);
      verdicts.push(m.violated()); // 9.5/10 ≥ 0.9
      for (let i = 0; i < 10; i++) m.observe(0.8, 0.1);
      verdicts.push(m.violated()); // 17.5/20 < 0.9
    });
    h.sim.run(10);
    expect(verdicts).toEqual([false, true]);
  });

  it('forgets results older than the window', () => {
    const h = harness();
    const m = new Monitor(slo, h.sim, 60);
    const verdicts: Array<[number, boolean]> = [];
    at(h, 5, () => m.observe(false, 0.1));
    for (const t of [30, 64, 66, 200]) at(h, t, () => verdicts.push([t, m.violated()]));
    h.sim.run(300);
    expect(verdicts).toEqual([[30, true], [64, true], [66, false], [200, false]]);
  });

  it('pages once after the SLO has been broken for alert_after, and again after it held in between', () => {
    const h = harness();
    const m = new Monitor(slo, h.sim, 60);
    const pages: number[] = [];
    m.onPage((t) => pages.push(t));
    // Bad results every second during [5, 300) and [1000, 1300).
    for (let t = 5; t < 300; t++) at(h, t, () => m.observe(false, 0.1));
    for (let t = 1000; t < 1300; t++) at(h, t, () => m.observe(false, 0.1));
    h.sim.run(2000);
    // Checks run at 10, 20, …: broken first seen at 10, page at the first check ≥ 10 + 60; then
    // first seen at 1000 again, page at 1060.
    expect(pages).toEqual([70, 1060]);
  });

  it('pages each subscriber after its own alert_after (one alert rule per operator)', () => {
    const h = harness();
    const m = new Monitor(slo, h.sim);
    const pages: Array<[string, number]> = [];
    m.onPage((t) => pages.push(['primary', t]), 60);
    m.onPage((t) => pages.push(['escalation', t]), 300);
    for (let t = 5; t < 600; t++) at(h, t, () => m.observe(false, 0.1));
    h.sim.run(1000);
    // Broken first seen at the check at 10: pages at the first checks ≥ 70 and ≥ 310.
    expect(pages).toEqual([['primary', 70], ['escalation', 310]]);
  });
});

/**
 * `run` adds per service and region the busy share (`utilisation:<service>@<region>`) and the
 * instances serving (`instances:<service>@<region>`) to timeline.series, sampled at each bucket's
 * middle like the other gauges.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/runner/replication.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { tQuantile } from '../../src/stats/tDistribution.js';

const crash = `name: series
horizon: 4m
timeline_bucket: 10s
slo: { success_ratio: 0.99, latency: 1s }
system:
  regions: { east: { zones: 2 }, west: { zones: 2 } }
  services:
    api:
      instances: { east: 2, west: 3 }
      concurrency: 4
      service_time: { exponential: { mean: 20ms } }
  clients:
    web: { rate: 100/s }
fault: { kind: instance_crash, service: api, region: east, count: 1, at: 1m, duration: 1m }
`;

describe('capacity series in the timeline', () => {
  it('has utilisation and instances per region of every service; instances follow a crash and the restart', () => {
    const loaded = loadScenarioText(crash, 'inline.yaml');
    const o = runReplication(loaded.designs[0]!.scenario, 0);
    const names = Object.keys(o.timeline).filter((k) => k.startsWith('utilisation:') || k.startsWith('instances:'));
    expect(names.sort()).toEqual(['instances:api@east', 'instances:api@west', 'utilisation:api@east', 'utilisation:api@west']);
    const east = o.timeline['instances:api@east']!;
    const west = o.timeline['instances:api@west']!;
    // Buckets start 60 s before the fault (6 × 10 s): before it 2 in east; during it 1; west keeps 3.
    expect(east.slice(0, 6)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(east.slice(6, 12)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(west.every((n) => n === 3)).toBe(true);
    // Back after the host returns and the instance starts up (30 s default).
    expect(east.at(-1)).toBe(2);
    const u = o.timeline['utilisation:api@east']!;
    expect(u.length).toBeGreaterThan(0);
    for (const x of u) expect(x >= 0 && x <= 1).toBe(true);
  });

  it('on a linear capacity curve the mean sampled utilisation is λ·slope (the share of peak throughput), within the replications\' CI', async () => {
    const loaded = await loadScenario('test/fixtures/capacity/linear.yaml');
    const d = loaded.designs.find((x) => x.name === 'rho08')!.scenario;
    const R = 8;
    const means = Array.from({ length: R }, (_, r) => {
      const xs = runReplication(d, r).timeline['utilisation:server@r']!.filter((_, k) => k >= 1);
      expect(xs.length).toBeGreaterThan(5);
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    });
    const mean = means.reduce((a, b) => a + b, 0) / R;
    const sd = Math.sqrt(means.reduce((a, b) => a + (b - mean) ** 2, 0) / (R - 1));
    const half = (tQuantile(0.975, R - 1) * sd) / Math.sqrt(R);
    expect(half).toBeGreaterThan(0);
    expect(Math.abs(mean - 0.8), `${mean} ± ${half}`).toBeLessThanOrEqual(half);
  });
});

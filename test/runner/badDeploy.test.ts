/**
 * A bad deploy (half of the new version's answers are errors), caught by the same canary analysis
 * and rolled back in the same time, rolled out two ways: to every instance at once, or to a 5%
 * canary stage first (1 of 20 instances). The round-robin load balancer gives the canary 1/20 of
 * the requests, so the canary's failed requests are 1/20 of the all-at-once deploy's: the blast
 * radius is the stage's share. Both designs draw the same rollback time (common random numbers).
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/runner/replication.js';
import { loadScenarioText } from '../../src/scenario/load.js';

const text = `
name: bad-deploy
seed: 9
replications: 2
horizon: 20m
slo: { success_ratio: 0.99, latency: 1s, window: 1m, sustained: 2m }
system:
  regions: { us-east: {} }
  services:
    api: { instances: { us-east: 20 }, concurrency: 10, service_time: { exponential: { mean: 10ms } } }
  clients:
    web: { rate: 100/s, timeout: 2s, retries: 0 }
fault:
  kind: bad_deploy
  service: api
  error_rate: 0.5
  detection: { error_ratio: 0.05, window: 1m, min_requests: 20 }
  rollback: { uniform: [1m, 3m] }
  at: 2m
designs:
  all-at-once: {}
  canary:
    fault.canary: [{ share: 0.05, for: 15m }, { share: 1 }]
`;

describe('bad deploy with canary stages', async () => {
  const loaded = await loadScenarioText(text, 'bad-deploy.yaml');
  const design = (name: string) => loaded.designs.find((d) => d.name === name)!.scenario;

  it('limits the failed requests to the canary share (1/20) of those of an all-at-once deploy', () => {
    for (let rep = 0; rep < 2; rep++) {
      const all = runReplication(design('all-at-once'), rep);
      const canary = runReplication(design('canary'), rep);
      const failed = (o: typeof all) => Math.round(o.requests * (1 - o.availability));
      const fa = failed(all);
      const fc = failed(canary);
      expect(fa).toBeGreaterThan(1000);
      const ratio = fc / fa;
      // Each count is binomial (half of the bad version's requests fail): 99.9% bound on the ratio.
      expect(Math.abs(ratio - 1 / 20)).toBeLessThan(3.3 * ratio * Math.sqrt(1 / fc + 1 / fa));
      for (const o of [all, canary]) expect(o.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['deploy', 'detection', 'fault_end']));
      expect(all.rto_phases?.map((p) => p.phase)).toEqual(['detection', 'rollback']);
    }
  });
});

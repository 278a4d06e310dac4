/**
 * Scale-in end to end: a 5x traffic spike drives east from 2 to its max of 4 instances; when the
 * spike ends the utilisation falls to about 0.125 (40/s × 50 ms over 16 slots), so every evaluation
 * asks for min = 2. During the spike even 4 instances run above the 0.5 target (10 busy slots of
 * 16), so no evaluation asks for fewer before the spike ends: the first that does is the first
 * period wholly after it, and the scale-in comes at the `scale_in_after`-th in a row.
 */
import { describe, expect, it } from 'vitest';
import { runReplication, timelineGrid } from '../../src/runner/replication.js';
import { loadScenarioText } from '../../src/scenario/load.js';

const SPIKE_END_S = 240; // from the fault (spike) start
const PERIOD_S = 30;
const SCALE_IN_AFTER = 5;
const DEREGISTRATION_S = 30;
const MIN = 2;
const MAX = 4;

const text = `
name: scale-in
seed: 5
horizon: 12m
timeline_bucket: 10s
slo: { success_ratio: 0.99, latency: 1s, window: 1m, sustained: 1m }
system:
  regions: { east: { zones: 2 } }
  services:
    api:
      instances: { east: ${MIN} }
      concurrency: 4
      queue: 200
      service_time: { exponential: { mean: 50ms } }
      startup: 10s
      autoscaling:
        target: 0.5
        min: ${MIN}
        max: ${MAX}
        evaluation_period: ${PERIOD_S}s
        provisioning: 20s
        cooldown: 30s
        scale_in_after: ${SCALE_IN_AFTER}
        scale_in_cooldown: 1m
        deregistration_delay: ${DEREGISTRATION_S}s
  clients:
    web: { rate: 40/s, timeout: 5s, retries: 0 }
fault: { kind: traffic_spike, factor: 5, at: 2m, duration: 4m }
designs:
  unprotected: {}
  protected:
    system.services.api.autoscaling.scale_in_protection: true
  no-drain:
    system.services.api.autoscaling.deregistration_delay: 0s
`;

const loaded = await loadScenarioText(text, 'scale-in.yaml');
const design = (name: string) => loaded.designs.find((d) => d.name === name)!.scenario;
const grid = timelineGrid(loaded.scenario);
/** Bucket starts relative to the fault. */
const bucketT = Array.from({ length: grid.buckets }, (_, k) => grid.startS + k * grid.bucketS);
type Outcome = ReturnType<typeof runReplication>;
const times = (o: Outcome, words: string) => o.events.filter((e) => e.kind === 'autoscaling' && e.text.includes(words)).map((e) => e.t_s);
const east = (o: Outcome) => o.autoscaling!.find((a) => a.region === 'east')!;
/** Requests that failed in the timeline buckets from `fromS` (relative to the fault) on. */
const failedFrom = (o: Outcome, fromS: number) => {
  const t = bucketT;
  const offered = o.timeline['offered_per_s']!;
  const ok = o.timeline['success_ratio']!;
  let failed = 0;
  t.forEach((s, k) => {
    if (s >= fromS && Number.isFinite(ok[k]!)) failed += offered[k]! * grid.bucketS * (1 - ok[k]!);
  });
  return failed;
};

describe('scale-in after a traffic spike', () => {
  it('scales back to min at the scale_in_after-th evaluation in a row after the spike, not before, then drains and terminates', () => {
    for (let rep = 0; rep < 2; rep++) {
      const o = runReplication(design('unprotected'), rep);
      expect(east(o).max_instances).toBe(MAX);
      const scaleIns = times(o, 'scaling in');
      expect(scaleIns).toHaveLength(1);
      expect(east(o).scale_ins).toBe(1);
      // Evaluations fall every 30 s from t = 0 and the spike (2m..6m) ends on one: the first period
      // wholly after it ends 30 s later, and the scale_in_after-th in a row is the scale-in.
      expect(scaleIns[0]!).toBe(SPIKE_END_S + SCALE_IN_AFTER * PERIOD_S);
      expect(o.events.find((e) => e.text.includes('scaling in'))!.text).toContain(`from ${MAX} to ${MIN} instances`);
      const terminated = times(o, 'terminated after draining');
      expect(terminated).toHaveLength(1);
      expect(terminated[0]! - scaleIns[0]!).toBeGreaterThanOrEqual(0);
      expect(terminated[0]! - scaleIns[0]!).toBeLessThanOrEqual(DEREGISTRATION_S);
      const instances = o.timeline['instances:api@east']!;
      const t = bucketT;
      // Buckets are sampled at their middle (5 s in): 4 until the scale-in, 2 once terminated.
      t.forEach((s, k) => {
        if (s + 5 > SPIKE_END_S && s + 5 < scaleIns[0]!) expect(instances[k]).toBe(MAX);
        if (s + 5 > terminated[0]!) expect(instances[k]).toBe(MIN);
      });
      // Draining instances finish what they hold: no request fails from the scale-in on.
      expect(failedFrom(o, scaleIns[0]! - 10)).toBe(0);
      expect(o.rto_s).not.toBeNull();
    }
  });

  it('with scale_in_protection keeps every instance to the horizon', () => {
    for (let rep = 0; rep < 2; rep++) {
      const o = runReplication(design('protected'), rep);
      expect(east(o).max_instances).toBe(MAX);
      expect(east(o).scale_ins).toBe(0);
      expect(times(o, 'scaling in')).toHaveLength(0);
      expect(o.timeline['instances:api@east']!.at(-1)).toBe(MAX);
    }
  });

  it('without a deregistration delay, the requests the removed instances held fail (what the drain prevents)', () => {
    let failed = 0;
    for (let rep = 0; rep < 2; rep++) {
      const o = runReplication(design('no-drain'), rep);
      const scaleIn = times(o, 'scaling in')[0]!;
      expect(times(o, 'terminated after draining')[0]).toBe(scaleIn);
      failed += failedFrom(o, scaleIn - 10);
    }
    expect(failed).toBeGreaterThan(0);
  });
});

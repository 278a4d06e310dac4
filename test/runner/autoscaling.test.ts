/**
 * Autoscaling end to end: east is lost, the global router sends all traffic to west, whose
 * autoscaler tracks a 68% utilisation target. Offered load 560/s × 50 ms = 28 busy slots = 7
 * instances of 4 slots, more than west's 6, so the SLO is breached until new instances serve; the
 * target needs ceil(7 / 0.68) = 11 instances. Lag = provisioning (20..40 s) + start-up (30 s).
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/runner/replication.js';
import { loadScenarioText } from '../../src/scenario/load.js';

const FAULT_S = 120;
const DETECT_S = 40; // router health check: 3 failures 10 s apart, plus a probe's timeout and phase
const PERIOD_S = 30;
const PROVISION_MIN_S = 20;
const PROVISION_MAX_S = 40;
/** ceil(7 instances' worth of load / 0.68): at 11 the utilisation is 0.64, at 10 it would be 0.70. */
const TARGET_COUNT = 11;
const COOLDOWN_S = 60;
const CP_FROM_S = 170;
const CP_S = 200;

const text = `
name: autoscaling
seed: 11
horizon: 12m
timeline_bucket: 10s
slo: { success_ratio: 0.99, latency: 1s, window: 1m, sustained: 1m }
system:
  regions: { east: { zones: 2 }, west: { zones: 2 } }
  global_router: { mode: active_active, regions: [east, west] }
  services:
    api:
      instances: { east: 6, west: 6 }
      concurrency: 4
      queue: 20
      service_time: { exponential: { mean: 50ms } }
      startup: 30s
      autoscaling: { metric: utilisation, target: 0.68, max: 20, evaluation_period: ${PERIOD_S}s, provisioning: { uniform: [20s, 40s] }, cooldown: ${COOLDOWN_S}s }
  clients:
    web: { rate: 560/s, timeout: 2s, retries: 0 }
fault: { kind: region_outage, region: east, at: ${FAULT_S}s }
designs:
  unlimited: {}
  limited:
    system.regions.west.instance_limit: 7
  warm:
    system.services.api.autoscaling.warm_pool: 3
  control-plane-down:
    fault:
      - { kind: region_outage, region: east, at: ${FAULT_S}s }
      - { kind: control_plane_outage, region: west, at: ${CP_FROM_S}s, duration: ${CP_S}s }
`;

const loaded = await loadScenarioText(text, 'autoscaling.yaml');
const design = (name: string) => loaded.designs.find((d) => d.name === name)!.scenario;
const times = (o: ReturnType<typeof runReplication>, words: string) =>
  o.events.filter((e) => e.kind === 'autoscaling' && e.text.includes(words)).map((e) => e.t_s);
const west = (o: ReturnType<typeof runReplication>) => o.autoscaling!.find((a) => a.region === 'west')!;

describe('autoscaling after a region outage', () => {
  it('grows west to the target count, each step within evaluation period + provisioning lag, steps a cooldown apart, never beyond', () => {
    for (let rep = 0; rep < 3; rep++) {
      const o = runReplication(design('unlimited'), rep);
      const asked = times(o, 'scaling out');
      const added = times(o, 'provisioned');
      expect(asked.length).toBeGreaterThan(0);
      expect(added).toHaveLength(asked.length);
      // Event times count from the fault start.
      expect(asked[0]!).toBeGreaterThan(0);
      expect(asked[0]!).toBeLessThanOrEqual(DETECT_S + 2 * PERIOD_S);
      asked.forEach((t, k) => {
        expect(added[k]! - t).toBeGreaterThanOrEqual(PROVISION_MIN_S);
        expect(added[k]! - t).toBeLessThanOrEqual(PROVISION_MAX_S);
        if (k > 0) {
          expect(t - added[k - 1]!).toBeGreaterThanOrEqual(COOLDOWN_S);
          expect(t - added[k - 1]!).toBeLessThanOrEqual(COOLDOWN_S + PERIOD_S);
        }
      });
      expect(west(o).max_instances).toBe(TARGET_COUNT);
      expect(o.timeline['instances:api@west']!.at(-1)).toBe(TARGET_COUNT);
      expect(west(o).scale_outs).toBe(added.length);
      expect(west(o).refused_insufficient_capacity).toBe(0);
      // East is down: its autoscaler never sees a serving instance and asks for nothing.
      expect(o.autoscaling!.find((a) => a.region === 'east')!.scale_outs).toBe(0);
      // The SLO breach while waiting for the new instances is the scale_up phase.
      expect(o.rto_s).not.toBeNull();
      expect(o.rto_phases!.some((p) => p.phase === 'scale_up')).toBe(true);
    }
  });

  it('with a regional instance limit of 7, refuses the rest, counts the refusals and stops at the limit', () => {
    for (let rep = 0; rep < 2; rep++) {
      const o = runReplication(design('limited'), rep);
      expect(west(o).refused_insufficient_capacity).toBeGreaterThan(0);
      expect(west(o).max_instances).toBe(7);
      expect(o.timeline['instances:api@west']!.at(-1)).toBe(7);
      expect(o.events.some((e) => e.kind === 'autoscaling' && e.text.includes('insufficient capacity'))).toBe(true);
    }
  });

  it('a control-plane outage delays the scale-out by exactly the time it blocked it', () => {
    for (let rep = 0; rep < 2; rep++) {
      const free = runReplication(design('unlimited'), rep);
      const blocked = runReplication(design('control-plane-down'), rep);
      const askedFree = times(free, 'scaling out')[0]!;
      const askedBlocked = times(blocked, 'scaling out')[0]!;
      expect(askedBlocked).toBe(askedFree);
      // Event times count from the fault start.
      const cpFrom = CP_FROM_S - FAULT_S;
      expect(askedBlocked).toBeGreaterThanOrEqual(cpFrom);
      expect(askedBlocked).toBeLessThan(cpFrom + CP_S);
      const waited = cpFrom + CP_S - askedBlocked;
      expect(waited).toBeGreaterThan(0);
      expect(times(blocked, 'provisioned')[0]! - times(free, 'provisioned')[0]!).toBeCloseTo(waited, 9);
    }
  });

  it('a warm pool of 3 serves scale-outs at once, without the provisioning lag, until its 3 instances are used', () => {
    for (let rep = 0; rep < 2; rep++) {
      const cold = runReplication(design('unlimited'), rep);
      const warm = runReplication(design('warm'), rep);
      const asked = times(warm, 'scaling out');
      const fromPool = times(warm, 'started from the warm pool');
      expect(fromPool.length).toBeGreaterThan(0);
      for (const t of fromPool) expect(asked).toContain(t);
      const used = warm.events.flatMap((e) => /\((\d+) from the warm pool\)/.exec(e.text)?.[1] ?? []).map(Number);
      expect(used.reduce((a, b) => a + b, 0)).toBe(3);
      expect(fromPool[0]!).toBeLessThan(times(cold, 'provisioned')[0]!);
      expect(west(warm).max_instances).toBe(TARGET_COUNT);
    }
  });

  it('has no autoscaling entry when no service autoscales', async () => {
    const plain = await loadScenarioText(text.split('designs:')[0]!.replace(/ +autoscaling: .*\n/, ''), 'plain.yaml');
    expect(runReplication(plain.designs[0]!.scenario, 0).autoscaling).toBeUndefined();
  });
});

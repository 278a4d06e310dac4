/**
 * Pricing what autoscaling provisions (test/fixtures/pricing/autoscaled.yaml, hand-made prices:
 * small in east at $0.10/h, 6 incidents a year): the Result carries, per autoscaled service and
 * region, the mean instances provisioned before the fault and the instance-seconds from the fault
 * to the horizon; the monthly bill prices that steady fleet for 730 h plus each incident's extra
 * instance-hours × incidents per month, every figure traceable to a simulated one. The same
 * scenario with a 2 min warm-up leaves the group's start (3 instances, the minimum, rising to the 4
 * its load asks for) out of the steady fleet.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { priceResult } from '../../src/cost/priceResult.js';
import { simulate } from '../../src/index.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { runReplication } from '../../src/runner/replication.js';
import type { Result } from '../../src/runner/result.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';

const FILE = 'test/fixtures/pricing/autoscaled.yaml';
const FAULT_S = 300;
const HORIZON_S = 600;
const PRICE = 0.1;
const INCIDENTS_PER_YEAR = 6;
/** 3 instances (the minimum) until the one asked at the first evaluation (60 s) is provisioned 30 s later, then 4. */
const STEADY = (3 * 90 + 4 * (FAULT_S - 90)) / FAULT_S;
/** From the 2 min warm-up on, 4 instances until the fault. */
const STEADY_WARMED = 4;

let result: Result;
let warmed: Result;
/** Per replication: the incident's instance-seconds worked out from its scale-out events. */
const byHand: number[] = [];
beforeAll(async () => {
  result = await simulate(FILE, { workers: 1 });
  warmed = priceResult(simulateSequential(loadScenarioText(readFileSync(FILE, 'utf8').replace('\nhorizon: 10m\n', '\nhorizon: 10m\nwarmup: 2m\n'), FILE)));
  const scenario = (await loadScenario(FILE)).designs[0]!.scenario;
  for (let rep = 0; rep < 2; rep++) {
    const o = runReplication(scenario, rep);
    const added = o.events.flatMap((e) => {
      const m = /: (\d+) instances? provisioned/.exec(e.text);
      return e.kind === 'autoscaling' && m ? [{ t: e.t_s, n: Number(m[1]) }] : [];
    });
    // Event times count from the fault: the one before it (at 90 s) gives the steady fleet.
    expect(added[0]).toEqual({ t: 90 - FAULT_S, n: 1 });
    const during = added.filter((a) => a.t >= 0);
    expect(during.length).toBeGreaterThan(0);
    byHand.push(4 * (HORIZON_S - FAULT_S) + during.reduce((s, a) => s + a.n * (HORIZON_S - FAULT_S - a.t), 0));
    expect(o.autoscaling![0]!.incident_instance_s).toBeCloseTo(byHand[rep]!, 6);
  }
});

describe('the cost of an autoscaled fleet', () => {
  it('the Result carries the steady fleet (3.7: the minimum 3 for 90 s, then 4; 4 from a 2 min warm-up) and the incident instance-seconds', () => {
    const mean = (byHand[0]! + byHand[1]!) / 2;
    for (const [r, steady] of [[result, STEADY], [warmed, STEADY_WARMED]] as const) {
      const a = r.designs[0]!.autoscaling![0]!;
      expect(a.steady_instances.min!).toBeCloseTo(steady, 9);
      expect(a.steady_instances.max!).toBeCloseTo(steady, 9);
      // The warm-up changes no draw: the same scale-outs, the same incident.
      expect(a.incident_instance_s.mean!).toBeCloseTo(mean, 6);
      expect(a.incident_extra_instance_s.mean!).toBeCloseTo(mean - steady * (HORIZON_S - FAULT_S), 6);
      expect(a.incident_extra_instance_s.mean!).toBeGreaterThan(0);
    }
  });

  it('prices the steady fleet for a month and each incident\'s extra instance-hours × incidents per month', () => {
    const cost = result.designs[0]!.cost!;
    const fleet = cost.breakdown.find((l) => l.item === 'instances')!;
    expect(fleet.quantity).toBeCloseTo(STEADY * 730, 9);
    expect(fleet.monthly_usd).toBe(270.1); // 3.7 × 730 h × $0.10
    expect(fleet.detail).toContain('3.70 × small (autoscaled: mean provisioned before the fault, simulated)');
    const extraH = ((byHand[0]! + byHand[1]!) / 2 - STEADY * (HORIZON_S - FAULT_S)) / 3600;
    const incidents = cost.breakdown.find((l) => l.item === 'autoscaling in incidents')!;
    expect(incidents.quantity).toBeCloseTo((extraH * INCIDENTS_PER_YEAR) / 12, 9);
    expect(incidents.unit_price_usd).toBe(PRICE);
    expect(incidents.monthly_usd).toBe(Math.round(((extraH * INCIDENTS_PER_YEAR) / 12) * PRICE * 100) / 100);
    const lb = cost.breakdown.find((l) => l.item === 'load balancer')!;
    expect(lb.monthly_usd).toBe(18.25); // 730 h × $0.025
    expect(cost.monthly_usd).toBeCloseTo(fleet.monthly_usd + incidents.monthly_usd + lb.monthly_usd, 9);
    expect(cost.breakdown).toHaveLength(3);
    expect(warmed.designs[0]!.cost!.breakdown.find((l) => l.item === 'instances')!.monthly_usd).toBe(292); // 4 × 730 h × $0.10
  });
});

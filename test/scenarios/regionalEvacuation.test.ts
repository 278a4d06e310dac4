/**
 * `regional-evacuation`: three regions active-active, us-east lost. What its header states,
 * checked from the mechanisms and from `headroom`'s static estimate:
 *
 * - hot-70 (71% busy per region) breaches the SLO once us-east is lost: no replication
 *   recovers, and its availability's 95% CI lies below the SLO's success ratio;
 * - n-plus-1-45 (43% busy) holds it: every replication recovers, within detection + TTL (the
 *   RTO CI's upper end under 2 minutes), and the survivors' utilisation CI stays under 100%;
 * - `headroom` names us-west and eu-west as breaching for hot-70 after the loss, none for N+1.
 *
 * Budget: the scenario's 8 replications over 10 minutes instead of 15 (the fault starts by 4
 * minutes; N+1 recovers within a minute of it). Streams are keyed by (seed, replication,
 * component), so the shorter horizon changes nothing before it.
 */
import { describe, expect, it } from 'vitest';
import { headroomDocument } from '../../src/runner/headroom.js';
import type { DesignResult } from '../../src/runner/result.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';

const HORIZON_S = 10 * 60;
const loaded = await loadScenario('scenarios/regional-evacuation.yaml');
const shortened = { ...loaded, designs: loaded.designs.map((d) => ({ ...d, scenario: { ...d.scenario, horizon: HORIZON_S } })) };
const result = simulateSequential(shortened);
const design = (name: string): DesignResult => result.designs.find((d) => d.name === name)!;
const R = loaded.scenario.replications;

describe('regional-evacuation', () => {
  it('hot-70 breaches the SLO after the loss: no replication recovers, availability below the SLO ratio', () => {
    const hot = design('hot-70');
    expect(hot.metrics.rto_s.not_recovered).toBe(R);
    expect(hot.metrics.availability.ci95![1]).toBeLessThan(loaded.scenario.slo.success_ratio);
  });

  it('n-plus-1-45 holds it: every replication recovers within detection + TTL, survivors below saturation', () => {
    const n1 = design('n-plus-1-45');
    expect(n1.metrics.rto_s.recovered).toBe(R);
    expect(n1.metrics.rto_s.ci95![1]).toBeLessThan(120);
    const survivors = n1.services[0]!.regions!.filter((r) => r.region !== 'us-east');
    expect(survivors.length).toBe(2);
    for (const r of survivors) expect(r.utilization.ci95![1]).toBeLessThan(1);
  });

  it('headroom names the survivors as breaching for hot-70 and none for n-plus-1-45', () => {
    const doc = headroomDocument(loaded, { name: 'outagesim', version: 'test' });
    const lostEast = (name: string) => doc.designs.find((d) => d.name === name)!.cases.find((c) => c.lost === 'us-east')!;
    expect(lostEast('hot-70').breaches).toEqual(['api@us-west', 'api@eu-west']);
    expect(lostEast('n-plus-1-45').breaches).toEqual([]);
  });
});

/**
 * `rto_phases` on every shipped scenario: in each design, every recovered replication's phases sum
 * to its RTO (to floating-point rounding), a replication that did not recover has none, the
 * design's averages have shares summing to 1, and a phase appears only when the design has the
 * mechanism that reports it (no DNS phase without global routing, no restore without a restore
 * step, ...).
 *
 * Budget: 2 replications of every design of every scenario under scenarios/.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../src/scenario/schema.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';

const REPLICATIONS = 2;
const files = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort();

/** The phases a design's mechanisms can report. */
function possiblePhases(s: Scenario): Set<string> {
  const steps = Object.values(s.system.operators).flatMap((o) => o.runbook);
  const has = (step: string) => steps.some((x) => x.step === step);
  const dbs = Object.values(s.system.databases);
  const out = new Set(['settling', 'health_checks', 'unattributed']);
  if (Object.keys(s.system.operators).length > 0) out.add('detection').add('paging');
  if (s.system.global_router) out.add('detection').add('dns_propagation');
  if (dbs.some((d) => d.promotion.mode === 'automated')) out.add('detection').add('promotion');
  if (has('promote')) out.add('promotion');
  if (has('diagnose')) out.add('diagnosis');
  if (has('wait')) out.add('wait');
  if (has('repair')) out.add('repair');
  if (has('restore')) out.add('restore');
  if (has('scale') || Object.values(s.system.services).some((svc) => svc.autoscaling)) out.add('scale_up');
  if (has('failover_dns')) out.add('dns_update').add('dns_propagation');
  if (steps.some((x) => x.step === 'restart_instances' && x.mode === 'one_by_one')) out.add('instance_cycling');
  if (steps.some((x) => x.step === 'restart_instances' && x.mode === 'all_at_once')) out.add('instance_restart');
  if (s.fault.duration !== 'until_repaired') out.add('outage');
  return out;
}

describe('rto_phases on the shipped scenarios', () => {
  it('finds the shipped scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  for (const file of files) {
    it(`${file}: phases sum to each recovered replication's RTO and come only from mechanisms the design has`, async () => {
      const loaded = await loadScenario(`scenarios/${file}`);
      const result = simulateSequential(loaded, { replications: REPLICATIONS });
      const recoveredDesigns = result.designs.filter((d) => d.metrics.rto_s.recovered > 0);
      expect(recoveredDesigns.length).toBeGreaterThan(0);
      for (const d of result.designs) {
        const allowed = possiblePhases(loaded.designs.find((x) => x.name === d.name)!.scenario);
        for (const r of d.replications) {
          if (r.rto_s === null) {
            expect(r.rto_phases).toBeUndefined();
            continue;
          }
          const spans = r.rto_phases!;
          // An RTO of 0 (the SLO never broke) has no phase.
          expect(spans.length > 0).toBe(r.rto_s > 0);
          const sum = spans.reduce((a, p) => a + p.s, 0);
          expect(Math.abs(sum - r.rto_s), `${d.name} replication ${r.replication}`).toBeLessThanOrEqual(1e-9 * Math.max(1, r.rto_s));
          for (const p of spans) {
            expect(p.s).toBeGreaterThan(0);
            expect(allowed, `${d.name}: phase ${p.phase}`).toContain(p.phase);
          }
        }
        if (d.metrics.rto_s.recovered === 0) {
          expect(d.rto_phases).toBeUndefined();
          continue;
        }
        const phases = d.rto_phases!;
        if (d.metrics.rto_s.max === 0) continue;
        expect(phases.length).toBeGreaterThan(0);
        expect(phases.reduce((a, p) => a + p.share, 0)).toBeCloseTo(1, 12);
        expect(phases.reduce((a, p) => a + p.mean_s, 0)).toBeCloseTo(d.metrics.rto_s.mean!, 6);
      }
    });
  }
});

/**
 * The critical path of a recovery: phases reported by the models, walked back from the recovery
 * instant, sum to the RTO; mechanisms that had not finished by then do not count unless they act
 * while they run; gaps are named; averages keep shares that sum to 1.
 */
import { describe, expect, it } from 'vitest';
import { averagePhases, criticalPath, phaseSlackS, type PhaseInterval } from '../../src/metrics/rtoPhases.js';

const iv = (phase: string, fromT: number, toT: number, t = toT): PhaseInterval => ({ t, phase, fromT, toT });
const total = (spans: Array<{ s: number }>) => spans.reduce((a, p) => a + p.s, 0);

describe('criticalPath', () => {
  it('splits a sequential runbook into its phases, which sum to the RTO', () => {
    const spans = criticalPath([iv('detection', -Infinity, 160), iv('paging', 160, 500), iv('diagnosis', 500, 1700), iv('promotion', 1700, 1745)], 100, 1645);
    expect(spans).toEqual([
      { phase: 'detection', s: 60 },
      { phase: 'paging', s: 340 },
      { phase: 'diagnosis', s: 1200 },
      { phase: 'promotion', s: 45 },
    ]);
  });

  it('ignores a mechanism that had not finished at recovery (an alert that fires later)', () => {
    const spans = criticalPath([iv('detection', 0, 46), iv('promotion', 46, 91), iv('detection', -Infinity, 132), iv('paging', 132, 400)], 0, 91);
    expect(spans).toEqual([
      { phase: 'detection', s: 46 },
      { phase: 'promotion', s: 45 },
    ]);
  });

  it('counts a mechanism that acts while it runs (a restart, a DNS TTL) up to the recovery instant', () => {
    const spans = criticalPath([iv('detection', -Infinity, 30), iv('dns_propagation', 30, 90, 30)], 0, 80);
    expect(spans).toEqual([
      { phase: 'detection', s: 30 },
      { phase: 'dns_propagation', s: 50 },
    ]);
  });

  it('merges repeated phases and names the stretch after the last mechanism "settling"', () => {
    const spans = criticalPath([iv('instance_cycling', 0, 10, 0), iv('instance_cycling', 10, 20, 10), iv('health_checks', 5, 8)], 0, 27.5);
    expect(spans).toEqual([
      { phase: 'instance_cycling', s: 20 },
      { phase: 'settling', s: 7.5 },
    ]);
    expect(total(spans)).toBe(27.5);
  });

  it('calls time nothing reported "unattributed"', () => {
    expect(criticalPath([], 10, 42)).toEqual([{ phase: 'unattributed', s: 42 }]);
  });

  it('sums to the RTO to within floating-point rounding for irregular times', () => {
    const faultT = 1234.567891;
    const rto = 5857.366538062692;
    const spans = criticalPath([iv('detection', -Infinity, faultT + 130.1), iv('paging', faultT + 130.1, faultT + 476.97), iv('instance_cycling', faultT + 5000.3, faultT + 6000.7, faultT + 5000.3), iv('diagnosis', faultT + 476.97, faultT + 4990.01)], faultT, rto);
    expect(spans.map((p) => p.phase)).toEqual(['detection', 'paging', 'diagnosis', 'settling', 'instance_cycling']);
    expect(Math.abs(total(spans) - rto)).toBeLessThan(1e-9);
  });
});

describe('averagePhases', () => {
  it('averages each phase over the replications (absent counts 0 s) and gives shares that sum to 1', () => {
    const avg = averagePhases([
      [{ phase: 'detection', s: 30 }, { phase: 'promotion', s: 30 }],
      [{ phase: 'detection', s: 50 }, { phase: 'settling', s: 10 }],
    ]);
    expect(avg).toEqual([
      { phase: 'detection', mean_s: 40, share: 80 / 120 },
      { phase: 'promotion', mean_s: 15, share: 30 / 120 },
      { phase: 'settling', mean_s: 5, share: 10 / 120 },
    ]);
    expect(avg.reduce((a, p) => a + p.share, 0)).toBeCloseTo(1, 12);
  });
});

describe('criticalPath: ties and slack', () => {
  it('of two intervals reaching the same point, takes the one that ended there (what the next step waited for)', () => {
    const spans = criticalPath([iv('dns_propagation', 58, 118, 58), iv('detection', -Infinity, 67), iv('scale_up', 67, 1500, 1200)], 0, 1400);
    expect(spans).toEqual([
      { phase: 'detection', s: 67 },
      { phase: 'scale_up', s: 1333 },
    ]);
  });

  it('counts a mechanism that finished within the slack after recovery, and not one after it', () => {
    const ivs = [iv('detection', 0, 15), iv('promotion', 15, 23)];
    expect(criticalPath(ivs, 0, 21.5, 3)).toEqual([{ phase: 'detection', s: 15 }, { phase: 'promotion', s: 6.5 }]);
    expect(criticalPath(ivs, 0, 21.5, 1)).toEqual([{ phase: 'detection', s: 15 }, { phase: 'settling', s: 6.5 }]);
  });

  it('derives the slack from the SLO: window × (1 − ratio) / 0.2, at least 1 s', () => {
    expect(phaseSlackS({ window: 60, success_ratio: 0.99 })).toBeCloseTo(3, 9);
    expect(phaseSlackS({ window: 10, success_ratio: 0.999 })).toBe(1);
  });
});

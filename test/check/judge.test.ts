import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import type { BaselineDesign } from '../../src/check/baseline.js';
import { judgeMetric } from '../../src/check/judge.js';
import { METRICS } from '../../src/check/metrics.js';

const RTO = METRICS.find((m) => m.metric === 'rto_s')!;
const AVAIL = METRICS.find((m) => m.metric === 'availability')!;
const TOL = { kind: 'statistical' as const, relative: 0.1 };

/** A design whose replications have these RTOs (availability 1 - rto/3600). */
function design(rtos: number[]): BaselineDesign {
  const m = rtos.reduce((a, x) => a + x, 0) / rtos.length;
  return {
    name: 'd',
    metrics: { rto_s: { n: rtos.length, mean: m, recovered: rtos.length, not_recovered: 0 }, availability: { n: rtos.length, mean: 1 - m / 3600 } },
    replications: rtos.map((r, k) => ({ replication: k, rto_s: r, availability: 1 - r / 3600 })),
  } as BaselineDesign;
}

/** n draws from N(mean, sd) (Box-Muller on a seeded stream). */
function normals(rng: () => number, n: number, mean: number, sd: number): number[] {
  return Array.from({ length: n }, () => mean + sd * Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng()));
}

const UNPAIRED = { paired: false, mismatch: 'another seed' };

describe('statistical tolerance (unpaired: baseline and run from different seeds)', () => {
  // RTO ~ N(100 s, 20 s), 40 replications each: the change's standard error is sqrt(2·20²/40) = 4.47 s,
  // the tolerance 10% of ~100 s = ~10 s. The rule fails when the whole 95% CI lies beyond it.
  const verdicts = (shift: number, seeds: number) => {
    const out: string[] = [];
    for (let s = 0; s < seeds; s++) {
      const rng = seedrandom.alea(`judge-${shift}-${s}`);
      out.push(judgeMetric('sc', 'd', RTO, TOL, design(normals(rng, 40, 100, 20)), design(normals(rng, 40, 100 + shift, 20)), UNPAIRED).verdict);
    }
    return out;
  };

  it('never fails on noise alone (400 seeds, same distribution)', () => {
    const v = verdicts(0, 400);
    expect(v).toHaveLength(400);
    // P(CI entirely above +10 s | no change) = Φ(−10/4.47 − 1.96) ≈ 1e-5 per seed.
    expect(v.filter((x) => x === 'regression')).toEqual([]);
  });

  it('a true change exactly at the tolerance fails at most at the 2.5% level', () => {
    const fails = verdicts(10, 400).filter((x) => x === 'regression').length;
    // Expected ≤ 2.5% of 400 = 10; binomial sd ≈ 3.1, so 20 is more than 3 sd above.
    expect(fails).toBeLessThanOrEqual(20);
  });

  it('catches a real shift of 3x the tolerance (+30 s on 100 s) in at least 97% of seeds', () => {
    // Power = Φ((30 − 10)/4.47 − 1.99) ≈ 0.993; with 400 seeds, ≥ 388 lies 3 sd below 397.
    const v = verdicts(30, 400);
    expect(v.filter((x) => x === 'regression').length).toBeGreaterThanOrEqual(388);
  });
});

describe('judgeMetric', () => {
  const base = design([100, 110, 90, 105, 95, 100]);

  it('paired runs (same seed): a uniform +20% shift is a regression even with few replications', () => {
    const now = design([120, 132, 108, 126, 114, 120]);
    const r = judgeMetric('sc', 'd', RTO, TOL, base, now, { paired: true, mismatch: null });
    expect(r.verdict).toBe('regression');
    expect(r.ci95![0]).toBeGreaterThan(r.tolerance);
  });

  it('a better value beyond the tolerance passes as improved', () => {
    const now = design([50, 55, 45, 52, 48, 50]);
    expect(judgeMetric('sc', 'd', RTO, TOL, base, now, { paired: true, mismatch: null }).verdict).toBe('improved');
  });

  it('availability is worse when lower: a drop beyond 0.1 pp fails, a rise does not', () => {
    const absolute = { kind: 'statistical' as const, absolute: 0.001 };
    const worse = design([110, 120, 100, 115, 105, 110].map((x) => x * 3));
    expect(judgeMetric('sc', 'd', AVAIL, absolute, base, worse, { paired: true, mismatch: null }).verdict).toBe('regression');
    expect(judgeMetric('sc', 'd', AVAIL, absolute, worse, base, { paired: true, mismatch: null }).verdict).toBe('improved');
  });

  it('relative and absolute tolerances compare point values, and refuse runs of another seed', () => {
    const now = design([112, 123, 101, 118, 106, 112]);
    expect(judgeMetric('sc', 'd', RTO, { kind: 'relative', relative: 0.1 }, base, now, { paired: true, mismatch: null }).verdict).toBe('regression');
    expect(judgeMetric('sc', 'd', RTO, { kind: 'absolute', absolute: 15 }, base, now, { paired: true, mismatch: null }).verdict).toBe('ok');
    const r = judgeMetric('sc', 'd', RTO, { kind: 'absolute', absolute: 15 }, base, now, UNPAIRED);
    expect(r.verdict).toBe('incomparable');
    expect(r.reason).toContain('another seed');
  });

  it('a stated baseline mean edited by hand is what the run is judged against; its rows give only the width', () => {
    const now = design([100, 110, 90, 105, 95, 100]);
    // The file's RTO mean divided by three, its replication rows left as they were.
    const third = { ...now, metrics: { ...now.metrics, rto_s: { ...now.metrics.rto_s!, mean: now.metrics.rto_s!.mean / 3 } } } as BaselineDesign;
    const tighter = judgeMetric('sc', 'd', RTO, TOL, third, now, { paired: true, mismatch: null });
    expect(tighter.verdict).toBe('regression');
    expect(tighter.ci95![0]).toBeCloseTo((2 / 3) * 100, 9);
    expect(tighter.reason).toContain("judged on the baseline's stated RTO mean, 33s; its replication rows average 1m 40s");
    // Tripled instead: the run is better beyond the tolerance.
    const looser = { ...now, metrics: { ...now.metrics, rto_s: { ...now.metrics.rto_s!, mean: now.metrics.rto_s!.mean * 3 } } } as BaselineDesign;
    expect(judgeMetric('sc', 'd', RTO, TOL, looser, now, { paired: true, mismatch: null }).verdict).toBe('improved');
    // A baseline whose mean and rows agree is judged exactly as before, with no note.
    const same = judgeMetric('sc', 'd', RTO, TOL, now, now, { paired: true, mismatch: null });
    expect(same.verdict).toBe('ok');
    expect(same.ci95).toEqual([0, 0]);
    expect(same.reason).toBe('');
  });

  it('a zero baseline is judged against the metric floor, not 10% of zero', () => {
    const lost = METRICS.find((m) => m.metric === 'lost_writes')!;
    const zero = { ...base, metrics: { ...base.metrics, lost_writes: { n: 6, mean: 0 } }, replications: base.replications.map((r) => ({ ...r, lost_writes: 0 })) } as BaselineDesign;
    const tiny = { ...zero, metrics: { ...zero.metrics, lost_writes: { n: 6, mean: 0.1 } } } as BaselineDesign;
    expect(judgeMetric('sc', 'd', lost, TOL, zero, tiny, { paired: true, mismatch: null }).tolerance).toBe(0.5);
  });
});

import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { pairedDifference, significant, unpairedCi95 } from '../../src/stats/paired.js';

describe('paired differences', () => {
  it('computes design − baseline over pairs where both values are finite', () => {
    const d = pairedDifference([1, 2, null, 4], [2, 4, 5, NaN]);
    expect(d).toEqual({ n: 2, baseline_mean: 1.5, mean_diff: 1.5, ci95: expect.any(Array) }); // baseline over the pairs: (1 + 2) / 2
    // diffs 1 and 2: mean 1.5, sd 0.7071, t(0.975, 1) = 12.706 → half-width 6.353
    expect(d!.ci95[0]).toBeCloseTo(1.5 - 6.3531, 3);
    expect(d!.ci95[1]).toBeCloseTo(1.5 + 6.3531, 3);
  });

  it('is null when no pair has both values', () => {
    expect(pairedDifference([null, 1], [2, null])).toBeNull();
  });

  it('gives a much narrower CI than the unpaired one for two near-identical designs on common random numbers', () => {
    // Each replication's shared noise (fault time, arrivals) is large (sd 10); the design effect
    // is 0.5 with a little design-specific noise (sd 0.2). The paired CI's width scales with 0.2·√2,
    // Welch's with 10·√2: expect it at least 20 times narrower.
    const rng = seedrandom.alea('paired');
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
    const base: number[] = [];
    const design: number[] = [];
    for (let k = 0; k < 50; k++) {
      const shared = 100 + 10 * normal();
      base.push(shared + 0.2 * normal());
      design.push(shared + 0.5 + 0.2 * normal());
    }
    const paired = pairedDifference(base, design)!;
    const unpaired = unpairedCi95(base, design)!;
    const width = (ci: [number, number]) => ci[1] - ci[0];
    expect(width(unpaired) / width(paired.ci95)).toBeGreaterThan(20);
    expect(significant(paired.ci95)).toBe(true);
    expect(significant(unpaired)).toBe(false);
  });

  it('calls an interval significant only when it excludes zero', () => {
    expect(significant([0.1, 2])).toBe(true);
    expect(significant([-2, -0.1])).toBe(true);
    expect(significant([-1, 1])).toBe(false);
    expect(significant([0, 0])).toBe(false);
  });
});

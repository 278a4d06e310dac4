/**
 * comparisons[]: a design is "better" only when the paired difference is statistically
 * significant and at least the practical threshold (`compare.practical`); below it the verdict
 * says "no practical difference" even when the CI excludes zero.
 */
import { describe, expect, it } from 'vitest';
import { compareDesigns } from '../../src/runner/compare.js';
import type { DesignResult } from '../../src/runner/result.js';
import { practicalSchema } from '../../src/scenario/compareSchema.js';
import { briefly, problemsOfText, withDesigns } from '../scenario/helpers.js';

/** A design whose replications have these RTOs and availabilities (other metrics equal). */
function design(name: string, rtos: number[], availability: number[]): DesignResult {
  return {
    name,
    metrics: { rto_s: { recovered: rtos.length, not_recovered: 0 } },
    replications: rtos.map((rto, k) => ({ replication: k, fault_start_s: 0, rto_s: rto, rpo_s: 0, lost_writes: 0, duplicate_writes: 0, availability: availability[k]!, retry_amplification: 1 })),
  } as unknown as DesignResult;
}

// Both designs are down ~20 minutes; one is consistently 40 s shorter (significant, 3% of 20 min).
const twentyMinutes = [1200, 1210, 1190, 1205, 1195, 1200];
const base = design('hard-dependency', twentyMinutes, [0.66, 0.66, 0.66, 0.66, 0.66, 0.66]);
const shorter = design('timeout-only', twentyMinutes.map((x, k) => x - 40 + (k % 2)), [0.6605, 0.6606, 0.6604, 0.6605, 0.6606, 0.6604]);

describe('compareDesigns with practical thresholds', () => {
  it('calls a significant 40 s difference between two ~20 min outages "no practical difference" under the default 5%', () => {
    const rto = compareDesigns([base, shorter], practicalSchema.parse({})).find((c) => c.metric === 'rto_s')!;
    expect(rto.significant).toBe(true);
    expect(rto.practical_threshold).toBeCloseTo(0.05 * 1200, 6);
    expect(rto.better).toBe('none');
    expect(rto.verdict).toMatch(/^RTO: no practical difference between "timeout-only" and "hard-dependency": "timeout-only" is lower by 40s on average .*statistically significant but below the practical threshold of 1m 00s \(5% of "hard-dependency"'s mean\)\.$/);
  });

  it('reports the same difference as better under a smaller threshold (relative or absolute)', () => {
    for (const rto_s of ['2%', '30s']) {
      const c = compareDesigns([base, shorter], practicalSchema.parse({ rto_s })).find((x) => x.metric === 'rto_s')!;
      expect(c.better, rto_s).toBe('design');
      expect(c.verdict).toMatch(/"timeout-only" is better/);
    }
  });

  it('takes availability thresholds in percentage points (default 0.1pp)', () => {
    const a = compareDesigns([base, shorter], practicalSchema.parse({})).find((c) => c.metric === 'availability')!;
    expect(a.significant).toBe(true);
    expect(a.practical_threshold).toBe(0.001);
    expect(a.better).toBe('none');
    const strict = compareDesigns([base, shorter], practicalSchema.parse({ availability: '0.01pp' })).find((c) => c.metric === 'availability')!;
    expect(strict.better).toBe('design');
  });

  it('refuses thresholds in the wrong unit', () => {
    expect(practicalSchema.safeParse({ availability: 0.1 }).success).toBe(false);
    expect(practicalSchema.safeParse({ rto_s: 'five' }).success).toBe(false);
    expect(practicalSchema.safeParse({ lost_writes: -1 }).success).toBe(false);
    expect(practicalSchema.safeParse({ rto_s: '5%', rpo: '1s' }).success).toBe(false);
  });

  it('is scenario-wide: a design that overrides compare is refused at its key', () => {
    const problems = problemsOfText(withDesigns(['  a: {}', "  b: { compare.practical.rto_s: '1%' }"]));
    expect(briefly(problems)).toEqual([
      '15:8 designs.b["compare.practical.rto_s"]: a design cannot override compare: every design is compared with the first under the same thresholds (set compare at the top of the file)',
    ]);
  });
});

/**
 * The CLI's "mean (95% CI)" cells: a single value has no interval, so the cell says so instead of
 * printing the mean twice as its own bounds (src/stats gives a one-value summary ci95 [x, x]).
 */
import { describe, expect, it } from 'vitest';
import { meanWithCi } from '../../src/cli/format.js';
import { summarize } from '../../src/stats/summary.js';
import type { MaybeSummary } from '../../src/runner/result.js';

const show = (x: number) => x.toFixed(1);
const none: MaybeSummary = { n: 0, mean: null, sd: null, p50: null, p95: null, p99: null, min: null, max: null, ci95: null };

describe('meanWithCi', () => {
  it('prints the mean and its interval from two or more values', () => {
    const s = summarize([10, 12, 14])!;
    expect(meanWithCi(s, show)).toBe(`12.0 (${show(s.ci95[0])}–${show(s.ci95[1])})`);
    expect(s.ci95[0]).toBeLessThan(12);
  });

  it('says there is no interval from one value, and prints a dash without values', () => {
    expect(meanWithCi(summarize([7])!, show)).toBe('7.0 (n=1: no CI)');
    expect(meanWithCi(none, show)).toBe('-');
  });
});

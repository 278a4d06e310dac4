import { describe, expect, it } from 'vitest';
import { compileEmpirical, empiricalMean, empiricalQuantile, type EmpiricalTable } from '../../src/engine/empirical.js';
import { distQuantile } from '../../src/engine/distributions.js';

const TABLE = { p50: 0.12, p90: 0.3, p99: 0.9, 'p99.9': 2.5, p29: 0.1 };

function compiled(t: Record<string, number>): EmpiricalTable {
  const c = compileEmpirical(t);
  if (typeof c === 'string') throw new Error(c);
  return c;
}

describe('compileEmpirical / empiricalQuantile', () => {
  it('reproduces every listed percentile exactly, including p29 and p99.9', () => {
    const t = compiled(TABLE);
    expect(empiricalQuantile(t, 0.29)).toBe(0.1);
    expect(empiricalQuantile(t, 0.5)).toBe(0.12);
    expect(empiricalQuantile(t, 0.9)).toBe(0.3);
    expect(empiricalQuantile(t, 0.99)).toBe(0.9);
    expect(empiricalQuantile(t, 0.999)).toBe(2.5);
    expect(distQuantile({ empirical: TABLE }, 0.999)).toBe(2.5);
  });

  it('takes a missing p0 as 0 seconds and extends the last value flat when p100 is missing', () => {
    const t = compiled(TABLE);
    expect(empiricalQuantile(t, 0)).toBe(0);
    expect(empiricalQuantile(t, 0.9995)).toBe(2.5);
    expect(empiricalQuantile(t, 1)).toBe(2.5);
  });

  it('interpolates linearly between table points', () => {
    const t = compiled({ p0: 1, p50: 2, p100: 4 });
    expect(empiricalQuantile(t, 0.25)).toBe(1.5);
    expect(empiricalQuantile(t, 0.75)).toBe(3);
    expect(empiricalQuantile(compiled(TABLE), 0.7)).toBeCloseTo(0.21, 15);
  });

  it('sorts keys by percentile whatever order they are written in', () => {
    const t = compiled({ p100: 3, p0: 1, p50: 2 });
    expect(Array.from(t.ps)).toEqual([0, 0.5, 1]);
    expect(Array.from(t.vs)).toEqual([1, 2, 3]);
  });

  it('allows flat stretches (equal values at different percentiles)', () => {
    const t = compiled({ p10: 1, p90: 1 });
    expect(empiricalQuantile(t, 0.5)).toBe(1);
  });

  it('mean is the sum over segments of width × midpoint', () => {
    // [0,0]→[.5,.12]: .5·.06; →[.9,.3]: .4·.21; →[.99,.9]: .09·.6; →[.999,2.5]: .009·1.7; →[1,2.5]: .001·2.5
    const expected = 0.5 * 0.06 + 0.4 * 0.21 + 0.09 * 0.6 + 0.009 * 1.7 + 0.001 * 2.5;
    const { p29: _unused, ...withoutP29 } = TABLE;
    expect(empiricalMean(compiled(withoutP29))).toBeCloseTo(expected, 14);
  });

  it('returns a message instead of a table for bad input', () => {
    expect(compileEmpirical({ p50: 3, p60: 2 })).toMatch(/must not decrease/);
    expect(compileEmpirical({ 'p-5': 1 })).toMatch(/is not a percentile/);
    expect(compileEmpirical({ p50: Infinity })).toMatch(/finite number/);
  });
});

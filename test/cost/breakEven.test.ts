/**
 * Break-even points and the cheapest design by downtime cost, against hand-computed crossings of
 * total(c) = a + b·c.
 */
import { describe, expect, it } from 'vitest';
import { breakEven, cheapestByDowntimeCost, type CostLineInC } from '../../src/cost/breakEven.js';

const line = (design: string, a: number, b: number): CostLineInC => ({ design, monthly: a / 12, a, b });
const X = line('X', 100, 10);
const Y = line('Y', 200, 5);
const Z = line('Z', 400, 1);
const W = line('W', 300, 6);

describe('break-even downtime cost', () => {
  it('is where the dearer design\'s line crosses the cheaper one\'s', () => {
    expect(breakEven(Y, X)).toBeCloseTo(20, 12); // 200 + 5c = 100 + 10c
    expect(breakEven(Z, Y)).toBeCloseTo(50, 12); // 400 + c = 200 + 5c
    expect(breakEven(Z, X)).toBeCloseTo(300 / 9, 12);
  });

  it('is null when the dearer design\'s outages cost no less (equal or steeper slope)', () => {
    expect(breakEven(line('same-slope', 300, 10), X)).toBeNull();
    expect(breakEven(line('steeper', 300, 12), X)).toBeNull();
  });

  it('is 0 when the design is already no dearer in total at no downtime cost', () => {
    expect(breakEven(line('cheap-in-total', 90, 9), X)).toBe(0);
  });
});

describe('cheapest design by downtime cost', () => {
  it('follows the lower envelope of the lines; a design never cheapest does not appear', () => {
    expect(cheapestByDowntimeCost([X, Y, Z, W])).toEqual([
      { from_usd_per_min: 0, to_usd_per_min: 20, design: 'X' },
      { from_usd_per_min: 20, to_usd_per_min: 50, design: 'Y' },
      { from_usd_per_min: 50, to_usd_per_min: null, design: 'Z' },
    ]);
  });

  it('one design, or one that is cheapest everywhere, covers every downtime cost', () => {
    expect(cheapestByDowntimeCost([Y])).toEqual([{ from_usd_per_min: 0, to_usd_per_min: null, design: 'Y' }]);
    expect(cheapestByDowntimeCost([W, line('best', 50, 1)])).toEqual([{ from_usd_per_min: 0, to_usd_per_min: null, design: 'best' }]);
  });
});

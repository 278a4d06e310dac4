import { describe, expect, it } from 'vitest';
import { Resource } from '../../src/engine/resource.js';
import { RowStore } from '../../src/engine/rowStore.js';
import { Simulation } from '../../src/engine/sim.js';

describe('RowStore', () => {
  it('hands out rows one after another, and starts a new array when one is full', () => {
    const store = new RowStore();
    const rows = Array.from({ length: 1000 }, () => store.alloc(10));
    expect(rows.length).toBe(1000);
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      // Next to the previous row, or at the start of a fresh array.
      if (a.f === b.f) expect(b.o).toBe(a.o + 10);
      else expect(b.o).toBe(0);
    }
    expect(new Set(rows.map((r) => r.f)).size).toBeGreaterThan(1);
    for (const r of rows) expect(r.o + 10).toBeLessThanOrEqual(r.f.length);
  });

  it('refuses a row that is empty, fractional or larger than an array', () => {
    const store = new RowStore();
    expect(() => store.alloc(0)).toThrow(RangeError);
    expect(() => store.alloc(2.5)).toThrow(RangeError);
    expect(() => store.alloc(1e6)).toThrow(RangeError);
  });

  it('keeps the numbers of Resources sharing it apart: the same statistics as with rows of their own', () => {
    const run = (rowOf: () => ReturnType<RowStore['alloc']> | undefined) => {
      const sim = new Simulation();
      const rs = Array.from({ length: 5 }, (_, k) => new Resource<number>(sim, k + 1, 3, rowOf()));
      let seed = 7;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let i = 0; i < 2000; i++) {
        const r = rs[Math.floor(rand() * rs.length)]!;
        const hold = rand() * 2;
        sim.at(i * 0.01, () => {
          r.request(i, () => sim.schedule(hold, () => r.release()));
        });
      }
      sim.run(100);
      return rs.map((r) => ({ ...r.stats(), inUse: r.inUse, queued: r.queued, capacity: r.capacity }));
    };
    const store = new RowStore();
    const shared = run(() => store.alloc(Resource.ROW));
    const own = run(() => undefined);
    expect(shared.length).toBe(5);
    expect(shared.some((s) => s.rejected > 0 && s.totalWaitS > 0)).toBe(true);
    expect(shared).toEqual(own);
  });
});

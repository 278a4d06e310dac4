import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { ListPool } from '../../src/engine/listPool.js';

describe('ListPool', () => {
  it('keeps many lists apart through random pushes, removals and clears, newest first, like arrays would, each node with its stamp', () => {
    const pool = new ListPool<{ id: number }>();
    const owners = 40;
    const heads = new Array<number>(owners).fill(-1);
    /** The reference: each owner's items, newest first, with the node each got. */
    const model: Array<Array<{ item: { id: number }; node: number }>> = Array.from({ length: owners }, () => []);
    const rng = seedrandom('list-pool');
    let made = 0, removed = 0, cleared = 0;
    for (let step = 0; step < 20_000; step++) {
      const k = Math.floor(rng() * owners);
      const u = rng();
      const mine = model[k]!;
      if (u < 0.55 || mine.length === 0) {
        const item = { id: made++ };
        heads[k] = pool.push(heads[k]!, item);
        pool.setStamp(heads[k]!, item.id + 0.25);
        mine.unshift({ item, node: heads[k]! });
      } else if (u < 0.98) {
        const at = Math.floor(rng() * mine.length);
        const { item, node } = mine[at]!;
        expect(pool.holds(node, item)).toBe(true);
        expect(pool.stamps[node]).toBe(item.id + 0.25);
        heads[k] = pool.remove(heads[k]!, node);
        expect(pool.holds(node, item)).toBe(false);
        mine.splice(at, 1);
        removed++;
      } else {
        pool.clear(heads[k]!);
        for (const { item, node } of mine) expect(pool.holds(node, item)).toBe(false);
        heads[k] = -1;
        mine.length = 0;
        cleared++;
      }
      expect(pool.list(heads[k]!)).toEqual(mine.map((e) => e.item));
    }
    expect([made, removed, cleared].every((n) => n > 100)).toBe(true);
    for (let k = 0; k < owners; k++) expect(pool.list(heads[k]!)).toEqual(model[k]!.map((e) => e.item));
    // Stamps survive the table's growth (it grew from 16 nodes) and reuse of freed nodes.
    const live = model.flat();
    expect(live.length).toBeGreaterThan(16);
    for (const { item, node } of live) expect(pool.stamps[node]).toBe(item.id + 0.25);
  });

  it('reuses freed nodes before growing: its size is the most items listed at once', () => {
    const pool = new ListPool<number>();
    let head = -1;
    const nodes: number[] = [];
    for (let i = 0; i < 100; i++) nodes.push((head = pool.push(head, i)));
    expect(new Set(nodes).size).toBe(100);
    for (const n of nodes) head = pool.remove(head, n);
    expect(head).toBe(-1);
    const again: number[] = [];
    for (let i = 0; i < 100; i++) again.push((head = pool.push(head, i)));
    expect(Math.max(...again)).toBe(99);
  });

  it('says a node no longer holds an item once it was freed, even after another item took it', () => {
    const pool = new ListPool<string>();
    const a = pool.push(-1, 'a');
    pool.remove(a, a);
    const b = pool.push(-1, 'b');
    expect(b).toBe(a);
    expect(pool.holds(a, 'a')).toBe(false);
    expect(pool.holds(b, 'b')).toBe(true);
    expect(pool.holds(-1, 'b')).toBe(false);
  });
});

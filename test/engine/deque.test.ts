import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { Deque, Float64Deque } from '../../src/engine/deque.js';

describe('Deque', () => {
  it('is FIFO with pushBack/popFront and LIFO with pushBack/popBack', () => {
    const d = new Deque<number>();
    for (let i = 0; i < 5; i++) d.pushBack(i);
    expect(d.popFront()).toBe(0);
    expect(d.popBack()).toBe(4);
    expect([...d]).toEqual([1, 2, 3]);
    expect(d.length).toBe(3);
  });

  it('pushFront prepends; peekFront/peekBack/at read without removing', () => {
    const d = new Deque<string>();
    d.pushBack('b');
    d.pushFront('a');
    d.pushBack('c');
    expect(d.peekFront()).toBe('a');
    expect(d.peekBack()).toBe('c');
    expect(d.at(1)).toBe('b');
    expect(d.at(3)).toBeUndefined();
    expect(d.at(-1)).toBeUndefined();
    expect(d.length).toBe(3);
  });

  it('returns undefined from an empty deque', () => {
    const d = new Deque<number>();
    expect(d.popFront()).toBeUndefined();
    expect(d.popBack()).toBeUndefined();
    expect(d.peekFront()).toBeUndefined();
    expect(d.peekBack()).toBeUndefined();
  });

  it('keeps order across wrap-around and growth (matches an array model over 10k random operations)', () => {
    const d = new Deque<number>(4);
    const model: number[] = [];
    const rng = seedrandom.alea('deque');
    let x = 1, mismatches = 0;
    for (let i = 0; i < 10_000; i++) {
      // Pushes slightly outnumber pops, so the deque grows through several doublings.
      const op = Math.floor(rng() * 5);
      if (op === 0) { d.pushFront(x); model.unshift(x++); }
      else if (op <= 2) { d.pushBack(x); model.push(x++); }
      else if (op === 3) { if (d.popFront() !== model.shift()) mismatches++; }
      else if (d.popBack() !== model.pop()) mismatches++;
      if (d.length !== model.length) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(model.length).toBeGreaterThan(1000);
    expect([...d]).toEqual(model);
  });

  it('clear empties it and it stays usable', () => {
    const d = new Deque<number>();
    for (let i = 0; i < 40; i++) d.pushBack(i);
    d.clear();
    expect(d.length).toBe(0);
    d.pushBack(9);
    expect(d.popFront()).toBe(9);
  });
});

describe('Float64Deque', () => {
  it('is FIFO across growth and wrap-around, and yields NaN when empty', () => {
    const d = new Float64Deque(4);
    expect(d.popFront()).toBeNaN();
    expect(d.peekFront()).toBeNaN();
    let next = 0, expected = 0;
    for (let round = 0; round < 50; round++) {
      for (let i = 0; i < 7; i++) d.pushBack(next++ + 0.5);
      for (let i = 0; i < 5; i++) expect(d.popFront()).toBe(expected++ + 0.5);
    }
    expect(d.length).toBe(100);
    expect(d.peekFront()).toBe(expected + 0.5);
    d.clear();
    expect(d.length).toBe(0);
  });
});

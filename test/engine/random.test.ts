import { describe, expect, it } from 'vitest';
import { RandomStreams, StreamFamily } from '../../src/engine/random.js';

const draw = (rng: () => number, n = 20): number[] => Array.from({ length: n }, () => rng());

describe('RandomStreams', () => {
  it('gives the same sequence for the same (seed, replication, name)', () => {
    expect(draw(new RandomStreams(42, 3).stream('arrivals'))).toEqual(draw(new RandomStreams(42, 3).stream('arrivals')));
  });

  it('asking twice for one name gives two generators starting from the same state', () => {
    const streams = new RandomStreams('s', 0);
    const a = streams.stream('x');
    const first = draw(a, 5);
    const b = streams.stream('x');
    expect(draw(b, 5)).toEqual(first);
  });

  it('differs between names, replications and seeds', () => {
    const base = draw(new RandomStreams(1, 0).stream('a'));
    expect(draw(new RandomStreams(1, 0).stream('b'))).not.toEqual(base);
    expect(draw(new RandomStreams(1, 1).stream('a'))).not.toEqual(base);
    expect(draw(new RandomStreams(2, 0).stream('a'))).not.toEqual(base);
  });

  it("a stream's draws do not depend on how much other streams have drawn", () => {
    const s1 = new RandomStreams(7, 0);
    const noisy = s1.stream('other');
    const a1 = s1.stream('a');
    draw(noisy, 1000);
    const s2 = new RandomStreams(7, 0);
    expect(draw(a1)).toEqual(draw(s2.stream('a')));
  });

  it('treats a numeric seed and its decimal string alike', () => {
    expect(draw(new RandomStreams(42, 0).stream('a'))).toEqual(draw(new RandomStreams('42', 0).stream('a')));
  });

  it('cannot confuse the parts of the key (seed "1/2", rep 3 vs seed "1", rep 2, name "3/…")', () => {
    const a = draw(new RandomStreams('1/2', 3).stream('x'));
    const b = draw(new RandomStreams('1', 2).stream('3/x'));
    expect(a).not.toEqual(b);
  });

  it('draws lie in [0, 1) with a mean near 1/2 (4.5 standard errors, n = 100k)', () => {
    const rng = new RandomStreams(0, 0).stream('u');
    const n = 100_000;
    let sum = 0, outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    // Var(U) = 1/12, so the standard error of the mean is sqrt(1/(12 n)).
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4.5 * Math.sqrt(1 / (12 * n)));
  });

  it('rejects a replication that is not a non-negative integer', () => {
    expect(() => new RandomStreams(1, -1)).toThrow(RangeError);
    expect(() => new RandomStreams(1, 1.5)).toThrow(/replication/);
  });
});

describe('StreamFamily', () => {
  it('draws, member by member and interleaved, exactly what stream(prefix + name) draws (past its growth)', () => {
    const streams = new RandomStreams(7, 2);
    const family = new StreamFamily(streams, 'instance:');
    const names = Array.from({ length: 40 }, (_, k) => `api/us-east/${k + 1}`);
    const expected = names.map((n) => draw(streams.stream(`instance:${n}`), 12));
    const got: number[][] = names.map(() => []);
    // Round robin, then a few members out of turn: each member's sequence is its own.
    for (let round = 0; round < 10; round++) for (let k = 0; k < names.length; k++) got[k]!.push(family.select(k, names[k]!)());
    for (const k of [3, 39, 3]) got[k]!.push(family.select(k, names[k]!)());
    expect(got[0]).toHaveLength(10);
    for (let k = 0; k < names.length; k++) expect(got[k]).toEqual(expected[k]!.slice(0, got[k]!.length));
    expect(got[3]).toHaveLength(12);
  });

  it('draws from states kept in the holders\' rows (reserve, seedIn, selectIn) exactly what stream(prefix + name) draws, interleaved with select', () => {
    const streams = new RandomStreams(7, 2);
    const family = new StreamFamily(streams, 'instance:');
    const names = Array.from({ length: 12 }, (_, k) => `api/us-east/${k + 1}`);
    const expected = names.map((n) => draw(streams.stream(`instance:${n}`), 6));
    // Rows of 6 doubles, the state at offset 1 (as an instance keeps it beside its slots' row).
    const rows = new Float64Array(6 * names.length);
    for (let k = 0; k < names.length; k++) StreamFamily.reserve(rows, 6 * k + 1);
    const got: number[][] = names.map(() => []);
    for (let round = 0; round < 6; round++) {
      for (let k = 0; k < names.length; k++) {
        // Even members live in rows, odd ones in the family's own array: one generator serves both.
        if (k % 2 === 0) {
          family.seedIn(rows, 6 * k + 1, names[k]!);
          got[k]!.push(family.selectIn(rows, 6 * k + 1)());
        } else {
          got[k]!.push(family.select(k, names[k]!)());
        }
      }
    }
    expect(got[0]).toHaveLength(6);
    for (let k = 0; k < names.length; k++) expect(got[k]).toEqual(expected[k]);
    // The rows' other doubles are untouched.
    for (let k = 0; k < names.length; k++) expect([rows[6 * k], rows[6 * k + 5]]).toEqual([0, 0]);
  });

  it('refuses a member index that is not an integer >= 0 (an instance not yet numbered)', () => {
    const family = new StreamFamily(new RandomStreams(1, 0), 'instance:');
    expect(() => family.select(-1, 'a')).toThrow(RangeError);
    expect(() => family.select(1.5, 'a')).toThrow(/integer >= 0/);
  });
});

/**
 * The engine's alea is seedrandom's alea, bit for bit: the same seeding from a string and the
 * same sequence, so replacing one by the other changes no result.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { AleaSeeder, aleaNext, aleaState } from '../../src/engine/alea.js';

const SEEDS = ['', ' ', 'a', 'model-test', '2:42/0/instance:api/us-east/1', '7:seed-éü/12/arrivals:users', 'x'.repeat(300)];

describe('alea', () => {
  it('draws exactly the numbers seedrandom.alea draws, for any seed string', () => {
    expect(SEEDS.length).toBeGreaterThan(0);
    for (const seed of SEEDS) {
      const ref = seedrandom.alea(seed);
      const s = aleaState(seed);
      for (let k = 0; k < 10_000; k++) {
        const want = ref();
        const got = aleaNext(s);
        if (got !== want) expect(got, `seed ${JSON.stringify(seed)}, draw ${k}`).toBe(want);
      }
    }
  });

  it('draws in [0, 1)', () => {
    const s = aleaState('range');
    let lo = 1;
    let hi = 0;
    for (let k = 0; k < 100_000; k++) {
      const u = aleaNext(s);
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
  });

  it('seeds from a shared prefix and a suffix exactly as from the whole string (AleaSeeder)', () => {
    const prefixes = ['', '2:42/0/instance:', '7:seed-éü/12/health:', 'p'.repeat(100)];
    const suffixes = ['', 'api/us-east/1', 'api/eu-west/15000', 'ünïcode/✓', 'y'.repeat(250)];
    let checked = 0;
    for (const prefix of prefixes) {
      const seeder = new AleaSeeder(prefix);
      for (const suffix of suffixes) {
        const s = new Float64Array(8);
        seeder.seedInto(suffix, s, 4);
        expect(Array.from(s.subarray(4)), `${JSON.stringify(prefix)} + ${JSON.stringify(suffix)}`).toEqual(Array.from(aleaState(prefix + suffix)));
        const ref = seedrandom.alea(prefix + suffix);
        for (let k = 0; k < 100; k++) expect(aleaNext(s.subarray(4))).toBe(ref());
        checked++;
      }
    }
    expect(checked).toBe(prefixes.length * suffixes.length);
  });
});

/**
 * Baagoe's Alea generator, computed exactly as seedrandom's `alea` computes it (the same seeding
 * from a string, the same sequence bit for bit: test/engine/alea.test.ts checks it against
 * seedrandom), with its four state numbers in one Float64Array. seedrandom's version keeps them
 * as four boxed fields of an object behind a closure and builds four more closures per
 * generator; a model with one stream per instance (a fleet of 45,000) seeds and reads that many
 * cold generators, so the compact state is what makes a draw cheap there.
 */

/** 2^-32. */
const INV_2_32 = 2.3283064365386963e-10;

/**
 * Baagoe's Mash over `data`, continuing from its running value `n`: returns the running value
 * after it (the hash in [0, 1) is `hashOf` of it). The value is passed in and out as a plain
 * number, a local while it loops: kept in a closure (or an array), every update of a real number
 * is a store to the heap, and a fleet seeds 45,000 streams.
 */
function mash(n: number, data: string): number {
  for (let i = 0; i < data.length; i++) {
    n += data.charCodeAt(i);
    let h = 0.02519603282416938 * n;
    n = h >>> 0;
    h -= n;
    h *= n;
    n = h >>> 0;
    h -= n;
    n += h * 0x100000000;
  }
  return n;
}

/** The hash in [0, 1) of Mash's running value. */
function hashOf(n: number): number {
  return (n >>> 0) * INV_2_32;
}

/** Seeds a state [s0, s1, s2, c] from `seed` (Baagoe's Mash, as seedrandom.alea applies it). */
export function aleaState(seed: string): Float64Array {
  const s = new Float64Array(4);
  aleaSeedInto(seed, s, 0);
  return s;
}

/**
 * Every seeding starts by hashing three spaces: Mash's running value after each (N1, N2, N3) and
 * their hashes (H0, H1, H2), the same for every seed.
 */
const N1 = mash(0xefc8249d, ' '), N2 = mash(N1, ' '), N3 = mash(N2, ' ');
const H0 = hashOf(N1), H1 = hashOf(N2), H2 = hashOf(N3);

/** Seeds the state at `s[o..o+3]` from `seed`, as `aleaState` does. */
export function aleaSeedInto(seed: string, s: Float64Array, o: number): void {
  seedFrom(N3, '', seed, s, o);
}

/**
 * Seeds generators from strings that all start with one prefix (a family of streams: a fleet's
 * instances), exactly as `aleaSeedInto(prefix + suffix, …)` does, at less cost: the first of
 * Mash's three passes starts from the same value for every seed, so its run over the prefix is
 * done once here; and the string is never concatenated (Mash reads the prefix, then the suffix).
 * A fleet seeds one stream per instance at its first request; Mash is a chain of dependent
 * floating-point steps per character, so fewer characters is the only way to make it cheaper.
 */
export class AleaSeeder {
  /** Mash's running value after the spaces and the prefix (the first pass's start, done once). */
  private readonly afterPrefix: number;

  constructor(private readonly prefix: string) {
    this.afterPrefix = mash(N3, prefix);
  }

  /** Seeds the state at `s[o..o+3]` as `aleaSeedInto(prefix + suffix, s, o)` does. */
  seedInto(suffix: string, s: Float64Array, o: number): void {
    seedFrom(this.afterPrefix, this.prefix, suffix, s, o);
  }
}

/**
 * Alea's seeding from `prefix + suffix` into `s[o..o+3]`, Mash's three passes over the seed,
 * the first starting from `afterPrefix` (N3 hashed on through `prefix`).
 */
function seedFrom(afterPrefix: number, prefix: string, suffix: string, s: Float64Array, o: number): void {
  let n = mash(afterPrefix, suffix);
  s[o] = subtractHash(H0, n);
  n = mash(mash(n, prefix), suffix);
  s[o + 1] = subtractHash(H1, n);
  n = mash(mash(n, prefix), suffix);
  s[o + 2] = subtractHash(H2, n);
  s[o + 3] = 1;
}

/** `h` minus the hash of Mash's running value `n`, wrapped into [0, 1) (a state number of Alea's seeding). */
function subtractHash(h: number, n: number): number {
  const x = h - hashOf(n);
  return x < 0 ? x + 1 : x;
}

/** The next number in [0, 1) of the generator whose state is `s` (advances it). */
export function aleaNext(s: Float64Array): number {
  return aleaNextAt(s, 0);
}

/** The next number in [0, 1) of the generator whose state is `s[o..o+3]` (advances it). */
export function aleaNextAt(s: Float64Array, o: number): number {
  const t = 2091639 * s[o]! + s[o + 3]! * INV_2_32;
  s[o] = s[o + 1]!;
  s[o + 1] = s[o + 2]!;
  const c = t | 0;
  s[o + 3] = c;
  return (s[o + 2] = t - c);
}

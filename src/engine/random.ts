/**
 * Named random sub-streams. Every component (an arrival process, a fault injector, a retry
 * jitter) draws from its own stream keyed by (seed, replication, name), so adding a component or
 * changing how often one draws never shifts another's numbers, and a replication gives the same
 * result whichever worker runs it. Generator: alea (fast, 32-bit resolution, period about 2^116),
 * as seedrandom computes it, with a compact state (alea.ts).
 */
import { AleaSeeder, aleaNext, aleaNextAt, aleaState } from './alea.js';

/** A uniform generator on [0, 1). */
export type Rng = () => number;

/** Derives independent named streams for one replication of one seed. */
export class RandomStreams {
  private readonly prefix: string;

  /** `replication` is the 0-based replication index; it must be a non-negative integer. */
  constructor(readonly seed: number | string, readonly replication: number) {
    if (!(Number.isInteger(replication) && replication >= 0)) {
      throw new RangeError(`RandomStreams: replication must be an integer >= 0, got ${replication}`);
    }
    // Length-prefixed so no (seed, replication, name) triple can spell another's key; a numeric
    // seed and its decimal string (42 and '42') deliberately give the same streams.
    const s = String(seed);
    this.prefix = `${s.length}:${s}/${replication}/`;
  }

  /**
   * A generator for `name`. The same (seed, replication, name) always starts the same sequence;
   * asking twice for one name gives two generators starting from the same state.
   */
  stream(name: string): Rng {
    const s = aleaState(this.prefix + name);
    return () => aleaNext(s);
  }

  /** Seeds the states `stream(prefix + name)` starts from, for any name (see StreamFamily). */
  seeder(prefix: string): AleaSeeder {
    return new AleaSeeder(this.prefix + prefix);
  }
}

/**
 * Many lazily seeded streams of one family (`<prefix><name>`: a fleet's instances), their states
 * side by side in one array and drawn through one shared generator. `select(k, name)` points it at
 * member k (seeding it at its first use) and returns it, valid until the next `select`; its draws
 * are exactly those of `RandomStreams.stream(prefix + name)`. Each member costs 32 bytes of one
 * array, not a closure, its context and a typed array of its own: round robin over a fleet of
 * thousands reads a member cold on every request, and each of those objects was a dependent cache
 * miss (~300 ns each on this machine beyond a few MB).
 */
export class StreamFamily {
  /** Doubles of a member's state (Alea's three numbers and its carry). */
  static readonly STATE = 4;
  private states = new Float64Array(4 * 16);
  private seeded = new Uint8Array(16);
  /** Where the selected member's state lives: this family's array, or a holder's row (selectIn). */
  private currentF: Float64Array = this.states;
  private current = 0;
  private readonly draw: Rng = () => aleaNextAt(this.currentF, this.current);

  private readonly seeder: AleaSeeder;

  constructor(streams: RandomStreams, prefix: string) {
    this.seeder = streams.seeder(prefix);
  }

  /** The generator of member `k` (an index ≥ 0, unique in the family), named `name`. */
  select(k: number, name: string): Rng {
    if (!(k >= 0 && k < this.seeded.length && (k | 0) === k)) this.grow(k);
    if (this.seeded[k] === 0) {
      this.seeder.seedInto(name, this.states, 4 * k);
      this.seeded[k] = 1;
    }
    this.currentF = this.states;
    this.current = 4 * k;
    return this.draw;
  }

  /**
   * Marks `f[o..o+3]` (StreamFamily.STATE doubles of a row its holder keeps) as the state of a
   * member not drawn from yet (`seedIn` seeds it).
   */
  static reserve(f: Float64Array, o: number): void {
    f[o] = NaN;
  }

  /** Seeds the state at `f[o..o+3]` (marked by `reserve`) as the member named `name`'s, unless it is seeded already. */
  seedIn(f: Float64Array, o: number, name: string): void {
    if (f[o] !== f[o]) this.seeder.seedInto(name, f, o);
  }

  /**
   * The generator of a member whose state lives in a row of its holder, at `f[o..o+3]` (seeded
   * by `seedIn`), valid until the next select: the same draws as `select` gives a member of that
   * name. A fleet's instance keeps its state beside its slots' numbers, so a request reads one
   * place of the instance's row rather than two (round robin over thousands of instances reads
   * each cold).
   */
  selectIn(f: Float64Array, o: number): Rng {
    this.currentF = f;
    this.current = o;
    return this.draw;
  }

  private grow(k: number): void {
    if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`StreamFamily: member index must be an integer >= 0, got ${k}`);
    const n = Math.max(2 * this.seeded.length, k + 1);
    const seeded = new Uint8Array(n);
    seeded.set(this.seeded);
    const states = new Float64Array(4 * n);
    states.set(this.states);
    this.seeded = seeded;
    this.states = states;
  }
}

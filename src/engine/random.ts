/**
 * Named random sub-streams. Every component (an arrival process, a fault injector, a retry
 * jitter) draws from its own stream keyed by (seed, replication, name), so adding a component or
 * changing how often one draws never shifts another's numbers, and a replication gives the same
 * result whichever worker runs it. Generator: alea (fast, 32-bit resolution, period about 2^116),
 * as seedrandom computes it, with a compact state (alea.ts).
 */
import { aleaNext, aleaState } from './alea.js';

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

  /**
   * The same generator as `stream(name)`, seeded at its first draw: for components of which
   * many may never draw (an instance of a large fleet), seeding costs nothing until they do.
   */
  lazyStream(name: string): Rng {
    let s: Float64Array | null = null;
    return () => aleaNext((s ??= aleaState(this.prefix + name)));
  }
}

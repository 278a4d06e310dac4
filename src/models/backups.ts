/**
 * Periodic backups of a database's primary: a full copy every `interval`, at a phase drawn per
 * replication from a named stream (so over replications the time since the last backup at a
 * crash is spread uniformly over the interval). A backup taken at time b holds every write the
 * primary committed before b. Backups are taken only while the primary is up. The schedule runs
 * from before the simulation: the backup due in the interval before time 0 exists, holding writes
 * the simulation never made (they are not counted as lost; see `simulatedSince`).
 */
import { sampler, type DistSpec, type Sampler } from '../engine/distributions.js';
import type { Rng } from '../engine/random.js';
import type { ModelContext } from './types.js';

/** Backup settings, seconds. Exactly one of restoreS / restorePerGbS is set. */
export interface BackupOptions {
  intervalS: number;
  restoreS?: DistSpec;
  /** Restore time per GB of data; with `sizeGb`, restore time grows with the database. */
  restorePerGbS?: DistSpec;
  sizeGb?: number;
}

/** One backup: when it was taken and how many simulated commits it holds. */
export interface Backup {
  t: number;
  commits: number;
}

/** The backup schedule of one database. */
export class Backups {
  private last: Backup;
  private readonly restore: Sampler;

  constructor(
    private readonly opts: BackupOptions,
    private readonly rng: Rng,
    private readonly ctx: ModelContext,
    /** Commits made so far by the current primary's lineage (simulated writes). */
    private readonly commits: () => number,
    private readonly primaryUp: () => boolean,
  ) {
    const phase = rng() * opts.intervalS;
    this.last = { t: phase - opts.intervalS, commits: 0 };
    this.restore = sampler(opts.restoreS ?? opts.restorePerGbS ?? 0);
    ctx.sim.at(phase, this.take);
  }

  /** The latest backup taken (possibly before the simulation start). */
  get latest(): Backup {
    return this.last;
  }

  /** Start of the simulated writes the latest backup misses: its time, or 0 if it predates the simulation. */
  simulatedSince(): number {
    return Math.max(0, this.last.t);
  }

  /** Time to restore a new primary from a backup, sampled (per GB × size when so given). */
  sampleRestoreS(): number {
    const s = this.restore(this.rng);
    return this.opts.restorePerGbS !== undefined ? s * (this.opts.sizeGb ?? 0) : s;
  }

  private readonly take = (): void => {
    const now = this.ctx.sim.now;
    if (this.primaryUp()) this.last = { t: now, commits: this.commits() };
    this.ctx.sim.schedule(this.opts.intervalS, this.take);
  };
}

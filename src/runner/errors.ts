/**
 * Failures of a run, as values with a place: a replication that threw names its design,
 * replication index and seed (enough to rerun it alone with `--replication K --trace`).
 */

/** A replication threw while simulating. The CLI exits 1 and writes nothing. */
export class ReplicationError extends Error {
  override name = 'ReplicationError';
  constructor(
    readonly design: string,
    readonly replication: number,
    readonly seed: number,
    readonly causeMessage: string,
    /** The worker's stack trace of the failure, when it had one. */
    readonly causeStack?: string,
  ) {
    super(`replication ${replication} of design "${design}" (seed ${seed}) failed: ${causeMessage}`);
  }
}

/** The run was interrupted (Ctrl-C) before it finished; no result exists. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  constructor() {
    super('interrupted: workers stopped, no result written');
  }
}

/** Shard files that cannot be merged into one result (exit 2 at the CLI: bad input). */
export class MergeError extends Error {
  override name = 'MergeError';
}

/**
 * The worker pool: replications spread over piscina threads. Outcomes come back in task order
 * whatever order the threads finish in, so aggregation (and the Result bytes) never depend on
 * the number of workers. The first replication that throws stops the run.
 */
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ReplicationOutcome } from '../metrics/outcome.js';
import type { Scenario } from '../scenario/schema.js';
import { InterruptedError, ReplicationError } from './errors.js';

/** One replication to run: which design, its full scenario, and the replication index. */
export interface PoolTask {
  design: string;
  scenario: Scenario;
  replication: number;
}

export interface PoolOptions {
  /** Worker threads (default: available cores). */
  workers?: number;
  /** Aborting stops the workers; the pending run rejects with InterruptedError. */
  signal?: AbortSignal;
  /**
   * Internal, for tests: a worker module to load instead of `worker.{ts,js}` (same contract:
   * default export (task) => ReplicationOutcome). Tests use it to make one replication throw.
   */
  workerUrl?: URL;
}

/** The compiled worker in production; the .ts worker loaded through tsx under vitest/tsx. */
function defaultWorker(): { url: URL; execArgv: string[] } {
  const fromSource = import.meta.url.endsWith('.ts');
  return fromSource
    ? { url: new URL('./worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
    : { url: new URL('./worker.js', import.meta.url), execArgv: [] };
}

/** Worker count used when none is given. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** A pool of worker threads kept across batches (precision runs submit several). */
export class ReplicationPool {
  private readonly pool: Piscina;
  private readonly abort = new AbortController();
  private readonly onAbort = () => this.abort.abort();

  constructor(private readonly opts: PoolOptions = {}) {
    const threads = Math.max(1, opts.workers ?? defaultWorkers());
    const worker = defaultWorker();
    const url = opts.workerUrl ?? worker.url;
    const tsWorker = url.pathname.endsWith('.ts');
    this.pool = new Piscina({
      filename: url.href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      execArgv: tsWorker ? ['--import', 'tsx'] : worker.execArgv,
    });
    opts.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Runs the tasks; resolves with their outcomes in task order. `onDone` is called per finished task. */
  async run(tasks: PoolTask[], onDone?: () => void): Promise<ReplicationOutcome[]> {
    if (this.opts.signal?.aborted || this.abort.signal.aborted) throw new InterruptedError();
    const failFast = new AbortController();
    const signal = AbortSignal.any([this.abort.signal, failFast.signal]);
    setMaxListeners(0, signal); // piscina listens once per queued task
    let firstError: ReplicationError | undefined;
    const runs = tasks.map(async (t) => {
      try {
        const out = (await this.pool.run({ scenario: t.scenario, replication: t.replication }, { signal })) as ReplicationOutcome;
        onDone?.();
        return out;
      } catch (err) {
        if (!signal.aborted) {
          firstError ??= new ReplicationError(t.design, t.replication, t.scenario.seed, err instanceof Error ? err.message : String(err), err instanceof Error ? err.stack : undefined);
          failFast.abort();
        }
        throw err;
      }
    });
    const settled = await Promise.allSettled(runs);
    if (firstError) throw firstError;
    if (this.abort.signal.aborted) throw new InterruptedError();
    return settled.map((s) => {
      if (s.status === 'rejected') throw s.reason;
      return s.value;
    });
  }

  /** Stops every worker thread. */
  async close(): Promise<void> {
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    await this.pool.destroy();
  }
}

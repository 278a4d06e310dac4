/**
 * The worker pool: replications spread over piscina threads. Tasks are pulled from an iterator as
 * threads free up (never materialised up front), and outcomes are handed back in task order
 * whatever order the threads finish in, so aggregation (and the Result bytes) never depend on
 * the number of workers. The first replication that throws stops the run.
 */
import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { ReplicationOutcome } from '../metrics/outcome.js';
import type { Scenario } from '../scenario/schema.js';
import { InterruptedError, ReplicationError } from './errors.js';

/**
 * Young generation of each worker thread's heap, in MB. V8's default (48 MB) costs ~70 MB of
 * resident memory over two threads for no speed: 8 MB measured equal CPU time per replication on
 * the small, storm and pool-timeout scenarios (a replication's garbage dies young either way).
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/** Tasks kept pending per thread: a thread never waits for the next, and memory stays flat. */
const WINDOW_PER_THREAD = 4;

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
  /** Tasks submitted but not yet delivered, at most: enough to keep every thread busy. */
  private readonly window: number;

  constructor(private readonly opts: PoolOptions = {}) {
    const threads = Math.max(1, opts.workers ?? defaultWorkers());
    this.window = WINDOW_PER_THREAD * threads;
    const worker = defaultWorker();
    const url = opts.workerUrl ?? worker.url;
    const tsWorker = url.pathname.endsWith('.ts');
    this.pool = new Piscina({
      filename: url.href,
      minThreads: threads,
      maxThreads: threads,
      idleTimeout: 60_000,
      resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB },
      execArgv: tsWorker ? ['--import', 'tsx'] : worker.execArgv,
    });
    opts.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /**
   * Runs the tasks, pulling the next one from `tasks` only while fewer than `window` tasks are
   * waiting to be delivered, so an iterator of a trillion tasks costs no more memory than one of
   * ten. `onOutcome` is called once per task, in task order, whatever order the threads finish
   * in. Resolves with the number of tasks run.
   */
  run(tasks: Iterable<PoolTask>, onOutcome: (outcome: ReplicationOutcome, task: PoolTask) => void = () => {}): Promise<number> {
    if (this.opts.signal?.aborted || this.abort.signal.aborted) return Promise.reject(new InterruptedError());
    const failFast = new AbortController();
    const signal = AbortSignal.any([this.abort.signal, failFast.signal]);
    setMaxListeners(0, signal); // piscina listens once per pending task
    const source = tasks[Symbol.iterator]();
    const ready = new Map<number, { task: PoolTask; outcome: ReplicationOutcome }>();
    let submitted = 0;
    let delivered = 0;
    let inFlight = 0;
    let exhausted = false;
    let settled = false;
    let firstError: ReplicationError | undefined;
    let ownError: { err: unknown } | undefined;
    return new Promise<number>((resolve, reject) => {
      const stop = (err: unknown) => {
        ownError ??= { err };
        failFast.abort();
      };
      const finishIfDone = () => {
        if (settled || inFlight > 0 || !(exhausted || signal.aborted)) return;
        settled = true;
        source.return?.();
        if (firstError) reject(firstError);
        else if (this.abort.signal.aborted) reject(new InterruptedError());
        else if (ownError) reject(ownError.err);
        else resolve(delivered);
      };
      const deliver = () => {
        for (let next = ready.get(delivered); next && !signal.aborted; next = ready.get(delivered)) {
          ready.delete(delivered++);
          try {
            onOutcome(next.outcome, next.task);
          } catch (err) {
            stop(err);
          }
        }
      };
      const pump = () => {
        while (!signal.aborted && !exhausted && submitted < delivered + this.window) {
          let next: IteratorResult<PoolTask>;
          try {
            next = source.next();
          } catch (err) {
            stop(err);
            break;
          }
          if (next.done) {
            exhausted = true;
            break;
          }
          const task = next.value;
          const index = submitted++;
          inFlight++;
          (this.pool.run({ scenario: task.scenario, replication: task.replication }, { signal }) as Promise<ReplicationOutcome>).then(
            (outcome) => {
              inFlight--;
              if (!signal.aborted) {
                ready.set(index, { task, outcome });
                deliver();
                pump();
              }
              finishIfDone();
            },
            (err: unknown) => {
              inFlight--;
              if (!signal.aborted) {
                firstError ??= new ReplicationError(task.design, task.replication, task.scenario.seed, err instanceof Error ? err.message : String(err), err instanceof Error ? err.stack : undefined);
                failFast.abort();
              }
              finishIfDone();
            },
          );
        }
        finishIfDone();
      };
      pump();
    });
  }

  /** Stops every worker thread. */
  async close(): Promise<void> {
    this.opts.signal?.removeEventListener('abort', this.onAbort);
    await this.pool.destroy();
  }
}

/**
 * Model-level speed as a user waits for it: simulated client attempts (first tries and retries,
 * every client class) per wall-second of every shipped scenario (scenarios/*.yaml, discovered),
 * on one thread (no workers), beside the bare M/M/8 kernel's customers/s (bench/engine.ts).
 *
 * Each scenario runs in a fresh process of its own (benchAttemptsInChild runs
 * bench/attemptsChild.ts, which calls benchAttempts), as a user's `run` does: timed after other
 * scenarios in one process, V8's type feedback from their samplers, clients and policies at the
 * same call sites made a scenario up to twice as slow. The kernel, then WARM_UP_REPLICATIONS whole
 * replications of every design, run untimed first (JIT warm-up): nothing earlier in a fresh
 * process has compiled the model's code, a warm-up shorter than the horizon stops before most
 * faults (llm-dependency's comes at 10 min), and V8 keeps tiering up over the first replications
 * (llm-dependency: 2.8, 2.4, 1.9, 1.85 CPU µs per attempt in the rounds after one warm-up
 * replication; 2.0, 1.8, 1.8 after two), so the rounds time the steady state.
 *
 * Measured in rounds: each round times the kernel (the best of KERNEL_TIMINGS runs), then one
 * replication of every design of the scenario (replication `round`). This VM's speed drifts by
 * ±20% over a minute and other processes share its two cores, so the figure that travels is the
 * ratio of the two timed side by side, the median over rounds; the attempts/s shown is the best
 * round's.
 */
import { readdirSync } from 'node:fs';
import type { ReplicationOutcome } from '#dist/metrics/outcome.js';
import { loadScenario } from '#dist/scenario/load.js';
import type { Scenario } from '#dist/scenario/schema.js';
import { runReplication } from '#dist/runner/replication.js';
import { builtEntry, runChild } from './child.js';
import { bestKernelCustomersPerS, warmUpKernel } from './engine.js';

/** Untimed whole replications of every design before the rounds (replications no round times). */
const WARM_UP_REPLICATIONS = 2;

/** Customers of the kernel run timed beside each measurement (~0.1-0.3 s). */
export const KERNEL_CUSTOMERS = 500_000;

/** Kernel runs timed beside each measurement; its figure is the fastest (bestKernelCustomersPerS). */
export const KERNEL_TIMINGS = 3;

/** Client attempts a replication sent (all classes). */
export function attemptsOf(o: ReplicationOutcome): number {
  let n = 0;
  for (const c of o.classes) n += c.attempts;
  return n;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** One replication of a design, timed: attempts, kernel events and wall seconds. */
export function timedReplication(scenario: Scenario, replication: number): { attempts: number; events: number; seconds: number } {
  const t = process.hrtime.bigint();
  const o = runReplication(scenario, replication);
  return { attempts: attemptsOf(o), events: o.events_processed, seconds: Number(process.hrtime.bigint() - t) / 1e9 };
}

/** The shipped scenarios, sorted by file name. */
export function shippedScenarios(): string[] {
  return readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).sort().map((f) => `scenarios/${f}`);
}

/** The figures benchAttempts returns for one scenario. */
export const ATTEMPT_FIGURES = ['attempts_per_s', 'kernel_customers_per_s', 'ratio_to_kernel', 'events_per_attempt', 'event_ratio_to_kernel'] as const;
type AttemptFigures = Record<(typeof ATTEMPT_FIGURES)[number], number>;

/**
 * Attempts/s (best round), the kernel's customers/s (best round) and their ratio (median over
 * rounds) of one scenario: every design, this thread. For information beside them: the kernel
 * events the scenario runs per client attempt (over all rounds), and its events/s over the bare
 * kernel's (2 events per customer; median over rounds), which tells a scenario that is slow per
 * event from one that simulates more events per attempt.
 */
export async function benchAttempts(file: string, rounds: number): Promise<AttemptFigures> {
  const loaded = await loadScenario(file);
  warmUpKernel(KERNEL_CUSTOMERS);
  for (let w = 0; w < WARM_UP_REPLICATIONS; w++) for (const d of loaded.designs) runReplication(d.scenario, rounds + w);
  const ratios: number[] = [];
  const eventRatios: number[] = [];
  let allAttempts = 0;
  let allEvents = 0;
  let bestRate = 0;
  let bestKernel = 0;
  for (let round = 0; round < rounds; round++) {
    const kernel = bestKernelCustomersPerS(KERNEL_CUSTOMERS, KERNEL_TIMINGS, 1 + round * KERNEL_TIMINGS);
    let attempts = 0;
    let events = 0;
    let seconds = 0;
    for (const d of loaded.designs) {
      const r = timedReplication(d.scenario, round);
      attempts += r.attempts;
      events += r.events;
      seconds += r.seconds;
    }
    ratios.push(attempts / seconds / kernel);
    eventRatios.push(events / seconds / (2 * kernel));
    allAttempts += attempts;
    allEvents += events;
    bestRate = Math.max(bestRate, attempts / seconds);
    bestKernel = Math.max(bestKernel, kernel);
  }
  return {
    attempts_per_s: bestRate, kernel_customers_per_s: bestKernel, ratio_to_kernel: median(ratios),
    events_per_attempt: allEvents / allAttempts, event_ratio_to_kernel: median(eventRatios),
  };
}

/** benchAttempts of one scenario in a fresh process of its own (bench/attemptsChild.ts); throws naming the scenario if it fails. */
export function benchAttemptsInChild(file: string, rounds: number): AttemptFigures {
  return runChild(builtEntry('attemptsChild'), [file, String(rounds)], ATTEMPT_FIGURES, `attempts of ${file}`);
}

/**
 * What the CLI says about the work of a run before it starts: the readiness line printed once
 * the workers are running, and the refusal of a run whose estimate is above the limit (exit 2,
 * unless --force). Figures come from src/runner/estimate.ts.
 */
import { WORK_LIMIT_REQUESTS, SECONDS_PER_REQUEST, type WorkEstimate } from '../runner/estimate.js';
import type { RunStart } from '../runner/simulate.js';

/** A count as digits with separators below a million, else like 7.2e16. */
function count(n: number): string {
  if (n < 1e6) return Math.round(n).toLocaleString('en-US');
  const [mantissa, exponent] = n.toExponential(1).split('e+');
  return `${mantissa!.replace(/\.0$/, '')}e${exponent}`;
}

/** A long duration, roughly: "about 40 seconds" … "about 3.1 hours" … "about 2,300 years". */
export function roughDuration(seconds: number): string {
  const units: Array<[string, number]> = [['years', 365.25 * 86400], ['days', 86400], ['hours', 3600], ['minutes', 60]];
  for (const [name, s] of units) {
    if (seconds >= 2 * s) {
      const x = seconds / s;
      return `about ${x < 10 ? x.toFixed(1) : count(x)} ${name}`;
    }
  }
  return `about ${Math.max(1, Math.round(seconds))} seconds`;
}

/** The estimate in a few words: requests and the time they take on `workers` threads. */
function workText(e: WorkEstimate, workers: number): string {
  return `about ${count(e.requests)} client requests, ${roughDuration(e.cpuS / workers).replace(/^about /, '~')} on ${workers} worker${workers === 1 ? '' : 's'}`;
}

/** The message refusing a run above the limit, or null when the run is within it. */
export function workRefusal(e: WorkEstimate, workers: number, file: string, limit = WORK_LIMIT_REQUESTS): string | null {
  if (!(e.requests > limit)) return null;
  const designs = e.designs.length;
  const per = e.designs.reduce((a, d) => a + d.requestsPerReplication, 0) / Math.max(1, designs);
  return (
    `${file}: this run would simulate about ${count(e.requests)} client requests ` +
    `(${count(e.replications)} replications × ${designs} design${designs === 1 ? '' : 's'} × about ${count(per)} requests each), ` +
    `${roughDuration(e.cpuS)} of CPU time (${roughDuration(e.cpuS / workers).replace(/^about /, '')} on ${workers} worker${workers === 1 ? '' : 's'}, ` +
    `at ${SECONDS_PER_REQUEST * 1e6} µs per request); the limit is ${count(limit)} requests (${roughDuration(limit * SECONDS_PER_REQUEST)} of CPU time). ` +
    'Lower the replications, horizon or arrival rates, or pass --force to run it anyway.'
  );
}

/** For `validate`: a note when the scenario's run is above the limit, or null. */
export function workLimitNote(e: WorkEstimate, limit = WORK_LIMIT_REQUESTS): string | null {
  if (!(e.requests > limit)) return null;
  return `but its run is about ${count(e.requests)} client requests (${roughDuration(e.cpuS)} of CPU time), above the limit of ${count(limit)}: run and compare refuse it without --force`;
}

/** The readiness line: printed once the workers are running. */
export function readinessLine(run: RunStart, e: WorkEstimate, upTo = false): string {
  return `running ${upTo ? 'up to ' : ''}${count(run.replications)} replication${run.replications === 1 ? '' : 's'} of ${run.designs} design${run.designs === 1 ? '' : 's'} on ${run.workers} worker${run.workers === 1 ? '' : 's'} (${workText(e, run.workers)})\n`;
}

/** One run of a command that runs several (a scenario of `check`, a point of `sweep`, a variant of `sensitivity`). */
export interface LabelledEstimate {
  label: string;
  estimate: WorkEstimate;
}

/**
 * The message refusing a command whose runs together are above the limit (`check` over its
 * scenarios, `sweep` over its points, `sensitivity` over its variants), or null within it.
 */
export function summedWorkRefusal(runs: LabelledEstimate[], workers: number, what: string, limit = WORK_LIMIT_REQUESTS): string | null {
  const requests = runs.reduce((a, r) => a + r.estimate.requests, 0);
  if (!(requests > limit)) return null;
  const cpuS = runs.reduce((a, r) => a + r.estimate.cpuS, 0);
  const largest = runs.reduce((a, r) => (r.estimate.requests > a.estimate.requests ? r : a));
  return (
    `${what}: its ${runs.length} run${runs.length === 1 ? '' : 's'} would simulate about ${count(requests)} client requests in all ` +
    `(the largest, ${largest.label}, about ${count(largest.estimate.requests)}), ${roughDuration(cpuS)} of CPU time ` +
    `(${roughDuration(cpuS / workers).replace(/^about /, '')} on ${workers} worker${workers === 1 ? '' : 's'}, at ${SECONDS_PER_REQUEST * 1e6} µs per request); ` +
    `the limit is ${count(limit)} requests (${roughDuration(limit * SECONDS_PER_REQUEST)} of CPU time). ` +
    'Lower the replications, horizon, arrival rates or the number of runs, or pass --force to run it anyway.'
  );
}

/**
 * AI-agent workflows (REFERENCE.md Case D), built by `makeClient` from an agent class spec in
 * front of a scripted fake service: `steps` sequential steps of `fan_out` parallel tool calls,
 * each call with its own retry loop, the whole workflow restarted on failure up to `restarts`
 * times (each restart granted by the retry budget, if there is one).
 *
 * Two kinds of check: totals over many workflows (true however the workflows overlap in time),
 * and the exact attempt sequence of one workflow, the first of a run stopped when it ends; those
 * are repeated over several seeds (the expected sequence leaves no room for a second workflow).
 */
import { describe, expect, it } from 'vitest';
import { workflowAttemptsUnderTotalFailure } from '../../../src/models/policies/attempts.js';
import { answer, clientWorld, type ClientWorld } from '../../support/clientWorld.js';

const FAN_OUT = 4;
const RETRIES = 2;
const RESTARTS = 2;
const STEPS = 3;
const WORKFLOW = { steps: STEPS, fan_out: FAN_OUT, restarts: RESTARTS, think_time: '2s' };
const SEEDS = [1, 2, 3, 4, 5];
const HORIZON_S = 3 * 3600;

/** Agents (one workflow a minute) against a service that answers every call `ok` or not after `afterS`. */
function agents(ok: boolean, extra: Record<string, unknown> = {}, afterS = 0.01, seed: number | string = 'agents'): ClientWorld {
  return clientWorld({ kind: 'agent', rate: '1/min', timeout: '1s', retries: RETRIES, retry_delay: 0, workflow: WORKFLOW, ...extra }, answer(afterS, ok), seed);
}

/** Runs until the first workflow ends. */
function untilFirstWorkflowEnds(w: ClientWorld): ClientWorld {
  const record = w.h.recorder.workflowDone.bind(w.h.recorder);
  w.h.recorder.workflowDone = (classIndex, ok) => {
    record(classIndex, ok);
    w.h.sim.stop();
  };
  w.h.sim.run(Infinity);
  return w;
}

/** Distinct values, in order of appearance. */
const distinct = (xs: number[]) => [...new Set(xs)];

describe('AgentClient under total failure', () => {
  const perWorkflow = workflowAttemptsUnderTotalFailure({ steps: STEPS, fanOut: FAN_OUT, attemptsPerCall: RETRIES + 1, restarts: RESTARTS });

  it('sends exactly fan_out × (retries + 1) × (restarts + 1) attempts per workflow, records workflowDone(false) once each', () => {
    expect(perWorkflow).toBe(FAN_OUT * (RETRIES + 1) * (RESTARTS + 1));
    const w = agents(false);
    w.h.sim.run(HORIZON_S);
    const workflows = w.h.recorder.workflows;
    expect(workflows.length).toBeGreaterThan(150);
    expect(workflows.every((x) => !x.ok && x.classIndex === 0)).toBe(true);
    // A failing workflow lasts 90 ms; none is in flight at the end of this run, so the totals are exact.
    expect(w.routed).toHaveLength(workflows.length * perWorkflow);
    expect(w.h.recorder.attempts).toHaveLength(workflows.length * perWorkflow);
    // One workflowDone per arrival: the first run's calls of a workflow share its arrival time.
    const done = w.h.recorder.done;
    expect(distinct(done.filter((d) => !d.req.reissue).map((d) => d.req.arrivalT))).toHaveLength(workflows.length);
  });

  it('counts the calls of restarted runs as re-issues, not as new unique requests', () => {
    const w = agents(false);
    w.h.sim.run(HORIZON_S);
    const workflows = w.h.recorder.workflows.length;
    const done = w.h.recorder.done;
    expect(done).toHaveLength(workflows * FAN_OUT * (RESTARTS + 1));
    expect(done.filter((d) => !d.req.reissue)).toHaveLength(workflows * FAN_OUT);
    expect(done.filter((d) => d.req.reissue)).toHaveLength(workflows * FAN_OUT * RESTARTS);
    expect(done.every((d) => !d.ok && d.req.attempts === RETRIES + 1)).toBe(true);
  });

  it.each(SEEDS)('seed %i: one workflow is step 1 run restarts + 1 times, each run fan_out calls × (retries + 1) attempts, never step 2', (seed) => {
    const w = untilFirstWorkflowEnds(agents(false, {}, 0.01, seed));
    expect(w.h.recorder.workflows).toEqual([{ classIndex: 0, ok: false }]);
    expect(w.routed).toHaveLength(perWorkflow);
    const start = w.routed[0]!.t;
    // Calls fail 10 ms after each send and retry at once; a run's last failure starts the next run.
    const sendTimes = distinct(w.routed.map((r) => r.t)).map((t) => t - start);
    expect(sendTimes).toEqual(Array.from({ length: (RETRIES + 1) * (RESTARTS + 1) }, (_, k) => expect.closeTo(0.01 * k, 9)));
    for (const t of distinct(w.routed.map((r) => r.t))) expect(w.routed.filter((r) => r.t === t)).toHaveLength(FAN_OUT);
    // The first run's calls are new requests, the later runs' calls re-issues.
    const firstRun = FAN_OUT * (RETRIES + 1);
    expect(w.routed.slice(0, firstRun).every((r) => !r.req.reissue)).toBe(true);
    expect(w.routed.slice(firstRun).every((r) => r.req.reissue)).toBe(true);
    expect(new Set(w.routed.map((r) => r.req)).size).toBe(FAN_OUT * (RESTARTS + 1));
  });

  it('stops restarting when the retry budget refuses: 10 tokens buy 10 restarts in all', () => {
    // Calls do not retry, so the budget is spent only on restarts (5 allowed per workflow).
    const budget = { kind: 'deposit', deposit_per_call: 0, cost_per_retry: 1, capacity: 10 };
    const w = agents(false, { retries: 0, retry_budget: budget, workflow: { ...WORKFLOW, restarts: 5 } });
    w.h.sim.run(HORIZON_S);
    const workflows = w.h.recorder.workflows.length;
    expect(workflows).toBeGreaterThan(150);
    expect(w.h.recorder.workflows.every((x) => !x.ok)).toBe(true);
    // Without the budget: fan_out × 6 runs per workflow. With it: one run each plus 10 restarts.
    expect(w.routed).toHaveLength(FAN_OUT * (workflows + 10));
    expect(w.h.recorder.done.filter((d) => d.req.reissue)).toHaveLength(FAN_OUT * 10);
  });
});

describe('AgentClient when every call succeeds', () => {
  it.each(SEEDS)('seed %i: runs `steps` steps of `fan_out` parallel calls, think time between steps, then workflowDone(true)', (seed) => {
    // Calls answer after 100 ms, the think time is 2 s.
    const w = untilFirstWorkflowEnds(agents(true, {}, 0.1, seed));
    expect(w.h.recorder.workflows).toEqual([{ classIndex: 0, ok: true }]);
    expect(w.routed).toHaveLength(STEPS * FAN_OUT);
    const start = w.routed[0]!.t;
    const steps = distinct(w.routed.map((r) => r.t));
    expect(steps.map((t) => t - start)).toEqual([0, expect.closeTo(2.1, 9), expect.closeTo(4.2, 9)]);
    for (const t of steps) expect(w.routed.filter((r) => r.t === t)).toHaveLength(FAN_OUT);
    expect(w.h.sim.now - start).toBeCloseTo(4.3, 9);
    expect(w.h.recorder.done).toHaveLength(STEPS * FAN_OUT);
    expect(w.h.recorder.done.every((d) => d.ok && !d.req.reissue && d.req.attempts === 1)).toBe(true);
  });

  it('records every workflow as done(true) with one attempt per call', () => {
    const w = agents(true, {}, 0.1);
    w.h.sim.run(HORIZON_S);
    const workflows = w.h.recorder.workflows;
    expect(workflows.length).toBeGreaterThan(150);
    expect(workflows.every((x) => x.ok)).toBe(true);
    expect(w.h.recorder.done.every((d) => d.ok && d.req.attempts === 1 && !d.req.reissue)).toBe(true);
    // Every finished workflow made steps × fan_out calls; at most one is still in flight at the end.
    const extra = w.h.recorder.done.length - workflows.length * STEPS * FAN_OUT;
    expect(extra).toBeGreaterThanOrEqual(0);
    expect(extra).toBeLessThan(2 * STEPS * FAN_OUT);
  });
});

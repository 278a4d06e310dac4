import { describe, expect, it } from 'vitest';
import { amplification, attemptsVariance, expectedAttempts, workflowAttemptsUnderTotalFailure } from '../../../src/models/policies/attempts.js';
import { backoffDelay } from '../../../src/models/policies/backoff.js';
import { UnlimitedBudget, type RetryBudget } from '../../../src/models/policies/retryBudget.js';
import { RandomStreams } from '../../../src/engine/random.js';
import { Simulation } from '../../../src/engine/sim.js';

/**
 * A tiny retrying client on the kernel: each request makes attempts until one succeeds or
 * `maxAttempts` are spent, waiting a constant 50 ms between attempts, asking `budget` before each
 * retry. `fails(request, attempt)` scripts the outcomes. Returns the accounting.
 */
function simulateClient(requests: number, maxAttempts: number, fails: (req: number, attempt: number) => boolean, budget: RetryBudget = new UnlimitedBudget()) {
  const sim = new Simulation();
  let attempts = 0, retries = 0, succeeded = 0, failed = 0;
  const attempt = (req: number, k: number): void => {
    attempts++;
    if (k > 1) retries++;
    budget.onAttempt(sim.now);
    if (!fails(req, k)) { succeeded++; budget.onSuccess(sim.now, k > 1 ? 'error' : undefined); return; }
    if (k < maxAttempts && budget.canRetry(sim.now, 'error')) {
      sim.schedule(backoffDelay({ kind: 'constant', base: 0.05 }, k, 0, () => 0), () => attempt(req, k + 1));
    } else failed++;
  };
  for (let i = 0; i < requests; i++) sim.at(i * 0.01, () => attempt(i, 1));
  sim.run(Infinity);
  return { attempts, retries, succeeded, failed };
}

describe('attempt accounting', () => {
  it('1,000 requests of which 100 are retried 3 times make 300 retries and 1,300 attempts', () => {
    const r = simulateClient(1000, 4, (req, k) => req % 10 === 0 && k <= 3);
    expect(r).toEqual({ attempts: 1300, retries: 300, succeeded: 1000, failed: 0 });
    expect(amplification(1000, r.attempts)).toBe(1.3);
  });

  it('under total failure every request makes exactly n attempts', () => {
    const r = simulateClient(200, 4, () => true);
    expect(r.attempts).toBe(200 * 4);
    expect(r.failed).toBe(200);
    expect(expectedAttempts(1, 4)).toBe(4);
  });
});

describe('expectedAttempts', () => {
  it('is (1 − pⁿ)/(1 − p): 1 with no failures, n under total failure', () => {
    expect(expectedAttempts(0, 5)).toBe(1);
    expect(expectedAttempts(0.5, 3)).toBe(1.75);
    expect(expectedAttempts(1, 7)).toBe(7);
  });

  it('matches a Monte-Carlo client for p = 0.3, n = 4 within 4.5 standard errors', () => {
    // Standard error from the exact variance of the attempt count; 200k requests, fixed seed.
    const p = 0.3, n = 4, requests = 200_000;
    const rng = new RandomStreams(5, 0).stream('outcomes');
    const r = simulateClient(requests, n, () => rng() < p);
    const se = Math.sqrt(attemptsVariance(p, n) / requests);
    expect(Math.abs(r.attempts / requests - expectedAttempts(p, n))).toBeLessThan(4.5 * se);
  });

  it('attemptsVariance is 0 when the count is certain and matches a direct sum otherwise', () => {
    expect(attemptsVariance(0, 3)).toBe(0);
    expect(attemptsVariance(1, 3)).toBe(0);
    // p = 0.5, n = 2: N is 1 or 2 with probability 1/2 each.
    expect(attemptsVariance(0.5, 2)).toBeCloseTo(0.25, 14);
  });
});

describe('workflowAttemptsUnderTotalFailure', () => {
  it('is fanOut × attemptsPerCall × (restarts + 1), whatever the number of steps', () => {
    expect(workflowAttemptsUnderTotalFailure({ steps: 3, fanOut: 10, attemptsPerCall: 3, restarts: 2 })).toBe(90);
    expect(workflowAttemptsUnderTotalFailure({ steps: 1, fanOut: 10, attemptsPerCall: 3, restarts: 2 })).toBe(90);
    expect(workflowAttemptsUnderTotalFailure({ steps: 5, fanOut: 1, attemptsPerCall: 1, restarts: 0 })).toBe(1);
  });

  it('agrees with a simulated agent workflow whose every call fails', () => {
    const shape = { steps: 3, fanOut: 10, attemptsPerCall: 3, restarts: 2 };
    const callSucceeds = (): boolean => false;
    let sent = 0;
    for (let run = 0; run <= shape.restarts; run++) {
      for (let step = 0; step < shape.steps; step++) {
        let stepOk = true;
        for (let call = 0; call < shape.fanOut; call++) {
          let ok = false;
          for (let a = 0; a < shape.attemptsPerCall && !ok; a++) { sent++; ok = callSucceeds(); }
          stepOk &&= ok;
        }
        if (!stepOk) break;
      }
    }
    expect(sent).toBe(workflowAttemptsUnderTotalFailure(shape));
  });

  it('rejects non-integer or out-of-range shapes', () => {
    expect(() => workflowAttemptsUnderTotalFailure({ steps: 0, fanOut: 1, attemptsPerCall: 1, restarts: 0 })).toThrow(RangeError);
    expect(() => workflowAttemptsUnderTotalFailure({ steps: 1, fanOut: 1, attemptsPerCall: 1, restarts: -1 })).toThrow(RangeError);
  });
});

/**
 * A client's kind decides the retry policy the scenario leaves unsaid (policySchema's
 * CLIENT_KIND_DEFAULTS): humans retry twice after a 1-5 s think time and give up; API clients
 * retry only when told to, with exponential backoff and full jitter; agents only when told to, at
 * once. Built by the real makeClient in front of a service that always fails after 10 ms.
 */
import { describe, expect, it } from 'vitest';
import type { ClientRequest } from '../../../src/models/types.js';
import { answer, attemptsByRequest, clientWorld, type ClientWorld } from '../../support/clientWorld.js';

const FAIL_AFTER_S = 0.01;

/** Waits between a finished request's attempts (the failure's 10 ms taken off). */
function waits(w: ClientWorld): number[][] {
  const finished = new Set<ClientRequest>(w.h.recorder.done.map((d) => d.req));
  const out = [...attemptsByRequest(w.routed)].filter(([req]) => finished.has(req)).map(([, t]) => t.slice(1).map((x, i) => x - t[i]! - FAIL_AFTER_S));
  expect(out.length, 'finished requests').toBeGreaterThan(20);
  return out;
}

const run = (spec: Record<string, unknown>): number[][] => {
  const w = clientWorld({ rate: '1/s', timeout: '1s', ...spec }, answer(FAIL_AFTER_S, false));
  w.h.sim.run(200);
  return waits(w);
};

describe('client kind defaults', () => {
  it('a human retries twice, each after a think time of 1-5 s', () => {
    for (const gaps of run({ kind: 'human' })) {
      expect(gaps).toHaveLength(2);
      for (const g of gaps) {
        expect(g).toBeGreaterThanOrEqual(1 - 1e-9);
        expect(g).toBeLessThan(5);
      }
    }
  });

  it('an API client does not retry unless told to, and then backs off exponentially with full jitter', () => {
    for (const gaps of run({ kind: 'api' })) expect(gaps).toEqual([]);
    const all = run({ kind: 'api', retries: 3 });
    for (const gaps of all) {
      expect(gaps).toHaveLength(3);
      gaps.forEach((g, i) => {
        expect(g).toBeGreaterThanOrEqual(-1e-9);
        expect(g).toBeLessThan(0.1 * 2 ** i);
      });
    }
    // Jittered, not fixed: the first waits are spread over [0, 100 ms).
    const first = all.map((g) => g[0]!);
    expect(Math.max(...first) - Math.min(...first)).toBeGreaterThan(0.05);
  });

  it('an agent retries only when told to, and at once', () => {
    for (const gaps of run({ kind: 'agent', workflow: { steps: 1, fan_out: 1, restarts: 0 } })) expect(gaps).toEqual([]);
    for (const gaps of run({ kind: 'agent', retries: 2, workflow: { steps: 1, fan_out: 1, restarts: 0 } })) {
      expect(gaps).toHaveLength(2);
      for (const g of gaps) expect(g).toBeCloseTo(0, 9);
    }
  });

  it('what the scenario says wins over the kind', () => {
    for (const gaps of run({ kind: 'human', retries: 1, retry_delay: '2s' })) {
      expect(gaps).toHaveLength(1);
      expect(gaps[0]).toBeCloseTo(2, 9);
    }
    for (const gaps of run({ kind: 'api', retries: 1, retry_delay: 0 })) expect(gaps[0]).toBeCloseTo(0, 9);
  });
});

/**
 * Each retry budget's rule and the retry breaker's scope, seen through the real call loop in
 * front of a scripted fake service (test/support/clientWorld.ts).
 */
import { describe, expect, it } from 'vitest';
import { answer, attemptsByRequest, clientWorld, type ClientWorld } from '../../support/clientWorld.js';

/** Retries sent: attempts received minus the requests they belong to (each sends a first try). */
const retriesSent = (w: ClientWorld, from = 0, to = Infinity) => {
  const inRange = w.routed.filter((r) => r.t >= from && r.t < to);
  return inRange.length - attemptsByRequest(inRange).size;
};

describe('CallLoop with gRPC retry throttling', () => {
  it('counts failed first attempts too: 10 tokens allow 3 retries (tokens 9, 8, 7), then 5 left stops them', () => {
    // The service answers at once, so requests never overlap and the order of token changes is fixed.
    const w = clientWorld({ rate: '1/s', timeout: '1s', retries: 3, retry_delay: 0, retry_budget: { kind: 'grpc', max_tokens: 10, token_ratio: 0.1 } }, answer(0, false));
    w.h.sim.run(200);
    expect(w.h.recorder.done.length).toBeGreaterThan(150);
    expect(w.h.recorder.done.slice(0, 2).map((d) => d.req.attempts)).toEqual([4, 1]);
    expect(retriesSent(w)).toBe(3);
  });

  it('refills only on successful attempts, never with time: retries come back after a healthy spell, not after a pause', () => {
    // The service answers at once: all attempts fail before 100 s, all succeed in [100 s, 200 s)
    // (+0.1 per attempt: 100 requests lift the count from 0 back to 10), and all fail after 200 s.
    const budget = { kind: 'grpc', max_tokens: 10, token_ratio: 0.1 };
    const spec = { rate: '1/s', timeout: '1s', retries: 1, retry_delay: 0, retry_budget: budget };
    const healthySpell = clientWorld(spec, (a, _n, h) => h.sim.schedule(0, () => a.respond(h.sim.now >= 100 && h.sim.now < 200)));
    healthySpell.h.sim.run(300);
    // Tokens 10 → 9 (retry) → 8, → 7 (retry) → 6, → 5: refused. Twice: before 100 s and after 200 s.
    expect(retriesSent(healthySpell, 0, 100)).toBe(2);
    expect(retriesSent(healthySpell, 200, 300)).toBe(2);
    // A quiet spell (no requests between 100 s and 200 s) refills nothing.
    const pause = clientWorld({ ...spec, arrival: { kind: 'spike', factor: 1e-9, at: '100s', duration: '100s' } }, (a, _n, h) => h.sim.schedule(0, () => a.respond(false)));
    pause.h.sim.run(300);
    expect(pause.routed.filter((r) => r.t >= 101 && r.t < 199)).toHaveLength(0);
    expect(retriesSent(pause, 0, 100)).toBe(2);
    expect(retriesSent(pause, 200, 300)).toBe(0);
  });
});

describe('CallLoop with a Finagle budget', () => {
  it('deposits per request, not per success: with every attempt failing, about 20% of requests are still retried', () => {
    const spec = { rate: '50/s', timeout: '1s', retries: 1, retry_delay: 0, retry_budget: { kind: 'finagle', retry_ratio: 0.2, ttl: '10s', min_retries_per_s: 0 } };
    const w = clientWorld(spec, answer(0, false));
    w.h.sim.run(300);
    const requests = attemptsByRequest(w.routed).size;
    expect(requests).toBeGreaterThan(14_000);
    // Never more than 20% (the windowed balance never goes below 0); a little less because a
    // fraction of a retry's worth of deposits can expire unspent with each slice.
    const ratio = retriesSent(w) / requests;
    expect(ratio).toBeLessThanOrEqual(0.2);
    expect(ratio).toBeGreaterThan(0.19);
  });

  it('grants min_retries_per_s on top of the ratio, so a quiet client can still retry', () => {
    const spec = { rate: '0.5/s', timeout: '1s', retries: 1, retry_delay: 0, retry_budget: { kind: 'finagle', retry_ratio: 0.2, ttl: '10s', min_retries_per_s: 1 } };
    const w = clientWorld(spec, answer(0.01, false));
    w.h.sim.run(300);
    expect(w.h.recorder.done.length).toBeGreaterThan(100);
    expect(w.h.recorder.done.every((d) => d.req.attempts === 2)).toBe(true);
  });
});

describe('CallLoop with a plain deposit bucket', () => {
  it('a failing request deposits too: with deposit_per_call 0.5 and an empty-ish bucket, every second request is retried', () => {
    const spec = { rate: '1/s', timeout: '1s', retries: 1, retry_delay: 0, retry_budget: { kind: 'deposit', deposit_per_call: 0.5, cost_per_retry: 1, capacity: 1 } };
    const w = clientWorld(spec, answer(0.01, false));
    w.h.sim.run(200);
    const requests = attemptsByRequest(w.routed).size;
    expect(requests).toBeGreaterThan(150);
    // The bucket starts full (1 token): one retry, then one every two requests.
    expect(Math.abs(retriesSent(w) - (1 + requests / 2))).toBeLessThanOrEqual(1);
  });
});

describe('CallLoop: breaker scope', () => {
  const breaker = { trip: { kind: 'consecutive', failures: 3 }, open: '1000s' };

  it('scope all: once open, first attempts are short-circuited too: nothing reaches the service', () => {
    const w = clientWorld({ rate: '1/s', timeout: '1s', retries: 2, retry_delay: 0, breaker: { ...breaker, scope: 'all' } }, answer(0.01, false));
    w.h.sim.run(200);
    expect(w.routed).toHaveLength(3);
    expect(w.h.recorder.done.length).toBeGreaterThan(150);
    expect(w.h.recorder.done.slice(1).every((d) => d.req.attempts === 0 && !d.ok)).toBe(true);
  });

  it('scope retries (a retry breaker): once open, every first attempt is still sent and no retry is', () => {
    const w = clientWorld({ rate: '1/s', timeout: '1s', retries: 2, retry_delay: 0, breaker: { ...breaker, scope: 'retries' } }, answer(0.01, false));
    w.h.sim.run(200);
    const done = w.h.recorder.done;
    expect(done.length).toBeGreaterThan(150);
    expect(done[0]!.req.attempts).toBe(3);
    expect(done.slice(1).every((d) => d.req.attempts === 1 && !d.ok)).toBe(true);
    const perRequest = [...attemptsByRequest(w.routed).values()].map((times) => times.length);
    expect(perRequest.slice(1).every((n) => n === 1)).toBe(true);
  });

  it('scope retries: first attempts that succeed while half-open close the breaker, and retries resume', () => {
    // Fails until 50 s, then the first attempt of each request fails and its retry succeeds.
    const w = clientWorld(
      { rate: '1/s', timeout: '1s', retries: 2, retry_delay: 0, breaker: { trip: { kind: 'consecutive', failures: 3 }, open: '10s', scope: 'retries' } },
      (a, _n, h) => h.sim.schedule(0.01, () => a.respond(h.sim.now > 50 && a.req.attempts > 1)),
    );
    w.h.sim.run(300);
    const late = w.h.recorder.done.filter((d) => d.req.arrivalT > 100);
    expect(late.length).toBeGreaterThan(150);
    expect(late.every((d) => d.ok && d.req.attempts === 2)).toBe(true);
  });
});

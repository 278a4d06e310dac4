/**
 * The call loop of a client class, retry(breaker(timeout(send))), built by `makeClient` from its
 * scenario spec in front of a scripted fake service (test/support/clientWorld.ts).
 *
 * Accounting under test: `req.attempts` and the recorder's attemptSent count the attempts
 * actually sent (first tries and retries alike), so they equal what the service received;
 * an attempt short-circuited by an open breaker is neither sent nor counted.
 *
 * Statistical checks use z = 3.29 (a two-sided 99.9% interval) on the exact standard error.
 */
import { describe, expect, it } from 'vitest';
import { attemptsVariance, expectedAttempts } from '../../../src/models/policies/attempts.js';
import type { ClientRequest } from '../../../src/models/types.js';
import { answer, attemptsByRequest, clientWorld, never, type Behaviour, type ClientWorld } from '../../support/clientWorld.js';

const Z = 3.29;

/** Each attempt fails independently with probability p, answered after 10 ms. */
function failsWithProbability(p: number): Behaviour {
  let rng: (() => number) | null = null;
  return (a, _n, h) => {
    rng ??= h.streams.stream('fake-service:failures');
    const ok = rng() >= p;
    h.sim.schedule(0.01, () => a.respond(ok));
  };
}

/** Requests that arrived before `t` (all finished when the run goes on long enough after t). */
const finishedBefore = (w: ClientWorld, t: number) => w.h.recorder.done.filter((d) => d.req.arrivalT < t);

/** Attempts sent but not yet part of a finished request: those of requests still in flight at the end. */
const inFlightAttempts = (w: ClientWorld) => w.routed.length - w.h.recorder.done.reduce((a, d) => a + d.req.attempts, 0);

describe('CallLoop: attempts per request', () => {
  it.each([
    { p: 0.3, n: 4 },
    { p: 0.5, n: 3 },
    { p: 0.8, n: 5 },
  ])('with independent failure probability $p and at most $n attempts, the mean is (1 − pⁿ)/(1 − p) within the 99.9% CI', ({ p, n }) => {
    const horizon = 200;
    const w = clientWorld({ rate: '50/s', timeout: '1s', retries: n - 1, retry_delay: 0 }, failsWithProbability(p));
    w.h.sim.run(horizon);
    // A request takes at most n × 10 ms, so every one that arrived a second before the end has finished.
    const done = finishedBefore(w, horizon - 1);
    const count = done.length;
    expect(count).toBeGreaterThan(9000);
    const mean = done.reduce((a, d) => a + d.req.attempts, 0) / count;
    const se = Math.sqrt(attemptsVariance(p, n) / count);
    expect(Math.abs(mean - expectedAttempts(p, n))).toBeLessThanOrEqual(Z * se);
    // A request fails only when all n attempts fail: probability pⁿ (binomial standard error).
    const failed = done.filter((d) => !d.ok).length / count;
    const pn = Math.pow(p, n);
    expect(Math.abs(failed - pn)).toBeLessThanOrEqual(Z * Math.sqrt((pn * (1 - pn)) / count));
    for (const d of done) expect(d.req.attempts).toBeGreaterThanOrEqual(1);
    for (const d of done) expect(d.req.attempts).toBeLessThanOrEqual(n);
    // The recorder counts exactly the attempts the service received.
    expect(w.h.recorder.attempts.length).toBe(w.routed.length);
  });

  it.each([1, 2, 4])('under total failure every request makes exactly n = %i attempts and fails', (n) => {
    const w = clientWorld({ rate: '5/s', timeout: '1s', retries: n - 1, retry_delay: 0 }, answer(0.01, false));
    w.h.sim.run(100);
    const done = w.h.recorder.done;
    expect(done.length).toBeGreaterThan(400);
    for (const d of done) {
      expect(d.ok).toBe(false);
      expect(d.req.attempts).toBe(n);
    }
    expect(w.h.recorder.attempts.length).toBe(w.routed.length);
    expect(inFlightAttempts(w)).toBeGreaterThanOrEqual(0);
    expect(inFlightAttempts(w)).toBeLessThan(2 * n);
  });
});

describe('CallLoop: late answers', () => {
  it('ignores a late answer to a timed-out attempt: its retry settles the request', () => {
    // Timeout 1 s, one retry at once. A first attempt is answered (ok) after 1.5 s, when its
    // retry (sent at 1 s) is in flight; a retry is answered (failed) after 0.8 s. The late ok
    // must not settle the retry: every request fails, at 1.8 s, after two attempts.
    const w = clientWorld({ rate: '5/s', timeout: '1s', retries: 1, retry_delay: 0 }, (a, _n, h) => {
      const first = a.req.attempts === 1;
      h.sim.schedule(first ? 1.5 : 0.8, () => a.respond(first));
    });
    w.h.sim.run(60);
    const done = w.h.recorder.done;
    expect(done.length).toBeGreaterThan(200);
    for (const d of done) {
      expect(d.ok).toBe(false);
      expect(d.req.attempts).toBe(2);
      expect(d.endT - d.req.arrivalT).toBeCloseTo(1.8, 9);
    }
  });
});

describe('CallLoop: circuit breaker', () => {
  const breaker = { trip: { kind: 'consecutive', failures: 3 }, open: '60s' };

  it('short-circuits attempts while open: they are neither sent nor counted, and the request fails at once', () => {
    const horizon = 300;
    const w = clientWorld({ rate: '1/s', timeout: '1s', retries: 4, retry_delay: 0, breaker }, answer(0.01, false));
    w.h.sim.run(horizon);
    const done = w.h.recorder.done;
    // The first request's third failure opens the breaker: its 4th and 5th attempts are short-circuited.
    expect(done[0]!.req.attempts).toBe(3);
    expect(done[0]!.req.shortCircuited).toBe(2);
    expect(w.breakers).toHaveLength(1);
    // Requests that arrive while it is open send nothing and fail at their arrival time.
    const shortCircuited = done.filter((d) => d.req.attempts === 0);
    expect(shortCircuited.length).toBeGreaterThan(200);
    for (const d of shortCircuited) {
      expect(d.ok).toBe(false);
      expect(d.endT).toBe(d.req.arrivalT);
      // Every try of it (first and 4 retries) was stopped, and the request says so.
      expect(d.req.shortCircuited).toBe(5);
    }
    // What was sent after the first three were half-open probes (one each), at least 60 s apart.
    const probes = w.routed.slice(3).map((r) => r.t);
    expect(probes.length).toBeGreaterThanOrEqual(1);
    expect(probes.length).toBeLessThanOrEqual(horizon / 60);
    probes.forEach((t, i) => expect(t - (i === 0 ? w.routed[2]!.t : probes[i - 1]!)).toBeGreaterThanOrEqual(60));
    // Counting: attempts of finished requests + in flight = what the service received = what was recorded.
    expect(w.h.recorder.attempts.length).toBe(w.routed.length);
    expect(inFlightAttempts(w)).toBeGreaterThanOrEqual(0);
    expect(inFlightAttempts(w)).toBeLessThanOrEqual(1);
  });

  it('does not count a 429 against the breaker (the service is answering; it is shedding us)', () => {
    const w = clientWorld({ rate: '1/s', timeout: '1s', retries: 2, retry_delay: 0, honour_retry_after: false, breaker },
      answer(0.001, false, { throttled: true, retryAfterS: 1 }));
    w.h.sim.run(100);
    expect(w.breakers[0]!.state).toBe('closed');
    expect(w.h.recorder.done.every((d) => d.req.attempts === 3 && !d.ok)).toBe(true);
  });

  it('gives each short-lived client its own breaker: every request pays the trip threshold', () => {
    const w = clientWorld({ rate: '1/s', timeout: '1s', retries: 4, retry_delay: 0, breaker, population: { kind: 'short_lived' } }, answer(0.01, false));
    w.h.sim.run(100);
    expect(w.breakers).toHaveLength(0);
    expect(w.h.recorder.done.length).toBeGreaterThan(50);
    expect(w.h.recorder.done.every((d) => d.req.attempts === 3)).toBe(true);
  });
});

describe('CallLoop: waits between attempts', () => {
  /** The first request is throttled with Retry-After 7 s, every later attempt succeeds. */
  const throttledOnce: Behaviour = (a, n, h) => {
    h.sim.schedule(n === 0 ? 0.001 : 0.01, () => (n === 0 ? a.respond(false, { throttled: true, retryAfterS: 7 }) : a.respond(true)));
  };

  it.each([
    { honour: true, gap: 0.001 + 7 },
    { honour: false, gap: 0.001 + 0.5 },
  ])('after a 429 with Retry-After 7 s, honour_retry_after $honour retries $gap s after the first try', ({ honour, gap }) => {
    const w = clientWorld({ rate: '0.01/s', timeout: '5s', retries: 1, retry_delay: '500ms', honour_retry_after: honour }, throttledOnce);
    w.h.sim.run(1000);
    const first = w.routed[0]!.req;
    const sends = attemptsByRequest(w.routed).get(first)!;
    expect(sends).toHaveLength(2);
    expect(sends[1]! - sends[0]!).toBeCloseTo(gap, 9);
    expect(w.h.recorder.done[0]).toMatchObject({ req: first, ok: true });
  });

  /** Delays before each retry (from the failure, 10 ms after each send) of every finished request. */
  function retryDelays(w: ClientWorld): number[][] {
    const finished = new Set<ClientRequest>(w.h.recorder.done.map((d) => d.req));
    return [...attemptsByRequest(w.routed)].filter(([req]) => finished.has(req)).map(([, t]) => t.slice(1).map((x, i) => x - t[i]! - 0.01));
  }

  it('follows an exponential backoff without jitter: base × factor^(retry − 1), capped', () => {
    const backoff = { kind: 'exponential', base: '1s', factor: 2, cap: '5s', jitter: 'none' };
    const w = clientWorld({ rate: '0.1/s', timeout: '1s', retries: 4, backoff }, answer(0.01, false));
    w.h.sim.run(500);
    const delays = retryDelays(w);
    expect(delays.length).toBeGreaterThan(20);
    for (const d of delays) {
      expect(d).toHaveLength(4);
      d.forEach((x, i) => expect(x).toBeCloseTo([1, 2, 4, 5][i]!, 9));
    }
  });

  it('follows a constant backoff', () => {
    const w = clientWorld({ rate: '0.1/s', timeout: '1s', retries: 3, backoff: { kind: 'constant', base: '3s', jitter: 'none' } }, answer(0.01, false));
    w.h.sim.run(500);
    const delays = retryDelays(w);
    expect(delays.length).toBeGreaterThan(20);
    for (const d of delays) {
      expect(d).toHaveLength(3);
      d.forEach((x) => expect(x).toBeCloseTo(3, 9));
    }
  });

  it('draws full-jitter delays uniformly on [0, d): each retry\'s mean delay is d/2 within the 99.9% CI', () => {
    const backoff = { kind: 'exponential', base: '1s', factor: 2, cap: '5s', jitter: 'full' };
    const w = clientWorld({ rate: '1/s', timeout: '1s', retries: 4, backoff }, answer(0.01, false));
    w.h.sim.run(3000);
    const delays = retryDelays(w);
    expect(delays.length).toBeGreaterThan(2000);
    [1, 2, 4, 5].forEach((d, i) => {
      const xs = delays.map((r) => r[i]!);
      for (const x of xs) {
        expect(x).toBeGreaterThanOrEqual(-1e-9);
        expect(x).toBeLessThan(d);
      }
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      // U(0, d) has variance d²/12.
      expect(Math.abs(mean - d / 2)).toBeLessThanOrEqual(Z * d / Math.sqrt(12 * xs.length));
    });
  });

  it('without backoff waits retry_delay (a human\'s think time) before each retry', () => {
    const w = clientWorld({ kind: 'human', rate: '1/s', timeout: '1s', retries: 2, retry_delay: { uniform: ['2s', '5s'] } }, answer(0.01, false));
    w.h.sim.run(2000);
    const xs = retryDelays(w).flat();
    expect(xs.length).toBeGreaterThan(3000);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(2 - 1e-9);
      expect(x).toBeLessThan(5);
    }
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(Math.abs(mean - 3.5)).toBeLessThanOrEqual(Z * 3 / Math.sqrt(12 * xs.length));
  });
});

describe('CallLoop: retry budget', () => {
  /** Retries sent: attempts received minus the requests they belong to (each sends a first try). */
  const retriesSent = (w: ClientWorld) => w.routed.length - attemptsByRequest(w.routed).size;

  it('stops retries when exhausted: a deposit budget of 10 tokens at 1 per retry grants exactly 10 retries when requests deposit nothing', () => {
    const budget = { kind: 'deposit', deposit_per_call: 0, cost_per_retry: 1, capacity: 10 };
    const w = clientWorld({ rate: '1/s', timeout: '1s', retries: 3, retry_delay: 0, retry_budget: budget }, answer(0.01, false));
    w.h.sim.run(200);
    expect(retriesSent(w)).toBe(10);
    // Once it is spent, every request makes one attempt.
    const done = w.h.recorder.done;
    expect(done.length).toBeGreaterThan(150);
    expect(done.slice(10).every((d) => d.req.attempts === 1)).toBe(true);
    expect(done.slice(0, 3).map((d) => d.req.attempts)).toEqual([4, 4, 4]);
  });

  it.each([
    { failure: 'an error', behaviour: answer(0.01, false), retries: 5 },
    { failure: 'a timeout', behaviour: never, retries: 2 },
  ])('charges a token bucket retry_cost after an error and timeout_cost after a timeout: 25 tokens buy $retries retries after $failure', ({ behaviour, retries }) => {
    const budget = { kind: 'token_bucket', capacity: 25, retry_cost: 5, timeout_cost: 10, success_refund: 1 };
    const w = clientWorld({ rate: '0.2/s', timeout: '1s', retries: 3, retry_delay: 0, retry_budget: budget }, behaviour);
    w.h.sim.run(500);
    expect(retriesSent(w)).toBe(retries);
  });

  it('gives each short-lived client its own budget (never exhausted) and N long-lived ones N budgets', () => {
    const budget = { kind: 'deposit', deposit_per_call: 0, cost_per_retry: 1, capacity: 10 };
    const spec = { rate: '1/s', timeout: '1s', retries: 3, retry_delay: 0, retry_budget: budget };
    const short = clientWorld({ ...spec, population: { kind: 'short_lived' } }, answer(0.01, false));
    short.h.sim.run(200);
    expect(short.h.recorder.done.every((d) => d.req.attempts === 4)).toBe(true);
    const long = clientWorld({ ...spec, population: { kind: 'long_lived', count: 4 } }, answer(0.01, false));
    long.h.sim.run(200);
    expect(retriesSent(long)).toBe(4 * 10);
  });
});

describe('CallLoop with a ratio (Envoy) budget and a breaker', () => {
  it('gives back the in-flight slot of a granted retry that the open breaker stops, so retries resume after the outage', () => {
    // Every attempt fails before t = 50 s (the breaker opens and short-circuits granted retries),
    // then the service answers every attempt: later failures would only come from a leaked budget.
    const spec = {
      rate: '1/s', timeout: '1s', retries: 3, retry_delay: 0,
      retry_budget: { kind: 'ratio', percent: 20, min_concurrency: 3 },
      breaker: { trip: { kind: 'consecutive', failures: 3 }, open: '2s' },
    };
    const { h, routed } = clientWorld(spec, (a, n, hh) => hh.sim.schedule(0.01, () => a.respond(hh.sim.now > 50 && n % 2 === 1)));
    h.sim.run(300);
    const later = routed.filter((r) => r.t > 60);
    const retried = new Set(later.filter((r) => r.req.attempts > 1).map((r) => r.req));
    expect(retried.size).toBeGreaterThan(50);
  });
});

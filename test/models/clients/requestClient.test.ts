/**
 * A client class: Poisson arrivals; each attempt has a timeout; a failed or timed-out attempt is
 * retried after `retry_delay`, up to `retries` times. Every attempt is counted when it is sent, so
 * attempts per request is the retry amplification. The service and the region picker are fakes
 * scripted per test.
 */
import { describe, expect, it } from 'vitest';
import { makeClient } from '../../../src/models/clients/fromSpec.js';
import type { ServiceTier } from '../../../src/models/service.js';
import type { Attempt, RegionPicker } from '../../../src/models/types.js';
import { harness, type Harness } from '../../support/modelHarness.js';
import { clientSpec } from '../../support/specs.js';

/** What the fake service does with the n-th attempt it receives (0-based). */
type Behaviour = (attempt: Attempt, n: number, h: Harness) => void;

function world(client: Record<string, unknown>, behaviour: Behaviour, opts: { region?: string | null; writeRatio?: number } = {}) {
  const h = harness();
  const routed: Array<{ t: number; region: string }> = [];
  let n = 0;
  const service = {
    route: (region: string, a: Attempt) => {
      routed.push({ t: h.sim.now, region });
      behaviour(a, n++, h);
    },
  } as unknown as ServiceTier;
  const region = opts.region === undefined ? 'east' : opts.region;
  const picker: RegionPicker = { pick: () => region };
  makeClient('web', 0, clientSpec(client), service, picker, opts.writeRatio ?? 0, h, []);
  return { h, routed };
}

const answerAfter = (s: number, ok: boolean): Behaviour => (a, _n, h) => h.sim.schedule(s, () => a.respond(ok));
const never: Behaviour = () => {};

describe('RequestClient (an api/human class)', () => {
  it('sends requests as a Poisson process at its rate (count within a 99.9% interval)', () => {
    // The count over T seconds is Poisson(λT): mean and variance λT; 3.29 sd is a two-sided 99.9% interval.
    const rate = 50, horizon = 400;
    const { h, routed } = world({ rate: `${rate}/s` }, answerAfter(0.01, true));
    h.sim.run(horizon);
    const expected = rate * horizon;
    expect(Math.abs(routed.length - expected)).toBeLessThanOrEqual(3.29 * Math.sqrt(expected));
    const gaps = routed.slice(1).map((r, i) => r.t - routed[i]!.t);
    // Exponential gaps: the mean gap's standard error is (1/λ)/√n.
    const meanGap = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(Math.abs(meanGap - 1 / rate)).toBeLessThanOrEqual((3.29 * (1 / rate)) / Math.sqrt(gaps.length));
  });

  it('records a request answered on its first attempt with one attempt and its latency', () => {
    const { h } = world({ rate: '1/s', timeout: '10s' }, answerAfter(0.25, true));
    h.sim.run(100);
    const done = h.recorder.done;
    expect(done.length).toBeGreaterThan(50);
    for (const d of done) {
      expect(d.ok).toBe(true);
      expect(d.req.attempts).toBe(1);
      expect(d.endT - d.req.arrivalT).toBeCloseTo(0.25, 9);
    }
    // One attempt each; at most one request is still in flight at the end.
    expect(h.recorder.attempts.length - done.length).toBeGreaterThanOrEqual(0);
    expect(h.recorder.attempts.length - done.length).toBeLessThanOrEqual(1);
  });

  it('times an unanswered attempt out after `timeout`, retries after retry_delay, and fails after 1 + retries attempts', () => {
    const { h, routed } = world({ rate: '0.01/s', timeout: '5s', retries: 2, retry_delay: '1s' }, never);
    h.sim.run(100_000);
    const first = h.recorder.done[0]!;
    expect(first.ok).toBe(false);
    expect(first.req.attempts).toBe(3);
    expect(first.endT - first.req.arrivalT).toBeCloseTo(3 * 5 + 2 * 1, 9);
    const sends = routed.slice(0, 3).map((r) => r.t - first.req.arrivalT);
    expect(sends[0]).toBeCloseTo(0, 9);
    expect(sends[1]).toBeCloseTo(6, 9);
    expect(sends[2]).toBeCloseTo(12, 9);
    // Every attempt is counted when sent: 3 per finished request, plus those of one still in flight.
    const finished = h.recorder.done;
    // ~1000 arrivals (0.01/s over 100 000 s); the Poisson count's 99.9% interval is ±3.29√1000.
    expect(finished.length).toBeGreaterThan(1000 - 3.29 * Math.sqrt(1000) - 1);
    expect(finished.every((d) => d.req.attempts === 3)).toBe(true);
    expect(h.recorder.attempts.length).toBe(routed.length);
    expect(routed.length - 3 * finished.length).toBeGreaterThanOrEqual(0);
    expect(routed.length - 3 * finished.length).toBeLessThanOrEqual(2);
  });

  it('counts the attempts of a request that succeeds on a retry', () => {
    // The first attempt of each request is refused at once, the retry succeeds.
    const { h } = world({ rate: '1/s', timeout: '5s', retries: 3, retry_delay: 0 }, (a, _n, h) => {
      h.sim.schedule(0.01, () => a.respond(a.req.attempts > 1));
    });
    h.sim.run(200);
    const done = h.recorder.done;
    expect(done.length).toBeGreaterThan(100);
    for (const d of done) {
      expect(d.ok).toBe(true);
      expect(d.req.attempts).toBe(2);
    }
    const sentForDone = done.reduce((a, d) => a + d.req.attempts, 0);
    expect(h.recorder.attempts.length).toBeGreaterThanOrEqual(sentForDone);
  });

  it('ignores an answer that arrives after its attempt timed out', () => {
    const { h } = world({ rate: '0.01/s', timeout: '2s', retries: 0 }, answerAfter(3, true));
    h.sim.run(100_000);
    for (const d of h.recorder.done) {
      expect(d.ok).toBe(false);
      expect(d.endT - d.req.arrivalT).toBeCloseTo(2, 9);
    }
    expect(h.recorder.done.length).toBe(h.recorder.attempts.length);
  });

  it('times out when there is no region to send to', () => {
    const { h, routed } = world({ rate: '1/s', timeout: '3s' }, never, { region: null });
    h.sim.run(100);
    expect(routed).toEqual([]);
    expect(h.recorder.done.length).toBeGreaterThan(50);
    expect(h.recorder.done.every((d) => !d.ok && Math.abs(d.endT - d.req.arrivalT - 3) < 1e-9)).toBe(true);
  });

  it('marks the write_ratio share of requests as writes (within a 99.9% binomial interval)', () => {
    const { h, routed } = world({ rate: '100/s' }, answerAfter(0.01, true), { writeRatio: 0.3 });
    h.sim.run(100);
    const n = h.recorder.done.length;
    const writes = h.recorder.done.filter((d) => d.req.isWrite).length;
    expect(Math.abs(writes / n - 0.3)).toBeLessThanOrEqual(3.29 * Math.sqrt((0.3 * 0.7) / n));
    expect(routed.length).toBeGreaterThan(0);
  });

  it('sends nothing at rate 0', () => {
    const { h, routed } = world({ rate: 0 }, never);
    h.sim.run(1000);
    expect(routed).toEqual([]);
  });
});

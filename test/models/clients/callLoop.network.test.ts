/**
 * Client regions: the round trip from the client's region to the serving region is added to
 * every attempt, and the client's timeout sees it. The fake service lives in `east`; the
 * harness topology has 0.5 ms inside a region and 80 ms between east and west.
 */
import { describe, expect, it } from 'vitest';
import { answer, attemptsByRequest, clientWorld, never } from '../../support/clientWorld.js';
import { EAST_WEST_RTT_S, IN_REGION_RTT_S } from '../../support/modelHarness.js';

const Z = 3.29;

describe('CallLoop from a client region', () => {
  it.each([
    { from: 'west', rtt: EAST_WEST_RTT_S },
    { from: 'east', rtt: IN_REGION_RTT_S },
  ])('clients in $from reach the east service half a round trip after sending, and see service time + the round trip', ({ from, rtt }) => {
    const w = clientWorld({ rate: '5/s', timeout: '1s', regions: { [from]: 1 } }, answer(0.01, true));
    w.h.sim.run(100);
    expect(w.routed.length).toBeGreaterThan(300);
    expect(w.routed.every((r) => Math.abs(r.t - r.req.arrivalT - rtt / 2) < 1e-9)).toBe(true);
    const done = w.h.recorder.done;
    expect(done.length).toBeGreaterThan(300);
    expect(done.every((d) => d.ok && Math.abs(d.endT - d.req.arrivalT - (0.01 + rtt)) < 1e-9)).toBe(true);
  });

  it('without regions nothing is added (the attempt reaches the service when it is sent)', () => {
    const w = clientWorld({ rate: '5/s', timeout: '1s' }, answer(0.01, true));
    w.h.sim.run(50);
    expect(w.h.recorder.done.length).toBeGreaterThan(100);
    expect(w.h.recorder.done.every((d) => d.req.clientRegion === -1 && Math.abs(d.endT - d.req.arrivalT - 0.01) < 1e-9)).toBe(true);
  });

  it("the client's timeout covers the round trip: a 50 ms timeout and a 10 ms answer succeed in east and time out from west", () => {
    const spec = { rate: '5/s', timeout: '50ms', retries: 1, retry_delay: 0 };
    const east = clientWorld({ ...spec, regions: { east: 1 } }, answer(0.01, true));
    east.h.sim.run(50);
    expect(east.h.recorder.done.length).toBeGreaterThan(100);
    expect(east.h.recorder.done.every((d) => d.ok && d.req.attempts === 1)).toBe(true);
    const west = clientWorld({ ...spec, regions: { west: 1 } }, answer(0.01, true));
    west.h.sim.run(50);
    expect(west.h.recorder.done.length).toBeGreaterThan(100);
    expect(west.h.recorder.done.every((d) => !d.ok && d.req.attempts === 2 && Math.abs(d.endT - d.req.arrivalT - 0.1) < 1e-9)).toBe(true);
  });

  it('an answer that arrives after the timeout is ignored, and a timed-out attempt still reaches the server', () => {
    const w = clientWorld({ rate: '5/s', timeout: '20ms', regions: { west: 1 } }, never);
    w.h.sim.run(50);
    expect(w.routed.length).toBeGreaterThan(100);
    // Sent, timed out at 20 ms, arrived at the service at 40 ms.
    expect(w.h.recorder.done.every((d) => !d.ok)).toBe(true);
    expect(w.routed.every((r) => Math.abs(r.t - r.req.arrivalT - 0.04) < 1e-9)).toBe(true);
  });

  it('draws each request’s region by the shares: 60% east within the 99.9% CI', () => {
    const w = clientWorld({ rate: '50/s', timeout: '1s', regions: { east: 0.6, west: 0.4 } }, answer(0.01, true));
    w.h.sim.run(200);
    const done = w.h.recorder.done;
    expect(done.length).toBeGreaterThan(9000);
    const eastShare = done.filter((d) => d.req.clientRegion === 0).length / done.length;
    expect(Math.abs(eastShare - 0.6)).toBeLessThanOrEqual(Z * Math.sqrt((0.6 * 0.4) / done.length));
    expect(done.every((d) => d.req.clientRegion === 0 || d.req.clientRegion === 1)).toBe(true);
  });

  it('an agent runs in one region: every call of its workflow comes from it', () => {
    const spec = { kind: 'agent', rate: '20/min', timeout: '1s', retries: 0, regions: { east: 0.5, west: 0.5 }, workflow: { steps: 2, fan_out: 4, restarts: 0, think_time: 0 } };
    const w = clientWorld(spec, answer(0.01, true));
    w.h.sim.run(600);
    const byStart = new Map<number, Set<number>>();
    // Calls of one step start at the same instant; steps of one workflow follow each other.
    for (const [req] of attemptsByRequest(w.routed)) {
      const key = req.arrivalT;
      if (!byStart.has(key)) byStart.set(key, new Set());
      byStart.get(key)!.add(req.clientRegion);
    }
    expect(byStart.size).toBeGreaterThan(200);
    expect([...byStart.values()].every((s) => s.size === 1)).toBe(true);
    const regions = new Set([...byStart.values()].map((s) => [...s][0]));
    expect(regions).toEqual(new Set([0, 1]));
  });
});

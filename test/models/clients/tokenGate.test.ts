/**
 * Sessions and their tokens: a session whose token is valid keeps working through a control-plane
 * outage; one whose token expired is refused while the control plane of the region it goes to is
 * down, and renewed (for a full lifetime) once it is back. Tokens in use at the start expire
 * uniformly over one lifetime, so D seconds into an outage a share D / lifetime of sessions is
 * locked out.
 */
import { describe, expect, it } from 'vitest';
import { TokenGate } from '../../../src/models/clients/tokenGate.js';
import { RegionalControlPlane } from '../../../src/models/regionalControlPlane.js';
import type { Attempt, ServiceEntry } from '../../../src/models/types.js';
import { at, harness, request } from '../../support/modelHarness.js';

function world(count: number, lifetimeS: number) {
  const base = harness('tokens');
  const cp = new RegionalControlPlane(base.sim, base.recorder, base.topology);
  const h = { ...base, controlPlane: cp };
  const routed: Array<{ region: string; session: number }> = [];
  const inner: ServiceEntry = { route: (region, a) => routed.push({ region, session: a.req.session }) };
  const gate = new TokenGate(count, lifetimeS, inner, h.streams.stream('sessions'), h);
  const refused: number[] = [];
  /** Sends one attempt of session `session` (−1: let the gate draw one) to `region` now. */
  const send = (region: string, session = -1) => {
    const req = request({ session });
    const attempt: Attempt = { req, respond: (ok) => { if (!ok) refused.push(req.session); } };
    gate.route(region, attempt);
  };
  return { h, cp, gate, routed, refused, send };
}

describe('TokenGate', () => {
  it('locks out a share D / lifetime of sessions D seconds into a control-plane outage (binomial bound)', () => {
    const N = 4000;
    const lifetimeS = 1000;
    for (const d of [250, 500, 750]) {
      const { h, cp, refused, send } = world(N, lifetimeS);
      at(h, 0, () => cp.setDown('east', true));
      at(h, d, () => { for (let s = 0; s < N; s++) send('east', s); });
      h.sim.run(d + 1);
      const p = d / lifetimeS;
      // 99.9% two-sided bound of a binomial(N, p) count.
      const bound = 3.3 * Math.sqrt(N * p * (1 - p));
      expect(Math.abs(refused.length - N * p)).toBeLessThan(bound);
    }
  });

  it('lets sessions with a valid token through a control-plane outage, and renews expired ones in a region whose control plane is up', () => {
    const { h, cp, gate, routed, refused, send } = world(100, 1000);
    at(h, 0, () => cp.setDown('east', true));
    at(h, 400, () => {
      const expired = gate.expiredSessions(400);
      expect(expired).toBeGreaterThan(0);
      for (let s = 0; s < 100; s++) send('east', s);
      expect(refused).toHaveLength(0); // refusals come back after a millisecond
    });
    at(h, 401, () => {
      expect(routed.length + refused.length).toBe(100);
      expect(refused.length).toBe(gate.expiredSessions(401));
      // The same sessions sent to west, whose control plane is up, get a token and go through.
      routed.length = 0;
      for (const s of [...refused]) send('west', s);
      expect(routed.map((r) => r.session)).toEqual(refused);
      expect(gate.expiredSessions(401)).toBe(0);
    });
    h.sim.run(500);
  });

  it('renews a refused session once the control plane is back, for a whole lifetime', () => {
    const { h, cp, gate, routed, refused, send } = world(1, 100);
    at(h, 0, () => cp.setDown('east', true));
    at(h, 150, () => send('east', 0));
    at(h, 200, () => cp.setDown('east', false));
    at(h, 250, () => send('east', 0));
    at(h, 300, () => cp.setDown('east', true));
    at(h, 340, () => send('east', 0));
    at(h, 360, () => send('east', 0));
    h.sim.run(400);
    expect(refused).toEqual([0, 0]);
    expect(routed).toHaveLength(2);
    expect(gate.expiredSessions(349.9)).toBe(0);
    expect(gate.expiredSessions(350)).toBe(1);
  });

  it('keeps a request in the session it drew on its first attempt', () => {
    const { h, routed, send } = world(50, 1000);
    at(h, 1, () => send('east'));
    h.sim.run(2);
    expect(routed).toHaveLength(1);
    expect(routed[0]!.session).toBeGreaterThanOrEqual(0);
    expect(routed[0]!.session).toBeLessThan(50);
  });
});

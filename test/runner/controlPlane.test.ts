/**
 * A control-plane outage end to end: the data plane keeps serving, but sessions whose token
 * expires during the outage are locked out until the control plane returns. With tokens of 10
 * minutes and a 20-minute outage, every session has expired halfway through, so the SLO breaks
 * within seconds and holds again one SLO window after the control plane is back. Without sessions
 * the same fault touches nothing in the data plane, but the business is not back before the
 * control plane is.
 */
import { describe, expect, it } from 'vitest';
import { runReplication } from '../../src/runner/replication.js';
import { loadScenarioText } from '../../src/scenario/load.js';

const OUTAGE_S = 1200;
const WINDOW_S = 60;

const text = `
name: control-plane-tokens
seed: 5
replications: 3
horizon: 40m
slo: { success_ratio: 0.99, latency: 1s, window: 1m, sustained: 2m }
system:
  regions: { us-east: {} }
  services:
    api: { instances: { us-east: 4 }, concurrency: 8, service_time: { exponential: { mean: 20ms } } }
  clients:
    web: { rate: 50/s, timeout: 2s, retries: 0 }
fault: { kind: control_plane_outage, region: us-east, at: 2m, duration: 20m }
designs:
  sessions:
    system.clients.web.sessions: { count: 2000, token_lifetime: 10m }
  no-sessions: {}
`;

describe('control-plane outage with session tokens', async () => {
  const loaded = await loadScenarioText(text, 'control-plane-tokens.yaml');
  const design = (name: string) => loaded.designs.find((d) => d.name === name)!.scenario;

  it('locks out expiring sessions until the control plane returns, then recovers within one SLO window', () => {
    for (let rep = 0; rep < 2; rep++) {
      const o = runReplication(design('sessions'), rep);
      expect(o.rto_s).not.toBeNull();
      expect(o.rto_s!).toBeGreaterThanOrEqual(OUTAGE_S);
      expect(o.rto_s!).toBeLessThanOrEqual(OUTAGE_S + WINDOW_S + 1);
      expect(o.availability).toBeLessThan(0.9);
    }
  });

  it('touches nothing without sessions: the data plane keeps serving, and the business is back with the control plane', () => {
    const o = runReplication(design('no-sessions'), 0);
    expect(o.rto_s).toBe(0);
    expect(o.availability).toBe(1);
    expect(o.business_rto_s).toBe(OUTAGE_S);
    expect(o.business_last_part).toBe('control_plane');
  });
});

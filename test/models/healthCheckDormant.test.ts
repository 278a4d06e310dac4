/**
 * Liveness checks of serving instances are not simulated (their outcome is certain and changes
 * nothing); when a process stops, its check resumes exactly where it would be: the same check
 * times (its random phase, then every interval), and a check started just before the stop and
 * not yet answered still fails. These tests compute the check times from the check's own random
 * stream and assert the load balancer's verdict lands on them.
 */
import { describe, expect, it } from 'vitest';
import { ServiceTier } from '../../src/models/service.js';
import { LIVENESS_ANSWER_S } from '../../src/models/healthCheck.js';
import { at, harness } from '../support/modelHarness.js';
import { serviceSpec } from '../support/specs.js';

const INTERVAL_S = 10;
const TIMEOUT_S = 2;
const UNHEALTHY_AFTER = 3;

function world(instances: number, kind: 'liveness' | 'deep' = 'liveness') {
  const h = harness('dormant-checks', 3);
  const tier = new ServiceTier('api', serviceSpec({
    instances: { east: instances },
    concurrency: 2,
    service_time: '10ms',
    startup: '30s',
    health_check: { kind, interval: `${INTERVAL_S}s`, timeout: `${TIMEOUT_S}s`, unhealthy_after: UNHEALTHY_AFTER, healthy_after: 2 },
  }), null, h);
  return { h, tier, lb: tier.balancers.get('east')! };
}

/** The times the first instance's checks run: its phase, then every interval (as the kernel adds them). */
function checkTimes(h: ReturnType<typeof harness>, untilS: number): number[] {
  const out: number[] = [];
  for (let t = h.streams.stream('health:api/east/1')() * INTERVAL_S; t <= untilS; t += INTERVAL_S) out.push(t);
  return out;
}

describe('HealthCheck, dormant while its instance serves', () => {
  it('runs no kernel event for the checks of a fleet that keeps serving', () => {
    const { h, lb } = world(200);
    h.sim.run(3600);
    expect(h.sim.events).toBe(0);
    expect(lb.healthyInstances).toBe(200);
  });

  it('runs no kernel event for deep checks of instances without a database (they check liveness)', () => {
    const { h } = world(5, 'deep');
    h.sim.run(600);
    expect(h.sim.events).toBe(0);
  });

  it('takes a crashed instance out at the third check after the crash, failing at each check timeout', () => {
    const { h, tier } = world(1);
    const times = checkTimes(h, 1000);
    expect(times.length).toBeGreaterThan(10);
    const crashT = times[5]! + 4; // between two checks
    at(h, crashT, () => h.topology.setHostCrashed(tier.instances[0]!.host, true));
    h.sim.run(1000);
    const [empty] = h.recorder.notesOf('lb_empty');
    expect(empty!.t).toBe(times[6 + UNHEALTHY_AFTER - 1]! + TIMEOUT_S);
  });

  it('fails the check in flight when the process stops before that check is answered', () => {
    const { h, tier } = world(1);
    const times = checkTimes(h, 1000);
    expect(times.length).toBeGreaterThan(10);
    at(h, times[5]! + LIVENESS_ANSWER_S / 2, () => h.topology.setHostCrashed(tier.instances[0]!.host, true));
    h.sim.run(1000);
    const [empty] = h.recorder.notesOf('lb_empty');
    // Failures at times[5] + answer, then times[6] and times[7] at their timeouts.
    expect(empty!.t).toBe(times[5 + UNHEALTHY_AFTER - 1]! + TIMEOUT_S);
  });

  it('puts a restarted instance back in rotation, then falls dormant again', () => {
    const { h, tier, lb } = world(1);
    const host = tier.instances[0]!.host;
    at(h, 100, () => h.topology.setHostCrashed(host, true));
    at(h, 200, () => h.topology.setHostCrashed(host, false));
    h.sim.run(600);
    expect(lb.healthyInstances).toBe(1);
    expect(h.recorder.phases.filter((p) => p.phase === 'health_checks')).toHaveLength(1);
    const events = h.sim.events;
    h.sim.run(3600);
    expect(h.sim.events).toBe(events);
  });
});

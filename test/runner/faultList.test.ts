/**
 * A list of faults, each with its own `at`: a region outage takes the database primary away while
 * the control plane of the region holding the replica is down. The automated promotion waits for
 * that control plane (issue 13: a control-plane outage during a regional failover freezes
 * promotion), so recovery is later by exactly the time the promotion was blocked, and the
 * `control_plane` phase says so. The timeline counts from the first fault to start.
 */
import { describe, expect, it } from 'vitest';
import { runReplication, timelineGrid } from '../../src/runner/replication.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { problemsOfText } from '../scenario/helpers.js';

const REGION_AT_S = 300;
const CP_AT_S = 240;
const CP_S = 1200;
const DETECTION_S = 30;

const text = `
name: fault-list
seed: 3
replications: 2
horizon: 50m
slo: { success_ratio: 0.99, latency: 1s, window: 1m, sustained: 2m }
system:
  regions: { us-east: {}, us-west: {} }
  databases:
    orders:
      primary: us-east
      replicas: [{ region: us-west, mode: async, lag: 50ms }]
      promotion: { mode: automated, detection: ${DETECTION_S}s, promotion: 30s }
  services:
    api:
      instances: { us-west: 4 }
      concurrency: 20
      service_time: { exponential: { mean: 10ms } }
      database: orders
      pools: { orders: { max: 10, connect_timeout: 2s, query_timeout: 2s, validate_on_borrow: true } }
  clients:
    web: { rate: 40/s, timeout: 3s, retries: 0 }
fault:
  - { kind: region_outage, region: us-east, at: ${REGION_AT_S}s }
  - { kind: control_plane_outage, region: us-west, at: ${CP_AT_S}s, duration: ${CP_S}s }
designs:
  both: {}
  region-only:
    fault: { kind: region_outage, region: us-east, at: ${REGION_AT_S}s }
`;

describe('a list of faults', async () => {
  const loaded = await loadScenarioText(text, 'fault-list.yaml');
  const design = (name: string) => loaded.designs.find((d) => d.name === name)!.scenario;

  it('holds the failover for the control-plane outage: recovery later by the blocked time, reported as the control_plane phase', () => {
    // Promotion is asked for at detection (region outage + 30 s) and runs when the control plane returns.
    const blockedS = CP_AT_S + CP_S - (REGION_AT_S + DETECTION_S);
    for (let rep = 0; rep < 2; rep++) {
      const both = runReplication(design('both'), rep);
      const alone = runReplication(design('region-only'), rep);
      expect(both.fault_start_s).toBe(CP_AT_S);
      expect(alone.fault_start_s).toBe(REGION_AT_S);
      expect(both.rto_s).not.toBeNull();
      expect(alone.rto_s).not.toBeNull();
      // RTOs count from different starts: compare recovery instants. The SLO's 1-second resolution on each side.
      const lateBy = (both.fault_start_s! + both.rto_s!) - (alone.fault_start_s! + alone.rto_s!);
      expect(Math.abs(lateBy - blockedS)).toBeLessThanOrEqual(2);
      const cp = both.rto_phases!.find((p) => p.phase === 'control_plane');
      expect(cp?.s).toBeCloseTo(blockedS, 6);
      expect(alone.rto_phases!.some((p) => p.phase === 'control_plane')).toBe(false);
    }
  });

  it('anchors the timeline at the first fault to start', () => {
    expect(timelineGrid(design('both')).startS).toBe(-240);
    expect(timelineGrid(design('region-only')).startS).toBe(-300);
  });

  it('locates a problem in one fault of the list by its index', () => {
    const bad = text.replace('kind: control_plane_outage, region: us-west', 'kind: control_plane_outage, region: mars');
    expect(problemsOfText(bad).map((p) => p.path)).toEqual(['fault[1].region']);
  });
});

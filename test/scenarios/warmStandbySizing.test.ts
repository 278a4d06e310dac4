/**
 * `warm-standby-sizing`: active-passive, us-east lost, a warm standby of 1, 3 or 6 instances that
 * the on-call scales to 6. What its header states, from the mechanisms:
 *
 * - a standby too small to carry the traffic recovers only after paging and provisioning: its
 *   RTO CI lies above the 5-minute target and `scale_up` is the largest phase of its recovery;
 * - the full-size standby recovers by failover alone, its RTO CI under the target.
 *
 * Budget: 4 replications instead of 8, the scenario's horizon. Streams are keyed by (seed,
 * replication, component), so these are the first 4 replications of the shipped run.
 */
import { describe, expect, it } from 'vitest';
import type { DesignResult } from '../../src/runner/result.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';

const REPLICATIONS = 4;
const TARGET_S = 300;
const loaded = await loadScenario('scenarios/warm-standby-sizing.yaml');
const result = simulateSequential(loaded, { replications: REPLICATIONS });
const design = (name: string): DesignResult => result.designs.find((d) => d.name === name)!;

describe('warm-standby-sizing', () => {
  it.each(['pilot-light-1', 'warm-half'])('%s waits for the scale-up: RTO CI above the 5-minute target, scale_up the largest phase', (name) => {
    const d = design(name);
    expect(d.metrics.rto_s.recovered).toBe(REPLICATIONS);
    expect(d.metrics.rto_s.ci95![0]).toBeGreaterThan(TARGET_S);
    const phases = d.rto_phases!;
    expect(phases.length).toBeGreaterThan(0);
    const largest = phases.reduce((a, b) => (b.mean_s > a.mean_s ? b : a));
    expect(largest.phase).toBe('scale_up');
  });

  it('warm-full recovers by failover alone: RTO CI under the target, no scale_up phase', () => {
    const d = design('warm-full');
    expect(d.metrics.rto_s.recovered).toBe(REPLICATIONS);
    expect(d.metrics.rto_s.ci95![1]).toBeLessThan(TARGET_S);
    expect(d.rto_phases!.some((p) => p.phase === 'scale_up')).toBe(false);
  });
});

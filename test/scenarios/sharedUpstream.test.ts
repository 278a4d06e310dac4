/**
 * `shared-upstream` (REFERENCE.md case G): two payment providers behind one edge network versus
 * truly independent ones, the edge failing for 30 minutes. What the header says to look at,
 * checked from the mechanisms: the static graph names the shared edge as a single point of
 * failure of shared-edge only; in the run both providers fail together for exactly the outage
 * (every call fails at once while the edge is down, and succeeds again as soon as it is back, so
 * the RTO is the outage plus at most one SLO window), and the independent design never breaks
 * its SLO (every call fails over to the second provider).
 */
import { describe, expect, it } from 'vitest';
import type { DesignResult } from '../../src/runner/result.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { cli } from '../support/cli.js';

const REPLICATIONS = 3;
const OUTAGE_S = 30 * 60;
const WINDOW_S = 60;
const loaded = await loadScenario('scenarios/shared-upstream.yaml');
const result = simulateSequential(loaded, { replications: REPLICATIONS });
const design = (name: string): DesignResult => result.designs.find((d) => d.name === name)!;

describe('shared-upstream', () => {
  it('graph names the shared edge network as the single point of failure of shared-edge, and finds none in independent', async () => {
    const { code, stdout } = await cli(['graph', 'scenarios/shared-upstream.yaml']);
    expect(code).toBe(0);
    const [shared, independent] = stdout.split('\n\n');
    expect(shared).toContain('! shared-edge: single point of failure: dependency edge-net takes down every path of shoppers; down with it: checkout@us-east, pay-a, pay-b');
    expect(shared!.match(/single point of failure/g)).toHaveLength(1);
    expect(independent).toContain('single points of failure: none');
  });

  it('run reports the same finding in the result of shared-edge only', () => {
    expect(design('shared-edge').single_points_of_failure).toEqual([
      { kind: 'dependency', component: 'edge-net', classes: ['shoppers'], takes_down: ['checkout@us-east', 'pay-a', 'pay-b'] },
    ]);
    expect(design('independent').single_points_of_failure).toBeUndefined();
  });

  it('shared-edge is down for the whole edge outage: both providers fail together', () => {
    const reps = design('shared-edge').replications;
    expect(reps).toHaveLength(REPLICATIONS);
    for (const r of reps) {
      expect(r.rto_s).not.toBeNull();
      expect(r.rto_s!).toBeGreaterThanOrEqual(OUTAGE_S - 1);
      expect(r.rto_s!).toBeLessThanOrEqual(OUTAGE_S + WINDOW_S + 1);
    }
  });

  it('independent keeps serving through the edge outage: every call fails over to the second provider', () => {
    const d = design('independent');
    expect(d.replications).toHaveLength(REPLICATIONS);
    for (const r of d.replications) expect(r.rto_s).toBe(0);
    expect(d.metrics.availability.min).toBe(1);
  });
});

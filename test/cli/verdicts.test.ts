/**
 * The human-readable outputs say why a verdict is missing rather than inventing one (issue 15):
 * a fault at 0 s has no pre-fault baseline, a fault ending near the horizon leaves no time to
 * see goodput hold, and a system where nothing ever succeeds is never "recovered".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatComparison } from '../../src/cli/compareFormat.js';
import { formatResult } from '../../src/cli/format.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenarioText } from '../../src/scenario/load.js';

const TINY = 'test/fixtures/runner/tiny.yaml';
const FAULT = "fault: { kind: region_outage, region: us-east, at: { uniform: [1m, 2m] }, duration: { uniform: [1m, 3m] } }";

/** tiny.yaml (two designs, 10 min) with another fault line, 2 replications. */
function runWith(fault: string, extra = (t: string) => t) {
  const text = extra(readFileSync(TINY, 'utf8').replace(FAULT, fault).replace('replications: 6', 'replications: 2'));
  expect(text).toContain(fault);
  return simulateSequential(loadScenarioText(text, TINY));
}

describe('metastability verdicts where none is possible', () => {
  it('a fault at 0 s is not judged: JSON, run table and compare all say there is no baseline', () => {
    const r = runWith('fault: { kind: region_outage, region: us-east, at: 0s, duration: 1m }');
    for (const d of r.designs) expect(d.metastability).toMatchObject({ judged: 0, metastable: 0, not_judged: 2, not_judged_because: { no_pre_fault_baseline: 2 } });
    const table = formatResult(r);
    expect(table).toContain('base: not judged in 2 of 2 replications: the fault started with less than one SLO window of pre-fault history (no baseline) (2)');
    expect(table).not.toMatch(/metastable in/);
    const cmp = formatComparison(r);
    expect(cmp).toMatch(/metastable \(goodput stayed down\) +not judged +not judged/);
    expect(cmp).toContain('! base: metastability not judged in 2 of 2 replications');
  });

  it('a fault that ends too close to the horizon is not judged', () => {
    const r = runWith('fault: { kind: region_outage, region: us-east, at: 2m, duration: 7m }');
    expect(r.designs[0]!.metastability.not_judged_because).toEqual({ fault_ended_too_late: 2 });
    expect(formatResult(r)).toContain('the fault ended less than the SLO window + sustained before the last measurable second (2)');
  });

  it('a system where nothing ever succeeds is never reported "recovered ... goodput back 0ms"', () => {
    // Every request takes 10 s against a 2 s timeout: nothing succeeds, before or after the fault.
    const r = runWith(FAULT, (t) => t.replace('service_time: { exponential: { mean: 40ms } }', 'service_time: 10s'));
    const d = r.designs[0]!;
    expect(d.metrics.availability.mean).toBe(0);
    expect(d.metastability.not_judged_because).toEqual({ no_pre_fault_goodput: 2 });
    const table = formatResult(r);
    expect(table).not.toMatch(/recovered in all/);
    expect(table).not.toMatch(/goodput was back/);
    expect(table).toContain('nothing succeeded before the fault (no baseline to return to) (2)');
  });
});

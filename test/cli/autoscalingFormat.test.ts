/**
 * `run` prints an autoscaling table (scale-outs, refusals for insufficient capacity, most
 * instances, scale-ins) per design, service and region when a service autoscales, and nothing otherwise.
 */
import { describe, expect, it } from 'vitest';
import { formatResult } from '../../src/cli/format.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { AUTOSCALING_LINE, evacuationScenario } from '../support/evacuationScenario.js';

const text = (autoscaling: string) => evacuationScenario(autoscaling, 'designs:\n  limited: { system.regions.west.instance_limit: 7 }');

describe('the autoscaling table of run', () => {
  it('shows each autoscaled region with the figures of the Result', () => {
    const result = simulateSequential(loadScenarioText(text(AUTOSCALING_LINE), 'a.yaml'));
    const west = result.designs[0]!.autoscaling!.find((a) => a.region === 'west')!;
    expect(west.max_instances.mean).toBe(7);
    expect(west.refused_insufficient_capacity.mean!).toBeGreaterThan(0);
    const lines = formatResult(result).split('\n');
    const header = lines.findIndex((l) => l.startsWith('autoscaling ('));
    expect(header).toBeGreaterThan(-1);
    const row = lines.slice(header).find((l) => /\bapi\s+west\b/.test(l))!;
    expect(row).toBeDefined();
    const cells = row.trim().split(/\s{2,}/);
    expect(cells.slice(-4)).toEqual([west.scale_outs.mean!.toFixed(1), west.refused_insufficient_capacity.mean!.toFixed(1), '7.0', west.scale_ins.mean!.toFixed(1)]);
  });

  it('is absent when no service autoscales', () => {
    const result = simulateSequential(loadScenarioText(text(''), 'b.yaml'));
    expect(result.designs[0]!.autoscaling).toBeUndefined();
    expect(formatResult(result)).not.toContain('autoscaling (');
  });
});

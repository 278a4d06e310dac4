import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { simulateToPrecision } from '../../src/runner/precision.js';
import { HEADLINES } from '../../src/runner/compare.js';
import { resultJson } from '../../src/cli/io.js';

const TINY = 'test/fixtures/runner/tiny.yaml';

describe('precision-driven runs', () => {
  it('stops once every headline metric of every design has a CI half-width within the target share of its mean', async () => {
    const loaded = await loadScenario(TINY);
    const result = await simulateToPrecision(loaded, { workers: 2, replications: 4 }, { relative: 0.2, maxReplications: 200 });
    expect(result.precision!.reached).toBe(true);
    expect(result.precision!.batches[0]).toBe(4);
    expect(result.scenario.replications).toBe(result.precision!.batches.at(-1));
    for (const d of result.designs) {
      expect(d.replications).toHaveLength(result.scenario.replications);
      for (const h of HEADLINES) {
        const s = d.metrics[h.metric];
        if (s.ci95 === null || s.mean === null) continue;
        expect((s.ci95[1] - s.ci95[0]) / 2).toBeLessThanOrEqual(0.2 * Math.abs(s.mean) + 1e-12);
      }
    }
  });

  it('is deterministic: the same inputs stop at the same count with the same bytes, whatever the workers', async () => {
    const loaded = await loadScenario(TINY);
    const a = await simulateToPrecision(loaded, { workers: 1, replications: 3 }, { relative: 0.2, maxReplications: 200 });
    const b = await simulateToPrecision(loaded, { workers: 2, replications: 3 }, { relative: 0.2, maxReplications: 200 });
    expect(resultJson(b)).toBe(resultJson(a));
  });

  it('says when the cap stopped the run before the target', async () => {
    const loaded = await loadScenario(TINY);
    const result = await simulateToPrecision(loaded, { workers: 2, replications: 3 }, { relative: 0.001, maxReplications: 7 });
    expect(result.precision).toMatchObject({ reached: false, max_replications: 7, batches: [3, 7] });
    expect(result.scenario.replications).toBe(7);
    expect(result.precision!.worst).not.toBeNull();
  });
});

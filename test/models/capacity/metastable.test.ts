/**
 * Overload from mechanisms alone: a linear load-dependent server (test/fixtures/capacity/spike.yaml)
 * at 60% load, clients with a 1 s timeout, and a 2× traffic spike for 5 s. Requests pile up past
 * the in-flight count where they outlast the timeout; timed-out work keeps occupying the server.
 * With 3 retries and no backoff the retries (4 × 30/s offered, above the 50/s peak) keep it there
 * after the spike ends: the metastability judge says goodput never came back. Without retries the
 * same spike drains and goodput recovers.
 */
import { describe, expect, it } from 'vitest';
import { simulateSequential } from '../../../src/runner/simulate.js';
import { loadScenario } from '../../../src/scenario/load.js';

describe('metastable overload on a load-dependent server', () => {
  it('a 5 s 2× spike leaves goodput down long after it with retries without backoff; without retries it recovers', async () => {
    const loaded = await loadScenario('test/fixtures/capacity/spike.yaml');
    const result = simulateSequential(loaded);
    const byName = (n: string) => result.designs.find((d) => d.name === n)!;
    const storm = byName('retries-no-backoff').metastability;
    expect(storm.judged).toBe(loaded.scenario.replications);
    expect(storm.metastable).toBe(storm.judged);
    expect(byName('retries-no-backoff').metrics.rto_s.not_recovered).toBe(loaded.scenario.replications);
    const calm = byName('no-retries').metastability;
    expect(calm.judged).toBe(loaded.scenario.replications);
    expect(calm.metastable).toBe(0);
    // The spike did hurt without retries too (requests timed out during it), then it drained.
    expect(byName('no-retries').metrics.availability.mean!).toBeLessThan(1);
  });
});

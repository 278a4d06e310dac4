/**
 * Overload from mechanisms alone: a linear load-dependent server (test/fixtures/capacity/spike.yaml)
 * at 60% load, clients with a 1 s timeout, and a 2× traffic spike for 5 s. Requests pile up past
 * the in-flight count where they outlast the timeout; timed-out work keeps occupying the server.
 * With 3 retries and no backoff the retries (4 × 30/s offered, above the 50/s peak) keep it there
 * after the spike ends: the metastability judge says goodput never came back. Without retries the
 * same spike drains and goodput recovers; with the same 3 retries under exponential backoff and
 * full jitter (first retry within 20 s, the fixture says why) the failed attempts' retries arrive
 * spread out after the drain, and it recovers as well.
 */
import { describe, expect, it } from 'vitest';
import { simulateSequential } from '../../../src/runner/simulate.js';
import { loadScenario } from '../../../src/scenario/load.js';

describe('metastable overload on a load-dependent server', async () => {
  const loaded = await loadScenario('test/fixtures/capacity/spike.yaml');
  const result = simulateSequential(loaded);
  const byName = (n: string) => result.designs.find((d) => d.name === n)!;
  const replications = loaded.scenario.replications;

  it('a 5 s 2× spike leaves goodput down long after it with retries without backoff; without retries it recovers', () => {
    const storm = byName('retries-no-backoff').metastability;
    expect(storm.judged).toBe(replications);
    expect(storm.metastable).toBe(storm.judged);
    expect(byName('retries-no-backoff').metrics.rto_s.not_recovered).toBe(replications);
    const calm = byName('no-retries').metastability;
    expect(calm.judged).toBe(replications);
    expect(calm.metastable).toBe(0);
    // The spike did hurt without retries too (requests timed out during it), then it drained.
    expect(byName('no-retries').metrics.availability.mean!).toBeLessThan(1);
  });

  it('with exponential backoff and full jitter the same 3 retries let the same spike drain: never metastable, RTO recovered in every replication', () => {
    const jitter = byName('retries-full-jitter');
    expect(jitter.metastability.judged).toBe(replications);
    expect(jitter.metastability.metastable).toBe(0);
    expect(jitter.metrics.rto_s.recovered).toBe(replications);
    expect(jitter.metrics.rto_s.not_recovered).toBe(0);
    // It recovered with its retries, not without them: attempts timed out in the spike and were retried.
    expect(jitter.metrics.retry_amplification.min!).toBeGreaterThan(1);
  });
});

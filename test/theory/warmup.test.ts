/**
 * Steady state near saturation (issue 15, item 8), through the whole model and the `services[]`
 * summaries the CLI prints, with `fault: none` and a warm-up. Fixture: test/fixtures/theory/warmup.yaml.
 *
 * Statistical rule: each figure's `ci95` is a 95% interval over R = 20 independent replications.
 * The file checks 4 intervals against theory (M/M/1 wait and P(wait > 0), M/M/4 wait and
 * P(wait > 0)); each is widened to the 1 − 0.05/4 level (Bonferroni, factor t(1 − 0.05/8, 19) /
 * t(0.975, 19) ≈ 1.30) so that a correct engine fails the file with probability at most 5%.
 * Seeds are fixed, so runs are repeatable.
 */
import { describe, expect, it } from 'vitest';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { tQuantile } from '../../src/stats/tDistribution.js';
import { erlangC, mmcMeanWait } from '../support/queueingTheory.js';
import { readFileSync } from 'node:fs';
import { briefly, oneService, problemsOfText } from '../scenario/helpers.js';

const FIXTURE = 'test/fixtures/theory/warmup.yaml';
const loaded = await loadScenario(FIXTURE);
const R = loaded.scenario.replications;
const WIDEN = tQuantile(1 - 0.05 / 8, R - 1) / tQuantile(0.975, R - 1);
const MU = 100;

interface Summary { n: number; mean: number | null; ci95: [number, number] | null }

function run(design: string, input = loaded) {
  const d = input.designs.find((x) => x.name === design)!;
  return simulateSequential({ ...input, designs: [d] }).designs[0]!;
}

function expectWithin(x: Summary, analytic: number, what: string): void {
  expect(x.n).toBe(R);
  const [lo, hi] = x.ci95!;
  const m = x.mean!;
  const tolLo = WIDEN * (m - lo);
  const tolHi = WIDEN * (hi - m);
  expect(analytic, `${what}: ${m} (${lo}–${hi}, widened ${m - tolLo}–${m + tolHi}) vs theory ${analytic}`).toBeGreaterThanOrEqual(m - tolLo);
  expect(analytic, `${what}: ${m} (${lo}–${hi}, widened ${m - tolLo}–${m + tolHi}) vs theory ${analytic}`).toBeLessThanOrEqual(m + tolHi);
}

describe('steady state with a warm-up and no fault', () => {
  const mm1 = run('mm1-rho095');

  it('M/M/1 at rho = 0.95: the mean wait and P(wait > 0) agree with theory', () => {
    const [s] = mm1.services;
    expectWithin(s!.queue_wait_s as Summary, mmcMeanWait(95, MU, 1), 'queue_wait_s vs ρ/(μ − λ)');
    expectWithin(s!.wait_probability as Summary, erlangC(1, 0.95), 'wait_probability vs ρ');
  });

  it('M/M/4 at rho = 0.9: P(wait > 0) is Erlang C', () => {
    const [s] = run('mm4-rho09').services;
    expectWithin(s!.queue_wait_s as Summary, mmcMeanWait(36, 10, 4), 'queue_wait_s vs Erlang C / (cμ − λ)');
    expectWithin(s!.wait_probability as Summary, erlangC(4, 3.6), 'wait_probability vs Erlang C');
  });

  it('without the warm-up the same replications under-state the wait (they start empty)', () => {
    const cold = loadScenarioText(readFileSync(FIXTURE, 'utf8').replace('warmup: 100s', 'warmup: 0s'), FIXTURE);
    const coldRun = run('mm1-rho095', cold);
    expect(coldRun.replications).toHaveLength(R);
    const warm = mm1.services[0]!.queue_wait_s.mean!;
    const coldMean = coldRun.services[0]!.queue_wait_s.mean!;
    expect(coldMean).toBeLessThan(warm);
  });

  it('says RTO and metastability do not apply, and reports waits still queued at the horizon', () => {
    expect(mm1.metrics.rto_s).toMatchObject({ n: 0, recovered: 0, not_recovered: 0, not_applicable: R });
    expect(mm1.metastability).toMatchObject({ judged: 0, not_judged: R, not_judged_because: { no_fault: R } });
    expect(mm1.replications.every((r) => r.fault_start_s === null && r.rto_s === null)).toBe(true);
    // At rho = 0.95 the queue holds ~18 requests on average: some are always waiting at the horizon.
    expect(mm1.services[0]!.censored_waits.mean).toBeGreaterThan(0);
  });

  it('refuses a warm-up that does not end before the horizon, at its line', () => {
    const text = oneService('      concurrency: 10', 'fault: none').replace('horizon: 2h', 'horizon: 2h\nwarmup: 3h');
    expect(briefly(problemsOfText(text))).toEqual(['3:9 warmup: the warm-up (3h 00m) must end before the horizon (2h 00m)']);
  });
});

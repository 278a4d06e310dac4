/**
 * `headroom --simulate` against the static estimate on an M/M/c-like service (two regions of an
 * M/M/4 behind an active-active router, test/fixtures/headroom/mmc-two-regions.yaml): with a
 * region lost from the start and the routing settled before the warm-up ends, each surviving
 * region's measured utilisation and mean wait agree with Erlang C's within their 95% intervals.
 *
 * Statistical rule: K = 8 intervals (4 region figures of the `fits` design × {utilisation,
 * wait}), each widened to the 1 − 0.05/K level (Bonferroni, as test/theory/queueing.test.ts)
 * so that a correct model fails any of them with probability at most 5%. Seeds are fixed.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/scenario/load.js';
import { headroomDocument } from '../../src/runner/headroom.js';
import { simulateHeadroom, type HeadroomSimSettings } from '../../src/runner/headroomSim.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { tQuantile } from '../../src/stats/tDistribution.js';

const FIXTURE = 'test/fixtures/headroom/mmc-two-regions.yaml';
const settings: HeadroomSimSettings = { replications: 8, horizonS: 600, warmupS: 60 };
const K = 8;
const WIDEN = tQuantile(1 - 0.05 / (2 * K), settings.replications - 1) / tQuantile(0.975, settings.replications - 1);

const loaded = await loadScenario(FIXTURE);
const cases = await simulateHeadroom((o) => loadScenario(FIXTURE, o), ['a', 'b'], settings, async (l) => simulateSequential({ ...l, designs: l.designs.filter((d) => d.name === 'fits') }));
const doc = headroomDocument(loaded, { name: 'outagesim', version: 'test' }, {
  settings: { seed: loaded.scenario.seed, replications: settings.replications, horizon_s: settings.horizonS, warmup_s: settings.warmupS },
  cases,
});

describe('simulated headroom agrees with the static Erlang C estimate', () => {
  const fits = doc.designs[0]!;

  it('simulates steady state and each region lost, keeping only the surviving regions', () => {
    expect(fits.simulated!.map((c) => c.lost)).toEqual([null, 'a', 'b']);
    expect(fits.simulated!.map((c) => c.regions.map((r) => r.region))).toEqual([['a', 'b'], ['b'], ['a']]);
  });

  it('utilisation and mean wait of every surviving region lie within their widened 95% CI of the static figure', () => {
    const pairs = fits.cases.flatMap((c, i) => c.regions.map((r) => ({ lost: c.lost, r, s: fits.simulated![i]!.regions.find((x) => x.region === r.region)! })));
    expect(pairs.length).toBe(4);
    for (const { lost, r, s } of pairs) {
      for (const [what, measured, analytic] of [['utilisation', s.utilisation, r.utilisation], ['mean wait', s.queue_wait_s, r.mean_wait_s!]] as const) {
        expect(measured.n).toBe(settings.replications);
        const tol = (WIDEN * (measured.ci95![1] - measured.ci95![0])) / 2;
        expect(Math.abs(measured.mean! - analytic), `${lost ?? 'steady'} ${r.region} ${what}: ${measured.mean} ± ${tol} vs Erlang C ${analytic}`).toBeLessThanOrEqual(tol);
      }
    }
  });

  it('the SLO holds in every case, as the static estimate says', () => {
    expect(fits.cases.every((c) => c.breaches.length === 0)).toBe(true);
    for (const c of fits.simulated!) {
      expect(c.success_ratio).toBeGreaterThan(0.95);
      expect(c.slo_met).toBe(true);
    }
  });
});

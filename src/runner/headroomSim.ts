/**
 * Failover headroom, simulated (`headroom --simulate`): the scenario run with `fault: none` and
 * then with each region lost (a region outage at 0 s that lasts the whole run), over a short
 * horizon with a few replications, measuring from the end of a warm-up long enough for the
 * routing to move away from the lost region (health checks, TTLs, automated promotion). Every
 * model runs as in `run`: queue limits, pools, timeouts and retries included, which the static
 * estimate (headroom.ts) leaves out.
 *
 * Per case and design: each service's regional utilisation, mean wait and response (summaries
 * over replications, with their 95% CI), and the SLO as the run measures it: the share of
 * requests answered within the SLO latency, averaged over the timeline buckets after the
 * warm-up (bucket means across replications), against `success_ratio`.
 */
import type { LoadedScenario, RunOverrides } from '../scenario/load.js';
import type { Scenario } from '../scenario/schema.js';
import type { MaybeSummary, Result } from './result.js';

/** How the cases are run: seed, replications, horizon and warm-up (seconds). */
export interface HeadroomSimSettings {
  seed?: number;
  replications: number;
  horizonS: number;
  warmupS: number;
}

/** One service in one region as simulated. */
export interface SimulatedRegion {
  service: string;
  region: string;
  utilisation: MaybeSummary;
  queue_wait_s: MaybeSummary;
  response_s: MaybeSummary;
}

/** One case of one design as simulated. */
export interface SimulatedCase {
  lost: string | null;
  regions: SimulatedRegion[];
  /** Share of requests answered within the SLO latency after the warm-up (null: no request). */
  success_ratio: number | null;
  /** Mean over the buckets after the warm-up of the per-bucket p95 latency (client side). */
  p95_latency_s: number | null;
  slo_met: boolean | null;
}

/** The run overrides of one case: the scenario's fault replaced, `lost` dark from the start (or no fault). */
export function caseOverrides(lost: string | null, settings: HeadroomSimSettings): RunOverrides {
  const fault = lost === null ? 'none' : `{ kind: region_outage, region: ${lost}, at: 0s, duration: until_repaired }`;
  return {
    seed: settings.seed,
    replications: settings.replications,
    set: [{ path: 'fault', value: fault, source: `headroom --simulate (${lost === null ? 'steady state' : `${lost} lost`})` }],
  };
}

/**
 * The loaded case with the short run's horizon and warm-up (fields a design may not set, so not
 * file overrides: every design gets the same ones here).
 */
export function withRunLength(loaded: LoadedScenario, settings: HeadroomSimSettings): LoadedScenario {
  const set = (s: Scenario): Scenario => ({ ...s, horizon: settings.horizonS, warmup: settings.warmupS });
  return { ...loaded, scenario: set(loaded.scenario), designs: loaded.designs.map((d) => ({ ...d, scenario: set(d.scenario) })) };
}

/** Mean of the finite values, or null. */
function meanOf(xs: Array<number | null | undefined>): number | null {
  const v = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x));
  return v.length > 0 ? v.reduce((a, b) => a + b, 0) / v.length : null;
}

/** What one design's Result says about one case; `lost` regions are left out of the regions. */
export function simulatedCase(d: Result['designs'][number], lost: string | null, warmupS: number, sloRatio: number, soleRegion: (service: string) => string | undefined): SimulatedCase {
  const regions: SimulatedRegion[] = [];
  for (const s of d.services) {
    // A service in one region has no regions[]: its figures are that region's.
    const sole = soleRegion(s.name);
    const parts = s.regions ?? (sole === undefined ? [] : [{ ...s, region: sole }]);
    for (const r of parts) {
      if (r.region === lost) continue;
      regions.push({ service: s.name, region: r.region, utilisation: r.utilization, queue_wait_s: r.queue_wait_s, response_s: r.response_s });
    }
  }
  const t = d.timeline;
  const after = t.t_s.map((x, k) => (x >= warmupS && t.censored_replications[k] === 0 ? k : -1)).filter((k) => k >= 0);
  const success = meanOf(after.map((k) => t.series.success_ratio?.mean[k]));
  return {
    lost,
    regions,
    success_ratio: success,
    p95_latency_s: meanOf(after.map((k) => t.series.p95_latency_s?.mean[k])),
    slo_met: success === null ? null : success >= sloRatio,
  };
}

/**
 * Runs every case (steady state, then each of `regions` lost) with `simulate`, which runs one
 * loaded scenario as `run` does; `load` loads the scenario with a case's overrides; `checkWork`
 * sees every case before any runs (the CLI refuses work above its limit there). Returns, per
 * design in scenario order, its cases in that order.
 */
export async function simulateHeadroom(
  load: (o: RunOverrides) => Promise<LoadedScenario>,
  regions: string[],
  settings: HeadroomSimSettings,
  simulate: (loaded: LoadedScenario) => Promise<Result>,
  checkWork: (runs: Array<{ label: string; loaded: LoadedScenario }>) => void = () => {},
): Promise<Map<string, SimulatedCase[]>> {
  const cases = [null, ...regions];
  // Load every case before simulating any, so a case that cannot apply (or work above the limit) stops before work starts.
  const loaded = await Promise.all(cases.map(async (lost) => withRunLength(await load(caseOverrides(lost, settings)), settings)));
  checkWork(loaded.map((l, i) => ({ label: cases[i] === null ? 'steady state' : `${cases[i]} lost`, loaded: l })));
  const out = new Map<string, SimulatedCase[]>();
  for (const [i, lost] of cases.entries()) {
    const l = loaded[i]!;
    const result = await simulate(l);
    for (const d of result.designs) {
      const spec = l.designs.find((x) => x.name === d.name)!.scenario.system.services;
      const sole = (service: string) => {
        const used = Object.entries(spec[service]?.instances ?? {}).filter(([, n]) => n > 0);
        return used.length === 1 ? used[0]![0] : undefined;
      };
      const list = out.get(d.name) ?? [];
      list.push(simulatedCase(d, lost, settings.warmupS, l.scenario.slo.success_ratio, sole));
      out.set(d.name, list);
    }
  }
  return out;
}

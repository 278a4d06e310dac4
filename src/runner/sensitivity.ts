/**
 * `sensitivity`: one-at-a-time variation of the parameters a scenario marks `uncertain`. The
 * scenario runs once as written and, per parameter, once at its low and once at its high value,
 * every run from the same seed (common random numbers), so a metric's swing between low and high
 * comes from that parameter, not from noise. Parameters are ranked per design and metric by the
 * size of the swing: the rows of a tornado chart.
 */
import type { LoadedScenario } from '../scenario/load.js';
import { ScenarioError } from '../scenario/errors.js';
import { loadScenario } from '../scenario/load.js';
import type { DesignResult, Result } from './result.js';
import { runInfo } from './simulate.js';

/**
 * The metrics sensitivity ranks by, read from a design's result. One with `tracked` is ranked only
 * when some design of the scenario as written has it (business RTO: a scenario with parts besides
 * the data plane, queues or the control plane, tracks business recovery; the others have no such
 * figure).
 */
export const SENSITIVITY_METRICS: Array<{ metric: string; label: string; pick: (d: DesignResult) => number | null; tracked?: (d: DesignResult) => boolean }> = [
  { metric: 'rto_s', label: 'RTO mean', pick: (d) => d.metrics.rto_s.mean },
  { metric: 'business_rto_s', label: 'business RTO mean', pick: (d) => d.metrics.business_rto_s?.mean ?? null, tracked: (d) => d.metrics.business_rto_s !== undefined },
  { metric: 'not_recovered', label: 'not recovered (share)', pick: (d) => { const r = d.metrics.rto_s; const n = r.recovered + r.not_recovered; return n > 0 ? r.not_recovered / n : null; } },
  { metric: 'rpo_s', label: 'RPO mean', pick: (d) => d.metrics.rpo_s.mean },
  { metric: 'availability', label: 'availability', pick: (d) => d.metrics.availability.mean },
  { metric: 'total_annual_usd', label: 'total annual cost', pick: (d) => (d as { cost?: { total_annual_usd: number } }).cost?.total_annual_usd ?? null },
];

/** One parameter's effect on one metric of one design. */
export interface Swing {
  param: string;
  low: unknown;
  high: unknown;
  /** The metric at the low and the high value (null: no value, e.g. no replication recovered). */
  at_low: number | null;
  at_high: number | null;
  /** |at_high − at_low|; null when either is null. */
  swing: number | null;
}

/** The sensitivity document: per design and metric, the base value and the parameters ranked by swing. */
export interface SensitivityResult {
  format: 'outagesim-sensitivity';
  tool: Result['tool'];
  scenario: Result['scenario'];
  parameters: Array<{ param: string; low: unknown; high: unknown }>;
  designs: Array<{
    name: string;
    metrics: Array<{ metric: string; label: string; base: number | null; ranked: Swing[] }>;
  }>;
}

/** The value as the command-line override reads it (JSON is YAML's flow syntax). */
const yamlText = (v: unknown): string => JSON.stringify(v);

/** Ranks by swing, largest first; parameters without a swing last, in file order. */
function rank(swings: Swing[]): Swing[] {
  return swings
    .map((s, i) => ({ s, i }))
    .sort((a, b) => (b.s.swing ?? -1) - (a.s.swing ?? -1) || a.i - b.i)
    .map((x) => x.s);
}

/**
 * Runs the analysis. `simulate` runs a loaded scenario exactly as `run` does. Every variant is
 * loaded before anything runs, so a low or high value the field refuses stops it at once.
 */
export async function runSensitivity(
  file: string,
  run: { seed?: number; replications?: number },
  simulate: (loaded: LoadedScenario) => Promise<Result>,
  hooks: {
    /** Sees every run (as written, then each parameter low and high) before any is simulated. */
    beforeRun?: (runs: Array<{ label: string; loaded: LoadedScenario }>) => void;
    onStep?: (done: number, total: number) => void;
  } = {},
): Promise<SensitivityResult> {
  const { onStep } = hooks;
  const base = await loadScenario(file, run);
  const params = Object.entries(base.scenario.uncertain).map(([param, v]) => ({ param, low: v.low, high: v.high }));
  if (params.length === 0) {
    throw new ScenarioError([{ file: base.file, line: 0, column: 0, path: 'uncertain', message: 'no uncertain parameters to vary: add an uncertain block (dotted field path: { low, high })' }]);
  }
  const variant = (param: string, v: unknown, side: string) => loadScenario(file, { ...run, set: [{ path: param, value: yamlText(v), source: `uncertain.${param}.${side}` }] });
  const variants = await Promise.all(params.flatMap((p) => [variant(p.param, p.low, 'low'), variant(p.param, p.high, 'high')]));
  hooks.beforeRun?.([{ label: 'the scenario as written', loaded: base }, ...variants.map((v, i) => ({ label: `${params[i >> 1]!.param} ${i % 2 === 0 ? 'low' : 'high'}`, loaded: v }))]);
  const total = variants.length + 1;
  const baseResult = await simulate(base);
  onStep?.(1, total);
  const results: Result[] = [];
  for (const v of variants) {
    results.push(await simulate(v));
    onStep?.(results.length + 1, total);
  }
  const { tool, scenario } = runInfo(base);
  return {
    format: 'outagesim-sensitivity',
    tool,
    scenario,
    parameters: params,
    designs: baseResult.designs.map((d, di) => ({
      name: d.name,
      metrics: SENSITIVITY_METRICS.filter((m) => !m.tracked || baseResult.designs.some(m.tracked)).map((m) => ({
        metric: m.metric,
        label: m.label,
        base: m.pick(d),
        ranked: rank(params.map((p, pi) => {
          const lo = m.pick(results[2 * pi]!.designs[di]!);
          const hi = m.pick(results[2 * pi + 1]!.designs[di]!);
          return { param: p.param, low: p.low, high: p.high, at_low: lo, at_high: hi, swing: lo === null || hi === null ? null : Math.abs(hi - lo) };
        })),
      })),
    })),
  };
}

/**
 * `check`'s core: a fresh Result against its committed baseline, design by design and metric by
 * metric, as rows a table, JUnit XML and a Markdown comment are made from. Pure: it reads two
 * Result documents and the tolerances, never simulates.
 */
import type { CheckMetric } from '../scenario/checkSchema.js';
import type { Baseline } from './baseline.js';
import { judgeMetric, type CheckRow, type RunPairing } from './judge.js';
import { METRICS } from './metrics.js';
import type { DesignTolerances } from './tolerances.js';

/** What one scenario's check found. */
export interface ScenarioCheck {
  scenario: string;
  /** The baseline file compared with. */
  baseline_file: string;
  rows: CheckRow[];
  /** Differences in how the two runs were made (tool version, seed, replications). */
  notes: string[];
}

/** How the runs relate: paired when seed and replication count agree. */
export function pairingOf(base: Baseline, now: Baseline): RunPairing {
  const diffs: string[] = [];
  if (base.scenario.seed !== now.scenario.seed) diffs.push(`the baseline used seed ${base.scenario.seed}, this run ${now.scenario.seed}`);
  if (base.scenario.replications !== now.scenario.replications) diffs.push(`the baseline has ${base.scenario.replications} replications, this run ${now.scenario.replications}`);
  return { paired: diffs.length === 0, mismatch: diffs.length ? diffs.join('; ') : null };
}

const row = (scenario: string, design: string, reason: string): CheckRow => ({
  scenario, design, metric: 'design', label: 'design', baseline: null, now: null, change: null, ci95: null,
  tolerance: 0, tolerance_text: '', tolerance_from: '', verdict: 'incomparable', reason, show: String, showChange: String,
});

/**
 * Compares `now` with `base` (null: no baseline yet). `tolerances` gives each design's tolerances
 * and where each came from (tolerances.ts); metrics it does not name use their defaults.
 */
export function checkScenario(now: Baseline, base: Baseline | null, tolerances: Map<string, DesignTolerances>, baselineFile: string): ScenarioCheck {
  const scenario = now.scenario.name;
  const out: ScenarioCheck = { scenario, baseline_file: baselineFile, rows: [], notes: [] };
  if (!base) {
    out.rows.push(row(scenario, '(all)', `no baseline at ${baselineFile}: review the result and run check --update to create it`));
    return out;
  }
  if (base.scenario.name !== scenario) {
    out.rows.push(row(scenario, '(all)', `the baseline ${baselineFile} is of scenario "${base.scenario.name}", not "${scenario}"`));
    return out;
  }
  const pairing = pairingOf(base, now);
  if (base.tool.version !== now.tool.version) out.notes.push(`the baseline was made by outagesim ${base.tool.version}, this run by ${now.tool.version}`);
  if (pairing.mismatch) out.notes.push(`${pairing.mismatch}: statistical tolerances compare unpaired; others cannot compare`);
  const baseByName = new Map(base.designs.map((d) => [d.name, d]));
  for (const d of now.designs) {
    const b = baseByName.get(d.name);
    if (!b) {
      out.rows.push(row(scenario, d.name, 'a design the baseline does not have: review and run check --update'));
      continue;
    }
    const tol = tolerances.get(d.name) ?? { spec: {}, from: {} };
    for (const def of METRICS) {
      const m = def.metric as CheckMetric;
      const set = tol.spec[m];
      const r = judgeMetric(scenario, d.name, def, set ?? def.tolerance, b, d, pairing, set ? (tol.from[m] ?? 'check block') : 'default');
      if (r.verdict !== 'no data') out.rows.push(r);
    }
  }
  const names = new Set(now.designs.map((d) => d.name));
  for (const b of base.designs) if (!names.has(b.name)) out.rows.push(row(scenario, b.name, 'the baseline has this design, this run does not: review and run check --update'));
  return out;
}

/** True when a row fails the build. */
export function fails(r: CheckRow): boolean {
  return r.verdict === 'regression' || r.verdict === 'incomparable';
}

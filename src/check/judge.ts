/**
 * Judges one design's metrics against its baseline. Only a change in the worse direction beyond
 * the tolerance is a regression; a better value passes (and says so, so the baseline can be
 * refreshed). A statistical tolerance looks at the 95% CI of the change: paired over replication
 * index when the two runs share seed and replication count (common random numbers), Welch's
 * unpaired interval otherwise. It fails only when the whole interval lies beyond the tolerance,
 * so noise alone fails with probability below 2.5% per metric, and a shift larger than the
 * tolerance by a few standard errors is caught.
 *
 * The baseline's stated mean is what the table shows and what the comparison is about. A
 * baseline whose stated mean disagrees with the mean of its own replication rows (a mean edited
 * by hand to tighten the bar, or rows pasted from another run) is judged on the stated mean: its
 * rows give only the interval's width, and the reason says so. Before, such a baseline was judged
 * on its rows alone, and an RTO mean divided by three in the file still passed.
 */
import { mean } from 'simple-statistics';
import { pairedDifference, unpairedCi95 } from '../stats/paired.js';
import type { ToleranceSpec } from '../scenario/checkSchema.js';
import type { BaselineDesign } from './baseline.js';
import type { MetricDef } from './metrics.js';

export type Verdict = 'ok' | 'improved' | 'regression' | 'incomparable' | 'no data';

/** One row of the check table: scenario × design × metric. */
export interface CheckRow {
  scenario: string;
  design: string;
  metric: string;
  label: string;
  baseline: number | null;
  now: number | null;
  /** now − baseline of the point values. */
  change: number | null;
  /** The 95% CI of the change (statistical tolerances with per-replication values). */
  ci95: [number, number] | null;
  /** The tolerance in the metric's unit (how far the worse direction may go). */
  tolerance: number;
  tolerance_text: string;
  /** Where the tolerance came from: `default`, `check block`, `file` or `file, this scenario`. */
  tolerance_from: string;
  verdict: Verdict;
  /** Why, in one sentence, for failures and notes. */
  reason: string;
  show: (x: number) => string;
  showChange: (x: number) => string;
}

/** How the two runs relate: whether replication k of one can be paired with replication k of the other. */
export interface RunPairing {
  paired: boolean;
  /** Why point comparisons cannot be trusted (another seed or replication count), else null. */
  mismatch: string | null;
}

/** The tolerance in the metric's unit for a baseline point value: an amount, or a share of |baseline| (at least the metric's floor). */
export function toleranceAmount(t: ToleranceSpec, def: MetricDef, base: number | null): number {
  const { relative, absolute } = t as { relative?: number; absolute?: number };
  return absolute !== undefined ? absolute : Math.max(relative! * Math.abs(base ?? 0), def.floor);
}

function describeTolerance(t: ToleranceSpec, def: MetricDef, amount: number): string {
  const { relative } = t as { relative?: number };
  const show = def.showChange ?? def.show;
  return `${t.kind} ${relative !== undefined ? `${+(relative * 100).toFixed(4)}% (${show(amount)})` : show(amount)}`;
}

/** Values of one metric per replication index, for pairing. */
function perIndex(d: BaselineDesign, def: MetricDef): Map<number, number | null> {
  const out = new Map<number, number | null>();
  for (const r of d.replications) out.set(r.replication, def.perReplication!(r));
  return out;
}

/** The 95% CI of now − baseline from per-replication values; null when either side lacks values. */
function changeInterval(base: BaselineDesign, now: BaselineDesign, def: MetricDef, paired: boolean): [number, number] | null {
  const b = perIndex(base, def);
  const n = perIndex(now, def);
  if (paired) {
    const keys = [...b.keys()].filter((k) => n.has(k));
    const d = pairedDifference(keys.map((k) => b.get(k)!), keys.map((k) => n.get(k)!));
    if (d && d.n >= 2) return d.ci95;
  }
  return unpairedCi95(finite(b), finite(n));
}

/** The finite values of a perIndex map (a null, e.g. a not-recovered RTO, has none). */
function finite(m: Map<number, number | null>): number[] {
  return [...m.values()].filter((x): x is number => x !== null && Number.isFinite(x));
}

/** The mean of a design's finite per-replication values of a metric; null when there is none. */
function rowsMean(d: BaselineDesign, def: MetricDef): number | null {
  const xs = finite(perIndex(d, def));
  return xs.length > 0 ? mean(xs) : null;
}

/** Whether two means agree up to the rounding of their sums (a Result's summary and its rows agree within 1e-15). */
function sameMean(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Judges one metric of one design; `from` says where `tol` came from. */
export function judgeMetric(scenario: string, design: string, def: MetricDef, tol: ToleranceSpec, base: BaselineDesign, now: BaselineDesign, pairing: RunPairing, from = 'default'): CheckRow {
  const b = def.point(base);
  const n = def.point(now);
  const amount = toleranceAmount(tol, def, b);
  const row: CheckRow = {
    scenario, design, metric: def.metric, label: def.label, baseline: b, now: n,
    change: b !== null && n !== null ? n - b : null, ci95: null,
    tolerance: amount, tolerance_text: describeTolerance(tol, def, amount), tolerance_from: from, verdict: 'ok', reason: '', show: def.show, showChange: def.showChange ?? def.show,
  };
  // `worse(x)` > 0 when x moves in the worse direction by that much.
  const worse = (x: number) => (def.higherIsWorse ? x : -x);
  if (b === null && n === null) return { ...row, verdict: 'no data', reason: 'neither run has a value' };
  if (b === null || n === null) {
    return { ...row, verdict: 'incomparable', reason: b === null ? 'the baseline has no value for this metric: review and run check --update' : 'this run has no value where the baseline had one' };
  }
  const statistical = tol.kind === 'statistical' && def.perReplication !== undefined;
  if (!statistical && pairing.mismatch) return { ...row, verdict: 'incomparable', reason: `${pairing.mismatch}: a ${tol.kind} tolerance compares like with like only; review and run check --update` };
  if (statistical) {
    let ci = changeInterval(base, now, def, pairing.paired);
    if (ci) {
      // Centre the interval on the stated baseline mean when the rows say otherwise (see above).
      const rows = rowsMean(base, def);
      const offset = rows !== null && !sameMean(rows, b) ? rows - b : 0;
      const stated = offset !== 0 ? `judged on the baseline's stated ${def.label}, ${row.show(b)}; its replication rows average ${row.show(rows!)}` : '';
      const note = stated ? ` (${stated})` : '';
      if (offset !== 0) ci = [ci[0] + offset, ci[1] + offset];
      const lo = Math.min(worse(ci[0]), worse(ci[1]));
      const hi = Math.max(worse(ci[0]), worse(ci[1]));
      const withCi = { ...row, ci95: ci, reason: stated };
      if (lo > amount) return { ...withCi, verdict: 'regression', reason: `the 95% CI of the change (${withCi.showChange(ci[0])} to ${withCi.showChange(ci[1])}) lies beyond the tolerance${note}` };
      if (hi < -amount) return { ...withCi, verdict: 'improved', reason: `better beyond the tolerance: consider check --update${note}` };
      return withCi;
    }
  }
  const w = worse(n - b);
  if (w > amount) return { ...row, verdict: 'regression', reason: `worse by ${row.showChange(Math.abs(n - b))}, beyond the tolerance` };
  if (w < -amount) return { ...row, verdict: 'improved', reason: 'better beyond the tolerance: consider check --update' };
  return row;
}

/**
 * `comparisons[]` of the Result: each design after the first against the first, per headline
 * metric, as the paired difference (design − baseline) over replications with the same index
 * (common random numbers), its 95% CI and a one-sentence verdict. A design is called better only
 * when the difference is statistically significant (the CI excludes 0) AND at least the
 * scenario's practical threshold for that metric (`compare.practical`); a significant difference
 * below the threshold is "no practical difference".
 */
import { formatDuration } from '../engine/duration.js';
import type { PracticalSpec, PracticalThreshold } from '../scenario/compareSchema.js';
import { pairedDifference, significant, type PairedDifference } from '../stats/paired.js';
import type { DesignResult } from './result.js';

type Row = DesignResult['replications'][number];

/** A headline metric: how to read it per replication, which direction is better, how to show it. */
interface Headline {
  metric: 'rto_s' | 'rpo_s' | 'lost_writes' | 'availability' | 'retry_amplification';
  label: string;
  pick: (r: Row) => number | null;
  lowerIsBetter: boolean;
  show: (x: number) => string;
}

const signedDuration = (x: number): string => (x < 0 ? `-${formatDuration(-x)}` : formatDuration(x));

/** The headline metrics, in the order they are compared and printed. */
export const HEADLINES: Headline[] = [
  { metric: 'rto_s', label: 'RTO', pick: (r) => r.rto_s, lowerIsBetter: true, show: signedDuration },
  { metric: 'rpo_s', label: 'RPO', pick: (r) => r.rpo_s, lowerIsBetter: true, show: signedDuration },
  { metric: 'lost_writes', label: 'lost writes', pick: (r) => r.lost_writes, lowerIsBetter: true, show: (x) => x.toFixed(1) },
  { metric: 'availability', label: 'availability', pick: (r) => r.availability, lowerIsBetter: false, show: (x) => `${(x * 100).toFixed(3)} pp` },
  { metric: 'retry_amplification', label: 'retry amplification', pick: (r) => r.retry_amplification, lowerIsBetter: true, show: (x) => x.toFixed(3) },
];

/** One entry of `comparisons[]`. */
export interface Comparison {
  metric: string;
  baseline: string;
  design: string;
  /** Paired replications the difference is over (for rto_s: those where both designs recovered). */
  n: number;
  /** Mean of design − baseline; null when no pair exists. */
  mean_diff: number | null;
  ci95: [number, number] | null;
  /** The CI of the paired difference excludes 0; null when not comparable. */
  significant: boolean | null;
  /** The practical threshold applied, in the metric's unit (a relative one times the baseline mean); null when not comparable. */
  practical_threshold: number | null;
  /** `design` is better, worse, or neither (`none`: not significant, or below the practical threshold); null when not comparable. */
  better: 'baseline' | 'design' | 'none' | null;
  verdict: string;
}

/** A threshold in the metric's unit, from the baseline mean over the pairs. */
function thresholdOf(t: PracticalThreshold, baselineMean: number): number {
  return 'relative' in t ? t.relative * Math.abs(baselineMean) : t.absolute;
}

/** How a threshold was set, for verdicts: ' (5% of "base"'s mean)', or nothing for an absolute one. */
function ruleOf(t: PracticalThreshold, base: string): string {
  return 'relative' in t ? ` (${+(t.relative * 100).toFixed(6)}% of "${base}"'s mean)` : '';
}

type Verdict = Pick<Comparison, 'better' | 'verdict'>;

function verdictOf(h: Headline, base: string, design: string, d: PairedDifference | null, note: string, practical: PracticalThreshold): Verdict {
  if (d === null) return { better: null, verdict: `${h.label}: cannot compare "${design}" with "${base}": no replication where both have a value${note}.` };
  const ci = `95% CI ${h.show(d.ci95[0])} to ${h.show(d.ci95[1])}, ${d.n} paired replications${note}`;
  if (d.ci95[0] === 0 && d.ci95[1] === 0) {
    return { better: 'none', verdict: `${h.label}: "${design}" and "${base}" are identical in every paired replication (${d.n}${note}).` };
  }
  if (!significant(d.ci95)) {
    return { better: 'none', verdict: `${h.label}: no statistically significant difference between "${design}" and "${base}" (mean difference ${h.show(d.mean_diff)}, ${ci}).` };
  }
  const designBetter = (d.mean_diff < 0) === h.lowerIsBetter;
  const dir = d.mean_diff < 0 ? 'lower' : 'higher';
  const winner = designBetter ? design : base;
  const threshold = thresholdOf(practical, d.baseline_mean);
  if (Math.abs(d.mean_diff) < threshold) {
    const rule = ruleOf(practical, base);
    return {
      better: 'none',
      verdict: `${h.label}: no practical difference between "${design}" and "${base}": "${design}" is ${dir} by ${h.show(Math.abs(d.mean_diff))} on average (${ci}), statistically significant but below the practical threshold of ${h.show(threshold)}${rule}.`,
    };
  }
  return {
    better: designBetter ? 'design' : 'baseline',
    verdict: `${h.label}: "${winner}" is better: "${design}" is ${dir} than "${base}" by ${h.show(Math.abs(d.mean_diff))} on average (${ci}); the difference is statistically significant.`,
  };
}

/**
 * RTO when no replication recovered under both designs: the designs differ in whether they
 * recover at all, which is the comparison that matters.
 */
function recoveryVerdict(label: string, base: DesignResult, d: DesignResult): Pick<Comparison, 'better' | 'verdict'> {
  const noFault = [base, d].filter((x) => x.metrics.rto_s.not_applicable > 0).map((x) => `"${x.name}"`);
  if (noFault.length > 0) return { better: null, verdict: `${label}: does not apply: ${noFault.join(' and ')} ${noFault.length > 1 ? 'have' : 'has'} no fault (fault: none).` };
  const rb = base.metrics.rto_s.recovered;
  const rd = d.metrics.rto_s.recovered;
  const of = (r: number, x: DesignResult) => `${r} of ${r + x.metrics.rto_s.not_recovered}`;
  const counts = `"${d.name}" recovered in ${of(rd, d)} replications, "${base.name}" in ${of(rb, base)}`;
  if (rd === rb) return { better: null, verdict: `${label}: cannot compare "${d.name}" with "${base.name}": no replication where both recovered (${counts}).` };
  const designBetter = rd > rb;
  return { better: designBetter ? 'design' : 'baseline', verdict: `${label}: "${designBetter ? d.name : base.name}" is better: ${counts}; no replication recovered under both, so there is no paired RTO difference.` };
}

/** Compares every design after the first with the first, under the scenario's practical thresholds. */
export function compareDesigns(designs: DesignResult[], practical: PracticalSpec): Comparison[] {
  const [base, ...others] = designs;
  if (!base) return [];
  const out: Comparison[] = [];
  for (const d of others) {
    for (const h of HEADLINES) {
      const diff = pairedDifference(base.replications.map(h.pick), d.replications.map(h.pick));
      let note = '';
      if (h.metric === 'rto_s') {
        const nb = base.metrics.rto_s.not_recovered;
        const nd = d.metrics.rto_s.not_recovered;
        note = ` where both recovered` + (nb + nd > 0 ? `; not recovered: ${nb} of "${base.name}", ${nd} of "${d.name}"` : '');
      }
      out.push({
        metric: h.metric,
        baseline: base.name,
        design: d.name,
        n: diff?.n ?? 0,
        mean_diff: diff?.mean_diff ?? null,
        ci95: diff?.ci95 ?? null,
        significant: diff ? significant(diff.ci95) : null,
        practical_threshold: diff ? thresholdOf(practical[h.metric], diff.baseline_mean) : null,
        ...(h.metric === 'rto_s' && diff === null ? recoveryVerdict(h.label, base, d) : verdictOf(h, base.name, d.name, diff, note, practical[h.metric])),
      });
    }
  }
  return out;
}

/**
 * Structural risks in a report, per design: the single points of failure the static analysis found
 * (`designs[].single_points_of_failure`, src/graph/: what each takes down) and, when a network
 * partition made a split brain, its mean and longest seconds with two writable primaries per
 * replication (`designs[].split_brain`) beside the design's lost writes (mean per replication,
 * counted over all causes: the writes discarded from the losing side are among them). Only for
 * designs that have some; `run` prints the same findings as `!` lines.
 */
import { spofSentence } from '../graph/format.js';
import { duration, fixed } from './format.js';
import type { ReportResult } from './types.js';

/** One design's risks: plain-text sentences (writers escape them). */
export interface DesignRisks {
  design: string;
  singlePoints: string[];
  /** The split-brain sentence, or null when there was none (no partition, or never two primaries). */
  splitBrain: string | null;
}

/**
 * What a split brain was (`designs[].split_brain`, seconds per replication with two writable
 * primaries): shared by the report and `run`'s output, which each add what the losing side's
 * writes came to.
 */
export function splitBrainSentence(meanS: number | null, maxS: number | null): string {
  return `split brain: two writable primaries for ${duration(meanS)} per replication on average (up to ${duration(maxS)}); the losing side's writes are discarded`;
}

/** Each risk as one sentence naming its design, in the Result's order. */
export function riskLines(risks: DesignRisks[]): string[] {
  return risks.flatMap((r) => [...r.singlePoints.map((s) => `${r.design}: single point of failure: ${s}`), ...(r.splitBrain ? [`${r.design}: ${r.splitBrain}`] : [])]);
}

/** The risks of each design that has some, in the Result's order; empty when none has any. */
export function riskSection(result: Pick<ReportResult, 'designs'>): DesignRisks[] {
  const out: DesignRisks[] = [];
  for (const d of result.designs) {
    const singlePoints = (d.single_points_of_failure ?? []).map(spofSentence);
    const sb = d.split_brain;
    const splitBrain = sb && sb.max !== null && sb.max > 0
      ? `${splitBrainSentence(sb.mean, sb.max)}: lost writes ${fixed(d.metrics.lost_writes.mean, 1)} per replication (all causes)`
      : null;
    if (singlePoints.length > 0 || splitBrain) out.push({ design: d.name, singlePoints, splitBrain });
  }
  return out;
}

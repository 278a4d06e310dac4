/**
 * A report holds one section per Result file, in the order given (a run and its rerun, or two
 * scenarios, side by side on one page): each with its verdict, summary table, notes, autoscaling
 * table, single points of failure and split brain, comparisons, charts and events. This is the content both the HTML and the Markdown writers lay out. Sweep
 * and sensitivity documents make study sections (studySection.ts).
 */
import { autoscalingTable, type AutoscalingTable } from './autoscalingSection.js';
import { chartsFor, type Chart } from './charts/index.js';
import { breakEvenSentences, cheapestByDowntimeCost, phaseSentences } from './explain.js';
import { riskSection, type DesignRisks } from './riskSection.js';
import { sensitivitySection } from './sensitivitySection.js';
import { sizeSection } from './sizeSection.js';
import type { StudySection } from './studySection.js';
import { costNotes, summaryTable, warnings, type SummaryTable } from './summary.js';
import { sweepSection } from './sweepSection.js';
import type { ReportResult, SourcedDocument } from './types.js';
import { verdict } from './verdict.js';

/** The content of one section (plain text; writers escape it). */
export interface Section {
  kind: 'result';
  /** 1-based position among the report's Results. */
  index: number;
  /** Prefix of this section's chart files and element ids: '' with one Result, `r<index>-` with several. */
  prefix: string;
  source: string;
  result: ReportResult;
  verdict: string;
  table: SummaryTable;
  warnings: string[];
  costNotes: string[];
  cheapest: Array<[string, string]>;
  breakEvens: string[];
  phases: string[];
  /** Scale-outs, refusals and most instances per design, service and region (null: nothing autoscales). */
  autoscaling: AutoscalingTable | null;
  /** Single points of failure and split brain per design that has some (empty: none). */
  risks: DesignRisks[];
  charts: Chart[];
}

/** A section of any document: a Result's, or a sweep's or sensitivity analysis' (a study). */
export type AnySection = Section | StudySection;

/** The scenario name and seed of a section, for the page title and the list of documents. */
export function sectionScenario(s: AnySection): { name: string; seed: number } {
  return s.kind === 'result' ? { name: s.result.scenario.name, seed: s.result.scenario.seed } : { name: s.name, seed: s.seed };
}

/** The scenario a document is about. */
export function documentScenario(doc: SourcedDocument): { name: string; seed: number } {
  return 'sweep' in doc ? doc.sweep.scenario : 'sensitivity' in doc ? doc.sensitivity.scenario : 'size' in doc ? doc.size.scenario : doc.result.scenario;
}

/** The sections of a report over `docs`, in the order given. */
export function sections(docs: SourcedDocument[]): AnySection[] {
  return docs.map((doc, i) => {
    const index = i + 1;
    const prefix = docs.length === 1 ? '' : `r${index}-`;
    if ('sweep' in doc) return sweepSection(doc.sweep, doc.source, index, prefix);
    if ('sensitivity' in doc) return sensitivitySection(doc.sensitivity, doc.source, index, prefix);
    if ('size' in doc) return sizeSection(doc.size, doc.source, index, prefix);
    return resultSection(doc.result, doc.source, index, prefix);
  });
}

function resultSection(result: ReportResult, source: string, index: number, prefix: string): Section {
  return {
    kind: 'result',
    index,
    prefix,
    source,
    result,
    verdict: verdict(result),
    table: summaryTable(result),
    warnings: warnings(result),
    costNotes: costNotes(result),
    cheapest: cheapestByDowntimeCost(result),
    breakEvens: breakEvenSentences(result),
    phases: phaseSentences(result),
    autoscaling: autoscalingTable(result),
    risks: riskSection(result),
    charts: chartsFor(result),
  };
}

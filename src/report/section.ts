/**
 * A report holds one section per Result file, in the order given (a run and its rerun, or two
 * scenarios, side by side on one page): each with its verdict, summary table, notes, comparisons,
 * charts and events. This is the content both the HTML and the Markdown writers lay out.
 */
import { chartsFor, type Chart } from './charts/index.js';
import { breakEvenSentences, cheapestByDowntimeCost, phaseSentences } from './explain.js';
import { costNotes, summaryTable, warnings, type SummaryTable } from './summary.js';
import type { ReportResult, SourcedResult } from './types.js';
import { verdict } from './verdict.js';

/** The content of one section (plain text; writers escape it). */
export interface Section {
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
  charts: Chart[];
}

/** The sections of a report over `results`. */
export function sections(results: SourcedResult[]): Section[] {
  return results.map(({ source, result }, i) => ({
    index: i + 1,
    prefix: results.length === 1 ? '' : `r${i + 1}-`,
    source,
    result,
    verdict: verdict(result),
    table: summaryTable(result),
    warnings: warnings(result),
    costNotes: costNotes(result),
    cheapest: cheapestByDowntimeCost(result),
    breakEvens: breakEvenSentences(result),
    phases: phaseSentences(result),
    charts: chartsFor(result),
  }));
}

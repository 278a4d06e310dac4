/**
 * A report section for a study over many runs of one scenario (a sweep or a sensitivity
 * analysis): a heading, a line of how it was run, lead sentences, tables and charts. Plain text;
 * the HTML and Markdown writers escape and lay it out like a Result's section.
 */
import type { Chart } from './charts/index.js';

/** A table of a study section: a caption above it, a header and rows of plain text cells. */
export interface StudyTable {
  caption: string;
  header: string[];
  rows: string[][];
}

/** The content of a sweep's or a sensitivity analysis' section. */
export interface StudySection {
  kind: 'study';
  /** 1-based position among the report's documents. */
  index: number;
  /** Prefix of this section's chart files and element ids ('' with one document). */
  prefix: string;
  source: string;
  /** The scenario's name. */
  name: string;
  seed: number;
  /** The heading: what was studied. */
  heading: string;
  /** How it was run (tool, seed, replications, parameter): the line under the heading. */
  meta: string;
  /** What to read first, one sentence each. */
  lead: string[];
  tables: StudyTable[];
  charts: Chart[];
}

/**
 * `check`'s baseline: a Result JSON (written by `run --json` or `check --update`), read by the
 * one Result reader (src/report/load.ts), so a hand-edited, truncated or hostile baseline is
 * refused with a located problem like any Result file.
 */
import { existsSync } from 'node:fs';
import { parseResultText, readDocumentText } from '../report/load.js';
import type { ResultDocument, ResultDocumentDesign, ResultDocumentRow } from '../report/resultSchema.js';
import { displayFile } from '../scenario/errors.js';

export type Baseline = ResultDocument;
export type BaselineDesign = ResultDocumentDesign;
export type BaselineRow = ResultDocumentRow;

/** Parses baseline text; throws ScenarioError listing every located problem. */
export function parseBaseline(text: string, file: string): Baseline {
  return parseResultText(text, displayFile(file));
}

/** Reads a baseline file; null when it does not exist (a scenario without a baseline yet). */
export function readBaseline(file: string): Baseline | null {
  if (!existsSync(file)) return null;
  return parseBaseline(readDocumentText(file), file);
}

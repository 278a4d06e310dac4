/**
 * The one reader of Result JSON files (and of sweep and sensitivity documents): `report` reads
 * its inputs with it and `check` its baselines. The file may be hand-edited, truncated or
 * hostile: it is refused above a size limit, when it is not UTF-8, not JSON, another tool's, a
 * shard, or not the document's shape, always with a located problem (`file:line:column:
 * field.path: message`, a ScenarioError: the CLI exits 2 and writes nothing) and never with
 * anything else. JSON.parse reads it (fast, and JSON has no aliases to expand); only when
 * something is wrong is the text re-read with positions to say where.
 */
import { readFileSync, statSync } from 'node:fs';
import type { z } from 'zod';
import type { SensitivityResult } from '../runner/sensitivity.js';
import type { SizeResult } from '../runner/size.js';
import type { SweepResult } from '../runner/sweep.js';
import { displayFile, ScenarioError, type Problem } from '../scenario/errors.js';
import { issuesToProblems } from '../scenario/issues.js';
import { originOf } from '../scenario/located.js';
import { parseYaml } from '../scenario/yamlSource.js';
import { resultSchema, type ResultDocument } from './resultSchema.js';
import { sensitivitySchema, sizeSchema, sweepSchema } from './studySchemas.js';
import type { ReportResult, SourcedDocument } from './types.js';

/** Files larger than this are refused before they are read (a Result of 20 designs × 1,000 replications is ~10 MB). */
export const MAX_RESULT_BYTES = 64 * 1024 * 1024;

const TOOL = 'outagesim';
const EXPECTED = `expected a Result JSON (${TOOL} run --json)`;

/**
 * Line and column (1-based) of a JSON syntax error: where the YAML reader (a superset of JSON that
 * keeps positions) stops, else the position in V8's message, else the end of the text.
 */
function positionOf(text: string, err: Error, shown: string): { line: number; column: number } {
  const first = parseYaml(text, shown).problems[0];
  if (first && first.line > 0) return { line: first.line, column: first.column };
  const m = /position (\d+)/.exec(err.message);
  const before = text.slice(0, m ? Number(m[1]) : text.length).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Problems at `path` of the document `text` (at its start when the text has no tree). */
function locatedAt(text: string, shown: string, path: Array<string | number>, message: string): ScenarioError {
  const { root } = parseYaml(text, shown);
  const at = root ? originOf(root, path) : { file: shown, line: 1, column: 1, path: '' };
  return new ScenarioError([{ ...at, message }]);
}

/** `data` (parsed from `text`) checked against `schema`; a ScenarioError locating every wrong field otherwise. */
function checked<S extends z.ZodType>(schema: S, data: unknown, text: string, shown: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const { root } = parseYaml(text, shown);
  if (!root) throw new ScenarioError([{ file: shown, line: 1, column: 1, path: '', message: EXPECTED }]);
  throw new ScenarioError(issuesToProblems(parsed.error.issues, root, data, schema));
}

/** The JSON value of `text`; a located ScenarioError when it is not JSON. */
function parseJson(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ScenarioError([{ file: shown, ...positionOf(text, err as Error, shown), path: '', message: `not valid JSON (${(err as Error).message.split('\n')[0]!.slice(0, 120)}): ${EXPECTED}` }]);
  }
}

/** Checks parsed `data` (from `text`) as a Result: another tool's JSON and shard files are refused saying what to do. */
function resultOf(data: unknown, text: string, shown: string): ResultDocument {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ScenarioError([{ file: shown, line: 1, column: 1, path: '', message: `not an ${TOOL} Result: ${EXPECTED}` }]);
  const obj = data as Record<string, unknown>;
  if (obj['format'] === 'outagesim-shard') throw locatedAt(text, shown, ['format'], `a shard file, not a Result: merge the shards first (${TOOL} merge <shard files...> --out result.json)`);
  const tool = obj['tool'] as { name?: unknown } | undefined;
  if (tool && typeof tool === 'object' && typeof tool.name === 'string' && tool.name !== TOOL) {
    throw locatedAt(text, shown, ['tool', 'name'], `written by "${tool.name}", not by ${TOOL}: only ${TOOL} Results can be read`);
  }
  return checked(resultSchema, data, text, shown);
}

/** Parses Result JSON text; `shown` names it in problems. */
export function parseResultText(text: string, shown: string): ResultDocument {
  return resultOf(parseJson(text, shown), text, shown);
}

/**
 * Parses the text of any document a report renders: a sweep (`format: outagesim-sweep`), a
 * sensitivity analysis (`outagesim-sensitivity`), a size search (`outagesim-size`) or else a Result. `source` is the path as the
 * user wrote it (shown in the report), `shown` names it in problems.
 */
export function parseDocumentText(text: string, source: string, shown = source): SourcedDocument {
  const data = parseJson(text, shown);
  const format = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)['format'] : undefined;
  if (format === 'outagesim-sweep') {
    if ((data as Record<string, unknown>)['shard'] !== undefined) throw locatedAt(text, shown, ['shard'], `a sweep shard, not a whole sweep: merge the shards first (${TOOL} merge <shard files...> --out sweep.json)`);
    return { source, sweep: checked(sweepSchema, data, text, shown) as unknown as SweepResult };
  }
  if (format === 'outagesim-sensitivity') return { source, sensitivity: checked(sensitivitySchema, data, text, shown) as unknown as SensitivityResult };
  if (format === 'outagesim-size') return { source, size: checked(sizeSchema, data, text, shown) as unknown as SizeResult };
  return { source, result: resultOf(data, text, shown) as unknown as ReportResult };
}

/** The text of a document file: within the size limit and UTF-8, else a ScenarioError naming the file. */
export function readDocumentText(file: string): string {
  const shown = displayFile(file);
  const fail = (message: string) => new ScenarioError([{ file: shown, line: 0, column: 0, path: '', message } satisfies Problem]);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw fail(`cannot read the file: ${(err as Error).message}`);
  }
  if (size > MAX_RESULT_BYTES) throw fail(`the file is ${(size / 2 ** 20).toFixed(0)} MB, over the ${MAX_RESULT_BYTES / 2 ** 20} MB limit for a Result JSON`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (err) {
    throw fail(err instanceof TypeError ? `the file is not UTF-8 text: ${EXPECTED}` : `cannot read the file: ${(err as Error).message}`);
  }
}

/** Reads and checks one file a report renders: a Result, a sweep or a sensitivity document. */
export function readResultFile(source: string): SourcedDocument {
  return parseDocumentText(readDocumentText(source), source, displayFile(source));
}

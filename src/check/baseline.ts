/**
 * Reads a baseline (a Result JSON written by `run --json` or `check --update`) defensively: the
 * file may be hand-edited, truncated or hostile. Problems come back located (file, line, column,
 * field) and the reader never throws anything else.
 */
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { displayFile, ScenarioError } from '../scenario/errors.js';
import { issuesToProblems } from '../scenario/issues.js';
import { parseYaml } from '../scenario/yamlSource.js';

/** Baselines larger than this are refused before they are read (a Result of 20 designs × 1,000 replications is ~10 MB). */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

const value = z.number().nullable().optional();
const summary = z.looseObject({ n: z.number().int().nonnegative(), mean: z.number().nullable() });
const recovery = summary.extend({ recovered: z.number().int().nonnegative(), not_recovered: z.number().int().nonnegative() });
const row = z.looseObject({
  replication: z.number().int().nonnegative(),
  rto_s: z.number().nullable(),
  business_rto_s: value,
  rpo_s: value,
  lost_writes: value,
  duplicate_writes: value,
  availability: value,
  retry_amplification: value,
});
const design = z.looseObject({
  name: z.string(),
  metrics: z.looseObject({
    rto_s: recovery,
    business_rto_s: recovery.optional(),
    rpo_s: summary.optional(),
    lost_writes: summary.optional(),
    duplicate_writes: summary.optional(),
    availability: summary.optional(),
    retry_amplification: summary.optional(),
  }),
  cost: z.looseObject({ monthly_usd: z.number(), total_annual_usd: z.number() }).optional(),
  replications: z.array(row),
});

/** The part of a Result that `check` reads. */
export const baselineSchema = z.looseObject({
  tool: z.looseObject({ name: z.literal('outagesim', { error: 'expected "outagesim": this is not an outagesim result' }), version: z.string() }),
  scenario: z.looseObject({ name: z.string(), seed: z.number(), replications: z.number().int().nonnegative() }),
  designs: z.array(design).min(1),
});

export type Baseline = z.output<typeof baselineSchema>;
export type BaselineDesign = Baseline['designs'][number];
export type BaselineRow = BaselineDesign['replications'][number];

/**
 * Parses baseline text; throws ScenarioError listing every located problem. JSON.parse reads it
 * (fast, and JSON has no aliases to expand); only when something is wrong is the text re-read
 * with positions to say where.
 */
export function parseBaseline(text: string, file: string): Baseline {
  const shown = displayFile(file);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ScenarioError([{ file: shown, ...positionOf(text, err as Error, shown), path: '', message: `not valid JSON (${(err as Error).message.split('\n')[0]!.slice(0, 120)}): expected a Result JSON (outagesim run --json)` }]);
  }
  const parsed = baselineSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const { root } = parseYaml(text, shown);
  if (!root) throw new ScenarioError([{ file: shown, line: 1, column: 1, path: '', message: 'expected a Result JSON (outagesim run --json)' }]);
  throw new ScenarioError(issuesToProblems(parsed.error.issues, root, data, baselineSchema));
}

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

/** Reads a baseline file; null when it does not exist (a scenario without a baseline yet). */
export function readBaseline(file: string): Baseline | null {
  const shown = displayFile(file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return null;
  }
  const fail = (message: string) => new ScenarioError([{ file: shown, line: 0, column: 0, path: '', message }]);
  if (size > MAX_BASELINE_BYTES) throw fail(`the baseline is ${(size / 2 ** 20).toFixed(0)} MB, over the ${MAX_BASELINE_BYTES / 2 ** 20} MB limit for a Result JSON`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(file));
  } catch (err) {
    throw fail(err instanceof TypeError ? 'the baseline is not UTF-8 text: expected a Result JSON' : `cannot read the baseline: ${(err as Error).message}`);
  }
  return parseBaseline(text, file);
}

/**
 * Reading Result JSON files (and sweep and sensitivity documents) for a report. Every file is read and checked before anything is
 * rendered or written; a file that cannot be read, is not JSON, is not a Result or was written by
 * another tool is refused with a ReportInputError naming it (the CLI exits 2, nothing written).
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { SensitivityResult } from '../runner/sensitivity.js';
import type { SweepResult } from '../runner/sweep.js';
import { reportResultSchema } from './resultSchema.js';
import { sensitivitySchema, sweepSchema } from './studySchemas.js';
import type { ReportResult, SourcedDocument } from './types.js';

/** A result file the report cannot use; the message starts with the file's name. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

const TOOL = 'outagesim';

function path(p: ReadonlyArray<PropertyKey>): string {
  return p.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('') || '(top level)';
}

/** Checks parsed JSON from `source` and returns it as a Result; ReportInputError when it is not one. */
export function parseResult(data: unknown, source: string): ReportResult {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new ReportInputError(`${source}: not an ${TOOL} Result (expected a JSON object, as printed by \`${TOOL} run --json\`)`);
  const obj = data as Record<string, unknown>;
  if (obj['format'] === 'outagesim-shard') throw new ReportInputError(`${source}: a shard file, not a Result: merge the shards first (${TOOL} merge <shard files...> --out result.json)`);
  const tool = obj['tool'] as { name?: unknown } | undefined;
  if (tool && typeof tool === 'object' && typeof tool.name === 'string' && tool.name !== TOOL) {
    throw new ReportInputError(`${source}: written by "${tool.name}", not by ${TOOL}: only ${TOOL} Results can be reported`);
  }
  const result = checked(reportResultSchema, data, source, 'Result') as unknown as ReportResult;
  result.designs.forEach((d, i) => {
    const n = d.timeline.t_s.length;
    for (const [name, band] of Object.entries(d.timeline.series)) {
      for (const k of ['mean', 'p5', 'p95'] as const) {
        if (band[k].length !== n) throw new ReportInputError(`${source}: not an ${TOOL} Result: designs[${i}].timeline.series.${name}.${k} has ${band[k].length} buckets but t_s has ${n}`);
      }
    }
  });
  return result;
}

/** `data` checked against `schema`; ReportInputError naming the first wrong fields otherwise. */
function checked<S extends z.ZodType>(schema: S, data: unknown, source: string, what: string): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${path(i.path)}: ${i.message}`);
  const more = parsed.error.issues.length > 3 ? ` (and ${parsed.error.issues.length - 3} more)` : '';
  throw new ReportInputError(`${source}: not an ${TOOL} ${what}: ${issues.join('; ')}${more}`);
}

/**
 * Checks parsed JSON from `source` as any document a report renders: a sweep (`format:
 * outagesim-sweep`), a sensitivity analysis (`outagesim-sensitivity`) or else a Result.
 */
export function parseDocument(data: unknown, source: string): SourcedDocument {
  const format = data !== null && typeof data === 'object' ? (data as Record<string, unknown>)['format'] : undefined;
  if (format === 'outagesim-sweep') {
    if ((data as Record<string, unknown>)['shard'] !== undefined) throw new ReportInputError(`${source}: a sweep shard, not a whole sweep: merge the shards first (${TOOL} merge <shard files...> --out sweep.json)`);
    return { source, sweep: checked(sweepSchema, data, source, 'sweep document') as unknown as SweepResult };
  }
  if (format === 'outagesim-sensitivity') return { source, sensitivity: checked(sensitivitySchema, data, source, 'sensitivity document') as unknown as SensitivityResult };
  return { source, result: parseResult(data, source) };
}

/** Reads and checks one file a report renders: a Result, a sweep or a sensitivity document. */
export function readResultFile(source: string): SourcedDocument {
  let text: string;
  try {
    text = readFileSync(source, 'utf8');
  } catch (err) {
    throw new ReportInputError(`${source}: cannot read the result file: ${err instanceof Error ? err.message : String(err)}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ReportInputError(`${source}: not JSON (${err instanceof Error ? err.message : String(err)}); expected the output of \`${TOOL} run --json\``);
  }
  return parseDocument(data, source);
}

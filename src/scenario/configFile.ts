/**
 * A YAML file of settings beside the scenarios (a price table, check's tolerances), read and
 * validated against a zod schema with the scenario machinery, so every problem is located
 * (`file:line:column: field.path: message`, exit 2) like a scenario's.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { describeValue, displayFile, ScenarioError } from './errors.js';
import { readFailure } from './includes.js';
import { issuesToProblems, labelIssue } from './issues.js';
import { toPlain, type LNode } from './located.js';
import { parseYaml } from './yamlSource.js';

/** Parses `text` as a YAML map valid under `schema`; `shape` says what the map should be, for a file that is not one. */
export function parseConfigText<S extends z.ZodType>(text: string, file: string, schema: S, shape: string): z.output<S> {
  return parseConfigDocument(text, file, schema, shape).data;
}

/** As `parseConfigText`, with the located document too (where each value was written). */
export function parseConfigDocument<S extends z.ZodType>(text: string, file: string, schema: S, shape: string): { data: z.output<S>; root: LNode } {
  const shown = displayFile(file);
  const { root, problems } = parseYaml(text, shown);
  if (problems.length > 0) throw new ScenarioError(problems);
  if (!root || root.kind !== 'map') {
    const at = root?.at ?? { file: shown, line: 1, column: 1, path: '' };
    throw new ScenarioError([{ ...at, message: `${shape}, got ${describeValue(toPlain(root))}` }]);
  }
  const data = toPlain(root);
  const parsed = schema.safeParse(data, { error: (iss) => labelIssue(iss) });
  if (!parsed.success) throw new ScenarioError(issuesToProblems(parsed.error.issues, root, data, schema));
  return { data: parsed.data, root };
}

/** The text of a settings file; ScenarioError naming the file when it cannot be read (`what`: "the price table"). */
export function readConfigText(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError([{ file: displayFile(file), line: 0, column: 0, path: '', message: `cannot read ${what}: ${readFailure(err)}` }]);
  }
}

/**
 * Loads a price table file on its own (the same `models/pricing/*.yaml` a scenario includes, a map
 * with one field `prices:`), for repricing an existing Result with another table. Problems are
 * located (`file:line:column: prices.field: message`) by the scenario machinery.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { describeValue, displayFile, ScenarioError } from './errors.js';
import { readFailure } from './includes.js';
import { issuesToProblems, labelIssue } from './issues.js';
import { toPlain } from './located.js';
import { priceTableSchema, type PriceTable } from './pricingSchema.js';
import { parseYaml } from './yamlSource.js';

const fileSchema = z.strictObject({ prices: priceTableSchema });

/** Parses and validates the text of a price table file; ScenarioError with every located problem. */
export function loadPriceTableText(text: string, file: string): PriceTable {
  const shown = displayFile(file);
  const { root, problems } = parseYaml(text, shown);
  if (problems.length > 0) throw new ScenarioError(problems);
  if (!root || root.kind !== 'map') {
    const at = root?.at ?? { file: shown, line: 1, column: 1, path: '' };
    throw new ScenarioError([{ ...at, message: `a price table file is a map with one field, prices: { name, currency, date, source, … }, got ${describeValue(toPlain(root))}` }]);
  }
  const data = toPlain(root);
  const parsed = fileSchema.safeParse(data, { error: (iss) => labelIssue(iss) });
  if (!parsed.success) throw new ScenarioError(issuesToProblems(parsed.error.issues, root, data, fileSchema));
  return parsed.data.prices;
}

/** Reads and validates a price table file. */
export function loadPriceTable(file: string): PriceTable {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ScenarioError([{ file: displayFile(file), line: 0, column: 0, path: '', message: `cannot read the price table: ${readFailure(err)}` }]);
  }
  return loadPriceTableText(text, file);
}

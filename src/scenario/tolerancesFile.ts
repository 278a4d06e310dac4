/**
 * The tolerances file of `outagesim check --tolerances FILE`: the scenario's `check` block
 * (metric → tolerance) for every scenario checked, and optionally per scenario under
 * `scenarios: { <scenario name>: { … } }`. Problems are located
 * (`file:line:column: field.path: message`) by the scenario machinery.
 */
import { z } from 'zod';
import { checkSchema } from './checkSchema.js';
import { parseConfigText, readConfigText } from './configFile.js';

const fileSchema = checkSchema.extend({
  scenarios: z.record(z.string(), checkSchema).optional().describe('Tolerances of one scenario (by its name), over the ones above'),
});

/** A parsed tolerances file: tolerances for every scenario, and per scenario name. */
export type TolerancesFile = z.output<typeof fileSchema>;

const SHAPE = 'a tolerances file is a map of metric → tolerance like a scenario\'s check block (rto_s: { statistical: 10% }), with per-scenario ones under scenarios: { <name>: { … } }';

/** Parses and validates the text of a tolerances file; ScenarioError with every located problem. */
export function parseTolerancesText(text: string, file: string): TolerancesFile {
  return parseConfigText(text, file, fileSchema, SHAPE);
}

/** Reads and validates a tolerances file. */
export function loadTolerancesFile(file: string): TolerancesFile {
  return parseTolerancesText(readConfigText(file, 'the tolerances file'), file);
}

/**
 * The tolerances file of `outagesim check --tolerances FILE`: the scenario's `check` block
 * (metric → tolerance) for every scenario checked, and optionally per scenario under
 * `scenarios: { <scenario name>: { … } }`. Problems are located
 * (`file:line:column: field.path: message`) by the scenario machinery, and so are the warnings
 * for per-scenario entries that name no scenario being checked.
 */
import { z } from 'zod';
import { checkSchema } from './checkSchema.js';
import { parseConfigDocument, readConfigText } from './configFile.js';
import type { Problem } from './errors.js';
import { child, type Origin } from './located.js';

const fileSchema = checkSchema.extend({
  scenarios: z.record(z.string(), checkSchema).optional().describe('Tolerances of one scenario (by its name), over the ones above'),
});

/** A parsed tolerances file: tolerances for every scenario, and per scenario name. */
export type TolerancesFile = z.output<typeof fileSchema>;

const SHAPE = 'a tolerances file is a map of metric → tolerance like a scenario\'s check block (rto_s: { statistical: 10% }), with per-scenario ones under scenarios: { <name>: { … } }';

/** A tolerances file, and where each of its `scenarios.<name>` entries was written. */
export interface LoadedTolerances {
  tolerances: TolerancesFile;
  scenarioAt: Map<string, Origin>;
}

/** Parses and validates the text of a tolerances file; ScenarioError with every located problem. */
export function parseTolerancesText(text: string, file: string): LoadedTolerances {
  const { data, root } = parseConfigDocument(text, file, fileSchema, SHAPE);
  const entries = child(root, 'scenarios')?.node;
  const scenarioAt = new Map(entries?.kind === 'map' ? [...entries.entries].map(([name, e]) => [name, e.keyAt]) : []);
  return { tolerances: data, scenarioAt };
}

/** Reads and validates a tolerances file. */
export function loadTolerancesFile(file: string): LoadedTolerances {
  return parseTolerancesText(readConfigText(file, 'the tolerances file'), file);
}

/**
 * Warnings for the file's `scenarios.<name>` entries that name no scenario of this run: their
 * tolerances apply to nothing (a typo, or a renamed scenario). A warning, not an error: one CI
 * policy file serves jobs that check different subsets of the scenarios (shards, one job per
 * directory), and an entry for another job's scenario is not a mistake in this one.
 */
export function unusedScenarioWarnings(t: LoadedTolerances, checked: string[]): Problem[] {
  const names = new Set(checked);
  const list = [...names].map((n) => `"${n}"`).join(', ');
  return [...t.scenarioAt].filter(([name]) => !names.has(name)).map(([name, at]) => ({
    ...at,
    message: `no scenario named "${name}" is being checked (this run checks ${list}): these tolerances apply to nothing here`,
  }));
}

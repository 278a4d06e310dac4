/**
 * Which tolerance `check` applies to a metric of a design, from most to least specific to this
 * run: the `--tolerances` file's entry for the scenario (`scenarios.<name>.<metric>`), then the
 * file's entry for every scenario (`<metric>`), then the scenario's own `check` block (a design's
 * override first), then the metric's default (metrics.ts). The file comes from the command line,
 * so it is the caller's policy for this run and wins over what the scenario says.
 */
import type { CheckSpec } from '../scenario/checkSchema.js';
import type { TolerancesFile } from '../scenario/tolerancesFile.js';

/** Each design's tolerances for `scenario`: its `check` block with the file's entries over it (defaults apply to metrics none names). */
export function effectiveTolerances(designChecks: Map<string, CheckSpec>, file: TolerancesFile | null, scenario: string): Map<string, CheckSpec> {
  if (!file) return designChecks;
  const { scenarios, ...all } = file;
  const own = scenarios?.[scenario] ?? {};
  return new Map([...designChecks].map(([design, spec]) => [design, { ...spec, ...all, ...own }]));
}

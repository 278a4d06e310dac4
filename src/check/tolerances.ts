/**
 * Which tolerance `check` applies to a metric of a design, from most to least specific to this
 * run: the `--tolerances` file's entry for the scenario (`scenarios.<name>.<metric>`), then the
 * file's entry for every scenario (`<metric>`), then the scenario's own `check` block (a design's
 * override first), then the metric's default (metrics.ts). The file comes from the command line,
 * so it is the caller's policy for this run and wins over what the scenario says. Each metric's
 * tolerance carries where it came from, which `check` prints beside it.
 */
import type { CheckMetric, CheckSpec } from '../scenario/checkSchema.js';
import type { TolerancesFile } from '../scenario/tolerancesFile.js';

/** Where a tolerance came from (absent from a `DesignTolerances`: the metric's default). */
export type ToleranceSource = 'file, this scenario' | 'file' | 'check block';

/** One design's tolerances, and where each came from. */
export interface DesignTolerances {
  spec: CheckSpec;
  from: Partial<Record<CheckMetric, ToleranceSource>>;
}

function sourced(spec: CheckSpec, source: ToleranceSource): Partial<Record<CheckMetric, ToleranceSource>> {
  return Object.fromEntries(Object.keys(spec).filter((m) => spec[m as CheckMetric] !== undefined).map((m) => [m, source]));
}

/** Each design's tolerances for `scenario`: its `check` block with the file's entries over it (defaults apply to metrics none names). */
export function effectiveTolerances(designChecks: Map<string, CheckSpec>, file: TolerancesFile | null, scenario: string): Map<string, DesignTolerances> {
  const { scenarios, ...all } = file ?? {};
  const own = scenarios?.[scenario] ?? {};
  return new Map([...designChecks].map(([design, spec]) => [design, {
    spec: { ...spec, ...all, ...own },
    from: { ...sourced(spec, 'check block'), ...sourced(all, 'file'), ...sourced(own, 'file, this scenario') },
  }]));
}

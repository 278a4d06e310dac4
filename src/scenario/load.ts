/**
 * Loads a scenario file: YAML with positions → includes merged → base and each design validated
 * by the schema → references checked. Any problem, in any design, stops the load with a
 * ScenarioError listing every problem at the file, line and column that supplied the value.
 */
import { readFile } from 'node:fs/promises';
import { decodeUtf8 } from './encoding.js';
import { describeValue, displayFile, ScenarioError, sortProblems, type Problem } from './errors.js';
import { loadWithIncludes, readFailure } from './includes.js';
import { isMap, issuesToProblems, labelIssue } from './issues.js';
import { parseYaml } from './yamlSource.js';
import { joinPath, originOf, toPlain, type LNode, type Segment } from './located.js';
import { checkFeasibility } from './feasibility.js';
import { applyDesign, designEntries } from './overrides.js';
import { checkReferences, completeScenario, type NamesOnly } from './references.js';
import { salvage } from './salvage.js';
import { scenarioSchema, type Scenario } from './schema.js';
import { settingWarnings } from './warnings.js';

/** One design: the base scenario with that design's overrides applied, validated. */
export interface DesignScenario {
  name: string;
  scenario: Scenario;
}

/** A loaded scenario: the validated base and every design, in file order. */
export interface LoadedScenario {
  /** The scenario file, relative to the working directory. */
  file: string;
  name: string;
  /** The base scenario (includes merged, no design applied), validated. */
  scenario: Scenario;
  /** Designs in file order; when the file declares none, one named "baseline" (the base). */
  designs: DesignScenario[];
  /** Settings written that cannot apply in their combination (see warnings.ts), located like problems. */
  warnings: Problem[];
}

/** Command-line overrides applied to the base and every design after validation. */
export interface RunOverrides {
  seed?: number;
  replications?: number;
  /**
   * Field overrides applied to the base before validation, as a design would apply them
   * (`sweep` and `sensitivity` vary one parameter this way): dotted path → value written as in
   * YAML (`5m`, `3`, `{ max: 10 }`). Problems name the flag that supplied them.
   */
  set?: Array<{ path: string; value: string; source: string }>;
  /**
   * The one design `set` applies to (`size` varies a field of one design, which may exist only
   * there, e.g. its autoscaling group's minimum); the base and the other designs load as written.
   * Absent: `set` applies to the base and every design.
   */
  setDesign?: string;
}

/** Reads and loads a scenario file. Throws ScenarioError on any problem. */
export async function loadScenario(file: string, overrides?: RunOverrides): Promise<LoadedScenario> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new ScenarioError([{ file: displayFile(file), line: 0, column: 0, path: '', message: `cannot read the scenario: ${readFailure(err)}` }]);
  }
  const decoded = decodeUtf8(bytes, displayFile(file));
  if ('problem' in decoded) throw new ScenarioError([decoded.problem]);
  return loadScenarioText(decoded.text, file, overrides);
}

/**
 * Loads a scenario from its text. `file` names it in errors and anchors relative `include`
 * paths (resolved against its directory). Throws ScenarioError on any problem.
 */
export function loadScenarioText(text: string, file: string, overrides?: RunOverrides): LoadedScenario {
  const shown = displayFile(file);
  const run = runOverrides(overrides);
  const { root, problems } = loadWithIncludes(text, file);
  if (problems.length > 0) throw new ScenarioError(problems);
  if (!root || (root.kind === 'scalar' && root.value === null)) {
    throw new ScenarioError([{ file: shown, line: 1, column: 1, path: '', message: 'the file is empty: a scenario needs at least name, horizon, slo, system and fault' }]);
  }
  if (root.kind !== 'map') {
    throw new ScenarioError([{ ...root.at, message: `a scenario must be a map of fields (name, horizon, slo, system, fault, …), got ${describeValue(toPlain(root))}` }]);
  }

  // Command-line overrides win over the base and over every design.
  const setProblems: Problem[] = [];
  const withSets = (t: LNode): LNode => (overrides?.set ?? []).reduce<LNode>((acc, o) => applyOverride(acc, o, setProblems) ?? acc, t);
  const only = overrides?.setDesign;
  const entries = designEntries(root);
  // A file without designs is its own one design ("baseline"): the sets then go to the base.
  const setsOnBase = only === undefined || entries.length === 0;
  if (!setsOnBase && !entries.some((e) => e.name === only)) {
    throw new ScenarioError([{ file: shown, line: 0, column: 0, path: 'designs', message: `no design named "${only}" to apply ${overrides?.set?.map((o) => o.source).join(', ') || 'the overrides'} to (designs: ${entries.map((e) => e.name).join(', ')})` }]);
  }
  const tree = setsOnBase ? withSets(root) : root;
  if (setProblems.length > 0) throw new ScenarioError(setProblems);
  const base = validate(tree);
  const all = [...base.problems];
  const warnings = [...base.warnings];
  const reported = new Set([...base.problems, ...base.warnings].map(key));
  const designs: DesignScenario[] = [];
  const baseData = toPlain(tree);
  for (const { name, entry } of designEntries(tree)) {
    const applied = applyDesign(tree, entry, scenarioSchema, baseData);
    const sets = only === undefined || only === name;
    const result = applied.problems.length > 0 ? { problems: applied.problems, warnings: [] } : validate(sets ? withSets(applied.root) : applied.root);
    if (setProblems.length > 0) throw new ScenarioError(setProblems);
    const downtime = (x?: Scenario) => x?.business?.downtime_cost_per_minute_usd;
    if (result.scenario && base.scenario && downtime(result.scenario) !== downtime(base.scenario)) {
      result.problems.push({
        ...originOf(applied.root, ['business', 'downtime_cost_per_minute_usd']),
        message: 'a design cannot change the downtime cost per minute: designs are compared (and break-even points found) at one downtime cost; set it in the scenario\'s business block',
      });
      delete result.scenario;
    }
    const own = joinPath('designs', name);
    const add = (list: Problem[], p: Problem) => {
      if (reported.has(key(p))) return;
      reported.add(key(p));
      const inDesign = p.path === own || p.path.startsWith(`${own}.`) || p.path.startsWith(`${own}[`);
      list.push(inDesign ? p : { ...p, message: `${p.message} (in design "${name}")` });
    };
    for (const p of result.problems) add(all, p);
    for (const w of result.warnings) add(warnings, w);
    if (result.scenario) designs.push({ name, scenario: result.scenario });
  }
  if (all.length > 0 || !base.scenario) throw new ScenarioError(all);

  const finish = (s: Scenario): Scenario => Object.assign(s, run);
  const scenario = finish(base.scenario);
  return {
    file: shown,
    name: scenario.name,
    scenario,
    designs: designs.length > 0 ? designs.map((d) => ({ name: d.name, scenario: finish(d.scenario) })) : [{ name: 'baseline', scenario }],
    warnings: sortProblems(warnings),
  };
}

/** `path: value` from the command line merged into the tree like a one-line design; null (and problems) when it cannot apply. */
function applyOverride(root: LNode, o: { path: string; value: string; source: string }, problems: Problem[]): LNode | null {
  const text = `${JSON.stringify(o.path)}: ${o.value}\n`;
  const parsed = parseYaml(text, o.source);
  const at = { file: o.source, line: 0, column: 0, path: o.path };
  const relocate = (n: LNode): LNode => (n.kind === 'map' ? { ...n, at, entries: new Map([...n.entries].map(([k, e]) => [k, { keyAt: at, node: relocate(e.node) }])) } : n.kind === 'seq' ? { ...n, at, items: n.items.map(relocate) } : { ...n, at });
  if (parsed.problems.length > 0 || parsed.root?.kind !== 'map') {
    problems.push({ ...at, message: `cannot read the value ${JSON.stringify(o.value)} (write it as in YAML: 5m, 3, true, { max: 10 })` });
    return null;
  }
  const applied = applyDesign(root, { keyAt: at, node: relocate(parsed.root) }, scenarioSchema, toPlain(root));
  problems.push(...applied.problems);
  return applied.problems.length > 0 ? null : applied.root;
}

/** Schema, then defaults that depend on other fields, then references; problems located in `root`. */
function validate(root: LNode): { scenario?: Scenario; problems: Problem[]; warnings: Problem[] } {
  const data = toPlain(root);
  const parsed = scenarioSchema.safeParse(data, { error: (iss) => labelIssue(iss) });
  if (!parsed.success) {
    // Names are checked in the same pass, on what the schema left usable, so every problem shows at once.
    const problems = issuesToProblems(parsed.error.issues, root, data, scenarioSchema);
    const { scenario, dropped } = salvage(data, parsed.error.issues, scenarioSchema);
    if (scenario) {
      const within = (path: Segment[]) => dropped.some((d) => d.every((seg, i) => path[i] === seg));
      problems.push(...checkReferences(scenario, (path, at) => (within(path) ? undefined : originOf(root, path, at)), { defined: definedNames(data) }));
    }
    return { problems, warnings: [] };
  }
  completeScenario(parsed.data);
  const problems = checkReferences(parsed.data, (path, at) => originOf(root, path, at));
  if (problems.length === 0) checkFeasibility(parsed.data, (path, message, at) => problems.push({ ...originOf(root, path, at), message }));
  return problems.length > 0 ? { problems, warnings: [] } : { scenario: parsed.data, problems, warnings: settingWarnings(parsed.data, root) };
}

/** The names a scenario's plain data defines, whatever their entries hold (undefined: the table is unreadable). */
function definedNames(data: unknown): NamesOnly['defined'] {
  const system = isMap(data) ? data.system : undefined;
  if (!isMap(system)) return {};
  const keys = (field: string, optional: boolean) => {
    const table = system[field];
    return isMap(table) ? Object.keys(table) : table === undefined && optional ? [] : undefined;
  };
  return {
    region: keys('regions', false), service: keys('services', false), 'client class': keys('clients', false),
    database: keys('databases', true), dependency: keys('dependencies', true), queue: keys('queues', true),
  };
}

/** Checks `--seed` / `--replications` and returns the fields they set. */
function runOverrides(o: RunOverrides | undefined): Partial<Pick<Scenario, 'seed' | 'replications'>> {
  const out: Partial<Pick<Scenario, 'seed' | 'replications'>> = {};
  const problems: Problem[] = [];
  const flag = (name: string, message: string) => problems.push({ file: `--${name}`, line: 0, column: 0, path: '', message });
  if (o?.seed !== undefined) {
    if (Number.isSafeInteger(o.seed)) out.seed = o.seed;
    else flag('seed', `expected a whole number, got ${describeValue(o.seed)}`);
  }
  if (o?.replications !== undefined) {
    if (Number.isSafeInteger(o.replications) && o.replications >= 1) out.replications = o.replications;
    else flag('replications', `expected a whole number ≥ 1, got ${describeValue(o.replications)}`);
  }
  if (problems.length > 0) throw new ScenarioError(problems);
  return out;
}

function key(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}:${p.path}:${p.message}`;
}

/**
 * `size`: the smallest value of a monotone integer parameter (instances per region, standby
 * size, pool size, connections, autoscaling minimum) at which one design meets a target with
 * confidence: for `<` / `<=` the upper end of the metric's 95% confidence interval of the mean
 * must be below (at most) the target, for `>` / `>=` its lower end above (at least). A metric
 * whose replications did not all produce it (an RTO that was not recovered) fails the target.
 *
 * The search brackets first (the minimum, then doubling until the target is met or the maximum
 * is passed) and then bisects between the largest value that failed and the smallest that met
 * it. Every point runs from the same seed (common random numbers, as `sweep`), so the metric
 * moves with the parameter, not with noise. The parameter is assumed monotone: more of it never
 * makes the metric worse.
 */
import type { LoadedScenario, RunOverrides } from '../scenario/load.js';
import type { MaybeSummary, Result } from './result.js';

export type TargetOp = '<' | '<=' | '>' | '>=';

/** `<metric> <op> <value>`, e.g. `p95_latency_s < 1` or `services.api.queue_wait_s <= 0.05`. */
export interface SizeTarget {
  metric: string;
  op: TargetOp;
  value: number;
}

/** One point tried. */
export interface SizePoint {
  value: number;
  /** 1-based order in which the search tried it. */
  tried: number;
  metric: MaybeSummary;
  /** Replications whose metric is missing (e.g. not recovered: no RTO). */
  missing: number;
  meets: boolean;
  /** With prices: the design's monthly cost at this value (estimate from the price table). */
  monthly_usd: number | null;
}

/** The `size --json` document. */
export interface SizeResult {
  format: 'outagesim-size';
  tool: Result['tool'];
  scenario: Result['scenario'];
  design: string;
  vary: { params: string[]; min: number; max: number };
  target: SizeTarget;
  /** Points in increasing value. */
  points: SizePoint[];
  /** The smallest value that met the target, or null when none up to `max` did. */
  answer: number | null;
}

/** Parses `p95_latency_s < 1s`-like text (the value a number, a duration or a percentage); null when malformed. */
export function parseTarget(text: string, parseDuration: (s: string) => number): SizeTarget | null {
  const m = /^\s*([A-Za-z0-9_.:@-]+)\s*(<=|>=|<|>)\s*(\S+)\s*$/.exec(text);
  if (!m) return null;
  const raw = m[3]!;
  let value: number;
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(raw)) value = Number(raw);
  else if (/^\d+(\.\d+)?%$/.test(raw)) value = +(Number(raw.slice(0, -1)) / 100).toPrecision(12);
  else {
    try {
      value = parseDuration(raw);
    } catch {
      return null;
    }
  }
  return Number.isFinite(value) ? { metric: m[1]!, op: m[2] as TargetOp, value } : null;
}

/**
 * The summary a target names in one design's result: `metrics.<name>` by its bare name (rto_s,
 * p95_latency_s, availability, …), or `services.<service>.<figure>` (queue_wait_s, utilization,
 * response_s, blocked_ratio, …). Null when the design has no such figure.
 */
export function targetSummary(d: Result['designs'][number], metric: string): { summary: MaybeSummary; missing: number } | null {
  const parts = metric.split('.');
  if (parts.length === 1) {
    const s = (d.metrics as unknown as Record<string, MaybeSummary | undefined>)[metric];
    if (!s || typeof s !== 'object' || !('n' in s)) return null;
    const missing = metric === 'rto_s' || metric === 'business_rto_s' ? (s as { not_recovered?: number }).not_recovered ?? 0 : 0;
    return { summary: s, missing };
  }
  if (parts.length === 3 && parts[0] === 'services') {
    const svc = d.services.find((x) => x.name === parts[1]);
    const s = svc ? (svc as unknown as Record<string, MaybeSummary | undefined>)[parts[2]!] : undefined;
    return s && typeof s === 'object' && 'n' in s ? { summary: s, missing: 0 } : null;
  }
  return null;
}

/** Whether a summary meets the target with confidence (see the module comment). */
export function meetsTarget(s: MaybeSummary, missing: number, t: SizeTarget): boolean {
  if (missing > 0 || s.ci95 === null) return false;
  const [lo, hi] = s.ci95;
  switch (t.op) {
    case '<': return hi < t.value;
    case '<=': return hi <= t.value;
    case '>': return lo > t.value;
    case '>=': return lo >= t.value;
  }
}

/**
 * The run overrides of one point: every varied path set to `value` in `design` only (the field
 * may exist only in that design, e.g. its autoscaling minimum; the other designs are not run).
 */
export function pointOverrides(params: string[], value: number, run: { seed?: number; replications?: number }, design?: string): RunOverrides {
  return { ...run, set: params.map((path) => ({ path, value: String(value), source: `--vary ${path}=${value}` })), ...(design === undefined ? {} : { setDesign: design }) };
}

/**
 * Searches [min, max] for the smallest value meeting the target; `evaluate` simulates the design
 * at one value and returns its result (a Result with that one design). Points are evaluated one
 * at a time, in the order the search asks for them; none is evaluated twice.
 */
export async function searchSize(
  range: { min: number; max: number },
  target: SizeTarget,
  evaluate: (value: number) => Promise<Result['designs'][number]>,
): Promise<{ points: SizePoint[]; answer: number | null }> {
  const tried = new Map<number, SizePoint>();
  const at = async (value: number): Promise<SizePoint> => {
    const known = tried.get(value);
    if (known) return known;
    const d = await evaluate(value);
    const found = targetSummary(d, target.metric);
    if (!found) throw new SizeTargetError(`--target ${target.metric}: the design's result has no such metric (a bare metric name such as rto_s, p95_latency_s, availability, or services.<service>.<figure> such as services.api.queue_wait_s)`);
    const point: SizePoint = { value, tried: tried.size + 1, metric: found.summary, missing: found.missing, meets: meetsTarget(found.summary, found.missing, target), monthly_usd: d.cost?.monthly_usd ?? null };
    tried.set(value, point);
    return point;
  };
  let failed = range.min - 1;
  let met: number | null = null;
  // Bracket: the minimum, then doubling the step until the target is met or max is passed.
  for (let v = range.min, step = 1; ; step *= 2) {
    if ((await at(v)).meets) {
      met = v;
      break;
    }
    failed = v;
    if (v >= range.max) break;
    v = Math.min(range.max, v + step);
  }
  if (met !== null) {
    while (met - failed > 1) {
      const mid = Math.floor((failed + met) / 2);
      if ((await at(mid)).meets) met = mid;
      else failed = mid;
    }
  }
  return { points: [...tried.values()].sort((a, b) => a.value - b.value), answer: met };
}

/** A target naming a metric the result does not have (a usage error: exit 2). */
export class SizeTargetError extends Error {}

/** Loads the scenario at a point with only the design `design` kept. */
export async function loadSizePoint(
  load: (o: RunOverrides) => Promise<LoadedScenario>,
  design: string,
  params: string[],
  value: number,
  run: { seed?: number; replications?: number },
): Promise<LoadedScenario> {
  const loaded = await load(pointOverrides(params, value, run, design));
  return { ...loaded, designs: loaded.designs.filter((d) => d.name === design) };
}

/**
 * `--vary` paths with a final `*` expanded to every key of the map at that path in `scenario`
 * (`system.services.api.instances.*` → one path per region); an error message when a `*` path
 * names no map.
 */
export function expandVary(params: string[], scenario: unknown): string[] | string {
  const out: string[] = [];
  for (const p of params) {
    if (!p.endsWith('.*')) {
      out.push(p);
      continue;
    }
    const base = p.slice(0, -2);
    let node: unknown = scenario;
    for (const seg of base.split('.')) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
    if (node === null || typeof node !== 'object' || Array.isArray(node) || Object.keys(node).length === 0) return `--vary ${p}: ${base} is not a map with entries in the scenario`;
    out.push(...Object.keys(node).map((k) => `${base}.${k}`));
  }
  return out;
}

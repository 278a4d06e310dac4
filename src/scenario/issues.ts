/**
 * Turns zod issues into located, human problems: each issue is placed at the node that supplied
 * the value (see located.ts), unions are reduced to the one alternative the user evidently meant,
 * and messages say what was expected and what was found ("expected a whole number ≥ 1, got -3").
 */
import type { z } from 'zod';
import { describeValue, didYouMean, type Problem } from './errors.js';
import { originOf, type LNode, type Segment } from './located.js';
import { placeAt } from './schemaNav.js';

/** The parts of a zod 4 issue this module reads. */
interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  errors?: Issue[][];
  discriminator?: string;
  options?: unknown[];
  issues?: Issue[];
  values?: unknown[];
  expected?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
  input?: unknown;
}

/** Marks zod's generic union message, so a schema's own union message can be told apart from it. */
const GENERIC_UNION = '\u0000union';
const TYPE_LABEL: Record<string, string> = {
  number: 'a number', int: 'a whole number', string: 'text', boolean: 'true or false', object: 'a map',
  record: 'a map', array: 'a list', tuple: 'a list', null: 'nothing', nan: 'a number',
};
/** Issue codes whose message is a label ("expected …") to which the value found is appended. */
const LABELLED = new Set(['invalid_type', 'too_small', 'too_big', 'invalid_value', 'not_multiple_of']);

/** Per-parse error map: short "expected …" labels for zod's built-in checks (schema messages take precedence). */
export function labelIssue(iss: { code: string } & Omit<Issue, 'code' | 'path' | 'message'>): string | undefined {
  const bound = (cmp: string, n: unknown) => `${cmp} ${String(n)}`;
  switch (iss.code) {
    case 'invalid_type':
      return `expected ${TYPE_LABEL[iss.expected ?? ''] ?? iss.expected}`;
    case 'too_small':
      if (iss.origin === 'array') return `expected at least ${iss.minimum} item${iss.minimum === 1 ? '' : 's'}`;
      if (iss.origin === 'string') return iss.minimum === 1 ? 'expected some text' : `expected at least ${iss.minimum} characters`;
      return `expected a number ${bound(iss.inclusive ? '≥' : '>', iss.minimum)}`;
    case 'too_big':
      if (iss.origin === 'array') return `expected at most ${iss.maximum} item${iss.maximum === 1 ? '' : 's'}`;
      if (iss.origin === 'string') return `expected at most ${iss.maximum} characters`;
      return `expected a number ${bound(iss.inclusive ? '≤' : '<', iss.maximum)}`;
    case 'invalid_value': {
      const values = (iss.values ?? []).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
      return values.length === 1 ? `expected ${values[0]}` : `expected one of ${values.join(', ')}`;
    }
    case 'invalid_format':
      return `${describeValue(iss.input)} does not have the expected form`;
    case 'invalid_union':
      return GENERIC_UNION;
    default:
      return undefined;
  }
}

/** Maps every issue to a problem located in the tree that produced `data`. */
export function issuesToProblems(issues: readonly unknown[], root: LNode, data: unknown, schema: z.ZodType): Problem[] {
  const out: Problem[] = [];
  const ctx = { root, data, schema, out };
  for (const issue of issues as Issue[]) visit(ctx, issue, []);
  return out;
}

interface Ctx {
  root: LNode;
  data: unknown;
  schema: z.ZodType;
  out: Problem[];
}

function visit(ctx: Ctx, issue: Issue, prefix: Segment[]): void {
  const path = [...prefix, ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))];
  const input = valueAt(ctx.data, path);
  const push = (at: 'key' | 'value', message: string, where = path): void => {
    ctx.out.push({ ...originOf(ctx.root, where, at), message });
  };

  if (issue.code === 'unrecognized_keys') {
    const { fields } = placeAt(ctx.schema, path, ctx.data);
    const stray = issue.keys ?? [];
    const kept = isMap(input) ? Object.keys(input).filter((k) => !stray.includes(k)) : [];
    for (const key of stray) {
      const message = fields.includes(key) && kept.length > 0
        ? `"${key}" cannot be used together with ${kept.map((k) => `"${k}"`).join(', ')}: write only one of them`
        : unknownField(key, fields);
      push('key', message, [...path, key]);
    }
    return;
  }
  if (issue.code === 'invalid_key') {
    push('key', issue.issues?.[0]?.message ?? `"${String(path.at(-1))}" is not an allowed name here`);
    return;
  }
  if (issue.code === 'invalid_union' && issue.discriminator) {
    const { discriminator: tag } = issue;
    const options = issue.options?.map(String) ?? [];
    const noun = [...path.slice(0, -1)].reverse().find((s) => typeof s === 'string') ?? '';
    if (input === undefined) return push('value', `missing required field "${tag}" (one of ${options.join(', ')})`);
    if (typeof input !== 'string') return push('value', `expected one of ${options.join(', ')}, got ${describeValue(input)}`);
    const guess = didYouMean(input, options);
    return push('value', `unknown ${String(noun).replace(/s$/, '')} ${tag} ${describeValue(input)} (expected one of ${options.join(', ')}${guess ? `; did you mean "${guess}"?` : ''})`);
  }
  if (input === undefined && path.length > 0 && isMap(valueAt(ctx.data, path.slice(0, -1)))) {
    return push('value', `missing required field "${String(path.at(-1))}"`);
  }
  if (issue.code === 'invalid_union' && issue.errors) return visitUnion(ctx, issue, path, input);
  if (LABELLED.has(issue.code)) {
    const guess = issue.code === 'invalid_value' && typeof input === 'string' ? didYouMean(input, (issue.values ?? []).map(String)) : undefined;
    return push('value', `${issue.message}, got ${describeValue(input)}${guess ? ` (did you mean "${guess}"?)` : ''}`);
  }
  push('value', issue.message);
}

/** A union: report the alternative the user evidently meant, or one message listing what would do. */
function visitUnion(ctx: Ctx, issue: Issue, path: Segment[], input: unknown): void {
  const branches = issue.errors ?? [];
  const meant = branches.filter((b) => !mismatches(b, input));
  if (meant.length > 0) {
    const best = meant.reduce((a, b) => (b.length < a.length ? b : a));
    for (const sub of best) visit(ctx, sub, path);
    return;
  }
  const { fields } = placeAt(ctx.schema, path, ctx.data);
  if (isMap(input) && fields.length > 0) {
    const stray = Object.keys(input).find((k) => !fields.includes(k));
    if (stray !== undefined) return void ctx.out.push({ ...originOf(ctx.root, [...path, stray], 'key'), message: unknownField(stray, fields) });
  }
  const labels = issue.message !== GENERIC_UNION ? [issue.message] : [...new Set(branches.flatMap(labelsOf))];
  const expected = labels.map((l) => l.replace(/^expected /, '')).join(' or ') || 'a value of another kind';
  ctx.out.push({ ...originOf(ctx.root, path), message: `expected ${expected}, got ${describeValue(input)}` });
}

/** True when a union branch failed because the value is plainly of another shape, not because of a detail. */
function mismatches(branch: Issue[], input: unknown): boolean {
  const root = branch.filter((i) => i.path.length === 0);
  if (root.some((i) => i.code === 'invalid_type' || i.code === 'invalid_value')) return true;
  if (root.some((i) => i.code === 'invalid_union' && !i.discriminator && (i.errors ?? []).every((b) => mismatches(b, input)))) return true;
  if (!isMap(input)) return false;
  const keys = Object.keys(input);
  const stray = new Set(root.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys ?? [] : [])));
  if (keys.length > 0) return keys.every((k) => stray.has(k));
  return branch.every((i) => i.path.length === 1 && valueAt(input, i.path as Segment[]) === undefined);
}

/** The "expected …" labels of a branch that failed on the value's shape. */
function labelsOf(branch: Issue[]): string[] {
  return branch
    .filter((i) => i.path.length === 0)
    .flatMap((i) => {
      if (i.code === 'invalid_union') return i.message !== GENERIC_UNION ? [i.message] : (i.errors ?? []).flatMap(labelsOf);
      return i.code === 'invalid_type' || i.code === 'invalid_value' ? [i.message] : [];
    });
}

function unknownField(key: string, fields: string[]): string {
  const guess = didYouMean(key, fields);
  if (guess) return `unknown field "${key}" (did you mean "${guess}"?)`;
  return fields.length > 0 ? `unknown field "${key}" (allowed: ${fields.join(', ')})` : `unknown field "${key}"`;
}

/** The value at `path` of plain data, or undefined. */
export function valueAt(data: unknown, path: readonly Segment[]): unknown {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = Object.hasOwn(v, seg) ? (v as Record<string, unknown>)[seg as string] : undefined;
  }
  return v;
}

/** A plain map (not a list, not null). */
export function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

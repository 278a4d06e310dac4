/**
 * Walks the zod scenario schema along a field path, so messages can name the fields allowed at a
 * place (for "did you mean") and design overrides can tell a record (any new name may be added,
 * e.g. a pool) from a fixed object (only known fields). Reads zod 4's `_zod.def` structure.
 */
import type { z } from 'zod';
import type { Segment } from './located.js';

/** The parts of zod 4's internal definition of a schema this module (and the schema-leaf test) reads. */
export interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
  element?: z.ZodType;
  items?: z.ZodType[];
  options?: z.ZodType[];
  discriminator?: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  values?: unknown[];
}

/** Schema types that wrap one inner schema without changing what it describes. */
export const WRAPPERS = new Set(['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The internal definition of a zod schema. */
export function def(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** The concrete schemas a value at this place may match: wrappers and pipes removed, unions spread. */
function expand(schema: z.ZodType, data?: unknown): z.ZodType[] {
  const d = def(schema);
  if (WRAPPERS.has(d.type) && d.innerType) return expand(d.innerType, data);
  if (d.type === 'pipe' && d.in) return expand(d.in, data);
  if (d.type === 'union' && d.options) {
    let options = d.options;
    if (d.discriminator && isObject(data)) {
      const tag = data[d.discriminator];
      const matching = options.filter((o) => literalValues(o, d.discriminator!).includes(tag));
      if (matching.length > 0) options = matching;
    }
    return options.flatMap((o) => expand(o, data));
  }
  return [schema];
}

/** The schemas of the child `seg` of a value matching `schema`. */
function children(schema: z.ZodType, seg: Segment, data: unknown): z.ZodType[] {
  return expand(schema, data).flatMap((s) => {
    const d = def(s);
    if (d.type === 'object') return d.shape && Object.hasOwn(d.shape, String(seg)) ? [d.shape[String(seg)]!] : [];
    if (d.type === 'record' && d.valueType) return [d.valueType];
    if (d.type === 'array' && d.element && typeof seg === 'number') return [d.element];
    if (d.type === 'tuple' && d.items && typeof seg === 'number' && d.items[seg]) return [d.items[seg]];
    return [];
  });
}

/** What the schema allows at a path of `root`: the field names of fixed objects, and whether any name goes (a record). */
export interface Place {
  fields: string[];
  record: boolean;
  /** For a record: an entry may be created empty (every field of an entry has a default, as in a pool). */
  emptyEntryValid: boolean;
  /** True when no schema describes this place at all. */
  unknown: boolean;
}

/** The schemas that may describe the value at `path` of `data` (wrappers such as defaults kept). */
export function schemasAt(root: z.ZodType, path: readonly Segment[], data: unknown): { schemas: z.ZodType[]; value: unknown } {
  let schemas: z.ZodType[] = [root];
  let value = data;
  for (const seg of path) {
    schemas = schemas.flatMap((s) => children(s, seg, value));
    value = isObject(value) || Array.isArray(value) ? (value as Record<string, unknown>)[seg as string] : undefined;
  }
  return { schemas, value };
}

/** Describes the container at `path` (given the document `data`, used to pick discriminated-union options). */
export function placeAt(root: z.ZodType, path: readonly Segment[], data: unknown): Place {
  const { schemas, value } = schemasAt(root, path, data);
  const concrete = schemas.flatMap((s) => expand(s, value));
  const fields = new Set<string>();
  let record = false;
  let emptyEntryValid = false;
  for (const s of concrete) {
    const d = def(s);
    if (d.type === 'object' && d.shape) Object.keys(d.shape).forEach((k) => fields.add(k));
    if (d.type === 'record') {
      record = true;
      emptyEntryValid ||= d.valueType?.safeParse({}).success === true;
    }
  }
  return { fields: [...fields], record, emptyEntryValid, unknown: schemas.length === 0 };
}

/** The literal values the option's `key` field accepts (for discriminated unions). */
function literalValues(option: z.ZodType, key: string): unknown[] {
  const shape = def(option).shape;
  const field = shape?.[key];
  if (!field) return [];
  return expand(field).flatMap((s) => def(s).values ?? []);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * What the schema says a field is: the `.describe()` text of the field at `path` (given `data`,
 * as for `placeAt`), looked for on the field and the schemas it wraps; null when none says. An
 * entry of a record (`instances.us-east`) is what its record is ("Instances per region"), not
 * what its value type is ("A whole number").
 */
export function fieldDescription(root: z.ZodType, path: readonly Segment[], data: unknown): string | null {
  const parent = path.slice(0, -1);
  if (path.length > 0 && placeAt(root, parent, data).record) {
    const own = describedAt(root, parent, data);
    if (own) return own;
  }
  return describedAt(root, path, data);
}

function describedAt(root: z.ZodType, path: readonly Segment[], data: unknown): string | null {
  for (const s of schemasAt(root, path, data).schemas) {
    let cur: z.ZodType | undefined = s;
    while (cur) {
      if (cur.description) return cur.description;
      const d = def(cur);
      cur = WRAPPERS.has(d.type) ? d.innerType : d.type === 'pipe' ? d.in : undefined;
    }
  }
  return null;
}

/**
 * A best-effort typed scenario from data the schema rejected, so that the reference checks can
 * run in the same pass and a user sees every problem at once. Each value the schema complained
 * about is taken out: a field with a default takes its default, an optional field or a record
 * entry goes, a required record becomes empty, a required top-level section takes a neutral
 * placeholder. Whatever was taken out is returned, so a check can stay silent about it.
 */
import type { z } from 'zod';
import { isMap, valueAt } from './issues.js';
import type { Segment } from './located.js';
import type { Scenario } from './schema.js';
import { placeAt, schemasAt } from './schemaNav.js';

/** The salvaged scenario (none if nothing usable was left) and the paths taken out of it. */
export interface Salvaged {
  scenario?: Scenario;
  dropped: Segment[][];
}

/** Stand-ins for required top-level sections; nothing is checked inside a dropped path. */
const PLACEHOLDERS: Record<string, unknown> = {
  name: 'scenario',
  horizon: Number.MAX_VALUE,
  slo: { success_ratio: 1, latency: 1 },
  system: { regions: {}, services: {}, clients: {} },
  fault: { kind: 'region_outage', region: '-', at: 0 },
};
const ROUNDS = 8;

interface Issue {
  code: string;
  path: PropertyKey[];
  keys?: string[];
}

/** Salvages `data` (plain, as validated) given the issues `schema` raised on it. */
export function salvage(data: unknown, firstIssues: readonly unknown[], schema: z.ZodType<Scenario>): Salvaged {
  const copy = structuredClone(data);
  const dropped: Segment[][] = [];
  let issues = firstIssues as Issue[];
  for (let round = 0; round < ROUNDS; round++) {
    for (const issue of issues) {
      const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
      const targets = issue.code === 'unrecognized_keys' ? (issue.keys ?? []).map((k) => [...path, k]) : [path];
      for (const target of targets) {
        const at = takeOut(copy, target, schema);
        if (!at) return { dropped };
        dropped.push(at);
      }
    }
    const parsed = schema.safeParse(copy);
    if (parsed.success) return { scenario: parsed.data, dropped };
    issues = parsed.error.issues as Issue[];
  }
  return { dropped };
}

/** Removes the value at `path` (or the nearest ancestor that may go); the path removed, or null at the root. */
function takeOut(data: unknown, path: Segment[], schema: z.ZodType): Segment[] | null {
  for (let q = path; q.length > 0; q = q.slice(0, -1)) {
    const parentPath = q.slice(0, -1);
    const parent = valueAt(data, parentPath);
    const key = q[q.length - 1]!;
    if (!isMap(parent)) continue; // a list item: removing it would shift the indexes problems point at
    const place = placeAt(schema, parentPath, data);
    const own = schemasAt(schema, q, data).schemas;
    if (place.record || own.some((s) => s.safeParse(undefined).success)) {
      delete parent[key as string];
      return q;
    }
    const inner = placeAt(schema, q, data);
    if (inner.record && inner.fields.length === 0) {
      parent[key as string] = {};
      return q;
    }
    if (q.length === 1 && Object.hasOwn(PLACEHOLDERS, key)) {
      parent[key as string] = structuredClone(PLACEHOLDERS[key as string]);
      return q;
    }
  }
  return null;
}

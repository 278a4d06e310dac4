/**
 * The leaves of the scenario schema: every place a scenario file sets a value, as a path pattern
 * (`system.services.*.pools.*.max`, `system.operators.*.runbook[].<step=scale>.to`). Records are
 * `*`, array items `[]`, and an option of a union of objects `<tag=value>` (or `<field>` when the
 * option has no tag). A value in the schema's own vocabulary (a duration, a distribution, a price)
 * is one leaf, however it is written.
 */
import { z } from 'zod';
import { def, WRAPPERS } from '../../src/scenario/schemaNav.js';

/** A named value type of the schema (duration, distribution, price ...): one leaf, not a structure. */
function isNamedValue(schema: z.ZodType): boolean {
  // `.describe()` clones a schema and the clone's metadata drops the id: look up its ancestors too.
  for (let s: z.ZodType | undefined = schema; s; s = (s as unknown as { _zod: { parent?: z.ZodType } })._zod.parent) {
    if (z.globalRegistry.get(s)?.id !== undefined) return true;
  }
  return false;
}

/** The concrete options of a place: wrappers and pipes removed, unions spread, named values kept whole. */
function options(schema: z.ZodType): z.ZodType[] {
  if (isNamedValue(schema)) return [schema];
  const d = def(schema);
  if (WRAPPERS.has(d.type) && d.innerType) return options(d.innerType);
  if (d.type === 'pipe' && d.in) return options(d.in);
  if (d.type === 'union' && d.options) return d.options.flatMap(options);
  return [schema];
}

/** The single literal value of `field` in an object option, if it has one. */
function tagOf(option: z.ZodType): string | undefined {
  for (const [k, field] of Object.entries(def(option).shape ?? {})) {
    const values = options(field).flatMap((s) => (def(s).type === 'literal' ? (def(s).values ?? []) : []));
    if (values.length === 1) return `${k}=${String(values[0])}`;
  }
  return undefined;
}

function isStructure(schema: z.ZodType): boolean {
  if (isNamedValue(schema)) return false;
  const d = def(schema);
  return d.type === 'object' || d.type === 'record' || (d.type === 'array' && !!d.element && options(d.element).some(isStructure));
}

/** Every leaf path pattern under `schema`, prefixed by `at`. */
export function schemaLeaves(schema: z.ZodType, at = ''): string[] {
  const all = options(schema);
  const structures = all.filter(isStructure);
  const out: string[] = [];
  if (structures.length < all.length && at !== '') out.push(at);
  const objects = structures.filter((s) => def(s).type === 'object');
  // The tag that picks an option (fault.kind, runbook[].step) is a leaf of its own.
  const tags = new Set(objects.map((s) => tagOf(s)?.split('=')[0]).filter((t) => t !== undefined));
  if (objects.length > 1) for (const t of tags) out.push(`${at}${at === '' ? '' : '.'}${t}`);
  for (const s of structures) {
    const d = def(s);
    if (d.type === 'record') out.push(...schemaLeaves(d.valueType!, `${at}.*`));
    else if (d.type === 'array') out.push(...schemaLeaves(d.element!, `${at}[]`));
    else {
      const label = objects.length > 1 ? `.<${tagOf(s) ?? Object.keys(d.shape ?? {})[0]}>` : '';
      for (const [k, field] of Object.entries(d.shape ?? {})) {
        if (label && label.startsWith(`.<${k}=`)) continue;
        out.push(...schemaLeaves(field, `${at}${label}${at === '' && !label ? '' : '.'}${k}`));
      }
    }
  }
  return [...new Set(out)];
}

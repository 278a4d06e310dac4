/**
 * Designs: each is a set of small overrides of the base scenario. A key is a dotted path from the
 * scenario root (`system.services.api.pools.orders-db`) or a nested map; its value deep-merges at
 * that path (maps merge, lists and scalars replace). The merged tree keeps, for every node, the
 * position of the override that set it, so errors point into the design.
 */
import type { z } from 'zod';
import { describeValue, didYouMean, unknownName, type Problem } from './errors.js';
import { emptyMap, formatPath, mergeNodes, type LEntry, type LNode, type Origin, type Segment } from './located.js';
import { placeAt } from './schemaNav.js';

/** What a record's entries are called, for "no such service" messages. */
const NOUNS: Record<string, string> = {
  services: 'service', databases: 'database', regions: 'region', clients: 'client', operators: 'operator',
  pools: 'pool', instances: 'region', weights: 'region', rtt: 'region pair', designs: 'design',
};
/** Top-level fields a design may not override, and why. */
const FIXED_FIELDS: Record<string, string> = {
  designs: 'a design cannot override designs (it applies to the whole file)',
  include: 'a design cannot override include (it applies to the whole file)',
  uncertain: 'a design cannot override uncertain (sensitivity varies the same parameters in every design)',
  // Comparisons pair replication k of every design (common random numbers): the pairs exist only
  // when every design runs the same replications from the same seed.
  seed: 'a design cannot override seed: every design runs from the scenario seed, so replication k of each design sees the same random numbers and their differences come from the design (set seed at the top of the file, or --seed)',
  replications: 'a design cannot override replications: designs are compared replication by replication (common random numbers), so every design runs the same number (set replications at the top of the file, or --replications)',
  // The result has one timeline grid and one horizon_s for all designs, so their curves line up.
  horizon: 'a design cannot override horizon: every design is measured over the same horizon, so their metrics and timelines line up (set horizon at the top of the file)',
  timeline_bucket: 'a design cannot override timeline_bucket: every design shares one timeline grid in the result (set timeline_bucket at the top of the file)',
  warmup: 'a design cannot override warmup: every design is measured from the same time, so their figures compare (set warmup at the top of the file)',
  compare: 'a design cannot override compare: every design is compared with the first under the same thresholds (set compare at the top of the file)',
};

/** The declared designs of a scenario tree, in file order. */
export function designEntries(root: LNode): Array<{ name: string; entry: LEntry }> {
  const designs = root.kind === 'map' ? root.entries.get('designs')?.node : undefined;
  if (!designs || designs.kind !== 'map') return [];
  return [...designs.entries].map(([name, entry]) => ({ name, entry }));
}

/**
 * Applies one design's overrides to the base tree. `schema` and `baseData` (the base as plain
 * data) tell which missing parents may be created: a new entry of a record (a new pool, a new
 * region in `instances`) or a known field left to its default; never a misspelt service.
 */
export function applyDesign(base: LNode, design: LEntry, schema: z.ZodType, baseData: unknown): { root: LNode; problems: Problem[] } {
  const problems: Problem[] = [];
  let root = base;
  if (design.node.kind !== 'map') return { root, problems };
  for (const [key, entry] of design.node.entries) {
    const target = resolveTarget(root, key.split('.'), schema, baseData);
    if (typeof target === 'string') {
      problems.push({ ...entry.keyAt, message: target });
      continue;
    }
    root = setAt(root, target, entry, entry.keyAt);
  }
  return { root, problems };
}

/** The segments of an override key checked against the tree, or a message saying why it cannot apply. */
function resolveTarget(root: LNode, segs: string[], schema: z.ZodType, data: unknown): Segment[] | string {
  if (segs.some((s) => s === '')) return `"${segs.join('.')}" is not a field path (write e.g. system.services.api.concurrency)`;
  const fixed = Object.hasOwn(FIXED_FIELDS, segs[0]!) ? FIXED_FIELDS[segs[0]!] : undefined;
  if (fixed) return fixed;
  const resolved: Segment[] = [];
  let node: LNode | undefined = root;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    const last = i === segs.length - 1;
    const here = formatPath(resolved) || 'the scenario';
    if (node?.kind === 'seq') {
      const index = /^\d+$/.test(seg) ? Number(seg) : -1;
      if (index < 0 || index >= node.items.length) {
        return `${here} is a list of ${node.items.length} item${node.items.length === 1 ? '' : 's'}: "${seg}" is not one of its indexes (0 to ${node.items.length - 1})`;
      }
      resolved.push(index);
      node = node.items[index];
      continue;
    }
    if (node?.kind === 'scalar' && node.value !== null) return `${here} is a single value (${describeValue(node.value)}), it has no field "${seg}"`;
    const existing: LEntry | undefined = node?.kind === 'map' ? node.entries.get(seg) : undefined;
    if (!existing && !last) {
      const place = placeAt(schema, resolved, data);
      const defined = node?.kind === 'map' ? [...node.entries.keys()] : [];
      if (place.record) {
        if (!place.emptyEntryValid) {
          const noun = NOUNS[String(resolved.at(-1))] ?? 'entry';
          const guess = didYouMean(seg, defined);
          return `${formatPath([...resolved, seg])}: no such ${noun} (${defined.length ? `defined: ${defined.join(', ')}` : 'none defined'}${guess ? `; did you mean "${guess}"?` : ''})`;
        }
      } else if (!place.unknown && !place.fields.includes(seg)) {
        return `${formatPath([...resolved, seg])}: ${unknownName('field', seg, place.fields).replace('defined:', 'allowed:')}`;
      }
      const inner = placeAt(schema, [...resolved, seg], data);
      if (!inner.unknown && !inner.record && inner.fields.length === 0) {
        return `${formatPath([...resolved, seg])} is a single value, it has no field "${segs[i + 1]}"`;
      }
    }
    resolved.push(seg);
    node = existing?.node;
  }
  return resolved;
}

/** A copy of `node` with `over` deep-merged at `segs`; parents that do not exist are created at `created`. */
function setAt(node: LNode | undefined, segs: readonly Segment[], over: LEntry, created: Origin): LNode {
  if (segs.length === 0) return mergeNodes(node, over.node);
  const [seg, ...rest] = segs as [Segment, ...Segment[]];
  if (node?.kind === 'seq' && typeof seg === 'number') {
    const items = [...node.items];
    items[seg] = setAt(items[seg], rest, over, created);
    return { ...node, items };
  }
  const map = node?.kind === 'map' ? node : emptyMap(created);
  const entries = new Map(map.kind === 'map' ? map.entries : []);
  const old = entries.get(String(seg));
  const keyAt = rest.length === 0 ? over.keyAt : (old?.keyAt ?? created);
  entries.set(String(seg), { keyAt, node: setAt(old?.node, rest, over, created) });
  return { kind: 'map', at: map.at, entries };
}


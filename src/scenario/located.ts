/**
 * A YAML document as a tree whose every node remembers where its value was written (file, line,
 * column and the field path to show). Includes and design overrides merge these trees, so after
 * merging, any value can still be traced to the file, and the line, that supplied it.
 */

/** Where a value (or a key) was written, and the field path to show the user for it. */
export interface Origin {
  file: string;
  line: number;
  column: number;
  /** Display path of the node, e.g. `system.services.api.concurrency`. */
  path: string;
}

/** A map entry: the key's own position and the value node. */
export interface LEntry {
  keyAt: Origin;
  node: LNode;
}

/** A node of a located document. Scalars hold YAML's plain values. */
export type LNode =
  | { kind: 'map'; at: Origin; entries: Map<string, LEntry> }
  | { kind: 'seq'; at: Origin; items: LNode[] }
  | { kind: 'scalar'; at: Origin; value: string | number | boolean | null };

/** A path segment: a map key or a list index. */
export type Segment = string | number;

const PLAIN_KEY = /^[A-Za-z0-9_$~-]+$/;

/** Appends a segment to a display path: `a.b`, `a[0]`, `designs.fixed["system.x"]`. */
export function joinPath(base: string, seg: Segment): string {
  if (typeof seg === 'number') return `${base}[${seg}]`;
  if (!PLAIN_KEY.test(seg)) return `${base}[${JSON.stringify(seg)}]`;
  return base ? `${base}.${seg}` : seg;
}

/** The display path of a whole segment list from the root. */
export function formatPath(segments: readonly Segment[]): string {
  return segments.reduce<string>((p, s) => joinPath(p, s), '');
}

/** The plain JavaScript value of a located node (what zod validates). */
export function toPlain(node: LNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const [k, e] of node.entries) {
    // defineProperty: a key named __proto__ stays an ordinary field.
    Object.defineProperty(out, k, { value: toPlain(e.node), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The child of a map or list node, or undefined. */
export function child(node: LNode | undefined, seg: Segment): LEntry | undefined {
  if (!node) return undefined;
  if (node.kind === 'map') return node.entries.get(String(seg));
  if (node.kind === 'seq' && typeof seg === 'number') {
    const item = node.items[seg];
    return item && { keyAt: item.at, node: item };
  }
  return undefined;
}

/** Result of following a path: the entry if it exists, else the deepest node on the way. */
export interface Lookup {
  found?: LEntry;
  /** Deepest node reached, and how many segments it consumed. */
  nearest: LNode;
  depth: number;
}

/** Follows a path through a located tree. */
export function lookup(root: LNode, path: readonly Segment[]): Lookup {
  let node = root;
  let entry: LEntry | undefined = { keyAt: root.at, node: root };
  for (let i = 0; i < path.length; i++) {
    const next = child(node, path[i]!);
    if (!next) return { nearest: node, depth: i };
    entry = next;
    node = next.node;
  }
  return { found: entry, nearest: node, depth: path.length };
}

/** Where to point for a value at `path`: the value itself, or (if absent) the nearest parent written. */
export function originOf(root: LNode, path: readonly Segment[], at: 'key' | 'value' = 'value'): Origin {
  const { found, nearest, depth } = lookup(root, path);
  if (found) return at === 'key' ? found.keyAt : found.node.at;
  const rest = path.slice(depth).reduce<string>((p, s) => joinPath(p, s), nearest.at.path);
  return { ...nearest.at, path: rest };
}

/**
 * Deep-merges `over` onto `base` without touching either: maps merge key by key (the later
 * writer's key position wins), lists and scalars replace.
 */
export function mergeNodes(base: LNode | undefined, over: LNode): LNode {
  if (!base || base.kind !== 'map' || over.kind !== 'map') return over;
  const entries = new Map(base.entries);
  for (const [k, e] of over.entries) {
    const old = entries.get(k);
    entries.set(k, { keyAt: e.keyAt, node: mergeNodes(old?.node, e.node) });
  }
  return { kind: 'map', at: over.at, entries };
}

/** An empty map node placed at `at`, used when an override creates a missing parent. */
export function emptyMap(at: Origin): LNode {
  return { kind: 'map', at, entries: new Map() };
}

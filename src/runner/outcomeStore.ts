/**
 * The replication outcomes of one design, kept compactly so that a run's memory does not grow
 * with whole outcome objects. The first outcome fixes a layout (its "shape"): every number,
 * boolean, null and undefined in it (timeline values included) gets a slot in a row of a chunked
 * Float64Array, with a one-byte tag saying which kind it was; strings and the structure are kept
 * once. An outcome that departs from the shape somewhere (a string that differs, an array of
 * another length) keeps that part verbatim, so nothing is ever lost, only less compact.
 *
 * `rows()` hands the outcomes back as read-only views that decode on access: aggregation reads
 * them like outcome objects (property access, `Object.keys`, spread, JSON) without 100,000 of
 * them existing at once. About 9 bytes per number per replication.
 *
 * Events are not stored when `eventsOf` is given: reading a view's `events` calls it (the runner
 * reruns that one replication in this thread; a replication is a pure function of scenario and
 * index, so the events are the same). Aggregation reads the events of its representative
 * replication only; `events` is not enumerable, so copying or serialising a view reruns nothing.
 */
import type { TimelineEvent } from '../metrics/replicationRecorder.js';
import type { ReplicationOutcome } from '../metrics/outcome.js';

type Shape =
  | { kind: 'slot'; id: number; slot: number }
  | { kind: 'const'; id: number; value: unknown }
  | { kind: 'array'; id: number; items: Shape[] }
  | { kind: 'object'; id: number; keys: string[]; fields: Map<string, Shape> }
  | { kind: 'events'; id: number };

const NUMBER = 0;
const NULL = 1;
const TRUE = 2;
const FALSE = 3;
const UNDEFINED = 4;

/** Bytes of values per chunk: rows are allocated a chunk at a time. */
const CHUNK_BYTES = 1 << 20;

interface Chunk {
  values: Float64Array;
  tags: Uint8Array;
}

/** The target behind a view: which row it reads. */
class RowRef {
  constructor(readonly row: number) {}
}

/** The value at `path` of `v` (undefined where the path leads nowhere). */
export function readPath(v: unknown, path: readonly (string | number)[]): unknown {
  let x = v;
  for (const seg of path) x = typeof x === 'object' && x !== null ? (x as Record<string, unknown>)[seg] : undefined;
  return x;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !ArrayBuffer.isView(v);
}

/** One design's outcomes in replication-arrival order, compact; see the module comment. */
export class OutcomeStore {
  private shape: Shape | undefined;
  private slots = 0;
  private nodes = 0;
  private rowsPerChunk = 1;
  private readonly chunks: Chunk[] = [];
  /** Per row, the parts that did not fit the shape, by shape node id. */
  private readonly verbatim = new Map<number, Map<number, unknown>>();
  private size = 0;
  private replicationShape: Shape | undefined;
  private lastEvents: { row: number; events: TimelineEvent[] } | undefined;
  private readonly handlers = new Map<number, ProxyHandler<RowRef>>();
  /** Reused by `sortedFinite`. */
  private scratch: Float64Array | undefined;

  /** `eventsOf(replication)`: the events of a replication, recomputed on demand (not stored). */
  constructor(private readonly eventsOf?: (replication: number) => TimelineEvent[]) {}

  /** Outcomes stored so far. */
  get length(): number {
    return this.size;
  }

  /** Stores one outcome (its events are dropped when `eventsOf` was given). */
  add(outcome: ReplicationOutcome): void {
    if (!this.shape) {
      this.shape = this.build(outcome, true);
      this.replicationShape = this.shape.kind === 'object' ? this.shape.fields.get('replication') : undefined;
      this.rowsPerChunk = Math.max(1, Math.floor(CHUNK_BYTES / 8 / Math.max(1, this.slots)));
    }
    const row = this.size++;
    if (row % this.rowsPerChunk === 0) {
      const n = this.rowsPerChunk * this.slots;
      this.chunks.push({ values: new Float64Array(n), tags: new Uint8Array(n) });
    }
    this.write(row, this.shape, outcome);
  }

  /**
   * The value at `path` of every stored outcome, in the order they were added
   * (`['censored', 3]`): as `rows()` would give them, without a view per row.
   */
  values(path: readonly (string | number)[]): unknown[] {
    const out: unknown[] = new Array(this.size);
    this.scan(path, (v, row) => (out[row] = v));
    return out;
  }

  /**
   * The finite numbers at `path` of every stored outcome (`['timeline', 'goodput_per_s', 3]`),
   * sorted ascending, in a buffer the next call reuses: aggregation summarises a field at a
   * time this way, so it allocates nothing per replication and nothing per field.
   */
  sortedFinite(path: readonly (string | number)[]): Float64Array {
    if (!this.scratch || this.scratch.length < this.size) this.scratch = new Float64Array(this.size);
    const buffer = this.scratch;
    let n = 0;
    this.scan(path, (v) => {
      if (typeof v === 'number' && Number.isFinite(v)) buffer[n++] = v;
    });
    return buffer.subarray(0, n).sort();
  }

  /** Calls `visit` with the value at `path` of each row: from its slot, or through the view where the row departed from the shape. */
  private scan(path: readonly (string | number)[], visit: (v: unknown, row: number) => void): void {
    let node = this.shape;
    const along: Shape[] = [];
    for (const seg of path) {
      if (!node) break;
      along.push(node);
      node = node.kind === 'object' ? node.fields.get(String(seg)) : node.kind === 'array' && typeof seg === 'number' ? node.items[seg] : undefined;
    }
    const slot = node?.kind === 'slot' ? node : undefined;
    if (slot) along.push(slot);
    for (let row = 0; row < this.size; row++) {
      const kept = this.verbatim.get(row);
      visit(slot && !(kept && along.some((n) => kept.has(n.id))) ? this.read(row, slot) : readPath(this.read(row, this.shape!), path), row);
    }
  }

  /** Views of every stored outcome, in the order they were added. */
  rows(): ReplicationOutcome[] {
    return Array.from({ length: this.size }, (_, row) => this.read(row, this.shape!) as ReplicationOutcome);
  }

  private build(v: unknown, root = false): Shape {
    const id = this.nodes++;
    if (typeof v === 'number' || typeof v === 'boolean' || v === null || v === undefined) return { kind: 'slot', id, slot: this.slots++ };
    if (Array.isArray(v)) return { kind: 'array', id, items: v.map((x) => this.build(x)) };
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      const fields = new Map<string, Shape>();
      for (const k of keys) fields.set(k, root && k === 'events' && this.eventsOf ? { kind: 'events', id: this.nodes++ } : this.build(v[k]));
      return { kind: 'object', id, keys, fields };
    }
    return { kind: 'const', id, value: v };
  }

  private keepVerbatim(row: number, node: Shape, v: unknown): void {
    let m = this.verbatim.get(row);
    if (!m) this.verbatim.set(row, (m = new Map()));
    m.set(node.id, v);
  }

  private write(row: number, node: Shape, v: unknown): void {
    switch (node.kind) {
      case 'slot': {
        const tag = typeof v === 'number' ? NUMBER : v === null ? NULL : v === true ? TRUE : v === false ? FALSE : v === undefined ? UNDEFINED : -1;
        if (tag < 0) return this.keepVerbatim(row, node, v);
        const chunk = this.chunks[Math.floor(row / this.rowsPerChunk)]!;
        const i = (row % this.rowsPerChunk) * this.slots + node.slot;
        chunk.tags[i] = tag;
        if (tag === NUMBER) chunk.values[i] = v as number;
        return;
      }
      case 'const':
        if (!Object.is(v, node.value)) this.keepVerbatim(row, node, v);
        return;
      case 'events':
        return;
      case 'array':
        if (!Array.isArray(v) || v.length !== node.items.length) return this.keepVerbatim(row, node, v);
        for (let k = 0; k < v.length; k++) this.write(row, node.items[k]!, v[k]);
        return;
      case 'object': {
        if (!isPlainObject(v)) return this.keepVerbatim(row, node, v);
        const keys = Object.keys(v);
        if (keys.length !== node.keys.length || keys.some((k, i) => k !== node.keys[i])) return this.keepVerbatim(row, node, v);
        for (const k of keys) this.write(row, node.fields.get(k)!, v[k]);
        return;
      }
    }
  }

  private read(row: number, node: Shape): unknown {
    const kept = this.verbatim.get(row);
    if (kept?.has(node.id)) return kept.get(node.id);
    switch (node.kind) {
      case 'slot': {
        const chunk = this.chunks[Math.floor(row / this.rowsPerChunk)]!;
        const i = (row % this.rowsPerChunk) * this.slots + node.slot;
        const tag = chunk.tags[i];
        return tag === NUMBER ? chunk.values[i] : tag === NULL ? null : tag === TRUE ? true : tag === FALSE ? false : undefined;
      }
      case 'const':
        return node.value;
      case 'events':
        return this.events(row);
      case 'array':
        return node.items.map((item) => this.read(row, item));
      case 'object':
        return this.view(row, node);
    }
  }

  private events(row: number): TimelineEvent[] {
    if (this.lastEvents?.row !== row) {
      const replication = this.read(row, this.replicationShape!) as number;
      this.lastEvents = { row, events: this.eventsOf!(replication) };
    }
    return this.lastEvents.events;
  }

  /** A read-only object whose fields are decoded when read (one shared handler per shape node). */
  private view(row: number, node: Extract<Shape, { kind: 'object' }>): object {
    let handler = this.handlers.get(node.id);
    if (!handler) {
      const read = (t: RowRef, key: string | symbol) => (typeof key === 'string' && node.fields.has(key) ? this.read(t.row, node.fields.get(key)!) : undefined);
      handler = {
        get: read,
        has: (_t, key) => typeof key === 'string' && node.fields.has(key),
        ownKeys: () => node.keys,
        // Recomputed events are not enumerable: copying or serialising a view never reruns a replication.
        getOwnPropertyDescriptor: (t, key) => {
          const field = typeof key === 'string' ? node.fields.get(key) : undefined;
          if (!field) return undefined;
          if (field.kind === 'events') return { get: () => read(t, key), enumerable: false, configurable: true };
          return { value: read(t, key), writable: false, enumerable: true, configurable: true };
        },
        set: () => false,
        defineProperty: () => false,
        deleteProperty: () => false,
      };
      this.handlers.set(node.id, handler);
    }
    return new Proxy(new RowRef(row), handler);
  }
}

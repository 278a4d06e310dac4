/**
 * Reads YAML text into a located tree (see located.ts): every map, list, scalar and key keeps its
 * file, line and column. YAML syntax errors, duplicate keys and constructs a scenario cannot hold
 * become located problems.
 */
import { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { type Problem } from './errors.js';
import { joinPath, type LEntry, type LNode, type Origin } from './located.js';

/** A parsed YAML file: its located tree (undefined for an empty file) and any problems found. */
export interface YamlSource {
  root: LNode | undefined;
  problems: Problem[];
}

/** Friendlier words for the YAML parser's error codes; others keep the parser's own text. */
const YAML_MESSAGES: Record<string, string> = {
  TAB_AS_INDENT: 'tabs are not allowed for indentation in YAML; indent with spaces',
  MULTIPLE_DOCS: 'a scenario file holds one YAML document; remove the extra "---"',
  BLOCK_AS_IMPLICIT_KEY: 'a value cannot start a nested map on the same line (quote it, or put the map on the next line)',
};

/**
 * Parses YAML text. `file` is the name shown in problems (relative to the working directory).
 * Anchors and aliases are resolved; merge keys (`<<`) are refused in favour of `include`.
 */
export function parseYaml(text: string, file: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const problems: Problem[] = [];
  const origin = (offset: number, path: string): Origin => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col, path };
  };
  const marks: Array<{ offset: number; path: string }> = [];
  const walker = new Walker(doc, origin, problems, marks);
  const root = doc.contents ? walker.node(doc.contents as Node, '', 0) : undefined;

  // One message per broken line: the parser's later errors on a line it already failed on, and
  // the walker's complaints about the half-built nodes there, are consequences of the first.
  const syntax: Problem[] = [];
  for (const err of [...doc.errors].sort((a, b) => a.pos[0] - b.pos[0])) {
    const offset = err.pos[0];
    const mark = marks.filter((m) => m.offset <= offset).at(-1);
    const firstLine = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const message = YAML_MESSAGES[err.code] ?? `YAML syntax error: ${lowerFirst(firstLine)}`;
    const problem = { ...origin(offset, err.code === 'MULTIPLE_DOCS' ? '' : (mark?.path ?? '')), message };
    if (!syntax.some((p) => p.line === problem.line)) syntax.push(problem);
  }
  const brokenLines = new Set(syntax.map((p) => p.line));
  return { root, problems: [...syntax, ...problems.filter((p) => !brokenLines.has(p.line))] };
}

class Walker {
  constructor(
    private readonly doc: Document,
    private readonly origin: (offset: number, path: string) => Origin,
    private readonly problems: Problem[],
    private readonly marks: Array<{ offset: number; path: string }>,
  ) {}

  /** Nodes left before alias expansion is refused (guards against "billion laughs" documents). */
  private budget = 100_000;

  /** Converts one YAML node at display path `path`; `fallback` is the offset used when the node has no range. */
  node(n: Node | null | undefined, path: string, fallback: number, depth = 0): LNode {
    const offset = n?.range?.[0] ?? fallback;
    const at = this.origin(offset, path);
    this.marks.push({ offset, path });
    if (--this.budget === 0) this.problems.push({ ...at, message: 'the document is too large once its aliases (*name) are expanded' });
    if (this.budget <= 0 || depth > 64) return { kind: 'scalar', at, value: null };
    if (isAlias(n)) {
      const target = n.resolve(this.doc);
      return target ? { ...this.node(target, path, offset, depth + 1), at } : { kind: 'scalar', at, value: null };
    }
    if (isMap(n)) {
      const entries = new Map<string, LEntry>();
      for (const pair of n.items) {
        const keyNode = pair.key as Node | null;
        const keyOffset = keyNode?.range?.[0] ?? offset;
        if (!isScalar(keyNode) || keyNode.value === null || typeof keyNode.value === 'object') {
          this.problems.push({ ...this.origin(keyOffset, path), message: 'a key must be a plain name, not a list or a map' });
          continue;
        }
        const key = String(keyNode.value);
        const childPath = joinPath(path, key);
        const keyAt = this.origin(keyOffset, childPath);
        if (key === '<<') {
          this.problems.push({ ...keyAt, message: 'YAML merge keys (<<) are not supported; use include: or designs: to reuse settings' });
          continue;
        }
        const first = entries.get(key);
        if (first) {
          this.problems.push({ ...keyAt, message: `duplicate key "${key}" (first set at line ${first.keyAt.line})` });
          continue;
        }
        const valueNode = pair.value as Node | null;
        const valueOffset = valueNode?.range?.[0] ?? keyOffset;
        entries.set(key, { keyAt, node: this.node(valueNode, childPath, valueOffset, depth + 1) });
      }
      return { kind: 'map', at, entries };
    }
    if (isSeq(n)) {
      const items = n.items.map((item, i) => this.node(item as Node | null, joinPath(path, i), offset, depth + 1));
      return { kind: 'seq', at, items };
    }
    if (isScalar(n)) {
      const v = n.value;
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : String(v);
      return { kind: 'scalar', at, value };
    }
    return { kind: 'scalar', at, value: null };
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

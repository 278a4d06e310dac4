/**
 * `include:` — reusable model files merged under a scenario. Paths are relative to the including
 * file; included files may include others. Merge order: the includes in order, then the including
 * file, which wins (maps deep-merge, lists and scalars replace). Every node keeps the position of
 * the file that supplied it. Includes stay inside the scenario's project (the nearest directory
 * above the scenario holding package.json or .git, else the scenario's own directory): a
 * scenario from elsewhere cannot make the tool read arbitrary files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { decodeUtf8 } from './encoding.js';
import { describeValue, displayFile, type Problem } from './errors.js';
import { mergeNodes, toPlain, type LNode } from './located.js';
import { parseYaml } from './yamlSource.js';

/** Reads a file by absolute path: its bytes (checked to be UTF-8 here) or, in tests, its text. */
export type ReadText = (absPath: string) => Uint8Array | string;

/** The merged tree of a file and everything it includes, or the problems that prevent it. */
export interface IncludeResult {
  root: LNode | undefined;
  problems: Problem[];
}

/** Parses `text` (the content of `file`) and merges its includes beneath it. */
export function loadWithIncludes(text: string, file: string, read: ReadText = (p) => readFileSync(p)): IncludeResult {
  const problems: Problem[] = [];
  const abs = resolve(file);
  const root = load(text, abs, [abs], read, problems, projectRoot(dirname(abs)));
  return { root, problems };
}

/** The directory includes must stay in: the nearest one up from `dir` with package.json or .git, else `dir`. */
export function projectRoot(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json')) || existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return dir;
  }
}

function load(text: string, abs: string, chain: string[], read: ReadText, problems: Problem[], top: string): LNode | undefined {
  const source = parseYaml(text, displayFile(abs));
  problems.push(...source.problems);
  const root = source.root;
  if (!root || root.kind !== 'map') return root;
  const list = root.entries.get('include')?.node;
  if (!list || (list.kind === 'scalar' && list.value === null)) return root;
  if (list.kind !== 'seq') {
    problems.push({ ...list.at, message: `expected a list of file paths such as [../models/postgres.yaml], got ${describeValue(toPlain(list))}` });
    return root;
  }
  let merged: LNode | undefined;
  for (const item of list.items) {
    if (item.kind !== 'scalar' || typeof item.value !== 'string' || item.value.trim() === '') {
      problems.push({ ...item.at, message: `expected a file path, got ${describeValue(toPlain(item))}` });
      continue;
    }
    const target = resolve(dirname(abs), item.value);
    const inside = relative(top, target);
    if (inside.startsWith('..') || isAbsolute(inside)) {
      problems.push({ ...item.at, message: `include "${item.value}" leaves the scenario's project (${displayFile(top)}): model files must live inside it` });
      continue;
    }
    if (chain.includes(target)) {
      const cycle = [...chain.slice(chain.indexOf(target)), target].map(displayFile).join(' → ');
      problems.push({ ...item.at, message: `include cycle: ${cycle}` });
      continue;
    }
    let content: Uint8Array | string;
    try {
      content = read(target);
    } catch (err) {
      problems.push({ ...item.at, message: `cannot read included file "${item.value}" (${displayFile(target)}): ${readFailure(err)}` });
      continue;
    }
    const decoded = typeof content === 'string' ? { text: content } : decodeUtf8(content, displayFile(target));
    if ('problem' in decoded) {
      problems.push(decoded.problem);
      continue;
    }
    const included = decoded.text;
    const tree = load(included, target, [...chain, target], read, problems, top);
    if (tree === undefined || (tree.kind === 'scalar' && tree.value === null)) continue;
    if (tree.kind !== 'map') {
      problems.push({ ...tree.at, message: `an included model file must hold a map of scenario fields, got ${describeValue(toPlain(tree))}` });
      continue;
    }
    merged = mergeNodes(merged, tree);
  }
  return merged ? mergeNodes(merged, root) : root;
}

/** A file-system error in words. */
export function readFailure(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EISDIR') return 'it is a directory, not a file';
  if (code === 'EACCES') return 'permission denied';
  return err instanceof Error ? err.message : String(err);
}

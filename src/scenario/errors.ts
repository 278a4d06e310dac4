/**
 * Scenario errors as values with a place: every problem names the file, line, column and field
 * path that supplied the bad value, so the user can go straight to it.
 */
import { relative, resolve } from 'node:path';

/** One thing wrong with a scenario, located in the file that supplied the value. */
export interface Problem {
  /** File relative to the working directory at load time. */
  file: string;
  /** 1-based line; 0 when the problem has no place in a file (a command-line option). */
  line: number;
  /** 1-based column; 0 when `line` is 0. */
  column: number;
  /** Field path: `system.services.api.pools.orders-db.max`, or `designs.fixed["system.services.api.concurrency"]`. */
  path: string;
  message: string;
}

/** Thrown when a scenario cannot be loaded; `message` lists one problem per line. */
export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    const sorted = sortProblems(problems);
    super(sorted.map(formatProblem).join('\n'));
    this.problems = sorted;
  }
}

/** `file:line:column: path: message`, the form editors and terminals turn into links. */
export function formatProblem(p: Problem): string {
  const place = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${place}: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** `file:line:column: warning: path: message`: a setting that is accepted but cannot apply. */
export function formatWarning(p: Problem): string {
  const place = p.line > 0 ? `${p.file}:${p.line}:${p.column}` : p.file;
  return `${place}: warning: ${p.path ? `${p.path}: ` : ''}${p.message}`;
}

/** Problems in reading order (file, line, column), without exact duplicates. */
export function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : a.file < b.file ? -1 : 1));
}

/** A file name as shown in problems: relative to the working directory. */
export function displayFile(file: string): string {
  const abs = resolve(file);
  return relative(process.cwd(), abs) || abs;
}

/** A value as quoted in a message: `"30x"`, `-3`, `a map`, `a list of 2 items`. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'nothing (an empty value)';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.length === 0 ? 'an empty list' : `a list of ${v.length} item${v.length === 1 ? '' : 's'}`;
  if (typeof v === 'object') return Object.keys(v).length === 0 ? 'an empty map' : 'a map';
  return String(v);
}

/** The closest known name to a misspelt one, if it is close enough to be a likely typo. */
export function didYouMean(word: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

/** `unknown region "us-wst" (defined: us-east, us-west; did you mean "us-west"?)` */
export function unknownName(kind: string, value: string, defined: string[]): string {
  const list = defined.length > 0 ? `defined: ${defined.join(', ')}` : `none defined`;
  const guess = didYouMean(value, defined);
  return `unknown ${kind} "${value}" (${list}${guess ? `; did you mean "${guess}"?` : ''})`;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

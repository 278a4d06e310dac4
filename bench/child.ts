/**
 * One bench measurement in a fresh Node process, as a user's `run` sees the code: its own heap
 * and V8 type feedback, nothing left by the measurements before it (bench/index.ts explains why).
 * The parent runs a bench entry and reads the one JSON line of figures it prints last; the entry
 * prints that line with printFigures. Children run one at a time (the figures are one thread's).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Prints figures as the one JSON line the parent reads (the child side). */
export function printFigures(figures: Record<string, number>): void {
  console.log(JSON.stringify(figures));
}

/** The figures `keys` from a child's stdout: its last non-empty line, a JSON object of finite numbers. Throws naming `label`. */
export function parseFigures<K extends string>(stdout: string, keys: readonly K[], label: string): Record<K, number> {
  const line = stdout.trimEnd().split('\n').at(-1) ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new Error(`bench: ${label}: the child's last line is not JSON: ${JSON.stringify(line.slice(0, 200))}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`bench: ${label}: the child's last line is not a JSON object: ${line.slice(0, 200)}`);
  const out = {} as Record<K, number>;
  for (const k of keys) {
    const v = (parsed as Record<string, unknown>)[k];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`bench: ${label}: the child's figure "${k}" is ${JSON.stringify(v)}, not a finite number`);
    out[k] = v;
  }
  return out;
}

/**
 * The path of bench entry `name` as built beside this module (`npm run bench` compiles bench/ to
 * bench/.build/ with bench/tsconfig.json; its imports of `#dist/…` are the built product in dist/,
 * what a user's `run` executes). Refuses to run from the TypeScript sources: through tsx, esbuild's
 * `keepNames` wraps every class and closure and made the same code 12–17% slower per attempt.
 */
export function builtEntry(name: string): string {
  if (import.meta.url.endsWith('.ts')) throw new Error('bench: run it with `npm run bench` (it times the built code; tsx would time esbuild\'s output)');
  return fileURLToPath(new URL(`./${name}.js`, import.meta.url));
}

/**
 * Runs `node <script> <args…>` (built JavaScript: a builtEntry or bench/peakRss.mjs) and returns the
 * figures `keys` of the JSON line it prints last. A child that fails has its stderr printed, and
 * the parent throws naming `label`.
 */
export function runChild<K extends string>(script: string, args: string[], keys: readonly K[], label: string): Record<K, number> {
  const r = spawnSync(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined || r.status !== 0) {
    process.stderr.write(r.stderr ?? '');
    const why = r.error?.message ?? (r.signal !== null ? `was killed by ${r.signal}` : `exited ${r.status}`);
    throw new Error(`bench: ${label}: ${script} ${args.join(' ')} ${why}`);
  }
  if (r.stderr) process.stderr.write(r.stderr);
  return parseFigures(r.stdout, keys, label);
}

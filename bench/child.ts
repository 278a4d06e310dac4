/**
 * One bench measurement in a fresh Node process, as a user's `run` sees the code: its own heap
 * and V8 type feedback, nothing left by the measurements before it (bench/index.ts explains why).
 * The parent runs a bench entry and reads the one JSON line of figures it prints last; the entry
 * prints that line with printFigures. Children run one at a time (the figures are one thread's).
 */
import { spawnSync } from 'node:child_process';

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
 * Runs `node [--import tsx] <script> <args…>` (tsx for a .ts entry, as `npm run bench` runs the
 * bench; plain node for built JavaScript) and returns the figures `keys` of the JSON line it
 * prints last. A child that fails has its stderr printed, and the parent throws naming `label`.
 */
export function runChild<K extends string>(script: string, args: string[], keys: readonly K[], label: string): Record<K, number> {
  const node = script.endsWith('.ts') ? ['--import', 'tsx', script] : [script];
  const r = spawnSync(process.execPath, [...node, ...args], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined || r.status !== 0) {
    process.stderr.write(r.stderr ?? '');
    const why = r.error?.message ?? (r.signal !== null ? `was killed by ${r.signal}` : `exited ${r.status}`);
    throw new Error(`bench: ${label}: ${script} ${args.join(' ')} ${why}`);
  }
  if (r.stderr) process.stderr.write(r.stderr);
  return parseFigures(r.stdout, keys, label);
}

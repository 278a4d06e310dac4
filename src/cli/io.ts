/**
 * File output for the CLI: results are written atomically (a temporary file renamed into place),
 * so an interrupted run never leaves a half-written result behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Writes `text` (or bytes) to `file` via a temporary file in the same directory and a rename. */
export function writeFileAtomic(file: string, text: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/** The Result as the JSON document the CLI prints and writes (stable key order, trailing newline). */
export function resultJson(result: unknown): string {
  return `${JSON.stringify(result, null, 2)}\n`;
}

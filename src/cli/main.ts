#!/usr/bin/env node
/**
 * The `outagesim` executable: runs the commands of `program.ts` on this process's argv and
 * streams. Ctrl-C aborts the run: workers stop, nothing is written, exit 130.
 */
import { runCli } from './program.js';

const interrupt = new AbortController();
process.once('SIGINT', () => interrupt.abort());

process.exitCode = await runCli(process.argv, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  signal: interrupt.signal,
});

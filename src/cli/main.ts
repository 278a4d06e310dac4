#!/usr/bin/env node
/**
 * The `outagesim` executable: runs the commands of `program.ts` on this process's argv and
 * streams. Ctrl-C aborts the run: workers stop, nothing is written, exit 130.
 */
import { runCli } from './program.js';

const interrupt = new AbortController();
// First Ctrl-C: stop the workers and exit 130 with nothing written; a second one exits at once.
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  interrupt.abort();
});

process.exitCode = await runCli(process.argv, {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  signal: interrupt.signal,
  isTTY: process.stderr.isTTY === true,
});

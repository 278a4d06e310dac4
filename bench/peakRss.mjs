/**
 * Child process of the memory benchmark (bench/memory.ts): runs the built CLI's
 * `outagesim run <scenario> --replications N --workers W --json` in this process, counting the
 * JSON it prints without keeping it, and prints the process's peak resident set size (worker
 * threads included: they share the process) as one JSON line. Plain JavaScript on the built
 * dist/, so the figure is what a user's `npx outagesim run` costs, without tsx in every thread.
 */
import { runCli } from '../dist/cli/program.js';

const [file, replications, workers] = process.argv.slice(2);
let jsonBytes = 0;
const code = await runCli(['node', 'outagesim', 'run', file, '--replications', replications, '--workers', workers, '--json', '--quiet'], {
  stdout: (t) => { jsonBytes += t.length; },
  stderr: (t) => process.stderr.write(t),
});
if (code !== 0) process.exit(code);
console.log(JSON.stringify({ peak_rss_mb: process.resourceUsage().maxRSS / 1024, json_mb: jsonBytes / 1e6 }));

/**
 * What a user waits for at the command line: the wall time of the built CLI's `run` of every
 * shipped scenario at its defaults (its replications, all cores), and of `check` over all the
 * shipped scenarios against their committed baselines (goal < 2 minutes on the 2-core machine).
 * Each is a fresh process, as a user or CI runs it; `npm run build` runs first.
 */
import { spawnSync } from 'node:child_process';
import { basename } from 'node:path';
import { shippedScenarios } from './attempts.js';

/** Wall seconds and exit status of the built CLI with `args`, in a fresh process; its stdout when `keepStdout`. */
export function wallS(args: string[], keepStdout = false): { seconds: number; status: number | null; stdout: string } {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['dist/cli/main.js', ...args], { stdio: ['ignore', keepStdout ? 'pipe' : 'ignore', 'ignore'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { seconds: (performance.now() - t) / 1000, status: r.status, stdout: r.stdout ?? '' };
}

export async function benchCli(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const files = shippedScenarios();
  for (const f of files) {
    const r = wallS(['run', f, '--json', '--quiet']);
    if (r.status !== 0) throw new Error(`bench: outagesim run ${f} exited ${r.status}`);
    out[`run_wall_s:${basename(f, '.yaml')}`] = r.seconds;
  }
  const c = wallS(['check', ...files, '--quiet']);
  out['check_wall_s'] = c.seconds;
  out['check_exit_code'] = c.status ?? -1;
  return out;
}

import { runCli, type CliContext } from '../../src/cli/program.js';

/** Runs the CLI in this process and collects its exit code and output; `extra` adds context (e.g. a worker module). */
export async function cli(args: string[], extra: Partial<Pick<CliContext, 'workerUrl' | 'signal' | 'workLimitRequests'>> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'outagesim', ...args], { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, ...extra });
  return { code, stdout, stderr };
}

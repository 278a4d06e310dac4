/**
 * What the commands built on simulation (check, sweep, sensitivity) need from the program: run a
 * loaded scenario exactly as `run` does, write output, and end with a usage error or exit code.
 */
import type { LoadedScenario } from '../scenario/load.js';
import type { Result } from '../runner/result.js';

export interface CommandDeps {
  /** Simulates a loaded scenario exactly as `run` does (progress, workers, Ctrl-C); its work was checked by checkRuns. */
  simulate: (loaded: LoadedScenario, o: { workers?: number; quiet?: boolean }) => Promise<Result>;
  /**
   * Estimates the work of all the runs a command is about to make (summed) and ends it as bad
   * usage (exit 2, with the estimate) above the limit unless `o.force`; call before simulating.
   */
  checkRuns: (runs: Array<{ label: string; loaded: LoadedScenario }>, o: { workers?: number; force?: boolean }, what: string) => void;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Ends the command as bad usage (exit 2) with this message. */
  usage: (message: string) => never;
  /** Ends the command with this exit code (its output already printed). */
  exit: (code: number) => never;
  /** Writes the report of a document (its JSON text as written to --out) into `dir`, as `outagesim report` would. */
  report: (json: string, source: string, dir: string, quiet: boolean | undefined) => Promise<void>;
  /** Parses a whole-number flag as the other commands do. */
  integer: (min: number, what: string) => (value: string) => number;
}

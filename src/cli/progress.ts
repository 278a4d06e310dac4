/**
 * Progress of a long run on stderr. On a TTY (outside CI): a one-line bar with ETA redrawn with
 * `\r`. Elsewhere (CI logs, pipes): a plain line every PROGRESS_LINE_S seconds, so a job log shows
 * the run is alive and how far it got. Nothing with --quiet. Written here rather than taken from
 * cli-progress: the whole need is one line of text, and it keeps the dependency list short.
 */

/** Seconds between plain progress lines when stderr is not a TTY. */
export const PROGRESS_LINE_S = 10;

export interface Progress {
  /** The run is starting `total` replications (of all designs). */
  begin: (total: number) => void;
  onProgress: (done: number, total: number) => void;
  /** Clears the bar or stops the lines. */
  finish: () => void;
}

/** How progress is shown: a bar, plain lines, or not at all. */
export type ProgressMode = 'bar' | 'lines' | 'none';

/** The bar on a TTY outside CI, plain lines elsewhere, nothing with --quiet. */
export function progressMode(quiet: boolean | undefined, isTTY: boolean, env: NodeJS.ProcessEnv = process.env): ProgressMode {
  if (quiet) return 'none';
  return isTTY && !env['CI'] ? 'bar' : 'lines';
}

/** Calls `fn` every `ms` milliseconds until the returned function is called. */
export type Every = (ms: number, fn: () => void) => () => void;

const everyInterval: Every = (ms, fn) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

function eta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  if (s >= 3600) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const NO_PROGRESS: Progress = { begin: () => {}, onProgress: () => {}, finish: () => {} };

/** Progress counting `unit` (replications, charts) in `mode`, written with `write`; `now` (ms) and `every` are injectable for tests. */
export function progress(mode: ProgressMode, write: (text: string) => void, now: () => number = () => performance.now(), every: Every = everyInterval, unit = 'replications'): Progress {
  if (mode === 'none') return NO_PROGRESS;
  return mode === 'bar' ? progressBar(write, now, unit) : progressLines(write, now, every, unit);
}

/** A bar redrawn on one line with `\r`, at most every 100 ms. */
function progressBar(write: (text: string) => void, now: () => number, unit: string): Progress {
  const start = now();
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    begin: () => {},
    onProgress(done, total) {
      const t = now();
      if (done < total && t - lastDraw < 100) return;
      lastDraw = t;
      const width = 24;
      const filled = Math.round((done / total) * width);
      const elapsedS = (t - start) / 1000;
      const rate = done / Math.max(elapsedS, 1e-9);
      write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${unit} · ${rate.toFixed(1)}/s · ETA ${eta((total - done) / rate)}  `);
      drawn = true;
    },
    finish() {
      if (drawn) write('\r\x1b[2K');
    },
  };
}

/** A plain line every PROGRESS_LINE_S seconds from `begin` until `finish`. */
function progressLines(write: (text: string) => void, now: () => number, every: Every, unit: string): Progress {
  let start = 0;
  let done = 0;
  let total = 0;
  let stop: (() => void) | undefined;
  const line = () => {
    const elapsedS = (now() - start) / 1000;
    const share = total > 0 ? ` (${((100 * done) / total).toFixed(1)}%)` : '';
    const rate = done > 0 ? ` · ${(done / elapsedS).toFixed(1)}/s · ETA ${eta(((total - done) * elapsedS) / done)}` : '';
    write(`outagesim: ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} ${unit}${share} after ${eta(elapsedS)}${rate}\n`);
  };
  return {
    begin(t) {
      total = t;
      start = now();
      stop?.();
      stop = every(PROGRESS_LINE_S * 1000, line);
    },
    onProgress(d, t) {
      done = d;
      total = t;
    },
    finish() {
      stop?.();
      stop = undefined;
    },
  };
}

/**
 * A one-line progress bar with ETA on stderr, redrawn with `\r`. Written here rather than taken
 * from cli-progress: the whole need is one line of text, and it keeps the dependency list short.
 * Shown only when stderr is a TTY, CI is unset and --quiet was not given.
 */

export interface Progress {
  onProgress: (done: number, total: number) => void;
  /** Clears the line. */
  finish: () => void;
}

/** Whether a progress bar should be drawn. */
export function progressWanted(quiet: boolean | undefined, stream: NodeJS.WriteStream = process.stderr, env = process.env): boolean {
  return !quiet && stream.isTTY === true && !env['CI'];
}

function eta(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** A progress bar on `stream` counting `unit` (replications, charts), or a no-op when not wanted. */
export function progressBar(wanted: boolean, stream: NodeJS.WriteStream = process.stderr, now: () => number = () => performance.now(), unit = 'replications'): Progress {
  if (!wanted) return { onProgress: () => {}, finish: () => {} };
  const start = now();
  let lastDraw = -Infinity;
  let drawn = false;
  return {
    onProgress(done, total) {
      const t = now();
      if (done < total && t - lastDraw < 100) return;
      lastDraw = t;
      const width = 24;
      const filled = Math.round((done / total) * width);
      const elapsedS = (t - start) / 1000;
      const rate = done / Math.max(elapsedS, 1e-9);
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} ${unit} · ${rate.toFixed(1)}/s · ETA ${eta((total - done) / rate)}  `);
      drawn = true;
    },
    finish() {
      if (drawn) stream.write('\r\x1b[2K');
    },
  };
}

/**
 * Durations and rates as users write them in scenario files.
 * Simulation time is seconds (a plain number) everywhere inside the engine.
 */

const UNIT_S: Record<string, number> = {
  us: 1e-6, ms: 1e-3, s: 1, m: 60, min: 60, h: 3600, d: 86400,
};

const DURATION_RE = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(us|ms|s|min|m|h|d)\s*$/;
const RATE_RE = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*\/\s*(ms|s|sec|m|min|h|hour|d|day)\s*$/;
const RATE_UNIT_S: Record<string, number> = {
  ms: 1e-3, s: 1, sec: 1, m: 60, min: 60, h: 3600, hour: 3600, d: 86400, day: 86400,
};

/** Thrown for text that is not a duration or a rate; the scenario loader adds file and line. */
export class UnitSyntaxError extends Error {
  override name = 'UnitSyntaxError';
}

/** Parses `250ms`, `30s`, `5m`, `1.5h`, `2d` (or a bare number of seconds) into seconds. */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new UnitSyntaxError(`duration must be a non-negative number of seconds, got ${text}`);
    return text;
  }
  const m = DURATION_RE.exec(text);
  if (!m) throw new UnitSyntaxError(`"${text}" is not a duration (write e.g. 250ms, 30s, 5m, 2h)`);
  return Number(m[1]) * UNIT_S[m[2]!]!;
}

/** Parses `200/s`, `12000/min`, `5/h` (or a bare number per second) into events per second. */
export function parseRate(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new UnitSyntaxError(`rate must be a non-negative number per second, got ${text}`);
    return text;
  }
  const m = RATE_RE.exec(text);
  if (!m) throw new UnitSyntaxError(`"${text}" is not a rate (write e.g. 200/s, 1200/min)`);
  return Number(m[1]) / RATE_UNIT_S[m[2]!]!;
}

/** Formats seconds for people: `850ms`, `42s`, `12m 30s`, `2h 05m`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const s = Math.abs(seconds);
  const sign = seconds < 0 ? '-' : '';
  if (s < 1) return `${sign}${Math.round(s * 1000)}ms`;
  if (s < 60) return `${sign}${s < 10 ? s.toFixed(1) : Math.round(s)}s`;
  if (s < 3600) {
    const m = Math.floor(s / 60);
    const rest = Math.round(s - m * 60);
    return rest === 60 ? `${sign}${m + 1}m 00s` : `${sign}${m}m ${String(rest).padStart(2, '0')}s`;
  }
  const h = Math.floor(s / 3600);
  const m = Math.round((s - h * 3600) / 60);
  return m === 60 ? `${sign}${h + 1}h 00m` : `${sign}${h}h ${String(m).padStart(2, '0')}m`;
}

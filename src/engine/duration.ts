/**
 * Durations and rates as users write them in scenario files.
 * Simulation time is seconds (a plain number) everywhere inside the engine.
 */

/** Seconds per unit, as a ratio so that `10us` and `250ms` are exact divisions. */
const UNIT_S: Record<string, [number, number]> = {
  us: [1, 1e6], ms: [1, 1e3], s: [1, 1], m: [60, 1], min: [60, 1], h: [3600, 1], d: [86400, 1],
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

/** Parses `250ms`, `30s`, `5m`, `1.5h`, `2d` (text needs a unit; a number value is seconds) into seconds. */
export function parseDuration(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new UnitSyntaxError(`duration must be a non-negative number of seconds, got ${text}`);
    return text;
  }
  const m = DURATION_RE.exec(text);
  if (!m) throw new UnitSyntaxError(`"${text}" is not a duration (write e.g. 250ms, 30s, 5m, 2h)`);
  const [mul, div] = UNIT_S[m[2]!]!;
  return (Number(m[1]) * mul) / div;
}

/** Parses `200/s`, `12000/min`, `5/h` (text needs a unit; a number value is per second) into events per second. */
export function parseRate(text: string | number): number {
  if (typeof text === 'number') {
    if (!Number.isFinite(text) || text < 0) throw new UnitSyntaxError(`rate must be a non-negative number per second, got ${text}`);
    return text;
  }
  const m = RATE_RE.exec(text);
  if (!m) throw new UnitSyntaxError(`"${text}" is not a rate (write e.g. 200/s, 1200/min)`);
  return Number(m[1]) / RATE_UNIT_S[m[2]!]!;
}

/** Formats seconds for people: `850ms`, `4.2s`, `42s`, `12m 30s`, `2h 05m` (rounding carries into the next unit). */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  const sign = seconds < 0 ? '-' : '';
  const s = Math.abs(seconds);
  const ms = Math.round(s * 1000);
  if (ms < 1000) return `${sign}${ms}ms`;
  if (s < 9.95) return `${sign}${s.toFixed(1)}s`;
  const whole = Math.round(s);
  if (whole < 60) return `${sign}${whole}s`;
  if (whole < 3600) return `${sign}${Math.floor(whole / 60)}m ${String(whole % 60).padStart(2, '0')}s`;
  const minutes = Math.round(s / 60);
  return `${sign}${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

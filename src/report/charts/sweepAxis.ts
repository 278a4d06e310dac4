/**
 * The x axis of a sweep chart: the swept parameter's values as numbers with their unit when they
 * are numbers, durations (`5m`, `60s`: shown in seconds or, from two minutes up, in minutes) or
 * rates (`60/s`: per second); otherwise the values as categories in the order swept. A value
 * without a unit (a count, a mode) gets what the parameter is under its path in the title.
 */
import { parseDuration, parseRate } from '../../engine/duration.js';

/** How the values of a sweep sit on the x axis. */
export interface SweepAxis {
  /** Quantitative (numbers, durations, rates) or ordinal (anything else, in the order given). */
  type: 'quantitative' | 'ordinal';
  /** The x coordinate of each value, in `unit` (ordinal: the values themselves). */
  xs: Array<number | string>;
  /** The unit written in the axis title ('' for plain numbers). */
  unit: string;
  /** The axis title: the parameter path and its unit; for a value without a unit, the path and what the parameter is (two lines). */
  title: string | string[];
}

/** The first clause of a schema description, for an axis title ("Extra attempts after a failed attempt (default …)" → without the parenthesis). */
function shortDescription(description: string): string {
  const cut = description.search(/ \(|; /);
  return cut > 0 ? description.slice(0, cut) : description;
}

const NUMBER = /^\s*-?(\d+(?:\.\d+)?|\.\d+)\s*$/;

function tryParse(f: (s: string) => number, s: string): number | null {
  try {
    return f(s);
  } catch {
    return null;
  }
}

/** The axis of `values` swept over `param`; `description` says what the parameter is (from the scenario schema). */
export function sweepAxis(param: string, values: string[], description?: string): SweepAxis {
  const unitless = description ? [param, shortDescription(description)] : param;
  const numbers = values.map((v) => (NUMBER.test(v) ? Number(v) : null));
  const durations = values.map((v) => (NUMBER.test(v) ? null : tryParse(parseDuration, v)));
  const rates = values.map((v) => (NUMBER.test(v) ? null : tryParse(parseRate, v)));
  if (numbers.every((x) => x !== null)) return { type: 'quantitative', xs: numbers as number[], unit: '', title: unitless };
  // A duration sweep may mix plain numbers (seconds, as duration fields read them) with units.
  if (values.every((_, i) => numbers[i] !== null || durations[i] !== null)) {
    const seconds = values.map((_, i) => (durations[i] ?? numbers[i])!);
    const minutes = Math.max(...seconds) >= 120;
    const unit = minutes ? 'min' : 's';
    return { type: 'quantitative', xs: seconds.map((s) => (minutes ? s / 60 : s)), unit, title: `${param} (${unit})` };
  }
  if (rates.every((x) => x !== null)) return { type: 'quantitative', xs: rates as number[], unit: 'per s', title: `${param} (per s)` };
  return { type: 'ordinal', xs: [...values], unit: '', title: unitless };
}

/**
 * How figures read in a report: durations as people write them, shares as percentages, money as
 * whole US dollars. Unescaped text: the HTML and Markdown writers escape it.
 */
import { formatDuration } from '../engine/duration.js';

/** Seconds as `850ms`, `42s`, `12m 30s`, `2h 05m`; `-` for no value. */
export function duration(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '-' : formatDuration(seconds);
}

/** A share as a percentage with `digits` decimals; `-` for no value. */
export function percent(share: number | null | undefined, digits = 2): string {
  return share === null || share === undefined ? '-' : `${(share * 100).toFixed(digits)}%`;
}

const USD = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const USD_CENTS = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** US dollars: whole from $10 (`$1,234`), cents under $10 (`$2.50`), and `$0` for nothing. */
export function usd(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return '-';
  return amount !== 0 && Math.abs(amount) < 10 ? USD_CENTS.format(amount) : USD.format(amount);
}

/** A number with `digits` decimals; `-` for no value. */
export function fixed(x: number | null | undefined, digits: number): string {
  return x === null || x === undefined ? '-' : x.toFixed(digits);
}

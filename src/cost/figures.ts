/**
 * Reads one price from a table, with a design's overrides on top, and says where it came from.
 * Every figure carries its table's currency (USD) and date and source unless it has its own.
 */
import type { PriceTable } from '../runner/resultCost.js';

/** Hours in a month as cloud providers bill them (8,760 h / 12). */
export const HOURS_PER_MONTH = 730;
/** Seconds in that month. */
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
/** Bytes in a GB as prices are quoted (decimal). */
export const BYTES_PER_GB = 1e9;

/** A price that could not be found: the table lacks the figure a design needs. */
export class MissingPriceError extends Error {
  override name = 'MissingPriceError';
}

/** A resolved price in USD and the note saying where it comes from. */
export interface Price {
  usd: number;
  source: string;
}

function at(tree: unknown, path: readonly string[]): unknown {
  let node = tree;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function asFigure(x: unknown): { usd: number; date?: string; source?: string } | undefined {
  if (typeof x === 'number') return { usd: x };
  if (typeof x === 'object' && x !== null && typeof (x as { usd?: unknown }).usd === 'number') return x as { usd: number };
  return undefined;
}

/**
 * The price at `path` (e.g. ['instance_hour', 'm6i.large', 'us-east']): the design's override if it
 * has one, else the table's. Throws MissingPriceError naming the figure when neither has it.
 */
export function priceAt(table: PriceTable, overrides: Record<string, unknown> | undefined, path: readonly string[]): Price {
  const own = asFigure(at(overrides, path));
  if (own) return { usd: own.usd, source: `design override${own.source ? `: ${own.source}` : ''}${own.date ? ` (${own.date})` : ''}` };
  const fig = asFigure(at(table, path));
  if (!fig) throw new MissingPriceError(`price table "${table.name}" (${table.date}) has no figure ${path.join('.')}`);
  return { usd: fig.usd, source: `${fig.source ?? table.name} (${fig.date ?? table.date})` };
}

/** The standby share (what an idle instance costs relative to a serving one), overridable like any figure. */
export function standbyShare(table: PriceTable, overrides: Record<string, unknown> | undefined): number {
  const own = at(overrides, ['standby_share']);
  return typeof own === 'number' ? own : table.standby_share;
}

/** Money rounded to cents. */
export function cents(x: number): number {
  return Math.round(x * 100) / 100;
}

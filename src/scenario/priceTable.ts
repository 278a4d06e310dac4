/**
 * Loads a price table file on its own (the same `models/pricing/*.yaml` a scenario includes, a map
 * with one field `prices:`), for repricing an existing Result with another table. Problems are
 * located (`file:line:column: prices.field: message`) by the scenario machinery.
 */
import { z } from 'zod';
import { parseConfigText, readConfigText } from './configFile.js';
import { priceTableSchema, type PriceTable } from './pricingSchema.js';

const fileSchema = z.strictObject({ prices: priceTableSchema });

/** Parses and validates the text of a price table file; ScenarioError with every located problem. */
export function loadPriceTableText(text: string, file: string): PriceTable {
  return parseConfigText(text, file, fileSchema, 'a price table file is a map with one field, prices: { name, currency, date, source, … }').prices;
}

/** Reads and validates a price table file. */
export function loadPriceTable(file: string): PriceTable {
  return loadPriceTableText(readConfigText(file, 'the price table'), file);
}

/**
 * The scenario's `uncertain` block: parameters whose true value the architect does not know,
 * each with a plausible low and high value. `outagesim sensitivity` varies them one at a time
 * and ranks them by their effect. Keys are dotted field paths as in designs; values are
 * written as the field itself takes them (`10s`, `3`, `{ uniform: [1m, 5m] }`).
 */
import { z } from 'zod';

export const uncertainSchema = z
  .record(
    z.string().regex(/^[^.\s][^\s]*$/, { error: 'expected a dotted field path like system.databases.orders-db.promotion.detection' }),
    z.strictObject({
      low: z.unknown().refine((v) => v !== undefined && v !== null, { error: 'expected the low value of the parameter' }),
      high: z.unknown().refine((v) => v !== undefined && v !== null, { error: 'expected the high value of the parameter' }),
    }),
  )
  .describe('Parameters the sensitivity analysis varies one at a time: dotted path → { low, high }, each written as the field takes it');

export type UncertainSpec = z.output<typeof uncertainSchema>;

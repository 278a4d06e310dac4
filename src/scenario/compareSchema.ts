/**
 * `compare.practical`: the smallest difference between two designs that matters, per headline
 * metric. A paired difference that is statistically significant but smaller than this is reported
 * as "no practical difference" (two designs both down ~20 minutes are not told apart by 40 s).
 *
 * Each threshold is relative (`5%`: of the baseline design's mean over the paired replications)
 * or absolute in the metric's unit: a duration for `rto_s` and `rpo_s`, a number for
 * `lost_writes` and `retry_amplification`, percentage points (`0.1pp`) for `availability`.
 */
import { z } from 'zod';
import { duration } from './units.js';

/** A practical threshold once parsed: a share of the baseline mean, or an absolute amount. */
export type PracticalThreshold = { relative: number } | { absolute: number };

const quoted = (input: unknown) => JSON.stringify(input);

const relative = z
  .string()
  .regex(/^\s*(\d+(\.\d+)?|\.\d+)\s*%\s*$/, { error: (iss) => `${quoted(iss.input)} is not a percentage (write e.g. 5%)` })
  .transform((v): PracticalThreshold => ({ relative: Number.parseFloat(v) / 100 }));

const percentagePoints = z
  .string()
  .regex(/^\s*(\d+(\.\d+)?|\.\d+)\s*pp\s*$/, { error: (iss) => `${quoted(iss.input)} is not in percentage points (write e.g. 0.1pp)` })
  .transform((v): PracticalThreshold => ({ absolute: Number.parseFloat(v) / 100 }));

const RELATIVE_OR = (what: string) => `expected a percentage of the baseline mean (5%) or ${what}`;

/** A relative threshold or a duration. */
const durationThreshold = z.union([relative, duration.transform((v): PracticalThreshold => ({ absolute: v }))], {
  error: RELATIVE_OR('a duration (30s)'),
});
/** A relative threshold or a non-negative number in the metric's unit. */
const numberThreshold = z.union([relative, z.number().nonnegative().transform((v): PracticalThreshold => ({ absolute: v }))], {
  error: RELATIVE_OR('a number ≥ 0'),
});

const FIVE_PERCENT: PracticalThreshold = { relative: 0.05 };

/** Practical thresholds per headline metric; every one has a default. */
export const practicalSchema = z.strictObject({
  rto_s: durationThreshold.default(FIVE_PERCENT).describe('RTO: 5% (of the baseline mean, the default) or a duration'),
  rpo_s: durationThreshold.default(FIVE_PERCENT).describe('RPO: 5% (default) or a duration'),
  lost_writes: numberThreshold.default(FIVE_PERCENT).describe('Lost writes: 5% (default) or a count'),
  availability: z
    .union([relative, percentagePoints], { error: RELATIVE_OR('percentage points (0.1pp)') })
    .default({ absolute: 0.001 })
    .describe('Availability: percentage points (0.1pp, the default) or a percentage of the baseline availability'),
  retry_amplification: numberThreshold.default(FIVE_PERCENT).describe('Retry amplification: 5% (default) or an amount (0.05)'),
});

/** The `compare` section of a scenario. */
export const compareSchema = z
  .strictObject({
    practical: practicalSchema.default(practicalSchema.parse({})).describe(
      'Smallest difference that matters per metric; a significant difference below it is reported as no practical difference',
    ),
  })
  .default({ practical: practicalSchema.parse({}) });

export type PracticalSpec = z.output<typeof practicalSchema>;

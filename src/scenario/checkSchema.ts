/**
 * The scenario's `check` block: how far each metric may move against its committed baseline
 * before `outagesim check` calls it a regression. A tolerance is one of
 *  - `statistical: 10%` (or an absolute amount such as `30s`): fail only when the whole 95%
 *    confidence interval of the change lies beyond the tolerance in the worse direction, so
 *    replication noise never fails a build;
 *  - `relative: 10%`: the mean may worsen by at most this share of the baseline mean;
 *  - `absolute: 30s` (or a number in the metric's unit): the mean may worsen by at most this.
 * Designs may override a metric's tolerance like any other field (`check.rto_s`).
 */
import { z } from 'zod';
import { duration } from './units.js';

const PERCENT = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*%\s*$/;

/** `10%` → {relative: 0.1}; `30s`, `0.001` → {absolute: …} in the metric's unit (seconds for durations). */
const amount = z
  .union([
    z.string().regex(PERCENT).transform((s) => ({ relative: Number(PERCENT.exec(s)![1]) / 100 })),
    duration.transform((s) => ({ absolute: s })),
  ], { error: 'expected a percentage like 10% or an amount like 30s or 0.001' })
  .meta({ id: 'check_amount', description: 'A share of the baseline mean (10%) or an amount in the metric\'s unit (30s, 0.001)' });

const percent = z
  .string({ error: 'expected a percentage like 10%' })
  .regex(PERCENT, { error: 'expected a percentage like 10%' })
  .transform((s) => Number(PERCENT.exec(s)![1]) / 100);

/** One metric's tolerance: exactly one rule. */
export const toleranceSchema = z.union([
  z.strictObject({ statistical: amount }).transform((t) => ({ kind: 'statistical' as const, ...t.statistical })),
  z.strictObject({ relative: percent }).transform((t) => ({ kind: 'relative' as const, relative: t.relative })),
  z.strictObject({ absolute: duration }).transform((t) => ({ kind: 'absolute' as const, absolute: t.absolute })),
], { error: 'expected one of { statistical: 10% }, { relative: 10% }, { absolute: 30s }' });

/** The metrics `check` compares, each per design. */
export const CHECK_METRICS = [
  'rto_s', 'not_recovered', 'business_rto_s', 'rpo_s', 'lost_writes', 'duplicate_writes',
  'availability', 'retry_amplification', 'monthly_usd', 'total_annual_usd',
] as const;
export type CheckMetric = (typeof CHECK_METRICS)[number];

export const checkSchema = z
  .strictObject(Object.fromEntries(CHECK_METRICS.map((m) => [m, toleranceSchema.optional()])) as Record<CheckMetric, z.ZodOptional<typeof toleranceSchema>>)
  .describe('Tolerances for `outagesim check` per metric; unset metrics use the documented defaults');

export type ToleranceSpec = z.output<typeof toleranceSchema>;
export type CheckSpec = z.output<typeof checkSchema>;

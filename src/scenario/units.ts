/**
 * Zod building blocks for values written with units in scenario files: durations, rates and
 * distributions. Each parses the user's text (`250ms`, `200/s`, `{ uniform: [2m, 10m] }`) into
 * seconds, so the typed scenario only ever holds SI numbers.
 */
import { z } from 'zod';
import { parseDuration, parseRate } from '../engine/duration.js';
import { validateDist, type DistSpec } from '../engine/distributions.js';

const DURATION_TEXT = /^\s*(\d+(\.\d+)?|\.\d+)\s*(us|ms|s|min|m|h|d)\s*$/;
const RATE_TEXT = /^\s*(\d+(\.\d+)?|\.\d+)\s*\/\s*(ms|s|sec|m|min|h|hour|d|day)\s*$/;

// Messages: "expected …" labels (the loader appends ", got <value>") or whole sentences quoting the input.
const DURATION_HINT = 'write e.g. 250ms, 30s, 5m, 2h';
const RATE_HINT = 'write e.g. 200/s, 1200/min';
const quoted = (input: unknown) => JSON.stringify(input);

/** A duration: `250ms`, `30s`, `5m`, `2h`, or a number of seconds. Parsed to seconds. */
export const duration = z
  .union(
    [
      z.number({ error: `expected a duration (${DURATION_HINT})` }).nonnegative({ error: 'expected a duration ≥ 0' }),
      z.string({ error: `expected a duration (${DURATION_HINT})` }).regex(DURATION_TEXT, {
        error: (iss) => `${quoted(iss.input)} is not a duration (${DURATION_HINT})`,
      }),
    ],
    { error: `expected a duration (${DURATION_HINT})` },
  )
  .transform((v) => parseDuration(v))
  .meta({ id: 'duration', description: 'Duration: 250ms, 30s, 5m, 2h, or a number of seconds' });

/** A duration or `none` (no limit), parsed to seconds with `none` as Infinity. */
export const durationOrNone = z
  .union([duration, z.literal('none')], { error: `expected a duration (${DURATION_HINT}) or none` })
  .transform((v) => (v === 'none' ? Infinity : v))
  .meta({ id: 'duration_or_none', description: 'Duration, or none for no limit' });

/** A rate: `200/s`, `1200/min`, or a number per second. Parsed to events per second. */
export const rate = z
  .union(
    [
      z.number({ error: `expected a rate (${RATE_HINT})` }).nonnegative({ error: 'expected a rate ≥ 0' }),
      z.string({ error: `expected a rate (${RATE_HINT})` }).regex(RATE_TEXT, {
        error: (iss) => `${quoted(iss.input)} is not a rate (${RATE_HINT})`,
      }),
    ],
    { error: `expected a rate (${RATE_HINT})` },
  )
  .transform((v) => parseRate(v))
  .meta({ id: 'rate', description: 'Rate: 200/s, 1200/min, or a number per second' });

const SHARE = 'expected a share between 0 and 1';
/** A share between 0 and 1 inclusive. */
export const share = z
  .number({ error: SHARE })
  .min(0, { error: SHARE })
  .max(1, { error: SHARE })
  .meta({ id: 'share', description: 'A share between 0 and 1' });

const percentileKey = z.string().regex(/^p(100|\d{1,2}(\.\d+)?)$/, {
  error: (iss) => `${quoted(iss.input)} is not a percentile (write p0, p50, p99.9, p100)`,
});

/**
 * A distribution of durations, in seconds once parsed. A bare duration is a fixed value.
 * Impossible parameters (uniform bounds reversed, p99 below p50, …) are reported by field.
 */
export const dist = z
  .union([
    duration,
    z.strictObject({ fixed: duration }),
    z.strictObject({ uniform: z.tuple([duration, duration]) }),
    z.strictObject({ exponential: z.strictObject({ mean: duration }) }),
    z.strictObject({ normal: z.strictObject({ mean: duration, sd: duration }) }),
    z.strictObject({ lognormal: z.strictObject({ p50: duration, p99: duration }) }),
    z.strictObject({ empirical: z.record(percentileKey, duration) }),
  ], { error: 'expected a duration or a distribution such as { uniform: [1s, 5s] } or { lognormal: { p50: 40ms, p99: 300ms } }' })
  .superRefine((spec, ctx) => {
    const problem = validateDist(spec as DistSpec);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((spec) => spec as DistSpec)
  .meta({
    id: 'distribution',
    description: 'Distribution of a duration: a fixed duration, or { fixed | uniform | exponential | normal | lognormal | empirical }',
  });

const COUNT = 'expected a whole number ≥ 0';
const POSITIVE = 'expected a whole number ≥ 1';
/** zod's int() also refuses whole numbers above 2^53 − 1, which a number cannot count exactly: say so. */
const whole = (message: string) => (iss: { input?: unknown }) =>
  Number.isInteger(iss.input) ? `expected a whole number ≤ ${Number.MAX_SAFE_INTEGER.toLocaleString('en-US')} (2^53 − 1, the largest a number counts exactly)` : message;
/** A whole number ≥ 0. */
export const count = z
  .number({ error: COUNT })
  .int({ error: whole(COUNT) })
  .nonnegative({ error: COUNT })
  .meta({ id: 'count', description: 'A whole number ≥ 0' });
/** A whole number ≥ 1. */
export const positiveCount = z
  .number({ error: POSITIVE })
  .int({ error: whole(POSITIVE) })
  .positive({ error: POSITIVE })
  .meta({ id: 'positive_count', description: 'A whole number ≥ 1' });

/** A name usable in override paths: no dots. */
export const name = z
  .string({ error: 'expected a name' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: (iss) => `${quoted(iss.input)} is not a valid name (use letters, digits, - and _)` })
  .meta({ id: 'name', description: 'A name: letters, digits, - and _ (no dots, so it can appear in override paths)' });

/**
 * A design's name: any printable text (`deposit-0.1`, `N+1 per region`). It is shown, never
 * parsed: a design is not a target of override paths, so dots and spaces are safe in it.
 */
export const designName = z
  .string({ error: 'expected a name' })
  .regex(/^(?!\s*$)[^\p{Cc}\p{Cs}\p{Zl}\p{Zp}]+$/u, {
    error: (iss) => `${quoted(iss.input)} is not a valid design name (printable characters only, not blank)`,
  })
  .meta({ id: 'design_name', description: 'A design name: any printable text, not blank' });

const SIZE_TEXT = /^\s*(\d+(\.\d+)?|\.\d+)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)\s*$/;
const SIZE_BYTES: Record<string, number> = {
  B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4,
};
const SIZE_HINT = 'write e.g. 2KB, 500GB, 1.5TB';
/** A data size: `2KB`, `500GB`, `1.5TB` (decimal; KiB, GiB binary), or a number of bytes. Parsed to bytes. */
export const size = z
  .union(
    [
      z.number({ error: `expected a size (${SIZE_HINT})` }).nonnegative({ error: 'expected a size ≥ 0' }),
      z.string({ error: `expected a size (${SIZE_HINT})` }).regex(SIZE_TEXT, {
        error: (iss) => `${quoted(iss.input)} is not a size (${SIZE_HINT})`,
      }),
    ],
    { error: `expected a size (${SIZE_HINT})` },
  )
  .transform((v) => {
    if (typeof v === 'number') return v;
    const m = SIZE_TEXT.exec(v)!;
    return Number(m[1]) * SIZE_BYTES[m[3]!]!;
  })
  .meta({ id: 'size', description: 'Data size: 2KB, 500GB, 1.5TB (decimal units; KiB, MiB, GiB, TiB binary), or a number of bytes' });

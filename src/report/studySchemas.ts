/**
 * The shapes of the sweep document (`sweep --json`) and the sensitivity document
 * (`sensitivity --json`) as a report reads them, checked before anything is rendered, like the
 * Result (resultSchema.ts). Loose objects: fields the report does not read pass through.
 */
import { z } from 'zod';
import { designSchema } from './resultSchema.js';

const tool = z.looseObject({ name: z.string(), version: z.string() });
const scenario = z.looseObject({ name: z.string(), file: z.string(), seed: z.number(), replications: z.number(), horizon_s: z.number() });

/** A sweep: the scenario at each value of one parameter, every design's result per point (no timelines). */
export const sweepSchema = z
  .looseObject({
    format: z.literal('outagesim-sweep'),
    tool,
    scenario,
    sweep: z.looseObject({ param: z.string(), values: z.array(z.string()).min(1, 'a sweep has at least one value'), description: z.string().optional() }),
    points: z.array(z.looseObject({ value: z.string(), designs: z.array(designSchema.omit({ timeline: true })).min(1, 'a point has at least one design') })),
  })
  .superRefine((d, ctx) => {
    if (d.points.length !== d.sweep.values.length) ctx.addIssue({ code: 'custom', path: ['points'], message: `${d.points.length} points for ${d.sweep.values.length} values` });
    d.points.forEach((p, i) => {
      if (p.value !== d.sweep.values[i]) ctx.addIssue({ code: 'custom', path: ['points', i, 'value'], message: `expected "${d.sweep.values[i]}", the ${i + 1}th value of sweep.values` });
    });
  });

const value = z.number().nullable();

/** A sensitivity analysis: per design and metric, the base value and the parameters ranked by swing. */
export const sensitivitySchema = z.looseObject({
  format: z.literal('outagesim-sensitivity'),
  tool,
  scenario,
  parameters: z.array(z.looseObject({ param: z.string() })).min(1, 'a sensitivity analysis varies at least one parameter'),
  designs: z.array(z.looseObject({
    name: z.string(),
    metrics: z.array(z.looseObject({
      metric: z.string(),
      label: z.string(),
      base: value,
      ranked: z.array(z.looseObject({ param: z.string(), low: z.unknown(), high: z.unknown(), at_low: value, at_high: value, swing: value })),
    })),
  })).min(1, 'a sensitivity analysis has at least one design'),
});

const summaryLike = z.looseObject({ n: z.number(), mean: value, ci95: z.tuple([z.number(), z.number()]).nullable() });

/** A size search: the points tried for one design and the answer. */
export const sizeSchema = z.looseObject({
  format: z.literal('outagesim-size'),
  tool,
  scenario,
  design: z.string(),
  vary: z.looseObject({ params: z.array(z.string()).min(1), min: z.number(), max: z.number() }),
  target: z.looseObject({ metric: z.string(), op: z.enum(['<', '<=', '>', '>=']), value: z.number() }),
  points: z.array(z.looseObject({ value: z.number(), tried: z.number(), metric: summaryLike, missing: z.number(), meets: z.boolean(), monthly_usd: value })).min(1, 'a size search tries at least one value'),
  answer: value,
});

/**
 * The shape of the Result JSON that a report needs, checked before anything is rendered so that a
 * file that is not a Result is refused with the field that is wrong, not a crash half-way through
 * writing. Loose objects: the fields the report does not read may be anything, and fields added
 * to the Result later pass through.
 */
import { z } from 'zod';

const stat = z.number().nullable();

/** A summary over replications (statistics null when no replication had a value). */
export const summarySchema = z.looseObject({
  n: z.number(),
  mean: stat,
  p50: stat,
  p95: stat,
  min: stat,
  max: stat,
  ci95: z.tuple([z.number(), z.number()]).nullable().optional(),
});

const band = z.looseObject({ mean: z.array(stat), p5: z.array(stat), p95: z.array(stat) });

const cost = z.looseObject({
  price_table: z.looseObject({ name: z.string(), date: z.string() }),
  monthly_usd: z.number(),
  expected_annual_outage_loss_usd: z.number(),
  total_annual_usd: z.number(),
  not_recovered_at_horizon: z.number().optional(),
  breakdown: z.array(z.looseObject({ item: z.string(), monthly_usd: z.number() })).optional(),
});

/** A design of a Result as the report reads it. */
export const designSchema = z.looseObject({
  name: z.string(),
  metrics: z.looseObject({
    rto_s: summarySchema.extend({ recovered: z.number(), not_recovered: z.number() }),
    rpo_s: summarySchema,
    lost_writes: summarySchema,
    availability: summarySchema,
    retry_amplification: summarySchema,
    business_rto_s: summarySchema.extend({ recovered: z.number(), not_recovered: z.number() }).optional(),
  }),
  business_last: z.array(z.looseObject({ part: z.string(), replications: z.number() })).optional(),
  single_points_of_failure: z
    .array(z.looseObject({ kind: z.string(), component: z.string(), classes: z.array(z.string()), takes_down: z.array(z.string()) }))
    .optional(),
  business_rto_phases: z.array(z.looseObject({ phase: z.string(), mean_s: z.number(), share: z.number() })).optional(),
  timeline: z.looseObject({
    bucket_s: z.number(),
    t_s: z.array(z.number()),
    series: z.record(z.string(), band),
    representative_replication: z.number(),
    events: z.array(z.looseObject({ t_s: z.number(), kind: z.string(), text: z.string() })),
  }),
  replications: z.array(z.looseObject({ replication: z.number(), rto_s: stat, business_rto_s: stat.optional(), business_last_part: z.string().optional() })),
  cost: cost.optional(),
  rto_phases: z.array(z.looseObject({ phase: z.string(), mean_s: z.number(), share: z.number() })).optional(),
});

/** The Result as far as `report` reads it. */
export const reportResultSchema = z.looseObject({
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  scenario: z.looseObject({ name: z.string(), file: z.string(), seed: z.number(), replications: z.number(), horizon_s: z.number() }),
  designs: z.array(designSchema).min(1, 'a Result has at least one design'),
  comparisons: z.array(z.looseObject({ metric: z.string(), baseline: z.string(), design: z.string(), verdict: z.string() })),
  cost_summary: z
    .looseObject({
      downtime_cost_per_minute_usd: z.number(),
      cheapest_total: z.string(),
      break_evens: z.array(z.looseObject({ design: z.string(), against: z.string(), downtime_cost_per_minute_usd: z.number().nullable() })),
      cheapest_by_downtime_cost: z.array(z.looseObject({ from_usd_per_min: z.number(), to_usd_per_min: z.number().nullable(), design: z.string() })),
    })
    .optional(),
});

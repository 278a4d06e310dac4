/**
 * The shape of the Result JSON as its readers need it (`report`, and `check` reading a baseline):
 * checked before anything is rendered or compared, so a file that is not a Result is refused with
 * the field that is wrong, at its place (load.ts), not a crash half-way through. Loose objects:
 * fields no reader uses may be anything, and fields added to the Result later pass through.
 * Optional fields agreed for this round (contract.md): `metrics.business_rto_s` and per
 * replication `business_rto_s` (compared by check like RTO), `cost` (with prices),
 * `rto_phases`, `business_last`, `business_rto_phases`, `autoscaling`.
 */
import { z } from 'zod';

const stat = z.number().nullable();
/** A per-replication value that older Results or unpriced scenarios may lack. */
const value = stat.optional();
const count = z.number().int().nonnegative();

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

const recovery = summarySchema.extend({ recovered: count, not_recovered: count });

/** A design of a Result as its readers read it. */
export const designSchema = z.looseObject({
  name: z.string(),
  metrics: z.looseObject({
    rto_s: recovery,
    rpo_s: summarySchema,
    lost_writes: summarySchema,
    duplicate_writes: summarySchema.optional(),
    availability: summarySchema,
    retry_amplification: summarySchema,
    business_rto_s: recovery.optional(),
  }),
  split_brain: summarySchema.optional(),
  business_last: z.array(z.looseObject({ part: z.string(), replications: z.number() })).optional(),
  autoscaling: z
    .array(
      z.looseObject({
        service: z.string(),
        region: z.string(),
        scale_outs: summarySchema,
        refused_insufficient_capacity: summarySchema,
        max_instances: summarySchema,
        scale_ins: summarySchema.optional(),
        steady_instances: summarySchema.optional(),
        incident_instance_s: summarySchema.optional(),
        incident_extra_instance_s: summarySchema.optional(),
      }),
    )
    .optional(),
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
  replications: z.array(z.looseObject({
    replication: count,
    rto_s: stat,
    business_rto_s: value,
    business_last_part: z.string().optional(),
    rpo_s: value,
    lost_writes: value,
    duplicate_writes: value,
    availability: value,
    retry_amplification: value,
  })),
  cost: cost.optional(),
  rto_phases: z.array(z.looseObject({ phase: z.string(), mean_s: z.number(), share: z.number() })).optional(),
});

/** The Result as its readers read it. */
export const resultSchema = z.looseObject({
  tool: z.looseObject({ name: z.literal('outagesim', { error: 'expected "outagesim": only outagesim Results can be read' }), version: z.string() }),
  scenario: z.looseObject({ name: z.string(), file: z.string(), seed: z.number(), replications: count, horizon_s: z.number() }),
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
}).superRefine((r, ctx) => {
  r.designs.forEach((d, i) => {
    const n = d.timeline.t_s.length;
    for (const [name, band] of Object.entries(d.timeline.series)) {
      for (const k of ['mean', 'p5', 'p95'] as const) {
        if (band[k].length !== n) ctx.addIssue({ code: 'custom', path: ['designs', i, 'timeline', 'series', name, k], message: `${band[k].length} buckets but t_s has ${n}` });
      }
    }
  });
});

/** A Result as read and checked (the fields above typed; the rest passed through). */
export type ResultDocument = z.output<typeof resultSchema>;
export type ResultDocumentDesign = ResultDocument['designs'][number];
export type ResultDocumentRow = ResultDocumentDesign['replications'][number];

/**
 * Scenario format of a service's autoscaling (src/models/capacity/autoscaler.ts): target tracking
 * on utilisation or queue depth, in every region the service has instances in, within min..max,
 * evaluated every `evaluation_period`, with a provisioning lag (the instances then start up for the
 * service's `startup`) and a cooldown after each scale-out; and scale-in after `scale_in_after`
 * evaluations in a row asked for fewer instances, with a deregistration (drain) delay and a
 * scale-in cooldown, unless `scale_in_protection` is on. The regional capacity limit shared by
 * all services is `regions.<r>.instance_limit` (src/scenario/schema.ts).
 */
import { z } from 'zod';
import { count, dist, duration, positiveCount } from './units.js';

/** A service's autoscaling; see the module comment. */
export const autoscalingSchema = z
  .strictObject({
    metric: z
      .enum(['utilisation', 'queue_depth'])
      .default('utilisation')
      .describe('utilisation: mean busy share of the serving instances (target 0..1); queue_depth: requests waiting per serving instance'),
    target: z.number().positive().describe('Value of the metric the autoscaler keeps: it asks for ceil(instances × metric / target) instances'),
    min: count.default(0).describe('Fewest instances per region the autoscaler asks for; the group starts at the configured count kept within min..max'),
    max: positiveCount.describe('Most instances per region the autoscaler asks for (and the most it starts with)'),
    evaluation_period: duration.default(60).describe('Time between two evaluations of the metric'),
    provisioning: dist
      .default(60)
      .describe('Lag from the scale-out decision (once the control plane is up) to the new instances booting; they then serve after the service\'s startup'),
    warm_pool: count
      .default(0)
      .describe('Instances per region kept provisioned and stopped: a scale-out takes them first, without the provisioning lag (not refilled during the incident)'),
    cooldown: duration.default(300).describe('No new scale-out until this long after the last one added its instances'),
    scale_in_protection: z
      .boolean()
      .default(false)
      .describe('true: instances are never scaled in (as AWS instance scale-in protection or DisableScaleIn; off by default there too)'),
    scale_in_after: positiveCount
      .default(15)
      .describe('Evaluations in a row that must ask for fewer instances than the region has before a scale-in (AWS target tracking: 15 one-minute data points)'),
    scale_in_cooldown: duration.default(300).describe('No new scale-in until this long after the last one terminated its instances'),
    deregistration_delay: duration
      .default(300)
      .describe('A scaled-in instance leaves its load balancer, finishes what it holds and is terminated once idle, or after this delay at the latest (what it still holds is then reset)'),
  })
  .superRefine((a, ctx) => {
    if (a.min > a.max) ctx.addIssue({ code: 'custom', path: ['min'], message: `min (${a.min}) is above max (${a.max})` });
    if (a.metric === 'utilisation' && a.target > 1) ctx.addIssue({ code: 'custom', path: ['target'], message: 'a utilisation target is a share, 0..1' });
    if (!(a.evaluation_period > 0)) ctx.addIssue({ code: 'custom', path: ['evaluation_period'], message: 'evaluation_period must be longer than 0s' });
  });

/** What the typed scenario holds for a service's autoscaling. */
export type AutoscalingSpec = z.output<typeof autoscalingSchema>;

/**
 * The scenario file format: the single source of truth for the typed scenario, its validation
 * and the published JSON Schema (`schema/scenario.schema.json`, generated from this file).
 *
 * A scenario is a base `system`, a `fault`, an `slo` and a set of `designs`, each design a small
 * override of the base. Every duration is written with its unit and parsed here to seconds.
 */
import { z } from 'zod';
import { autoscalingSchema } from './autoscalingSchema.js';
import { capacitySchema } from './capacitySchema.js';
import { checkSchema } from './checkSchema.js';
import { uncertainSchema } from './uncertainSchema.js';
import { compareSchema } from './compareSchema.js';
import { client, dependency, edge } from './policySchema.js';
import { businessSchema, priceTableSchema } from './pricingSchema.js';
import { idempotency, queue } from './queueSchema.js';
import { count, designName, dist, duration, durationOrNone, name, positiveCount, share, size } from './units.js';

const region = z.strictObject({
  zones: positiveCount.default(3).describe('Number of availability zones in the region'),
  instance_limit: count
    .optional()
    .describe('Most instances of all services together the region grants: autoscaling requests above it are refused (insufficient capacity)'),
});

const network = z.strictObject({
  rtt: z
    .record(z.string().regex(/^[A-Za-z0-9_-]+~[A-Za-z0-9_-]+$/, 'a pair of regions written a~b'), duration)
    .default({})
    .describe('Round-trip time between two regions, keyed "us-east~eu-west"'),
  default_rtt: duration.default(0.07).describe('Round-trip time between regions not listed in rtt'),
  in_region_rtt: duration.default(0.0005).describe('Round-trip time inside a region'),
});

const healthCheck = z.strictObject({
  kind: z.enum(['liveness', 'deep']).describe(
    'liveness: the process answers; deep: the instance can also reach its databases within the timeout',
  ),
  interval: duration.default(10),
  timeout: duration.default(2),
  unhealthy_after: positiveCount.default(3).describe('Consecutive failed checks before the load balancer stops routing'),
  healthy_after: positiveCount.default(2).describe('Consecutive passed checks before routing resumes'),
});

const pool = z.strictObject({
  max: positiveCount.default(20).describe('Maximum connections per instance to this database'),
  min_idle: count.optional().describe('Connections kept open even when idle (HikariCP default: equal to max, a fixed-size pool)'),
  connect_timeout: durationOrNone
    .default(30)
    .describe('Bound on opening a connection and on waiting to borrow one from a full pool'),
  idle_timeout: durationOrNone.default(Infinity).describe('An idle connection older than this (idle) is closed'),
  max_lifetime: durationOrNone.default(Infinity).describe('A connection older than this is closed when returned or found idle'),
  validate_on_borrow: z.boolean().default(false).describe('Run a validation query (bounded by connect_timeout) before handing out a connection'),
  validation_time: duration.default(0.001).describe('Cost of the validation query on a live host'),
  query_timeout: durationOrNone.default(Infinity).describe('Socket timeout on a query; none = a query on a dead host hangs until the instance restarts'),
});

const service = z.strictObject({
  instances: z.record(name, count).describe('Instances per region, spread round-robin over its zones'),
  concurrency: positiveCount.default(50).describe('Requests one instance serves at once'),
  queue: count.or(z.literal('none')).default('none').describe('Requests that may wait per instance beyond concurrency (none = unbounded)'),
  service_time: dist
    .optional()
    .describe('CPU/processing time of one request on an instance, excluding database time (required unless capacity is given)'),
  capacity: capacitySchema
    .optional()
    .describe('A capacity curve instead of service_time: the time per request grows with the requests in flight on the instance'),
  autoscaling: autoscalingSchema
    .optional()
    .describe('Target-tracking autoscaling in every region the service has instances in (scale-out and, unless protected, conservative scale-in; scaling out waits for the control plane)'),
  database: name.optional().describe('Database every request queries through the pool of the same name'),
  write_ratio: share.default(0.3).describe('Share of requests that write to the database (the rest read)'),
  health_check: healthCheck.default({ kind: 'liveness', interval: 10, timeout: 2, unhealthy_after: 3, healthy_after: 2 }),
  pools: z.record(name, pool).default({}),
  startup: dist.default(30).describe('Time from (re)start until an instance serves'),
  load_balancer: z.enum(['round_robin', 'least_outstanding']).default('round_robin'),
  instance_type: z.string().min(1).optional().describe('Instance type priced in prices.instance_hour (e.g. m6i.large); required when the scenario has prices'),
  outbox: z.array(name).default([]).describe('Queues into which every committed write enqueues one item (a transactional outbox)'),
  idempotency: idempotency.describe('Idempotency keys on this service\'s writes: a retried write whose key is recorded commits nothing again'),
  ...edge,
}).refine((svc) => svc.capacity !== undefined || svc.service_time !== undefined, {
  path: ['service_time'],
  message: 'missing required field "service_time" (give service_time or a capacity curve)',
  // Also when another field of the service is bad, so both are reported in one pass.
  when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
});

const replica = z.strictObject({
  region: name,
  zone: positiveCount.optional().describe('Zone number inside the region (1-based); default: next zone'),
  mode: z.enum(['sync', 'async']),
  lag: dist.default(0.1).describe('Async replication lag per write'),
  instance_type: z.string().min(1).optional().describe('Instance type priced in prices.database_hour; default: the primary\'s'),
});

const backups = z.strictObject({
  interval: duration.describe('A full backup of the primary every interval (at a random phase per replication)'),
  retention: duration.describe('How long each backup is kept, at least the interval; with backup_storage unset, backup_storage = storage x retention / interval (the full copies kept)'),
  restore_time: dist.optional().describe('Time to restore a new primary from a backup'),
  restore_time_per_gb: dist
    .optional()
    .describe('Restore time per GB of the database\'s storage: the restore grows with the data; give this or restore_time'),
});

const database = z.strictObject({
  primary: name.describe('Region of the primary'),
  backups: backups.optional().describe('Periodic backups a runbook restore step can restore a new primary from'),
  primary_zone: positiveCount.default(1),
  query_time: dist.default({ lognormal: { p50: 0.002, p99: 0.02 } }).describe('Time the database spends on one query'),
  replicas: z.array(replica).default([]),
  instance_type: z.string().min(1).optional().describe('Instance type of the primary (and replicas) priced in prices.database_hour (e.g. db.m6i.large); required when the scenario has prices'),
  storage: size.default(0).describe('Data stored (e.g. 200GB); priced per GB-month on the primary and every replica'),
  backup_storage: size.default(0).describe('Backup data kept (e.g. 400GB); priced per GB-month in the primary\'s region'),
  write_size: size.optional().describe('Bytes one write ships to each replica (e.g. 2KB); with the simulated write rate, prices cross-region replication transfer (required with prices and a cross-region replica)'),
  promotion: z
    .strictObject({
      mode: z.enum(['automated', 'manual']).default('manual'),
      detection: dist.default(30).describe('Automated: time to declare the primary dead'),
      promotion: dist.default(30).describe('Time to promote a replica once decided (also the manual step default)'),
      prefer: z.enum(['sync', 'async']).default('sync').describe('Which surviving replica to promote first'),
      fencing: z
        .boolean()
        .default(false)
        .describe('Automated: a primary cut off by a network partition loses its lease when the failover manager declares it dead and stops taking writes (no split brain)'),
    })
    .default({ mode: 'manual', detection: 30, promotion: 30, prefer: 'sync', fencing: false }),
});

const globalRouter = z.strictObject({
  service: name.optional().describe('The service whose regional endpoints it routes to (default: the first service)'),
  mode: z.enum(['active_passive', 'active_active']).default('active_passive'),
  regions: z.array(name).min(1).describe('active_passive: priority order; active_active: regions sharing traffic'),
  weights: z.record(name, z.number().nonnegative()).optional().describe('active_active: traffic weight per region (default equal)'),
  routing: z
    .enum(['weighted', 'nearest'])
    .default('weighted')
    .describe('active_active: weighted splits by weights; nearest sends a client with a region to the healthy region with the shortest round trip (latency-based DNS)'),
  health_check: z
    .strictObject({ interval: duration.default(10), timeout: duration.default(2), failure_threshold: positiveCount.default(3) })
    .default({ interval: 10, timeout: 2, failure_threshold: 3 }),
  ttl: duration.default(60).describe('DNS answer time-to-live'),
  ignore_ttl: z
    .strictObject({ share: share.default(0), stale_for: durationOrNone.default(Infinity) })
    .default({ share: 0, stale_for: Infinity })
    .describe('Share of clients that keep a stale answer, and for how long'),
  failback: z.boolean().default(false),
});


const runbookStep = z.discriminatedUnion('step', [
  z.strictObject({ step: z.literal('diagnose'), takes: dist }),
  z.strictObject({ step: z.literal('promote'), database: name, takes: dist.optional() }),
  z.strictObject({
    step: z.literal('restart_instances'),
    service: name,
    mode: z.enum(['one_by_one', 'all_at_once']),
    each: dist.optional().describe('one_by_one: time per instance (stop, start, warm up)'),
    takes: dist.optional().describe('all_at_once: time for the whole fleet'),
  }),
  z.strictObject({ step: z.literal('failover_dns'), to: name, takes: dist.default(60) }),
  z.strictObject({
    step: z.literal('restore'),
    database: name,
    region: name.describe('Region where the new primary is restored'),
    takes: dist.optional().describe("Default: the database's backups.restore_time (or restore_time_per_gb x size_gb)"),
  }),
  z.strictObject({
    step: z.literal('scale'),
    service: name,
    region: name,
    to: positiveCount.describe('Instances of the service in the region once the step is done'),
    takes: dist.describe('Provisioning time of the new instances (their start-up time follows)'),
  }),
  z.strictObject({ step: z.literal('repair'), takes: dist.describe('Fix the fault itself (ends a fault whose duration is until_repaired)') }),
  z.strictObject({ step: z.literal('wait'), takes: dist }),
]);

const operator = z.strictObject({
  alert_after: duration.default(60).describe('How long the SLO must be violated before the page goes out'),
  paging: dist.default({ uniform: [120, 600] }).describe('From page to an engineer at a keyboard'),
  runbook: z.array(runbookStep).default([]),
});

const faultTiming = {
  at: dist.describe('Start, measured from the start of the simulation'),
  duration: z
    .union([dist, z.literal('until_repaired')])
    .default('until_repaired')
    .describe('How long the fault lasts, or until_repaired (an operator repair step, else the horizon)'),
};

const fault = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('instance_crash'), service: name, region: name, count: positiveCount.default(1), ...faultTiming }),
  z.strictObject({ kind: z.literal('zone_outage'), region: name, zone: positiveCount, ...faultTiming }),
  z.strictObject({ kind: z.literal('region_outage'), region: name, ...faultTiming }),
  z.strictObject({ kind: z.literal('database_primary_crash'), database: name, ...faultTiming }),
  z.strictObject({ kind: z.literal('dependency_outage'), dependency: name, ...faultTiming }),
  z.strictObject({ kind: z.literal('dependency_latency'), dependency: name, latency: dist.describe('Latency while the fault lasts'), ...faultTiming }),
  z.strictObject({ kind: z.literal('dependency_errors'), dependency: name, error_rate: share, ...faultTiming }),
  z.strictObject({
    kind: z.literal('replication_lag_spike').describe('Every async replica of the database lags by `lag` per write while it lasts (writes stay in commit order)'),
    database: name,
    lag: dist.describe('Replication lag per write while the spike lasts'),
    ...faultTiming,
  }),
  z.strictObject({
    kind: z.literal('traffic_spike').describe("Client arrivals at factor x their rate while it lasts (extra arrivals on top of each class's own)"),
    factor: z.number().gt(1, 'a traffic spike multiplies the rate by more than 1'),
    classes: z.array(name).min(1).optional().describe('Client classes that surge (default: all)'),
    ...faultTiming,
  }),
  z.strictObject({
    kind: z.literal('bad_deploy').describe('A new version of the service that fails a share of its requests, rolled out in canary stages until rolled back'),
    service: name,
    error_rate: share.describe('Share of the requests an instance on the new version fails'),
    canary: z
      .array(z.strictObject({ share: share.describe('Share of the instances on the new version (at least one)'), for: duration.default(0).describe('Time before the next stage') }))
      .min(1)
      .optional()
      .describe('Rollout stages (the last lasts until rollback); default: every instance at once'),
    detection: z
      .strictObject({
        error_ratio: share.describe('Roll back once the new version fails more than this share of its requests'),
        window: duration.default(60).describe('Over the requests it answered in this window'),
        min_requests: positiveCount.default(20).describe('Judged only once the window holds this many'),
      })
      .optional()
      .describe('Automated canary analysis (without it: bad until the fault ends or a repair step rolls back)'),
    rollback: dist.default(300).describe('Time to roll every instance back once detected'),
    ...faultTiming,
  }),
  z.strictObject({
    kind: z.literal('control_plane_outage').describe("The region's control plane is down (no promotion, scaling, DNS change or token issuance there); its data plane keeps serving"),
    region: name,
    ...faultTiming,
  }),
  z.strictObject({
    kind: z
      .literal('network_partition')
      .describe('No traffic between the regions of one side and those of the other while it lasts (both sides stay up): queries and replication across the cut stop'),
    regions: z.array(name).min(1).describe('One side of the cut'),
    from: z.array(name).min(1).optional().describe('The other side (default: every other region)'),
    ...faultTiming,
  }),
]);

const slo = z.strictObject({
  success_ratio: share.describe('Share of requests that must succeed within the latency bound'),
  latency: duration.describe('A request slower than this counts as bad'),
  window: duration.default(60).describe('Sliding window over which the ratio is measured'),
  sustained: duration.default(300).describe('RTO is reached when the SLO holds and keeps holding for this long'),
  classes: z.array(name).optional().describe('Client classes whose requests the SLO (and availability, RTO) counts; default: all'),
});

/** The system being simulated: what a design overrides. */
export const systemSchema = z.strictObject({
  regions: z.record(name, region),
  network: network.default({ rtt: {}, default_rtt: 0.07, in_region_rtt: 0.0005 }),
  services: z.record(name, service),
  databases: z.record(name, database).default({}),
  dependencies: z.record(name, dependency).default({}),
  global_router: globalRouter.optional(),
  clients: z.record(name, client),
  operators: z.record(name, operator).default({}),
  queues: z.record(name, queue).default({}).describe('Async work (outbox, webhooks, billing retries) and its consumers'),
});

/** One scenario file after includes and a design's overrides have been applied. */
export const scenarioSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  description: z.string().default(''),
  seed: z.number().int().default(1),
  replications: positiveCount.default(100),
  horizon: duration.refine((h) => h > 0, 'horizon must be longer than 0s'),
  timeline_bucket: duration.default(60).describe('Width of the timeline buckets in the result'),
  warmup: duration
    .default(0)
    .describe('Statistics before this time are discarded (services[], availability, retry amplification, classes, the steady fleet of an autoscaled group, as priced): replications start empty, so waits near saturation start low'),
  slo,
  compare: compareSchema.describe('How designs are compared (comparisons[] of the result)'),
  include: z.array(z.string()).default([]).describe('Model files merged under this scenario (the scenario wins)'),
  system: systemSchema,
  fault: z
    .union([z.literal('none').transform(() => null), fault, z.array(fault).min(1, 'a list of faults needs at least one fault')])
    .describe('The fault, a list of faults (each with its own at; the timeline and RTO count from the first to start), or none (steady state and capacity questions: RTO and metastability do not apply)'),
  check: checkSchema.default({}),
  uncertain: uncertainSchema.default({}),
  prices: priceTableSchema.optional().describe('The price table (include one from models/pricing/); a scenario or design may override any figure'),
  business: businessSchema.optional().describe('What an outage costs the business; required with prices'),
  designs: z
    .record(designName, z.record(z.string(), z.unknown()))
    .default({ baseline: {} })
    .describe('Named designs: each maps a dotted path (system.services.api.concurrency) or nested object to a value that overrides the base'),
});

export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioInput = z.input<typeof scenarioSchema>;
export type SystemSpec = Scenario['system'];
export type ServiceSpec = z.output<typeof service>;
export type PoolSpec = z.output<typeof pool>;
export type HealthCheckSpec = z.output<typeof healthCheck>;
export type DatabaseSpec = z.output<typeof database>;
export type BackupsSpec = z.output<typeof backups>;
export type ReplicaSpec = z.output<typeof replica>;
export type GlobalRouterSpec = z.output<typeof globalRouter>;
export type { ClientSpec, DependencySpec, DependencyCallSpec } from './policySchema.js';
export type { QueueSpec, IdempotencySpec } from './queueSchema.js';
export type OperatorSpec = z.output<typeof operator>;
export type RunbookStep = z.output<typeof runbookStep>;
/** One fault (`fault: none` is null in the scenario; `fault` may also be a list of them, see `faultsOf`). */
export type FaultSpec = z.output<typeof fault>;

/** The scenario's faults as a list (empty for `fault: none`). */
export function faultsOf(s: Pick<Scenario, 'fault'>): FaultSpec[] {
  return s.fault === null ? [] : Array.isArray(s.fault) ? s.fault : [s.fault];
}
export type SloSpec = z.output<typeof slo>;
export type NetworkSpec = z.output<typeof network>;

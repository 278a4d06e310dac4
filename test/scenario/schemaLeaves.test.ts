/**
 * Every leaf of the scenario schema reaches a model (issue 15, item 9): for each leaf, either a
 * tiny variant of a small scenario where changing that leaf alone changes what is simulated (the
 * Result's designs and comparisons, priced as the CLI prices them), or an entry in ALLOWED saying
 * why the field is not simulated. A new schema field fails the first test until one is added; a
 * field that stops changing the simulation fails the second.
 *
 * Record entries and array items are one leaf each (`services.*`, `runbook[]`), exercised on one
 * representative. Runs are one replication of ten minutes, so the whole file runs in seconds.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { priceResult } from '../../src/cost/priceResult.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { scenarioSchema } from '../../src/scenario/schema.js';
import { schemaLeaves } from '../support/schemaLeaves.js';

type Doc = Record<string, unknown>;

/** Where the scenarios are loaded from (includes resolve against it); no file is written. */
const FILE = 'test/fixtures/scenarios/leaves.yaml';

/**
 * The base: two regions behind an active-passive router, one service with a database (async
 * replica, automated promotion), a dependency call, one client class, an operator, prices; us-east
 * goes dark from 2 to 6 minutes.
 */
function base(): Doc {
  return {
    name: 'leaves',
    seed: 7,
    replications: 1,
    horizon: '10m',
    timeline_bucket: '1m',
    slo: { success_ratio: 0.99, latency: '500ms', window: '30s', sustained: '1m' },
    include: ['../../../models/pricing/aws-on-demand.yaml'],
    system: {
      regions: { 'us-east': { zones: 3 }, 'us-west': { zones: 3 }, 'eu-west': { zones: 3 } },
      network: { rtt: { 'us-east~us-west': '70ms' } },
      services: {
        api: {
          instances: { 'us-east': 3, 'us-west': 3 },
          instance_type: 'm6i.large',
          concurrency: 2,
          queue: 20,
          service_time: { exponential: { mean: '40ms' } },
          database: 'orders-db',
          write_ratio: 0.3,
          health_check: { kind: 'liveness', interval: '10s', timeout: '1s', unhealthy_after: 3, healthy_after: 2 },
          pools: { 'orders-db': { max: 4, connect_timeout: '5s', query_timeout: '2s' } },
          startup: '30s',
          calls: [{ dependency: 'auth', timeout: '1s', retries: 1 }],
        },
      },
      databases: {
        'orders-db': {
          primary: 'us-east',
          instance_type: 'db.m6i.large',
          storage: '100GB',
          write_size: '2KB',
          replicas: [{ region: 'us-west', mode: 'async', lag: '100ms' }],
          promotion: { mode: 'automated', detection: '20s', promotion: '20s' },
        },
      },
      dependencies: { auth: { latency: '20ms' } },
      global_router: { mode: 'active_passive', regions: ['us-east', 'us-west'], health_check: { interval: '10s', timeout: '2s', failure_threshold: 2 }, ttl: '30s' },
      clients: { web: { kind: 'api', service: 'api', rate: '10/s', timeout: '2s', retries: 1 } },
      operators: { 'on-call': { alert_after: '1m', paging: '1m', runbook: [{ step: 'diagnose', takes: '1m' }] } },
    },
    fault: { kind: 'region_outage', region: 'us-east', at: '2m', duration: '4m' },
    business: { downtime_cost_per_minute_usd: 100, lost_write_cost_usd: 1, duplicate_write_cost_usd: 1, incidents_per_year: 2 },
  };
}

/** Sets the value at a dotted path (numeric segments index arrays), creating maps on the way. */
function set(doc: Doc, path: string, value: unknown): void {
  const segs = path.split('.');
  let at = doc as Record<string, unknown>;
  for (const seg of segs.slice(0, -1)) {
    if (typeof at[seg] !== 'object' || at[seg] === null) at[seg] = {};
    at = at[seg] as Record<string, unknown>;
  }
  if (value === undefined) delete at[segs.at(-1)!];
  else at[segs.at(-1)!] = value;
}

type Settings = Record<string, unknown>;

/** A variant: settings applied to the base first (both runs), then the change (second run only). */
interface Variant {
  prepare?: Settings;
  change: Settings;
}

const DB_CRASH = { kind: 'database_primary_crash', database: 'orders-db', at: '2m', duration: 'until_repaired' };
const ZONE_1 = { kind: 'zone_outage', region: 'us-east', zone: 1, at: '2m', duration: '4m' };
const AUTH_DOWN = { kind: 'dependency_outage', dependency: 'auth', at: '2m', duration: '4m' };
const AUTH_ERRORS = { kind: 'dependency_errors', dependency: 'auth', error_rate: 0.5, at: '2m', duration: '4m' };
const UNTIL_REPAIRED = { kind: 'region_outage', region: 'us-east', at: '2m', duration: 'until_repaired' };
const BATCH = { service: 'api', rate: '10/s', timeout: '2s' };
const API2 = { instances: { 'us-east': 2, 'us-west': 2 }, instance_type: 'm6i.large', concurrency: 1, service_time: '100ms' };
/** A second database, for fields that name which database. */
const AUDIT_DB = { primary: 'us-east', instance_type: 'db.m6i.large', write_size: '2KB', query_time: '50ms', replicas: [{ region: 'us-west', mode: 'async', lag: '100ms' }] };
/** Region outage where recovery is the operator's: manual promotion, fault until repaired. */
const MANUAL = { fault: UNTIL_REPAIRED, 'system.databases.orders-db.promotion.mode': 'manual' };
/** Backups and no replica: a restore is the only way back. */
const RESTORE = {
  fault: UNTIL_REPAIRED,
  'system.databases.orders-db.replicas': [],
  'system.databases.orders-db.backups': { interval: '5m', retention: '10m', restore_time: '2m' },
  'system.operators.on-call.runbook': [{ step: 'restore', database: 'orders-db', region: 'us-west' }],
};
/** The edge refuses (429) above 10/s. */
const LIMITED = { 'system.services.api.rate_limits': { web: { rate: '10/s' } } };
/** Saturated after the failover: 20/s of 0.2 s work on 2 instances × 2 slots, with queues. */
const BUSY = { 'system.services.api.service_time': '200ms', 'system.clients.web.rate': '25/s' };
/** BUSY with us-west (and us-east) autoscaled on utilisation. */
const AUTOSCALED = { ...BUSY, 'system.services.api.autoscaling': { target: 0.5, max: 10, evaluation_period: '30s', provisioning: '30s', cooldown: '1m' } };
/** AUTOSCALED with a 3x spike from 1 to 3 minutes instead of the outage, scaling in after one evaluation below the target. */
const SCALING_IN = { ...AUTOSCALED, fault: { kind: 'traffic_spike', factor: 3, at: '1m', duration: '2m' }, 'system.services.api.autoscaling.scale_in_after': 1 };
const CLIENT_BREAKER = { 'system.clients.web.breaker': { trip: { kind: 'consecutive', failures: 5 }, open: '20s' }, 'system.clients.web.retries': 2 };
const CALL_BREAKER = { fault: AUTH_ERRORS, 'system.services.api.calls.0.breaker': { trip: { kind: 'consecutive', failures: 5 }, open: '20s' } };
const AGENT = { 'system.clients.web': { kind: 'agent', rate: '1/s', timeout: '2s', retries: 1, workflow: { steps: 2, fan_out: 3, restarts: 1, think_time: '1s' } } };
const A_A = { 'system.global_router.mode': 'active_active' };
/** Nothing recovers by itself: one region serves, no router, manual promotion; the operator's runbook decides when it ends. */
const OPERATED = {
  fault: UNTIL_REPAIRED,
  'system.global_router': undefined,
  'system.services.api.instances': { 'us-east': 3 },
  'system.databases.orders-db.promotion': { mode: 'manual' },
};
/** Pools that hang on the dead primary until their instance restarts (the pool-timeout incident). */
const STALE = { fault: DB_CRASH, 'system.services.api.pools.orders-db.query_timeout': 'none' };
/** A queue consumed in us-east (then us-west after a failover), fed 10 items/s, each calling auth. */
const JOBS = { consumers: { 'us-east': 2, 'us-west': 2 }, rate: '8/s', arrival_rate: '10/s', calls: [{ dependency: 'auth', timeout: '1s', retries: 1 }] };
const QUEUE = { 'system.queues.jobs': JOBS };
const FAILING_QUEUE = { ...QUEUE, fault: AUTH_ERRORS };
/** Writes that time out at the client and are retried: each retry commits again (duplicates). */
const DUPLICATES = { 'system.clients.web.timeout': '30ms', 'system.clients.web.retries': 2 };
const LAG_SPIKE = { kind: 'replication_lag_spike', database: 'orders-db', lag: '5s', at: '1m', duration: '2m' };
/** A load-dependent service (processor sharing) with several requests in flight per instance. */
const CAPACITY = {
  'system.services.api.service_time': undefined,
  'system.services.api.concurrency': 8,
  'system.services.api.capacity': { curve: 'linear', base: '40ms', slope: '20ms' },
  'system.clients.web.rate': '40/s',
};
const USL = { ...CAPACITY, 'system.services.api.capacity': { curve: 'usl', base: '40ms', sigma: 0.1, kappa: 0.01 } };
const MEASURED = { ...CAPACITY, 'system.services.api.capacity': { curve: 'linear', measured: [{ concurrency: 1, throughput: '25/s' }, { concurrency: 2, throughput: '40/s' }, { concurrency: 4, throughput: '60/s' }] } };
/** A bad version: a canary stage on a third of the instances, then all; detected and rolled back. */
const BAD_DEPLOY = {
  kind: 'bad_deploy', service: 'api', error_rate: 0.5, at: '2m', duration: '6m',
  canary: [{ share: 0.3, for: '1m' }, { share: 1 }],
  detection: { error_ratio: 0.2, window: '30s', min_requests: 20 },
  rollback: '2m',
};
/** Recovery needs capacity in us-west, which only a scale step brings. */
const SCALED = { fault: UNTIL_REPAIRED, 'system.services.api.instances': { 'us-east': 3 } };
/** us-west is overloaded after the failover until a scale step adds instances there. */
const SCALE_UP = { ...BUSY, fault: UNTIL_REPAIRED, 'system.operators.on-call.runbook': [{ step: 'scale', service: 'api', region: 'us-west', to: 6, takes: '1m' }] };
const CONTROL_PLANE = { kind: 'control_plane_outage', region: 'us-east', at: '2m', duration: '4m' };
/** us-east (the primary) cut off from us-west (the replica) and eu-west: automated promotion splits the brain. */
const PARTITION = { kind: 'network_partition', regions: ['us-east'], at: '2m', duration: '4m' };
/** Sessions whose tokens expire while us-east's control plane is down. */
const SESSIONS = { fault: CONTROL_PLANE, 'system.clients.web.sessions': { count: 100, token_lifetime: '2m' } };

/** Budget variants: `kind` with its fields, then each field changed alone. */
function budget(spec: Settings, changes: Settings): Record<string, Variant> {
  const prepare = { fault: AUTH_ERRORS, 'system.clients.web.retries': 3, 'system.clients.web.retry_budget': spec };
  return Object.fromEntries(
    Object.entries(changes).map(([field, value]) => [
      `system.clients.*.retry_budget.<kind=${String(spec.kind)}>.${field}`,
      { prepare, change: { [`system.clients.web.retry_budget.${field}`]: value } },
    ]),
  );
}

/** Breaker trip rules of a client or a call (`at` the breaker's path in the base). */
function breakers(leaf: string, at: string, prepare: Settings): Record<string, Variant> {
  const trip = (t: Settings) => ({ ...prepare, [at]: { trip: t, open: '20s' } });
  const consecutive = { kind: 'consecutive', failures: 5 };
  const countWindow = { kind: 'count_window', failures: 5, window: '10s' };
  const ratio = { kind: 'ratio', ratio: 0.3, minimum_calls: 10, window: '10s' };
  return {
    [`${leaf}.<preset>.preset`]: { prepare: { ...prepare, [at]: { preset: 'resilience4j' } }, change: { [`${at}.preset`]: 'polly-v8' } },
    [`${leaf}.<trip>.trip.kind`]: { prepare: trip(consecutive), change: { [`${at}.trip`]: { kind: 'ratio', ratio: 0.9, minimum_calls: 50, window: '10s' } } },
    [`${leaf}.<trip>.trip.<kind=consecutive>.failures`]: { prepare: trip(consecutive), change: { [`${at}.trip.failures`]: 2 } },
    [`${leaf}.<trip>.trip.<kind=count_window>.failures`]: { prepare: trip(countWindow), change: { [`${at}.trip.failures`]: 2 } },
    [`${leaf}.<trip>.trip.<kind=count_window>.window`]: { prepare: trip(countWindow), change: { [`${at}.trip.window`]: '1s' } },
    [`${leaf}.<trip>.trip.<kind=ratio>.ratio`]: { prepare: trip(ratio), change: { [`${at}.trip.ratio`]: 0.9 } },
    [`${leaf}.<trip>.trip.<kind=ratio>.minimum_calls`]: { prepare: trip(ratio), change: { [`${at}.trip.minimum_calls`]: 1000 } },
    [`${leaf}.<trip>.trip.<kind=ratio>.window`]: { prepare: trip(ratio), change: { [`${at}.trip.window`]: '2s' } },
    [`${leaf}.<trip>.trip.<kind=ratio>.window_calls`]: { prepare: trip({ ...ratio, window: undefined, window_calls: 20 }), change: { [`${at}.trip.window_calls`]: 200 } },
    [`${leaf}.<trip>.open`]: { prepare: trip(consecutive), change: { [`${at}.open`]: '2s' } },
    [`${leaf}.<trip>.half_open_probes`]: { prepare: trip(consecutive), change: { [`${at}.half_open_probes`]: 5 } },
  };
}

/** The fault leaves of one kind: its target (another service, database or dependency exists to name), when and how long. */
function fault(kind: string, spec: Settings, target: Settings, extra: Settings = {}): Record<string, Variant> {
  const prepare = { ...extra, fault: spec, 'system.services.api2': API2, 'system.databases.audit-db': AUDIT_DB, 'system.dependencies.idp': { latency: '20ms' } };
  const out: Record<string, Variant> = {
    [`fault.<kind=${kind}>.at`]: { prepare, change: { 'fault.at': '4m' } },
    [`fault.<kind=${kind}>.duration`]: { prepare, change: { 'fault.duration': '1m' } },
  };
  // A target may be nested (`canary.0.share`: the leaf canary[].share).
  for (const [field, value] of Object.entries(target)) out[`fault.<kind=${kind}>.${field.replace(/\.\d+\./g, '[].')}`] = { prepare, change: { [`fault.${field}`]: value } };
  return out;
}

/** Leaves exercised: changing the leaf alone changes the simulation. */
const EXERCISED: Record<string, Variant> = {
  seed: { change: { seed: 8 } },
  replications: { change: { replications: 2 } },
  horizon: { change: { horizon: '12m' } },
  timeline_bucket: { change: { timeline_bucket: '30s' } },
  warmup: { change: { warmup: '1m' } },
  'slo.success_ratio': { change: { 'slo.success_ratio': 0.5 } },
  'slo.latency': { change: { 'slo.latency': '50ms' } },
  'slo.window': { change: { 'slo.window': '2m' } },
  'slo.sustained': { change: { 'slo.sustained': '8m' } },
  'slo.classes': { prepare: { 'system.clients.batch': BATCH, 'slo.classes': ['web', 'batch'] }, change: { 'slo.classes': ['batch'] } },
  'system.regions.*.zones': { prepare: { fault: ZONE_1 }, change: { 'system.regions.us-east.zones': 2 } },
  'system.network.rtt.*': { prepare: { 'system.clients.web.regions': { 'us-west': 1 } }, change: { 'system.network.rtt.us-east~us-west': '150ms' } },
  'system.network.default_rtt': { prepare: { 'system.clients.web.regions': { 'us-west': 1 }, 'system.network.rtt': {} }, change: { 'system.network.default_rtt': '150ms' } },
  'system.network.in_region_rtt': { prepare: { 'system.clients.web.regions': { 'us-east': 1 } }, change: { 'system.network.in_region_rtt': '20ms' } },
  'system.services.*.instances.*': { change: { 'system.services.api.instances.us-west': 1 } },
  'system.services.*.concurrency': { change: { 'system.services.api.concurrency': 1 } },
  'system.services.*.queue': { prepare: BUSY, change: { 'system.services.api.queue': 1 } },
  'system.services.*.service_time': { change: { 'system.services.api.service_time': '60ms' } },
  'system.services.*.capacity.curve': { prepare: CAPACITY, change: { 'system.services.api.capacity': { curve: 'usl', base: '40ms', sigma: 0.1, kappa: 0.01 } } },
  'system.services.*.capacity.base': { prepare: CAPACITY, change: { 'system.services.api.capacity.base': '80ms' } },
  'system.services.*.capacity.slope': { prepare: CAPACITY, change: { 'system.services.api.capacity.slope': '50ms' } },
  'system.services.*.capacity.sigma': { prepare: USL, change: { 'system.services.api.capacity.sigma': 0.5 } },
  'system.services.*.capacity.kappa': { prepare: USL, change: { 'system.services.api.capacity.kappa': 0.1 } },
  'system.services.*.capacity.measured[].concurrency': { prepare: MEASURED, change: { 'system.services.api.capacity.measured.2.concurrency': 8 } },
  'system.services.*.capacity.measured[].throughput': { prepare: MEASURED, change: { 'system.services.api.capacity.measured.0.throughput': '15/s' } },
  'system.services.*.capacity.cancel_on_timeout': { prepare: { ...CAPACITY, 'system.clients.web.timeout': '200ms' }, change: { 'system.services.api.capacity.cancel_on_timeout': true } },
  'system.services.*.autoscaling.metric': { prepare: AUTOSCALED, change: { 'system.services.api.autoscaling.metric': 'queue_depth' } },
  'system.services.*.autoscaling.target': { prepare: AUTOSCALED, change: { 'system.services.api.autoscaling.target': 0.3 } },
  'system.services.*.autoscaling.min': { prepare: AUTOSCALED, change: { 'system.services.api.autoscaling.min': 5 } },
  'system.services.*.autoscaling.max': { prepare: AUTOSCALED, change: { 'system.services.api.autoscaling.max': 4 } },
  'system.services.*.autoscaling.evaluation_period': { prepare: AUTOSCALED, change: { 'system.services.api.autoscaling.evaluation_period': '90s' } },
  'system.services.*.autoscaling.provisioning': { prepare: AUTOSCALED, change: { 'system.services.api.autoscaling.provisioning': '2m' } },
  'system.services.*.autoscaling.warm_pool': { prepare: AUTOSCALED, change: { 'system.services.api.autoscaling.warm_pool': 2 } },
  'system.services.*.autoscaling.cooldown': { prepare: AUTOSCALED, change: { 'system.services.api.autoscaling.cooldown': '4m' } },
  'system.services.*.autoscaling.scale_in_protection': { prepare: SCALING_IN, change: { 'system.services.api.autoscaling.scale_in_protection': true } },
  'system.services.*.autoscaling.scale_in_after': { prepare: SCALING_IN, change: { 'system.services.api.autoscaling.scale_in_after': 4 } },
  'system.services.*.autoscaling.scale_in_cooldown': { prepare: SCALING_IN, change: { 'system.services.api.autoscaling.scale_in_cooldown': '8m' } },
  'system.services.*.autoscaling.deregistration_delay': { prepare: SCALING_IN, change: { 'system.services.api.autoscaling.deregistration_delay': '0s' } },
  'system.regions.*.instance_limit': { prepare: AUTOSCALED, change: { 'system.regions.us-west.instance_limit': 4 } },
  'system.services.*.database': { prepare: { 'system.databases.audit-db': AUDIT_DB, 'system.services.api.pools': {} }, change: { 'system.services.api.database': 'audit-db' } },
  'system.services.*.write_ratio': { change: { 'system.services.api.write_ratio': 0.8 } },
  'system.services.*.health_check.kind': { prepare: { fault: DB_CRASH }, change: { 'system.services.api.health_check.kind': 'deep' } },
  'system.services.*.health_check.interval': { prepare: { fault: ZONE_1 }, change: { 'system.services.api.health_check.interval': '30s' } },
  'system.services.*.health_check.timeout': { prepare: { fault: DB_CRASH, 'system.services.api.health_check.kind': 'deep' }, change: { 'system.services.api.health_check.timeout': '5s' } },
  'system.services.*.health_check.unhealthy_after': { prepare: { fault: ZONE_1 }, change: { 'system.services.api.health_check.unhealthy_after': 1 } },
  'system.services.*.health_check.healthy_after': {
    prepare: {
      'system.global_router': undefined,
      'system.services.api.instances': { 'us-east': 3 },
      fault: { kind: 'instance_crash', service: 'api', region: 'us-east', count: 3, at: '2m', duration: '1m' },
    }, change: { 'system.services.api.health_check.healthy_after': 6 } },
  'system.services.*.pools.*.max': { change: { 'system.services.api.pools.orders-db.max': 1 } },
  'system.services.*.pools.*.min_idle': { prepare: { 'system.services.api.pools.orders-db.idle_timeout': '10s', 'system.services.api.pools.orders-db.min_idle': 0 }, change: { 'system.services.api.pools.orders-db.min_idle': 4 } },
  'system.services.*.pools.*.connect_timeout': { prepare: { fault: DB_CRASH }, change: { 'system.services.api.pools.orders-db.connect_timeout': '30s' } },
  'system.services.*.pools.*.idle_timeout': { prepare: { fault: DB_CRASH }, change: { 'system.services.api.pools.orders-db.idle_timeout': '20s' } },
  'system.services.*.pools.*.max_lifetime': { prepare: { fault: DB_CRASH }, change: { 'system.services.api.pools.orders-db.max_lifetime': '1m' } },
  'system.services.*.pools.*.validate_on_borrow': { prepare: { fault: DB_CRASH }, change: { 'system.services.api.pools.orders-db.validate_on_borrow': true } },
  'system.services.*.pools.*.validation_time': { prepare: { 'system.services.api.pools.orders-db.validate_on_borrow': true }, change: { 'system.services.api.pools.orders-db.validation_time': '50ms' } },
  'system.services.*.pools.*.query_timeout': { prepare: { fault: DB_CRASH }, change: { 'system.services.api.pools.orders-db.query_timeout': '1s' } },
  'system.services.*.startup': { prepare: { fault: { kind: 'instance_crash', service: 'api', region: 'us-east', count: 2, at: '2m', duration: '1m' } }, change: { 'system.services.api.startup': '2m' } },
  'system.services.*.load_balancer': { prepare: BUSY, change: { 'system.services.api.load_balancer': 'least_outstanding' } },
  'system.services.*.instance_type': { change: { 'system.services.api.instance_type': 'm6i.xlarge' } },
  'system.services.*.rate_limits.*.rate': { prepare: LIMITED, change: { 'system.services.api.rate_limits.web.rate': '5/s' } },
  'system.services.*.rate_limits.*.burst': { prepare: LIMITED, change: { 'system.services.api.rate_limits.web.burst': 100 } },
  'system.services.*.load_shedding.max_queue': { prepare: { ...BUSY, 'system.services.api.load_shedding': { max_queue: 10 } }, change: { 'system.services.api.load_shedding.max_queue': 1 } },
  'system.services.*.load_shedding.max_queue_time': { prepare: { ...BUSY, 'system.services.api.load_shedding': { max_queue_time: '2s' } }, change: { 'system.services.api.load_shedding.max_queue_time': '100ms' } },
  'system.services.*.bulkheads.*.classes': {
    prepare: { ...BUSY, 'system.clients.batch': BATCH, 'system.services.api.bulkheads': { b: { classes: ['web'], concurrency: 1 } } },
    change: { 'system.services.api.bulkheads.b.classes': ['batch'] },
  },
  'system.services.*.bulkheads.*.concurrency': { prepare: { ...BUSY, 'system.services.api.bulkheads': { b: { classes: ['web'], concurrency: 1 } } }, change: { 'system.services.api.bulkheads.b.concurrency': 2 } },
  'system.services.*.bulkheads.*.queue': { prepare: { ...BUSY, 'system.services.api.bulkheads': { b: { classes: ['web'], concurrency: 1 } } }, change: { 'system.services.api.bulkheads.b.queue': 5 } },
  'system.services.*.calls[].dependency': { prepare: { 'system.dependencies.idp': { latency: '200ms' } }, change: { 'system.services.api.calls.0.dependency': 'idp' } },
  'system.services.*.calls[].failover_to': {
    prepare: { fault: { ...AUTH_DOWN, duration: 'until_repaired' }, 'system.dependencies.auth.outage': 'error', 'system.dependencies.idp': { latency: '20ms' } },
    change: { 'system.services.api.calls.0.failover_to': ['idp'] },
  },
  'system.services.*.outbox': { prepare: { ...QUEUE, 'system.queues.jobs.arrival_rate': undefined }, change: { 'system.services.api.outbox': ['jobs'] } },
  'system.services.*.idempotency.enabled': { prepare: DUPLICATES, change: { 'system.services.api.idempotency.enabled': true } },
  'system.services.*.idempotency.lookup': { prepare: { ...DUPLICATES, 'system.services.api.idempotency.enabled': true }, change: { 'system.services.api.idempotency.lookup': '100ms' } },
  'system.services.*.calls[].fallback.<kind=queue>.queue': {
    prepare: { ...FAILING_QUEUE, 'system.queues.jobs2': { consumers: { 'us-west': 1 }, rate: '1/s' }, 'system.services.api.calls.0.fallback': { kind: 'queue', queue: 'jobs' } },
    change: { 'system.services.api.calls.0.fallback.queue': 'jobs2' },
  },
  'system.queues.*.consumers.*': { prepare: QUEUE, change: { 'system.queues.jobs.consumers.us-east': 1 } },
  'system.queues.*.rate': { prepare: QUEUE, change: { 'system.queues.jobs.rate': '20/s' } },
  'system.queues.*.regions': { prepare: QUEUE, change: { 'system.queues.jobs.regions': ['us-west', 'us-east'] } },
  'system.queues.*.failover': { prepare: QUEUE, change: { 'system.queues.jobs.failover': '2m' } },
  'system.queues.*.ordering': { prepare: FAILING_QUEUE, change: { 'system.queues.jobs.ordering': 'fifo' } },
  'system.queues.*.visibility_timeout': { prepare: FAILING_QUEUE, change: { 'system.queues.jobs.visibility_timeout': '5s' } },
  'system.queues.*.max_attempts': { prepare: FAILING_QUEUE, change: { 'system.queues.jobs.max_attempts': 1 } },
  'system.queues.*.ack_interval': { prepare: QUEUE, change: { 'system.queues.jobs.ack_interval': '10s' } },
  'system.queues.*.calls[].retries': { prepare: FAILING_QUEUE, change: { 'system.queues.jobs.calls.0.retries': 3 } },
  'system.queues.*.idempotency.enabled': { prepare: { ...QUEUE, 'system.queues.jobs.ack_interval': '10s' }, change: { 'system.queues.jobs.idempotency.enabled': true } },
  'system.queues.*.idempotency.lookup': { prepare: { ...QUEUE, 'system.queues.jobs.idempotency.enabled': true }, change: { 'system.queues.jobs.idempotency.lookup': '100ms' } },
  'system.queues.*.arrival_rate': { prepare: QUEUE, change: { 'system.queues.jobs.arrival_rate': '5/s' } },
  'system.queues.*.backlog_threshold': { prepare: QUEUE, change: { 'system.queues.jobs.backlog_threshold': 1 } },
  'system.services.*.calls[].timeout': { prepare: { fault: AUTH_DOWN }, change: { 'system.services.api.calls.0.timeout': '300ms' } },
  'system.services.*.calls[].retries': { prepare: { fault: AUTH_ERRORS }, change: { 'system.services.api.calls.0.retries': 3 } },
  'system.services.*.calls[].backoff.kind': { prepare: { fault: AUTH_ERRORS, 'system.services.api.calls.0.retries': 3, 'system.services.api.calls.0.backoff': { kind: 'exponential', jitter: 'none' } }, change: { 'system.services.api.calls.0.backoff.kind': 'constant' } },
  'system.services.*.calls[].backoff.base': { prepare: { fault: AUTH_ERRORS, 'system.services.api.calls.0.backoff': { kind: 'exponential' } }, change: { 'system.services.api.calls.0.backoff.base': '300ms' } },
  'system.services.*.calls[].backoff.factor': { prepare: { fault: AUTH_ERRORS, 'system.services.api.calls.0.retries': 3, 'system.services.api.calls.0.backoff': { kind: 'exponential' } }, change: { 'system.services.api.calls.0.backoff.factor': 5 } },
  'system.services.*.calls[].backoff.cap': { prepare: { fault: AUTH_ERRORS, 'system.services.api.calls.0.retries': 3, 'system.services.api.calls.0.backoff': { kind: 'exponential', jitter: 'none' } }, change: { 'system.services.api.calls.0.backoff.cap': '150ms' } },
  'system.services.*.calls[].backoff.jitter': { prepare: { fault: AUTH_ERRORS, 'system.services.api.calls.0.backoff': { kind: 'exponential' } }, change: { 'system.services.api.calls.0.backoff.jitter': 'none' } },
  ...breakers('system.services.*.calls[].breaker', 'system.services.api.calls.0.breaker', { fault: AUTH_ERRORS }),
  'system.services.*.calls[].fallback.kind': { prepare: { fault: AUTH_ERRORS }, change: { 'system.services.api.calls.0.fallback': { kind: 'cached' } } },
  'system.services.*.calls[].fallback.<kind=cached>.success_value': { prepare: { fault: AUTH_ERRORS, 'system.services.api.calls.0.fallback': { kind: 'cached' } }, change: { 'system.services.api.calls.0.fallback.success_value': 0.9 } },
  'system.databases.*.primary': { change: { 'system.databases.orders-db.primary': 'eu-west' } },
  'system.databases.*.backups.interval': { prepare: RESTORE, change: { 'system.databases.orders-db.backups.interval': '2m' } },
  'system.databases.*.backups.retention': { prepare: RESTORE, change: { 'system.databases.orders-db.backups.retention': '30m' } },
  'system.databases.*.backups.restore_time': { prepare: RESTORE, change: { 'system.databases.orders-db.backups.restore_time': '3m' } },
  'system.databases.*.backups.restore_time_per_gb': {
    prepare: { ...RESTORE, 'system.databases.orders-db.backups': { interval: '5m', retention: '10m', restore_time_per_gb: '1s' } },
    change: { 'system.databases.orders-db.backups.restore_time_per_gb': '2s' },
  },
  'system.databases.*.primary_zone': { prepare: { fault: ZONE_1 }, change: { 'system.databases.orders-db.primary_zone': 2 } },
  'system.databases.*.query_time': { change: { 'system.databases.orders-db.query_time': '30ms' } },
  'system.databases.*.replicas[].region': { change: { 'system.databases.orders-db.replicas.0.region': 'eu-west' } },
  'system.databases.*.replicas[].zone': {
    prepare: { fault: ZONE_1, 'system.databases.orders-db.replicas': [{ region: 'us-east', zone: 2, mode: 'async', lag: '100ms' }] },
    change: { 'system.databases.orders-db.replicas.0.zone': 1 },
  },
  'system.databases.*.replicas[].mode': { change: { 'system.databases.orders-db.replicas.0': { region: 'us-west', mode: 'sync' } } },
  'system.databases.*.replicas[].lag': { change: { 'system.databases.orders-db.replicas.0.lag': '3s' } },
  'system.databases.*.replicas[].instance_type': { change: { 'system.databases.orders-db.replicas.0.instance_type': 'db.m6i.xlarge' } },
  'system.databases.*.instance_type': { change: { 'system.databases.orders-db.instance_type': 'db.m6i.xlarge' } },
  'system.databases.*.storage': { change: { 'system.databases.orders-db.storage': '300GB' } },
  'system.databases.*.backup_storage': { change: { 'system.databases.orders-db.backup_storage': '300GB' } },
  'system.databases.*.write_size': { change: { 'system.databases.orders-db.write_size': '20KB' } },
  'system.databases.*.promotion.mode': { change: { 'system.databases.orders-db.promotion': { mode: 'manual', promotion: '20s' } } },
  'system.databases.*.promotion.detection': { change: { 'system.databases.orders-db.promotion.detection': '1m' } },
  'system.databases.*.promotion.promotion': { change: { 'system.databases.orders-db.promotion.promotion': '1m' } },
  'system.databases.*.promotion.prefer': {
    prepare: { 'system.databases.orders-db.replicas': [{ region: 'us-west', mode: 'sync' }, { region: 'us-west', mode: 'async', lag: '2s' }] },
    change: { 'system.databases.orders-db.promotion.prefer': 'async' },
  },
  'system.databases.*.promotion.fencing': { prepare: { fault: PARTITION }, change: { 'system.databases.orders-db.promotion.fencing': true } },
  'system.dependencies.*.latency': { change: { 'system.dependencies.auth.latency': '100ms' } },
  'system.dependencies.*.error_rate': { change: { 'system.dependencies.auth.error_rate': 0.2 } },
  'system.dependencies.*.quota.*': { prepare: { 'system.dependencies.auth.quota': { 'us-east': '30/s' } }, change: { 'system.dependencies.auth.quota.us-east': '5/s' } },
  'system.dependencies.*.upstream': {
    prepare: { 'system.dependencies.idp': { latency: '20ms' }, fault: { ...AUTH_DOWN, dependency: 'idp' } },
    change: { 'system.dependencies.auth.upstream': ['idp'] },
  },
  'system.dependencies.*.outage': { prepare: { fault: AUTH_DOWN }, change: { 'system.dependencies.auth.outage': 'error' } },
  'system.global_router.service': { prepare: { 'system.services.api2': API2, 'system.global_router.service': 'api' }, change: { 'system.global_router.service': 'api2' } },
  'system.global_router.mode': { change: A_A },
  'system.global_router.regions': { change: { 'system.global_router.regions': ['us-west', 'us-east'] } },
  'system.global_router.weights.*': { prepare: { ...A_A, 'system.global_router.weights': { 'us-east': 1, 'us-west': 1 } }, change: { 'system.global_router.weights.us-east': 4 } },
  'system.global_router.routing': { prepare: { ...A_A, 'system.clients.web.regions': { 'us-west': 1 } }, change: { 'system.global_router.routing': 'nearest' } },
  'system.global_router.health_check.interval': { change: { 'system.global_router.health_check.interval': '30s' } },
  'system.global_router.health_check.timeout': {
    prepare: { fault: { kind: 'instance_crash', service: 'api', region: 'us-east', count: 3, at: '2m', duration: '4m' } },
    change: { 'system.global_router.health_check.timeout': '8s' },
  },
  'system.global_router.health_check.failure_threshold': { change: { 'system.global_router.health_check.failure_threshold': 5 } },
  'system.global_router.ttl': { change: { 'system.global_router.ttl': '2m' } },
  'system.global_router.ignore_ttl.share': { change: { 'system.global_router.ignore_ttl': { share: 0.3 } } },
  'system.global_router.ignore_ttl.stale_for': { prepare: { 'system.global_router.ignore_ttl': { share: 0.3 } }, change: { 'system.global_router.ignore_ttl.stale_for': '1m' } },
  'system.global_router.failback': { change: { 'system.global_router.failback': true } },
  'system.clients.*.kind': { change: { 'system.clients.web.kind': 'human' } },
  'system.clients.*.rate': { change: { 'system.clients.web.rate': '5/s' } },
  'system.clients.*.arrival.kind': { change: { 'system.clients.web.arrival': { kind: 'spike', factor: 3, at: '1m', duration: '1m' } } },
  'system.clients.*.arrival.<kind=diurnal>.peak_factor': { prepare: { 'system.clients.web.arrival': { kind: 'diurnal', peak_factor: 2, period: '10m' } }, change: { 'system.clients.web.arrival.peak_factor': 3 } },
  'system.clients.*.arrival.<kind=diurnal>.period': { prepare: { 'system.clients.web.arrival': { kind: 'diurnal', peak_factor: 2, period: '10m' } }, change: { 'system.clients.web.arrival.period': '5m' } },
  'system.clients.*.arrival.<kind=diurnal>.peak_at': { prepare: { 'system.clients.web.arrival': { kind: 'diurnal', peak_factor: 2, period: '10m' } }, change: { 'system.clients.web.arrival.peak_at': '3m' } },
  'system.clients.*.arrival.<kind=spike>.factor': { prepare: { 'system.clients.web.arrival': { kind: 'spike', factor: 3, at: '1m', duration: '1m' } }, change: { 'system.clients.web.arrival.factor': 5 } },
  'system.clients.*.arrival.<kind=spike>.at': { prepare: { 'system.clients.web.arrival': { kind: 'spike', factor: 3, at: '1m', duration: '1m' } }, change: { 'system.clients.web.arrival.at': '7m' } },
  'system.clients.*.arrival.<kind=spike>.duration': { prepare: { 'system.clients.web.arrival': { kind: 'spike', factor: 3, at: '1m', duration: '1m' } }, change: { 'system.clients.web.arrival.duration': '3m' } },
  'system.clients.*.service': { prepare: { 'system.services.api2': API2, 'system.clients.web.service': 'api' }, change: { 'system.clients.web.service': 'api2' } },
  'system.clients.*.timeout': { change: { 'system.clients.web.timeout': '100ms' } },
  'system.clients.*.retries': { change: { 'system.clients.web.retries': 3 } },
  'system.clients.*.retry_delay': { prepare: { 'system.clients.web.retry_delay': '1s' }, change: { 'system.clients.web.retry_delay': '5s' } },
  'system.clients.*.backoff.kind': { prepare: { 'system.clients.web.retries': 3, 'system.clients.web.backoff': { kind: 'exponential', jitter: 'none' } }, change: { 'system.clients.web.backoff.kind': 'constant' } },
  'system.clients.*.backoff.base': { prepare: { 'system.clients.web.backoff': { kind: 'exponential' } }, change: { 'system.clients.web.backoff.base': '1s' } },
  'system.clients.*.backoff.factor': { prepare: { 'system.clients.web.retries': 3, 'system.clients.web.backoff': { kind: 'exponential' } }, change: { 'system.clients.web.backoff.factor': 5 } },
  'system.clients.*.backoff.cap': { prepare: { 'system.clients.web.retries': 3, 'system.clients.web.backoff': { kind: 'exponential', jitter: 'none' } }, change: { 'system.clients.web.backoff.cap': '150ms' } },
  'system.clients.*.backoff.jitter': { prepare: { 'system.clients.web.backoff': { kind: 'exponential' } }, change: { 'system.clients.web.backoff.jitter': 'none' } },
  'system.clients.*.retry_budget.kind': {
    prepare: { 'system.clients.web.retries': 3, 'system.clients.web.retry_budget': { kind: 'deposit', capacity: 2 } },
    change: { 'system.clients.web.retry_budget': { kind: 'grpc', max_tokens: 2, token_ratio: 0.01 } },
  },
  'system.clients.*.retry_budget.<preset>.preset': { prepare: { 'system.clients.web.retries': 3, 'system.clients.web.retry_budget': { preset: 'envoy' } }, change: { 'system.clients.web.retry_budget.preset': 'grpc' } },
  ...budget({ kind: 'token_bucket', capacity: 5, retry_cost: 1, timeout_cost: 1, success_refund: 0.1 }, { capacity: 50, retry_cost: 2, timeout_cost: 3, success_refund: 1 }),
  'system.clients.*.retry_budget.<kind=token_bucket>.timeout_cost': {
    prepare: { 'system.clients.web.retries': 3, 'system.clients.web.retry_budget': { kind: 'token_bucket', capacity: 5, retry_cost: 1, timeout_cost: 1, success_refund: 0.1 } },
    change: { 'system.clients.web.retry_budget.timeout_cost': 3 },
  },
  ...budget({ kind: 'deposit', capacity: 5 }, { deposit_per_call: 0.5, cost_per_retry: 3, capacity: 50 }),
  ...budget({ kind: 'grpc', max_tokens: 10, token_ratio: 0.1 }, { max_tokens: 100, token_ratio: 1 }),
  ...budget({ kind: 'finagle', retry_ratio: 0.1, min_retries_per_s: 1 }, { retry_ratio: 1, ttl: '2s', min_retries_per_s: 10 }),
  ...budget({ kind: 'ratio', percent: 5, min_concurrency: 1 }, { percent: 50, min_concurrency: 20 }),
  ...breakers('system.clients.*.breaker', 'system.clients.web.breaker', { fault: AUTH_ERRORS, 'system.clients.web.retries': 2 }),
  'system.clients.*.breaker.<preset>.scope': { prepare: { 'system.clients.web.retries': 2, 'system.clients.web.breaker': { preset: 'resilience4j' } }, change: { 'system.clients.web.breaker.scope': 'retries' } },
  'system.clients.*.breaker.<trip>.scope': { prepare: CLIENT_BREAKER, change: { 'system.clients.web.breaker.scope': 'retries' } },
  'system.clients.*.honour_retry_after': { prepare: { ...LIMITED, 'system.clients.web.retries': 2 }, change: { 'system.clients.web.honour_retry_after': false } },
  'system.clients.*.population.kind': { prepare: CLIENT_BREAKER, change: { 'system.clients.web.population': { kind: 'short_lived' } } },
  'system.clients.*.population.<kind=long_lived>.count': { prepare: { ...CLIENT_BREAKER, 'system.clients.web.population': { kind: 'long_lived', count: 2 } }, change: { 'system.clients.web.population.count': 20 } },
  'system.clients.*.regions.*': { prepare: { 'system.clients.web.regions': { 'us-east': 0.5, 'us-west': 0.5 } }, change: { 'system.clients.web.regions': { 'us-east': 0.1, 'us-west': 0.9 } } },
  'system.clients.*.sessions.count': { prepare: SESSIONS, change: { 'system.clients.web.sessions.count': 5 } },
  'system.clients.*.sessions.token_lifetime': { prepare: SESSIONS, change: { 'system.clients.web.sessions.token_lifetime': '30s' } },
  'system.clients.*.workflow.steps': { prepare: AGENT, change: { 'system.clients.web.workflow.steps': 4 } },
  'system.clients.*.workflow.fan_out': { prepare: AGENT, change: { 'system.clients.web.workflow.fan_out': 6 } },
  'system.clients.*.workflow.restarts': { prepare: AGENT, change: { 'system.clients.web.workflow.restarts': 3 } },
  'system.clients.*.workflow.think_time': { prepare: AGENT, change: { 'system.clients.web.workflow.think_time': '5s' } },
  'system.operators.*.alert_after': { prepare: MANUAL, change: { 'system.operators.on-call.alert_after': '3m' } },
  'system.operators.*.paging': { prepare: MANUAL, change: { 'system.operators.on-call.paging': '3m' } },
  'system.operators.*.runbook[].step': { prepare: { ...OPERATED, 'system.operators.on-call.runbook': [{ step: 'wait', takes: '1m' }] }, change: { 'system.operators.on-call.runbook.0.step': 'repair' } },
  'system.operators.*.runbook[].<step=diagnose>.takes': {
    prepare: { ...OPERATED, 'system.operators.on-call.runbook': [{ step: 'diagnose', takes: '1m' }, { step: 'repair', takes: '30s' }] },
    change: { 'system.operators.on-call.runbook.0.takes': '3m' },
  },
  'system.operators.*.runbook[].<step=promote>.database': {
    prepare: { ...MANUAL, 'system.databases.audit-db': AUDIT_DB, 'system.operators.on-call.runbook': [{ step: 'promote', database: 'orders-db' }] },
    change: { 'system.operators.on-call.runbook.0.database': 'audit-db' },
  },
  'system.operators.*.runbook[].<step=promote>.takes': { prepare: { ...MANUAL, 'system.operators.on-call.runbook': [{ step: 'promote', database: 'orders-db', takes: '30s' }] }, change: { 'system.operators.on-call.runbook.0.takes': '2m' } },
  'system.operators.*.runbook[].<step=restart_instances>.service': {
    prepare: { ...STALE, 'system.services.api2': API2, 'system.operators.on-call.runbook': [{ step: 'restart_instances', service: 'api', mode: 'all_at_once', takes: '1m' }] },
    change: { 'system.operators.on-call.runbook.0.service': 'api2' },
  },
  'system.operators.*.runbook[].<step=restart_instances>.mode': {
    prepare: { ...STALE, 'system.operators.on-call.runbook': [{ step: 'restart_instances', service: 'api', mode: 'all_at_once', takes: '1m', each: '20s' }] },
    change: { 'system.operators.on-call.runbook.0.mode': 'one_by_one' },
  },
  'system.operators.*.runbook[].<step=restart_instances>.each': {
    prepare: { ...STALE, 'system.operators.on-call.runbook': [{ step: 'restart_instances', service: 'api', mode: 'one_by_one', each: '20s' }] },
    change: { 'system.operators.on-call.runbook.0.each': '1m' },
  },
  'system.operators.*.runbook[].<step=restart_instances>.takes': {
    prepare: { ...STALE, 'system.operators.on-call.runbook': [{ step: 'restart_instances', service: 'api', mode: 'all_at_once', takes: '1m' }] },
    change: { 'system.operators.on-call.runbook.0.takes': '2m' },
  },
  'system.operators.*.runbook[].<step=failover_dns>.to': {
    prepare: {
      fault: UNTIL_REPAIRED,
      'system.services.api.instances.eu-west': 3,
      'system.global_router': { regions: ['us-east', 'us-west', 'eu-west'], health_check: { interval: '10m' }, ttl: '10s' },
      'system.operators.on-call.runbook': [{ step: 'failover_dns', to: 'us-west', takes: '30s' }],
    },
    change: { 'system.operators.on-call.runbook.0.to': 'eu-west' },
  },
  'system.operators.*.runbook[].<step=failover_dns>.takes': {
    prepare: {
      fault: UNTIL_REPAIRED,
      'system.global_router': { regions: ['us-east', 'us-west'], health_check: { interval: '10m' }, ttl: '10s' },
      'system.operators.on-call.runbook': [{ step: 'failover_dns', to: 'us-west', takes: '30s' }],
    },
    change: { 'system.operators.on-call.runbook.0.takes': '2m' },
  },
  'system.operators.*.runbook[].<step=restore>.database': {
    prepare: { ...RESTORE, 'system.databases.audit-db': { ...AUDIT_DB, replicas: [], backups: { interval: '5m', retention: '10m', restore_time: '2m' } } },
    change: { 'system.operators.on-call.runbook.0.database': 'audit-db' },
  },
  'system.operators.*.runbook[].<step=restore>.region': { prepare: RESTORE, change: { 'system.operators.on-call.runbook.0.region': 'eu-west' } },
  'system.operators.*.runbook[].<step=restore>.takes': { prepare: RESTORE, change: { 'system.operators.on-call.runbook.0.takes': '4m' } },
  'system.operators.*.runbook[].<step=scale>.service': {
    prepare: { ...SCALE_UP, 'system.services.api2': API2 },
    change: { 'system.operators.on-call.runbook.0.service': 'api2' },
  },
  'system.operators.*.runbook[].<step=scale>.region': { prepare: SCALE_UP, change: { 'system.operators.on-call.runbook.0.region': 'eu-west' } },
  'system.operators.*.runbook[].<step=scale>.to': {
    prepare: { ...SCALED, 'system.operators.on-call.runbook': [{ step: 'scale', service: 'api', region: 'us-west', to: 6, takes: '1m' }] },
    change: { 'system.operators.on-call.runbook.0.to': 4 },
  },
  'system.operators.*.runbook[].<step=scale>.takes': {
    prepare: { ...SCALED, 'system.operators.on-call.runbook': [{ step: 'scale', service: 'api', region: 'us-west', to: 6, takes: '1m' }] },
    change: { 'system.operators.on-call.runbook.0.takes': '3m' },
  },
  'system.operators.*.runbook[].<step=repair>.takes': { prepare: { ...OPERATED, 'system.operators.on-call.runbook': [{ step: 'repair', takes: '1m' }] }, change: { 'system.operators.on-call.runbook.0.takes': '3m' } },
  'system.operators.*.runbook[].<step=wait>.takes': {
    prepare: { ...OPERATED, 'system.operators.on-call.runbook': [{ step: 'wait', takes: '1m' }, { step: 'repair', takes: '30s' }] },
    change: { 'system.operators.on-call.runbook.0.takes': '3m' },
  },
  fault: { change: { fault: 'none' } },
  'fault.kind': { change: { fault: { ...ZONE_1 } } },
  'fault[].kind': { prepare: { fault: [UNTIL_REPAIRED, AUTH_ERRORS] }, change: { 'fault.1': AUTH_DOWN } },
  'fault[].<kind=region_outage>.at': { prepare: { fault: [AUTH_ERRORS, { kind: 'region_outage', region: 'us-east', at: '2m', duration: '4m' }] }, change: { 'fault.1.at': '4m' } },
  ...fault('instance_crash', { kind: 'instance_crash', service: 'api', region: 'us-east', count: 1, at: '2m', duration: '4m' }, { service: 'api2', region: 'us-west', count: 3 }),
  ...fault('zone_outage', ZONE_1, { region: 'us-west', zone: 2 }),
  ...fault('region_outage', { kind: 'region_outage', region: 'us-east', at: '2m', duration: '4m' }, { region: 'us-west' }),
  ...fault('database_primary_crash', { ...DB_CRASH, duration: '4m' }, { database: 'audit-db' }),
  ...fault('dependency_outage', AUTH_DOWN, { dependency: 'idp' }),
  ...fault('dependency_latency', { kind: 'dependency_latency', dependency: 'auth', latency: '500ms', at: '2m', duration: '4m' }, { dependency: 'idp', latency: '1500ms' }),
  ...fault('dependency_errors', AUTH_ERRORS, { dependency: 'idp', error_rate: 0.9 }),
  ...fault('control_plane_outage', CONTROL_PLANE, { region: 'us-west' }, SESSIONS),
  // Cutting off the empty eu-west instead, or us-east from eu-west only, leaves the database whole.
  ...fault('network_partition', PARTITION, { regions: ['eu-west'], from: ['eu-west'] }),
  ...fault('bad_deploy', BAD_DEPLOY, { service: 'api2', error_rate: 0.9, 'canary.0.share': 0.8, 'canary.0.for': '3m', 'detection.error_ratio': 0.9, 'detection.window': '10s', 'detection.min_requests': 500, rollback: '1m' }),
  // Detected within the first stage, the stage's length and a clear-cut window change nothing: without detection, and near the threshold.
  'fault.<kind=bad_deploy>.canary[].for': { prepare: { fault: { ...BAD_DEPLOY, detection: undefined } }, change: { 'fault.canary.0.for': '3m' } },
  'fault.<kind=bad_deploy>.detection.window': { prepare: { fault: { ...BAD_DEPLOY, detection: { error_ratio: 0.55, window: '10s', min_requests: 20 } } }, change: { 'fault.detection.window': '5m' } },
  ...fault('traffic_spike', { kind: 'traffic_spike', factor: 3, at: '1m', duration: '2m' }, { factor: 5, classes: ['batch'] }, { 'system.clients.batch': BATCH }),
  // A lag spike shows in the writes a failover loses: exercised in a list with a region outage.
  ...Object.fromEntries(
    Object.entries({ database: 'audit-db', lag: '20s', at: '2m', duration: '10s' }).map(([field, value]) => [
      `fault.<kind=replication_lag_spike>.${field}`,
      { prepare: { fault: [LAG_SPIKE, { ...UNTIL_REPAIRED, at: '150s' }], 'system.databases.audit-db': AUDIT_DB }, change: { [`fault.0.${field}`]: value } },
    ]),
  ),
  'prices.instance_hour.*.*': { change: { 'prices.instance_hour': { 'm6i.large': { 'us-west': 1 } } } },
  'prices.database_hour.*.*': { change: { 'prices.database_hour': { 'db.m6i.large': { 'us-east': 1 } } } },
  'prices.storage_gb_month.*': { change: { 'prices.storage_gb_month.us-east': 1 } },
  'prices.backup_storage_gb_month.*': { prepare: { 'system.databases.orders-db.backup_storage': '100GB' }, change: { 'prices.backup_storage_gb_month.us-east': 1 } },
  'prices.transfer_gb.*': { change: { 'prices.transfer_gb.us-east': 1 } },
  'prices.load_balancer_hour.*': { change: { 'prices.load_balancer_hour.us-west': 1 } },
  'prices.dns_health_check_month': { change: { 'prices.dns_health_check_month': 20 } },
  'prices.standby_share': { change: { 'prices.standby_share': 0.2 } },
  'business.downtime_cost_per_minute_usd': { change: { 'business.downtime_cost_per_minute_usd': 500 } },
  'business.lost_write_cost_usd': { change: { 'business.lost_write_cost_usd': 50 } },
  'business.duplicate_write_cost_usd': { prepare: { 'system.clients.web.timeout': '30ms' }, change: { 'business.duplicate_write_cost_usd': 50 } },
  'business.incidents_per_year': { change: { 'business.incidents_per_year': 5 } },
  'designs.*.*': { change: { designs: { first: {}, second: { 'system.services.api.concurrency': 1 } } } },
};

/**
 * Leaves no simulation reads, each with the reason. A leaf under a prefix ending in `.` is
 * covered by that prefix (check tolerances: any new metric there is a CI threshold too).
 */
const ALLOWED: Record<string, string> = {
  $schema: 'editor hint naming the JSON Schema; ignored by design',
  name: 'shown in outputs (scenario.name), never simulated',
  description: 'shown in outputs, never simulated',
  include: 'merges model files under this one: what they set is walked as the fields they set',
  'compare.practical.rto_s': 'threshold of the comparison verdict (comparisons[].practical), applied to simulated differences',
  'compare.practical.rpo_s': 'threshold of the comparison verdict, applied to simulated differences',
  'compare.practical.lost_writes': 'threshold of the comparison verdict, applied to simulated differences',
  'compare.practical.availability': 'threshold of the comparison verdict, applied to simulated differences',
  'compare.practical.retry_amplification': 'threshold of the comparison verdict, applied to simulated differences',
  'check.': 'tolerances of `outagesim check`, which compares a Result with its baseline (src/check); never simulated',
  'uncertain.*.low': 'read by `outagesim sensitivity`, which runs the scenario with the path set to it (tested in test/runner/sensitivity.test.ts)',
  'uncertain.*.high': 'read by `outagesim sensitivity`, which runs the scenario with the path set to it',
  'prices.name': 'names the price table in cost outputs, never priced',
  'prices.currency': 'only USD is accepted: a label',
  'prices.date': 'when the list prices were read: a label',
  'prices.source': 'where the list prices come from: a label',
};

function isAllowed(leaf: string): boolean {
  return Object.keys(ALLOWED).some((k) => (k.endsWith('.') ? leaf.startsWith(k) : leaf === k));
}

/**
 * An item of a fault list has the schema of a single fault, a queue's call that of a service's
 * call: their leaves are exercised as the
 * single fault's (`fault[].<kind=zone_outage>.zone` as `fault.<kind=zone_outage>.zone`); the list
 * itself by the `fault[]` variants.
 */
function exercisedAs(leaf: string): string {
  if (leaf in EXERCISED) return leaf;
  // A queue's calls are a service's calls without a fallback (the same schema): exercised there, the queue form by calls[].retries.
  return leaf.replace(/^fault\[\]/, 'fault').replace(/^system\.queues\.\*\.calls\[\]/, 'system.services.*.calls[]');
}

/** What a run simulated: the designs and comparisons of its priced Result (not the echo of the scenario). */
function simulated(doc: Doc): { output: string; warnings: string[] } {
  const loaded = loadScenarioText(stringify(doc), FILE);
  const result = priceResult(simulateSequential(loaded));
  return { output: JSON.stringify({ designs: result.designs, comparisons: result.comparisons }), warnings: loaded.warnings.map((w) => `${w.path}: ${w.message}`) };
}

function applied(settings: Settings | undefined, doc = base()): Doc {
  for (const [path, value] of Object.entries(settings ?? {})) set(doc, path, structuredClone(value));
  return doc;
}

describe('every leaf of the scenario schema reaches a model', () => {
  const leaves = schemaLeaves(scenarioSchema);

  it('is exercised by a variant below or allowed with a reason', () => {
    expect(leaves.length).toBeGreaterThan(100);
    const missing = leaves.filter((l) => !(exercisedAs(l) in EXERCISED) && !isAllowed(l));
    const help = missing.map(
      (l) => `  '${l}': add to EXERCISED in test/scenario/schemaLeaves.test.ts a { prepare?, change } that changes the simulated Result, or to ALLOWED a one-line reason it is not simulated`,
    );
    expect(help, `schema leaves that reach no model as far as this test knows:\n${help.join('\n')}`).toEqual([]);
    const stale = [...Object.keys(EXERCISED), ...Object.keys(ALLOWED).filter((k) => !k.endsWith('.'))].filter((k) => !leaves.includes(k));
    expect(stale, 'entries naming no leaf of the schema (renamed or removed?)').toEqual([]);
  });

  const baseRuns = new Map<string, { output: string; warnings: string[] }>();
  const run = (doc: Doc) => {
    const key = JSON.stringify(doc);
    if (!baseRuns.has(key)) baseRuns.set(key, simulated(doc));
    return baseRuns.get(key)!;
  };

  it.each(Object.entries(EXERCISED))('%s changes the simulation', (_leaf, variant) => {
    const before = run(applied(variant.prepare));
    const after = simulated(applied(variant.change, applied(variant.prepare)));
    expect(after.warnings, 'the change is warned as ignored').toEqual(before.warnings);
    expect(after.output).not.toBe(before.output);
  });
});

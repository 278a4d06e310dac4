/**
 * Checks that run after the schema: every name a scenario uses (region, zone, service, database)
 * is defined, and the few cross-field rules the schema cannot express. Also fills in the two
 * defaults that depend on other fields (a client's only service, a service's default pool).
 */
import { formatDuration } from '../engine/duration.js';
import type { DistSpec } from '../engine/distributions.js';
import { unknownName, type Problem } from './errors.js';
import type { Origin, Segment } from './located.js';
import { checkPricing } from './pricingReferences.js';
import { checkQueues } from './queueReferences.js';
import { faultsOf, scenarioSchema, type FaultSpec, type PoolSpec, type Scenario } from './schema.js';

/** Finds where the value (or key) at a path of the validated scenario was written; undefined: say nothing there. */
export type Locate = (path: Segment[], at?: 'key' | 'value') => Origin | undefined;

/** The kinds of name a scenario defines and refers to. */
export type NameKind = 'region' | 'service' | 'database' | 'dependency' | 'client class' | 'queue';

/**
 * For a scenario salvaged from a schema failure (salvage.ts): the names the file defines (its
 * entries may have been taken out; undefined: the table itself is unreadable, check nothing
 * against it), and only references are checked, not the rules that read other fields.
 */
export interface NamesOnly {
  defined: Partial<Record<NameKind, string[]>>;
}

const poolSchema = scenarioSchema.shape.system.shape.services.valueType.shape.pools.unwrap().valueType;

/** A pool with every setting at its schema default: what a service gets for a database it names without a pool. */
export function defaultPool(): PoolSpec {
  return poolSchema.parse({});
}

/**
 * Fills in defaults that depend on other fields, in place:
 * - a client without `service` calls the only service (several services: left for checkReferences to report);
 * - a service whose `database` has no entry in `pools` gets a pool with default settings;
 * - a database with backups and no backup_storage keeps storage × ceil(retention / interval).
 */
export function completeScenario(s: Scenario): void {
  const services = Object.keys(s.system.services);
  for (const client of Object.values(s.system.clients)) {
    if (client.service === undefined && services.length === 1) client.service = services[0];
  }
  for (const service of Object.values(s.system.services)) {
    if (service.database !== undefined && !Object.hasOwn(service.pools, service.database)) {
      service.pools[service.database] = defaultPool();
    }
  }
  // Backups kept: one full copy of the data per interval of retention, unless backup_storage says otherwise.
  for (const db of Object.values(s.system.databases)) {
    const b = db.backups;
    if (b && db.backup_storage === 0 && b.interval > 0 && b.retention >= b.interval) db.backup_storage = db.storage * Math.ceil(b.retention / b.interval);
  }
}

/** Every broken reference or impossible combination in a validated scenario, each located. */
export function checkReferences(s: Scenario, locate: Locate, namesOnly?: NamesOnly): Problem[] {
  const problems: Problem[] = [];
  const report = (path: Segment[], message: string, at: 'key' | 'value') => {
    const origin = locate(path, at);
    if (origin) problems.push({ ...origin, message });
  };
  const fail = (path: Segment[], message: string, at: 'key' | 'value' = 'value') => {
    if (!namesOnly) report(path, message, at);
  };
  const { regions, services, databases, clients, operators, global_router: router, network, dependencies } = s.system;
  const known = (kind: NameKind, table: object) => (path: Segment[], value: string, at: 'key' | 'value' = 'value'): boolean => {
    const defined = namesOnly ? namesOnly.defined[kind] : Object.keys(table);
    if (defined?.includes(value)) return true;
    if (defined) report(path, unknownName(kind, value, defined), at);
    return false;
  };
  const region = known('region', regions);
  const service = known('service', services);
  const database = known('database', databases);
  const dependency = known('dependency', dependencies);
  const clientClass = known('client class', clients);
  const queue = known('queue', s.system.queues);
  const zone = (path: Segment[], regionName: string, z: number) => {
    const r = Object.hasOwn(regions, regionName) ? regions[regionName] : undefined;
    if (r && z > r.zones) fail(path, `zone ${z} is out of range: region ${regionName} has ${r.zones} zone${r.zones === 1 ? '' : 's'} (numbered 1 to ${r.zones})`);
  };

  for (const pair of Object.keys(network.rtt)) {
    for (const end of pair.split('~')) region(['system', 'network', 'rtt', pair], end, 'key');
  }
  for (const [name, svc] of Object.entries(services)) {
    const at: Segment[] = ['system', 'services', name];
    for (const r of Object.keys(svc.instances)) region([...at, 'instances', r], r, 'key');
    if (svc.capacity && svc.service_time !== undefined) {
      fail([...at, 'service_time'], 'give service_time or capacity, not both: with a capacity curve the time per request comes from the curve', 'key');
    }
    if (svc.database !== undefined) database([...at, 'database'], svc.database);
    for (const db of Object.keys(svc.pools)) {
      if (db === svc.database || !database([...at, 'pools', db], db, 'key')) continue;
      // A request queries its service's one database; a pool for another would never be used.
      fail([...at, 'pools', db], svc.database === undefined
        ? `service ${name} has no database, so a pool for ${db} would never be used: set database: ${db} or remove this pool`
        : `service ${name} queries ${svc.database} (its database), so a pool for ${db} would never be used: a service's requests query one database`, 'key');
    }
    svc.calls.forEach((c, i) => {
      dependency([...at, 'calls', i, 'dependency'], c.dependency);
      c.failover_to.forEach((alt, k) => {
        const where: Segment[] = [...at, 'calls', i, 'failover_to', k];
        if (!dependency(where, alt)) return;
        if (alt === c.dependency || c.failover_to.indexOf(alt) < k) fail(where, `provider ${alt} is already tried earlier in this call`);
      });
    });
    for (const cls of Object.keys(svc.rate_limits)) clientClass([...at, 'rate_limits', cls], cls, 'key');
    for (const [b, bulkhead] of Object.entries(svc.bulkheads)) {
      bulkhead.classes.forEach((cls, i) => clientClass([...at, 'bulkheads', b, 'classes', i], cls));
    }
  }
  for (const [name, dep] of Object.entries(dependencies)) {
    dep.upstream.forEach((u, i) => {
      const at: Segment[] = ['system', 'dependencies', name, 'upstream', i];
      if (dependency(at, u) && dependsOn(dependencies, u, name)) fail(at, `dependency ${name} and its upstream ${u} depend on each other (a cycle)`);
    });
  }
  (s.slo.classes ?? []).forEach((cls, i) => clientClass(['slo', 'classes', i], cls));
  for (const [name, db] of Object.entries(databases)) {
    const at: Segment[] = ['system', 'databases', name];
    if (region([...at, 'primary'], db.primary)) zone([...at, 'primary_zone'], db.primary, db.primary_zone);
    const b = db.backups;
    if (b) {
      if (b.interval <= 0) fail([...at, 'backups', 'interval'], 'the backup interval must be longer than 0s');
      else if (b.retention < b.interval) fail([...at, 'backups', 'retention'], `retention ${formatDuration(b.retention)} is shorter than the interval ${formatDuration(b.interval)}: the latest backup would already be deleted`);
      if ((b.restore_time === undefined) === (b.restore_time_per_gb === undefined)) {
        fail([...at, 'backups'], 'give exactly one of restore_time and restore_time_per_gb');
      } else if (b.restore_time_per_gb !== undefined && db.storage === 0) {
        fail([...at, 'backups', 'restore_time_per_gb'], 'restore_time_per_gb needs the size of the data: set storage (e.g. 300GB)');
      }
    }
    db.replicas.forEach((replica, i) => {
      if (region([...at, 'replicas', i, 'region'], replica.region) && replica.zone !== undefined) {
        zone([...at, 'replicas', i, 'zone'], replica.region, replica.zone);
      }
    });
  }
  if (router) {
    if (router.service !== undefined) service(['system', 'global_router', 'service'], router.service);
    router.regions.forEach((r, i) => region(['system', 'global_router', 'regions', i], r));
    if (router.routing === 'nearest' && router.mode !== 'active_active') {
      fail(['system', 'global_router', 'routing'], 'routing: nearest chooses among the regions of an active_active answer; an active_passive answer has one region: remove it or use mode: active_active');
    } else if (router.routing === 'nearest' && !Object.values(clients).some((c) => c.regions !== undefined)) {
      fail(['system', 'global_router', 'routing'], 'routing: nearest routes each client to its nearest region, but no client class says where its clients are: give them regions');
    }
    for (const r of Object.keys(router.weights ?? {})) {
      if (region(['system', 'global_router', 'weights', r], r, 'key') && !router.regions.includes(r)) {
        fail(['system', 'global_router', 'weights', r], `region ${r} has a weight but is not in global_router.regions (${router.regions.join(', ')})`, 'key');
      }
    }
  }
  for (const [name, client] of Object.entries(clients)) {
    const at: Segment[] = ['system', 'clients', name];
    if (client.service !== undefined) service([...at, 'service'], client.service);
    else fail(at, `missing field "service": this scenario has several services (${Object.keys(services).join(', ')}), name the one this client calls`);
    for (const r of Object.keys(client.regions ?? {})) region([...at, 'regions', r], r, 'key');
    if (client.workflow !== undefined && client.kind !== 'agent') {
      fail([...at, 'workflow'], `workflow describes an agent's multi-step runs, but this class is kind: ${client.kind}: set kind: agent or remove workflow`, 'key');
    }
  }
  for (const [name, op] of Object.entries(operators)) {
    op.runbook.forEach((step, i) => {
      const at: Segment[] = ['system', 'operators', name, 'runbook', i];
      if (step.step === 'promote') database([...at, 'database'], step.database);
      if (step.step === 'restart_instances') service([...at, 'service'], step.service);
      if (step.step === 'failover_dns' && region([...at, 'to'], step.to) && !router) {
        fail([...at, 'step'], 'failover_dns changes the global router\'s DNS answer, but this scenario has no system.global_router: add one or remove this step');
      }
      if (step.step === 'restore' && database([...at, 'database'], step.database)) {
        region([...at, 'region'], step.region);
        if (!databases[step.database]!.backups) {
          fail([...at, 'database'], `database ${step.database} has no backups to restore from: add system.databases.${step.database}.backups`);
        }
      }
      if (step.step === 'scale' && service([...at, 'service'], step.service)) region([...at, 'region'], step.region);
    });
  }
  checkQueues(s, fail, { region, dependency, queue });
  const faults = faultsOf(s);
  faults.forEach((f, i) => checkFault(f, Array.isArray(s.fault) ? ['fault', i] : ['fault'], s, fail, { region, service, database, dependency, zone }));
  if (s.warmup >= s.horizon) fail(['warmup'], `the warm-up (${formatDuration(s.warmup)}) must end before the horizon (${formatDuration(s.horizon)})`);
  checkPricing(s, fail);
  if (s.slo.window <= 0) fail(['slo', 'window'], 'the SLO window must be longer than 0s');
  if (s.timeline_bucket <= 0) fail(['timeline_bucket'], 'the timeline bucket must be longer than 0s');
  return problems;
}

type Check = (path: Segment[], value: string, at?: 'key' | 'value') => boolean;
interface Checks {
  region: Check;
  service: Check;
  database: Check;
  dependency: Check;
  zone: (path: Segment[], region: string, zone: number) => void;
}

function checkFault(f: FaultSpec, at: Segment[], s: Scenario, fail: (path: Segment[], message: string) => void, c: Checks): void {
  switch (f.kind) {
    case 'instance_crash': {
      const okService = c.service([...at, 'service'], f.service);
      if (c.region([...at, 'region'], f.region) && okService) {
        const there = s.system.services[f.service]?.instances[f.region] ?? 0;
        if (there === 0) fail([...at, 'region'], `service ${f.service} has no instances in ${f.region}`);
        else if (f.count > there) fail([...at, 'count'], `cannot crash ${f.count} instances: service ${f.service} has ${there} in ${f.region}`);
      }
      break;
    }
    case 'zone_outage':
      if (c.region([...at, 'region'], f.region)) c.zone([...at, 'zone'], f.region, f.zone);
      break;
    case 'region_outage':
    case 'control_plane_outage':
      c.region([...at, 'region'], f.region);
      break;
    case 'database_primary_crash':
      c.database([...at, 'database'], f.database);
      break;
    case 'bad_deploy':
      c.service([...at, 'service'], f.service);
      break;
    case 'replication_lag_spike':
      if (c.database([...at, 'database'], f.database) && !s.system.databases[f.database]!.replicas.some((r) => r.mode === 'async')) {
        fail([...at, 'database'], `database ${f.database} has no async replica: a replication lag spike would change nothing`);
      }
      break;
    case 'traffic_spike':
      (f.classes ?? []).forEach((cls, i) => {
        if (!Object.hasOwn(s.system.clients, cls)) fail([...at, 'classes', i], `unknown client class "${cls}" (defined: ${Object.keys(s.system.clients).join(', ')})`);
      });
      break;
    case 'dependency_outage':
    case 'dependency_latency':
    case 'dependency_errors':
      c.dependency([...at, 'dependency'], f.dependency);
      break;
    case 'network_partition': {
      const sideA = new Set(f.regions);
      f.regions.forEach((r, i) => c.region([...at, 'regions', i], r));
      (f.from ?? []).forEach((r, i) => {
        if (c.region([...at, 'from', i], r) && sideA.has(r)) fail([...at, 'from', i], `region ${r} cannot be on both sides of the partition`);
      });
      if (!f.from && Object.keys(s.system.regions).every((r) => sideA.has(r))) fail([...at, 'regions'], 'the partition names every region: no region is left on the other side (list fewer, or give `from`)');
      break;
    }
  }
  const start = earliest(f.at);
  if (start !== undefined && start >= s.horizon) {
    fail([...at, 'at'], `the fault would start at ${formatDuration(start)}, not before the horizon (${formatDuration(s.horizon)}): lengthen horizon or start the fault earlier`);
  }
}

/** The earliest start a distribution allows, when it is bounded below by a given value. */
function earliest(d: DistSpec): number | undefined {
  if (typeof d === 'number') return d;
  if ('fixed' in d) return d.fixed;
  if ('uniform' in d) return d.uniform[0];
  return undefined;
}

/** Whether dependency `from` reaches `target` through its upstreams (used to refuse cycles). */
function dependsOn(deps: Scenario['system']['dependencies'], from: string, target: string, seen = new Set<string>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return (deps[from]?.upstream ?? []).some((u) => dependsOn(deps, u, target, seen));
}

/**
 * Every kind of bad input the loader rejects, each with the file, line, column, field path and
 * message the user sees. Fixtures live in test/fixtures/scenarios/bad/.
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { briefly, expectOnlyProblem, FIXTURES, INLINE, oneService, problemsOf, problemsOfText, twoRegions, withDesigns } from './helpers.js';

type Case = [string, string, { line: number; column: number; path: string; message: string }];
const fixtureCases = (cases: Case[]) => it.each(cases)('%s (%s)', (_, file, expected) => expectOnlyProblem(`bad/${file}`, expected));
const inlineCases = (build: (line: string) => string, cases: Case[]) =>
  it.each(cases)('%s', (_, line, expected) => expect(problemsOfText(build(line))).toEqual([{ file: INLINE, ...expected }]));

describe('a file that is not a scenario at all', () => {
  fixtureCases([
    ['YAML syntax errors stop the load', 'yaml-syntax.yaml',
      { line: 4, column: 1, path: 'slo.latency', message: 'YAML syntax error: flow map in block collection must be sufficiently indented and end with a }' }],
    ['tab indentation', 'tab-indent.yaml',
      { line: 5, column: 1, path: 'system.regions', message: 'tabs are not allowed for indentation in YAML; indent with spaces' }],
    ['a duplicate key', 'duplicate-key.yaml',
      { line: 3, column: 1, path: 'name', message: 'duplicate key "name" (first set at line 1)' }],
    ['an empty file', 'empty.yaml',
      { line: 1, column: 1, path: '', message: 'the file is empty: a scenario needs at least name, horizon, slo, system and fault' }],
    ['a list instead of a map at the top level', 'top-level-list.yaml',
      { line: 1, column: 1, path: '', message: 'a scenario must be a map of fields (name, horizon, slo, system, fault, …), got a list of 2 items' }],
  ]);
});

describe('schema problems are located at the value and say what was expected', () => {
  fixtureCases([
    ['an unknown field suggests the closest known one', 'unknown-field.yaml',
      { line: 14, column: 31, path: 'system.services.api.pools.orders-db.conect_timeout', message: 'unknown field "conect_timeout" (did you mean "connect_timeout"?)' }],
    ['a word where a whole number belongs', 'wrong-type.yaml',
      { line: 9, column: 20, path: 'system.services.api.concurrency', message: 'expected a whole number ≥ 1, got "many"' }],
    ['a duration with an unknown unit', 'bad-duration.yaml',
      { line: 3, column: 38, path: 'slo.latency', message: '"30x" is not a duration (write e.g. 250ms, 30s, 5m, 2h)' }],
    ['a rate written in words', 'bad-rate.yaml',
      { line: 11, column: 18, path: 'system.clients.web.rate', message: '"200 per second" is not a rate (write e.g. 200/s, 1200/min)' }],
    ['a negative pool size', 'negative-pool.yaml',
      { line: 15, column: 16, path: 'system.services.api.pools.orders-db.max', message: 'expected a whole number ≥ 1, got -3' }],
    ['a lognormal whose p99 is below its p50', 'lognormal-p99-below-p50.yaml',
      { line: 9, column: 21, path: 'system.services.api.service_time', message: 'lognormal: p99 (0.3) is below p50 (0.4)' }],
    ['a uniform distribution with its bounds reversed', 'uniform-reversed.yaml',
      { line: 12, column: 52, path: 'fault.at', message: 'uniform: low 1200 is above high 600' }],
    ['an unknown fault kind', 'unknown-fault-kind.yaml',
      { line: 12, column: 16, path: 'fault.kind', message: 'unknown fault kind "region_outtage" (expected one of instance_crash, zone_outage, region_outage, database_primary_crash, dependency_outage, dependency_latency, dependency_errors, replication_lag_spike, traffic_spike, bad_deploy, control_plane_outage, network_partition; did you mean "region_outage"?)' }],
    ['an unknown runbook step', 'unknown-runbook-step.yaml',
      { line: 16, column: 19, path: 'system.operators.on-call.runbook[1].step', message: 'unknown runbook step "reboot" (expected one of diagnose, promote, restart_instances, failover_dns, restore, scale, repair, wait)' }],
    ['zero replications', 'replications-zero.yaml',
      { line: 2, column: 15, path: 'replications', message: 'expected a whole number ≥ 1, got 0' }],
    ['a missing section, located at the map that lacks it', 'missing-fault.yaml',
      { line: 1, column: 1, path: 'fault', message: 'missing required field "fault"' }],
    ['a misspelt distribution kind, at its key', 'unknown-distribution.yaml',
      { line: 9, column: 23, path: 'system.services.api.service_time.lognormall', message: 'unknown field "lognormall" (did you mean "lognormal"?)' }],
    ['a YAML word (yes) where a duration belongs', 'duration-not-text.yaml',
      { line: 11, column: 34, path: 'system.clients.web.timeout', message: '"yes" is not a duration (write e.g. 250ms, 30s, 5m, 2h)' }],
    ['a misspelt choice', 'enum-typo.yaml',
      { line: 10, column: 29, path: 'system.services.api.health_check.kind', message: 'expected one of liveness, deep, got "livenes" (did you mean "liveness"?)' }],
    ['a name with spaces, at the key', 'bad-name.yaml',
      { line: 5, column: 27, path: 'system.regions["us east 2"]', message: '"us east 2" is not a valid name (use letters, digits, - and _)' }],
    ['a share above 1', 'share-out-of-range.yaml',
      { line: 3, column: 23, path: 'slo.success_ratio', message: 'expected a share between 0 and 1, got 1.5' }],
  ]);

  it('reports every problem of a file, in reading order', () => {
    const text = oneService('      concurrency: -1\n      write_ratio: 2').replace('latency: 500ms', 'latency: 5secs');
    expect(problemsOfText(text).map((p) => `${p.line}:${p.column} ${p.path}`)).toEqual([
      '3:38 slo.latency', '11:20 system.services.api.concurrency', '12:20 system.services.api.write_ratio',
    ]);
  });
});

describe('a union of alternatives gives one useful message, never "Invalid input"', () => {
  inlineCases(oneService, [
    ['a value of no accepted shape names what would do', '      startup: true',
      { line: 11, column: 16, path: 'system.services.api.startup', message: 'expected a duration or a distribution such as { uniform: [1s, 5s] } or { lognormal: { p50: 40ms, p99: 300ms } }, got true' }],
    ['two distribution kinds at once', '      startup: { fixed: 1s, uniform: [1s, 2s] }',
      { line: 11, column: 29, path: 'system.services.api.startup.uniform', message: '"uniform" cannot be used together with "fixed": write only one of them' }],
    ['a number-or-keyword field lists both', '      queue: lots',
      { line: 11, column: 14, path: 'system.services.api.queue', message: 'expected a whole number ≥ 0 or none, got "lots"' }],
    ['a duration-or-none given a boolean', '      pools: { orders-db: { idle_timeout: false } }',
      { line: 11, column: 43, path: 'system.services.api.pools.orders-db.idle_timeout', message: 'expected a duration (write e.g. 250ms, 30s, 5m, 2h) or none, got false' }],
    ['a negative duration', '      startup: -5',
      { line: 11, column: 16, path: 'system.services.api.startup', message: 'expected a duration ≥ 0, got -5' }],
    ['a fraction where a whole number belongs', '      concurrency: 2.5',
      { line: 11, column: 20, path: 'system.services.api.concurrency', message: 'expected a whole number ≥ 1, got 2.5' }],
    ['an empty value', '      concurrency:',
      { line: 11, column: 19, path: 'system.services.api.concurrency', message: 'expected a whole number ≥ 1, got nothing (an empty value)' }],
  ]);
  inlineCases((fault) => oneService('', fault), [
    ['a fault without a kind lists the kinds', 'fault: { at: 10m }',
      { line: 14, column: 8, path: 'fault.kind', message: 'missing required field "kind" (one of instance_crash, zone_outage, region_outage, database_primary_crash, dependency_outage, dependency_latency, dependency_errors, replication_lag_spike, traffic_spike, bad_deploy, control_plane_outage, network_partition)' }],
    ['a fault missing a field its kind needs', 'fault: { kind: zone_outage, region: us-east, at: 10m }',
      { line: 14, column: 8, path: 'fault.zone', message: 'missing required field "zone"' }],
  ]);
});

describe('every name a scenario uses must be defined', () => {
  fixtureCases([
    ['a service database that does not exist', 'unknown-database.yaml',
      { line: 12, column: 17, path: 'system.services.api.database', message: 'unknown database "orders" (defined: orders-db)' }],
    ['a client calling an unknown service', 'unknown-service.yaml',
      { line: 11, column: 34, path: 'system.clients.web.service', message: 'unknown service "apii" (defined: api; did you mean "api"?)' }],
    ['instances in an unknown region, at the region key', 'unknown-region.yaml',
      { line: 8, column: 32, path: 'system.services.api.instances.us-wst', message: 'unknown region "us-wst" (defined: us-east; did you mean "us-east"?)' }],
    ['a zone beyond the region\'s zone count', 'zone-out-of-range.yaml',
      { line: 12, column: 52, path: 'fault.zone', message: 'zone 4 is out of range: region us-east has 3 zones (numbered 1 to 3)' }],
    ['a pool for a database that does not exist', 'pool-unknown-database.yaml',
      { line: 10, column: 16, path: 'system.services.api.pools.users-db', message: 'unknown database "users-db" (none defined)' }],
    ['a fault that starts after the horizon', 'fault-after-horizon.yaml',
      { line: 12, column: 52, path: 'fault.at', message: 'the fault would start at 3h 00m, not before the horizon (2h 00m): lengthen horizon or start the fault earlier' }],
    ['a client without a service when there are several', 'client-service-ambiguous.yaml',
      { line: 14, column: 10, path: 'system.clients.web', message: 'missing field "service": this scenario has several services (api, worker), name the one this client calls' }],
    ['an SLO window of 0s', 'slo-window-zero.yaml',
      { line: 3, column: 53, path: 'slo.window', message: 'the SLO window must be longer than 0s' }],
  ]);

  it('checks database zones and replicas, the global router and its weights', () => {
    const text = twoRegions([
      '  databases:',
      '    db: { primary: us-west, primary_zone: 3, replicas: [{ region: eu, mode: sync }] }',
      '  global_router: { mode: active_active, regions: [us-east], weights: { us-east: 1, us-west: 1 } }',
    ]);
    expect(briefly(problemsOfText(text))).toEqual([
      '11:43 system.databases.db.primary_zone: zone 3 is out of range: region us-west has 2 zones (numbered 1 to 2)',
      '11:67 system.databases.db.replicas[0].region: unknown region "eu" (defined: us-east, us-west)',
      '12:84 system.global_router.weights.us-west: region us-west has a weight but is not in global_router.regions (us-east)',
    ]);
  });

  it('checks runbook steps and network round-trip pairs', () => {
    const text = twoRegions([
      '  network: { rtt: { us-east~eu-west: 80ms } }',
      '  operators:',
      '    on-call:',
      '      runbook:',
      '        - { step: promote, database: orders-db }',
      '        - { step: restart_instances, service: web, mode: all_at_once }',
      '        - { step: failover_dns, to: us-west }',
    ]);
    expect(briefly(problemsOfText(text))).toEqual([
      '10:21 system.network.rtt.us-east~eu-west: unknown region "eu-west" (defined: us-east, us-west; did you mean "us-west"?)',
      '14:38 system.operators.on-call.runbook[0].database: unknown database "orders-db" (none defined)',
      '15:47 system.operators.on-call.runbook[1].service: unknown service "web" (defined: api)',
      "16:19 system.operators.on-call.runbook[2].step: failover_dns changes the global router's DNS answer, but this scenario has no system.global_router: add one or remove this step",
    ]);
  });

  it('accepts failover_dns once a global router exists', () => {
    const text = twoRegions([
      '  global_router: { regions: [us-east, us-west] }',
      '  operators: { on-call: { runbook: [{ step: failover_dns, to: us-west }] } }',
    ]).replace('instances: { us-east: 4 }', 'instances: { us-east: 4, us-west: 2 }');
    expect(() => loadScenarioText(text, INLINE)).not.toThrow();
  });

  it('refuses a pool for a database the service does not query', () => {
    const text = twoRegions([
      '  databases: { a: { primary: us-east }, b: { primary: us-east } }',
    ]).replace('api: { instances: { us-east: 4 }, service_time: 40ms }', 'api: { instances: { us-east: 4 }, service_time: 40ms, database: a, pools: { a: { max: 5 }, b: { max: 5 } } }');
    expect(briefly(problemsOfText(text))).toEqual([
      '7:96 system.services.api.pools.b: service api queries a (its database), so a pool for b would never be used: a service\'s requests query one database',
    ]);
    const noDb = text.replace('database: a, ', '').replace('a: { max: 5 }, ', '');
    expect(briefly(problemsOfText(noDb))).toEqual([
      '7:68 system.services.api.pools.b: service api has no database, so a pool for b would never be used: set database: b or remove this pool',
    ]);
  });

  it('refuses a workflow on a client that is not an agent', () => {
    const text = twoRegions([]).replace('web: { rate: 200/s }', 'web: { kind: human, rate: 200/s, workflow: { steps: 2 } }');
    expect(briefly(problemsOfText(text))).toEqual([
      '9:38 system.clients.web.workflow: workflow describes an agent\'s multi-step runs, but this class is kind: human: set kind: agent or remove workflow',
    ]);
    expect(() => loadScenarioText(text.replace('kind: human', 'kind: agent'), INLINE)).not.toThrow();
  });

  it('checks backups (one restore time, storage for a per-GB time, retention at least the interval) and restore and scale steps', () => {
    const text = twoRegions([
      '  databases:',
      '    a: { primary: us-east, backups: { interval: 1h, retention: 30m, restore_time: 1h, restore_time_per_gb: 10s } }',
      '    b: { primary: us-east, backups: { interval: 1h, retention: 1d, restore_time_per_gb: 10s } }',
      '    c: { primary: us-east }',
      '  operators:',
      '    on-call:',
      '      runbook:',
      '        - { step: restore, database: c, region: us-west }',
      '        - { step: restore, database: a, region: eu-west }',
      '        - { step: scale, service: api, region: eu-west, to: 4, takes: 10m }',
      '        - { step: scale, service: web, region: us-west, to: 4, takes: 10m }',
    ]);
    expect(briefly(problemsOfText(text))).toEqual([
      '11:37 system.databases.a.backups: give exactly one of restore_time and restore_time_per_gb',
      '11:64 system.databases.a.backups.retention: retention 30m 00s is shorter than the interval 1h 00m: the latest backup would already be deleted',
      '12:89 system.databases.b.backups.restore_time_per_gb: restore_time_per_gb needs the size of the data: set storage (e.g. 300GB)',
      '17:38 system.operators.on-call.runbook[0].database: database c has no backups to restore from: add system.databases.c.backups',
      '18:49 system.operators.on-call.runbook[1].region: unknown region "eu-west" (defined: us-east, us-west; did you mean "us-west"?)',
      '19:48 system.operators.on-call.runbook[2].region: unknown region "eu-west" (defined: us-east, us-west; did you mean "us-west"?)',
      '20:35 system.operators.on-call.runbook[3].service: unknown service "web" (defined: api)',
    ]);
  });

  it('keeps storage × ⌈retention / interval⌉ of backups unless backup_storage is set', () => {
    const text = (extra: string) => twoRegions([
      '  databases:',
      `    a: { primary: us-east, storage: 300GB, ${extra}backups: { interval: 1h, retention: 150m, restore_time: 1h } }`,
    ]);
    const db = (t: string) => loadScenarioText(t, INLINE).designs[0]!.scenario.system.databases.a!;
    expect(db(text('')).backup_storage).toBe(3 * 300e9);
    expect(db(text('backup_storage: 500GB, ')).backup_storage).toBe(500e9);
  });

  it('checks the region of a control-plane outage and the token lifetime of sessions', () => {
    const cp = twoRegions([], 'fault: { kind: control_plane_outage, region: mars, at: 10m }');
    expect(briefly(problemsOfText(cp))).toEqual([expect.stringMatching(/^10:\d+ fault\.region: unknown region "mars"/)]);
    const noLifetime = twoRegions([], 'fault: { kind: control_plane_outage, region: us-east, at: 10m }').replace('rate: 200/s', 'rate: 200/s, sessions: { count: 10 }');
    expect(briefly(problemsOfText(noLifetime))).toEqual(['9:35 system.clients.web.sessions.token_lifetime: missing required field "token_lifetime"']);
  });

  it('checks the targets of spike faults: a database with an async replica, defined client classes, a factor above 1', () => {
    const lag = twoRegions([], 'fault: { kind: replication_lag_spike, database: nodb, lag: 5s, at: 10m }');
    expect(briefly(problemsOfText(lag))).toEqual([expect.stringMatching(/^10:\d+ fault\.database: unknown database "nodb"/)]);
    const spike = twoRegions([], 'fault: { kind: traffic_spike, factor: 10, classes: [mobile], at: 10m, duration: 10m }');
    expect(briefly(problemsOfText(spike))).toEqual(['10:53 fault.classes[0]: unknown client class "mobile" (defined: web)']);
    const deploy = twoRegions([], 'fault: { kind: bad_deploy, service: web2, error_rate: 0.5, at: 10m }');
    expect(briefly(problemsOfText(deploy))).toEqual([expect.stringMatching(/^10:\d+ fault\.service: unknown service "web2"/)]);
    const flat = twoRegions([], 'fault: { kind: traffic_spike, factor: 1, at: 10m, duration: 10m }');
    expect(briefly(problemsOfText(flat))).toEqual([expect.stringMatching(/fault\.factor: a traffic spike multiplies the rate by more than 1/)]);
  });

  it('checks the sides of a network partition: known regions, none on both sides, and another side left', () => {
    const fault = (f: string) => briefly(problemsOfText(twoRegions([], `fault: { kind: network_partition, ${f}, at: 10m }`)));
    expect(fault('regions: [mars]')).toEqual([expect.stringMatching(/^10:\d+ fault\.regions\[0\]: unknown region "mars"/)]);
    expect(fault('regions: [us-east], from: [us-east]')).toEqual([expect.stringMatching(/^10:\d+ fault\.from\[0\]: region us-east cannot be on both sides of the partition$/)]);
    expect(fault('regions: [us-east, us-west]')).toEqual([expect.stringMatching(/^10:\d+ fault\.regions: the partition names every region: no region is left on the other side/)]);
  });

  it('checks the providers a call fails over to: defined, and each tried once', () => {
    const withCall = (call: string) => twoRegions([
      '  dependencies: { a: { latency: 10ms }, b: { latency: 10ms } }',
    ]).replace('service_time: 40ms }', `service_time: 40ms, calls: [${call}] }`);
    expect(briefly(problemsOfText(withCall('{ dependency: a, failover_to: [c] }')))).toEqual([expect.stringMatching(/system\.services\.api\.calls\[0\]\.failover_to\[0\]: unknown dependency "c"/)]);
    expect(briefly(problemsOfText(withCall('{ dependency: a, failover_to: [b, a] }')))).toEqual([expect.stringMatching(/system\.services\.api\.calls\[0\]\.failover_to\[1\]: provider a is already tried earlier in this call$/)]);
  });

  it('checks that an instance crash has instances to crash', () => {
    const crash = (region: string, count: number) =>
      twoRegions([], `fault: { kind: instance_crash, service: api, region: ${region}, count: ${count}, at: 10m }`);
    expect(briefly(problemsOfText(crash('us-west', 1)))).toEqual(['10:54 fault.region: service api has no instances in us-west']);
    expect(briefly(problemsOfText(crash('us-east', 9)))).toEqual(['10:70 fault.count: cannot crash 9 instances: service api has 4 in us-east']);
  });
});

describe('schema and reference problems are reported together, in one pass', () => {
  it('a bad value beside an unknown service and an unknown region', () => {
    const text = oneService('      concurrency: -1').replace('web: { rate: 200/s }', 'web: { rate: 200/s, service: apii }').replace('region: us-east, at', 'region: us-wst, at');
    expect(briefly(problemsOfText(text))).toEqual([
      '11:20 system.services.api.concurrency: expected a whole number ≥ 1, got -1',
      '13:34 system.clients.web.service: unknown service "apii" (defined: api; did you mean "api"?)',
      '14:39 fault.region: unknown region "us-wst" (defined: us-east; did you mean "us-east"?)',
    ]);
  });

  it('a name whose definition is broken still counts as defined: no cascade of unknown names', () => {
    const text = oneService('      concurrency: many').replace('      service_time: 40ms\n', '').replace('web: { rate: 200/s }', 'web: { rate: 200/s, service: api }');
    expect(briefly(problemsOfText(text))).toEqual([
      '9:7 system.services.api.service_time: missing required field "service_time"',
      '10:20 system.services.api.concurrency: expected a whole number ≥ 1, got "many"',
    ]);
  });

  it('a broken fault does not hide an unknown name elsewhere, nor invent one', () => {
    const text = oneService('      database: orders', 'fault: { kind: zone_outage, region: us-east, at: 10m }');
    expect(briefly(problemsOfText(text))).toEqual([
      '11:17 system.services.api.database: unknown database "orders" (defined: orders-db)',
      '14:8 fault.zone: missing required field "zone"',
    ]);
  });

  it('an unreadable table of names is one problem, not one per reference to it', () => {
    const text = oneService('').replace('regions: { us-east: {} }', 'regions: [us-east]');
    expect(briefly(problemsOfText(text))).toEqual(['5:12 system.regions: expected a map, got a list of 1 item']);
  });

  it('in a design too: its bad value and its unknown reference', () => {
    const text = withDesigns(['  d: { system.services.api.concurrency: 0, system.clients.web.service: apii }']);
    expect(briefly(problemsOfText(text))).toEqual([
      '14:41 designs.d["system.services.api.concurrency"]: expected a whole number ≥ 1, got 0',
      '14:72 designs.d["system.clients.web.service"]: unknown service "apii" (defined: api; did you mean "api"?)',
    ]);
  });
});

describe('a bad design override is reported at the override', () => {
  fixtureCases([
    ['a path through a service that does not exist', 'bad-override-path.yaml',
      { line: 16, column: 5, path: 'designs.bigger["system.services.apii.concurrency"]', message: 'system.services.apii: no such service (defined: api; did you mean "api"?)' }],
    ['a misspelt field on the way', 'override-unknown-field.yaml',
      { line: 15, column: 5, path: 'designs.faster["system.servics.api.concurrency"]', message: 'system.servics: unknown field "servics" (allowed: regions, network, services, databases, dependencies, global_router, clients, operators, queues; did you mean "services"?)' }],
    ['an override producing an invalid value points into the design', 'override-invalid-value.yaml',
      { line: 17, column: 20, path: 'designs.smaller["system.services.api"].concurrency', message: 'expected a whole number ≥ 1, got 0' }],
    ['a base value made invalid by a design names the design', 'design-zone.yaml',
      { line: 12, column: 52, path: 'fault.zone', message: 'zone 3 is out of range: region us-east has 1 zone (numbered 1 to 1) (in design "single-zone")' }],
  ]);
  inlineCases((line) => withDesigns([line]), [
    ['a misspelt last field', '  d: { system.services.api.concurency: 3 }',
      { line: 14, column: 8, path: 'designs.d["system.services.api.concurency"]', message: 'unknown field "concurency" (did you mean "concurrency"?)' }],
    ['a field below a single value', '  d: { system.regions.us-east.zones.x: 3 }',
      { line: 14, column: 8, path: 'designs.d["system.regions.us-east.zones.x"]', message: 'system.regions.us-east.zones is a single value, it has no field "x"' }],
    ['an index past the end of a list', '  d: { system.databases.db.replicas.3.mode: sync }',
      { line: 14, column: 8, path: 'designs.d["system.databases.db.replicas.3.mode"]', message: 'system.databases.db.replicas is a list of 1 item: "3" is not one of its indexes (0 to 0)' }],
    ['an override of the designs themselves', '  d: { designs.e: {} }',
      { line: 14, column: 8, path: 'designs.d["designs.e"]', message: 'a design cannot override designs (it applies to the whole file)' }],
    ['a design\'s own seed (designs share one seed: common random numbers)', '  d: { seed: 7 }',
      { line: 14, column: 8, path: 'designs.d.seed', message: 'a design cannot override seed: every design runs from the scenario seed, so replication k of each design sees the same random numbers and their differences come from the design (set seed at the top of the file, or --seed)' }],
    ['a design\'s own replications', '  d: { replications: 5 }',
      { line: 14, column: 8, path: 'designs.d.replications', message: 'a design cannot override replications: designs are compared replication by replication (common random numbers), so every design runs the same number (set replications at the top of the file, or --replications)' }],
    ['a design\'s own horizon', '  d: { horizon: 1h }',
      { line: 14, column: 8, path: 'designs.d.horizon', message: 'a design cannot override horizon: every design is measured over the same horizon, so their metrics and timelines line up (set horizon at the top of the file)' }],
    ['a design\'s own timeline bucket', '  d: { timeline_bucket: 10s }',
      { line: 14, column: 8, path: 'designs.d.timeline_bucket', message: 'a design cannot override timeline_bucket: every design shares one timeline grid in the result (set timeline_bucket at the top of the file)' }],
    ['a path with an empty name', '  d: { system..regions: {} }',
      { line: 14, column: 8, path: 'designs.d["system..regions"]', message: '"system..regions" is not a field path (write e.g. system.services.api.concurrency)' }],
    ['a region only a design refers to', '  d: { system.services.api.instances.eu-west: 2 }',
      { line: 14, column: 8, path: 'designs.d["system.services.api.instances.eu-west"]', message: 'unknown region "eu-west" (defined: us-east, us-west; did you mean "us-west"?)' }],
    ['a blank design name', '  "  ": {}',
      { line: 14, column: 3, path: 'designs["  "]', message: '"  " is not a valid design name (printable characters only, not blank)' }],
    ['a design name with a control character', '  "a\\tb": {}',
      { line: 14, column: 3, path: 'designs["a\\tb"]', message: '"a\\tb" is not a valid design name (printable characters only, not blank)' }],
    ['an override inside a dotted design name is located there', '  deposit-0.1: { system.services.api.concurency: 3 }',
      { line: 14, column: 18, path: 'designs["deposit-0.1"]["system.services.api.concurency"]', message: 'unknown field "concurency" (did you mean "concurrency"?)' }],
    ['a design that is not a map', '  d: 3',
      { line: 14, column: 6, path: 'designs.d', message: 'expected a map, got 3' }],
  ]);
});

describe('a bad value in an included model file', () => {
  it('is located in the model file', () => {
    expect(problemsOf('bad/include-invalid.yaml')).toEqual([{
      file: `${FIXTURES}/models/bad-mode.yaml`, line: 6, column: 43, path: 'system.databases.orders-db.replicas[0].mode',
      message: 'expected one of sync, async, got "asynch" (did you mean "async"?)',
    }]);
  });

  it('a missing include stops the load at the include entry', () => {
    expect(briefly(problemsOf('bad/include-missing.yaml'))).toEqual([
      `2:11 include[0]: cannot read included file "../models/nope.yaml" (${FIXTURES}/models/nope.yaml): file not found`,
    ]);
  });
});

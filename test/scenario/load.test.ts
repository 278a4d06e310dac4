import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { defaultPool } from '../../src/scenario/references.js';
import { FIXTURES, INLINE, loadFixture, twoRegions, withDesigns } from './helpers.js';

const designsOf = (lines: string[]) => loadScenarioText(withDesigns(lines), INLINE).designs;

describe('loadScenario reads a valid scenario into SI units with defaults filled', () => {
  it('parses durations to seconds and rates to events per second', async () => {
    const { scenario } = await loadScenario(`${FIXTURES}/good/minimal.yaml`);
    expect(scenario.horizon).toBe(7200);
    expect(scenario.slo).toEqual({ success_ratio: 0.99, latency: 0.5, window: 60, sustained: 300 });
    expect(scenario.system.services.api!.service_time).toBe(0.04);
    expect(scenario.system.clients.web).toEqual({
      kind: 'api', rate: 200, arrival: { kind: 'steady' }, service: 'api', timeout: 10, retries: 0, retry_delay: 0,
      honour_retry_after: true, population: { kind: 'shared' },
    });
    expect(scenario.fault).toEqual({ kind: 'region_outage', region: 'us-east', at: 600, duration: 1800 });
  });

  it('fills every omitted field with its default', async () => {
    const { scenario } = await loadScenario(`${FIXTURES}/good/minimal.yaml`);
    expect(scenario).toMatchObject({ seed: 1, replications: 100, timeline_bucket: 60, description: '', include: [] });
    expect(scenario.system.regions).toEqual({ 'us-east': { zones: 3 } });
    expect(scenario.system.services.api).toEqual({
      instances: { 'us-east': 4 }, concurrency: 50, queue: 'none', service_time: 0.04, write_ratio: 0.3,
      health_check: { kind: 'liveness', interval: 10, timeout: 2, unhealthy_after: 3, healthy_after: 2 },
      pools: {}, startup: 30, load_balancer: 'round_robin', rate_limits: {}, bulkheads: {}, calls: [],
      outbox: [], idempotency: { enabled: false, lookup: 0.002 },
    });
    expect(scenario.system.queues).toEqual({});
    expect(scenario.system.network).toEqual({ rtt: {}, default_rtt: 0.07, in_region_rtt: 0.0005 });
  });

  it('reads distributions into seconds', () => {
    const { scenario } = loadFixture('good/pool-timeout.yaml');
    expect(scenario.system.services.api!.service_time).toEqual({ lognormal: { p50: 0.04, p99: 0.3 } });
    expect(scenario.fault.at).toEqual({ uniform: [600, 1200] });
    expect(scenario.system.operators['on-call']!.runbook[2]).toEqual({ step: 'restart_instances', service: 'api', mode: 'one_by_one', each: { uniform: [600, 1200] } });
  });

  it('names the file relative to the working directory, however it was given', async () => {
    const loaded = await loadScenario(resolve(`${FIXTURES}/good/minimal.yaml`));
    expect(loaded.file).toBe(`${FIXTURES}/good/minimal.yaml`);
    expect(loaded.name).toBe('minimal');
  });

  it('deep-merges included models under the scenario: the scenario sets promotion mode, the model the rest', () => {
    const db = loadFixture('good/pool-timeout.yaml').scenario.system.databases['orders-db']!;
    expect(db.primary).toBe('us-east');
    expect(db.replicas).toEqual([{ region: 'us-west', mode: 'async', lag: { uniform: [0.05, 0.2] } }]);
    expect(db.promotion).toEqual({ mode: 'automated', detection: 30, promotion: 45, prefer: 'sync', fencing: false });
  });
});

describe('defaults that depend on other fields are filled in', () => {
  it('a client without a service calls the only service', () => {
    expect(loadScenarioText(twoRegions([]), INLINE).scenario.system.clients.web!.service).toBe('api');
  });

  it('a service using a database it has no pool for gets a pool with default settings', () => {
    const text = twoRegions(['  databases: { db: { primary: us-east } }']).replace('service_time: 40ms }', 'service_time: 40ms, database: db }');
    expect(loadScenarioText(text, INLINE).scenario.system.services.api!.pools).toEqual({ db: defaultPool() });
    expect(defaultPool()).toEqual({
      max: 20, connect_timeout: 30, idle_timeout: Infinity, max_lifetime: Infinity,
      validate_on_borrow: false, validation_time: 0.001, query_timeout: Infinity,
    });
  });
});

describe('a design deep-merges its overrides into the base', () => {
  const loaded = loadFixture('good/pool-timeout.yaml');
  const [asIncident, fixed] = loaded.designs;

  it('keeps designs in file order, and an empty design equals the base', () => {
    expect(loaded.designs.map((d) => d.name)).toEqual(['as-incident', 'fixed']);
    expect(asIncident!.scenario).toEqual(loaded.scenario);
  });

  it('merges a map at a dotted path, keeping the fields it does not set', () => {
    expect(fixed!.scenario.system.services.api!.pools['orders-db']).toMatchObject({
      max: 20, connect_timeout: 5, idle_timeout: 300, max_lifetime: 1800, validate_on_borrow: true,
    });
    expect(fixed!.scenario.system.services.api!.health_check).toEqual({ kind: 'deep', interval: 10, timeout: 2, unhealthy_after: 3, healthy_after: 2 });
  });

  it('accepts a nested map as well as a dotted path', () => {
    const [dotted, nested] = designsOf([
      '  dotted: { system.services.api.concurrency: 8 }',
      '  nested: { system: { services: { api: { concurrency: 8 } } } }',
    ]);
    expect(dotted!.scenario).toEqual(nested!.scenario);
    expect(nested!.scenario.system.services.api!.concurrency).toBe(8);
  });

  it('may create a new entry of a record: a pool, a region in instances', () => {
    const [d] = designsOf(['  more: { system.services.api.database: db, system.services.api.pools.db.max: 5, system.services.api.instances.us-west: 2 }']);
    expect(d!.scenario.system.services.api!.pools.db!.max).toBe(5);
    expect(d!.scenario.system.services.api!.instances).toEqual({ 'us-east': 4, 'us-west': 2 });
  });

  it('may set a field inside one the base left to its default', () => {
    const [d] = designsOf(['  deep: { system.services.api.health_check.kind: deep }']);
    expect(d!.scenario.system.services.api!.health_check.kind).toBe('deep');
  });

  it('replaces lists whole, and can reach into a list item by index', () => {
    const [whole, item] = designsOf([
      '  sync: { system.databases.db.replicas: [{ region: us-west, mode: sync }, { region: us-east, mode: async }] }',
      '  item: { system.databases.db.replicas.0.mode: sync }',
    ]);
    expect(whole!.scenario.system.databases.db!.replicas.map((r) => r.mode)).toEqual(['sync', 'async']);
    expect(item!.scenario.system.databases.db!.replicas).toEqual([{ region: 'us-west', mode: 'sync', lag: 0.1 }]);
  });

  it('takes any printable design name, dots included, and still applies its dotted override paths', () => {
    const designs = designsOf([
      '  deposit-0.1: { system.services.api.concurrency: 7 }',
      '  "N+1 per region, 50% (€)": { system: { services: { api: { concurrency: 9 } } } }',
    ]);
    expect(designs.map((d) => [d.name, d.scenario.system.services.api!.concurrency])).toEqual([
      ['deposit-0.1', 7], ['N+1 per region, 50% (€)', 9],
    ]);
  });

  it('gives one design named baseline when the file declares none', () => {
    const minimal = loadFixture('good/minimal.yaml');
    expect(minimal.designs).toEqual([{ name: 'baseline', scenario: minimal.scenario }]);
  });
});

describe('--seed and --replications', () => {
  it('apply to the base and every design', async () => {
    const loaded = await loadScenario(`${FIXTURES}/good/pool-timeout.yaml`, { seed: 7, replications: 12 });
    for (const s of [loaded.scenario, ...loaded.designs.map((d) => d.scenario)]) expect([s.seed, s.replications]).toEqual([7, 12]);
  });

  it('leave the file\'s values when not given', async () => {
    const { scenario } = await loadScenario(`${FIXTURES}/good/pool-timeout.yaml`, {});
    expect([scenario.seed, scenario.replications]).toEqual([42, 200]);
  });

  it('are refused when not whole numbers, naming the option', async () => {
    const err = await loadScenario(`${FIXTURES}/good/minimal.yaml`, { seed: 1.5, replications: 0 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toBe('--replications: expected a whole number ≥ 1, got 0\n--seed: expected a whole number, got 1.5');
  });
});

describe('a scenario that cannot be loaded throws a ScenarioError', () => {
  it('whose message lists one problem per line as file:line:column: path: message', async () => {
    const err = await loadScenario(`${FIXTURES}/bad/unknown-region.yaml`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ScenarioError);
    expect((err as Error).message).toBe(
      `${FIXTURES}/bad/unknown-region.yaml:8:32: system.services.api.instances.us-wst: unknown region "us-wst" (defined: us-east; did you mean "us-east"?)`,
    );
  });

  it('for a file that does not exist', async () => {
    const err = await loadScenario(`${FIXTURES}/good/nope.yaml`).catch((e: unknown) => e);
    expect((err as ScenarioError).problems).toEqual([
      { file: `${FIXTURES}/good/nope.yaml`, line: 0, column: 0, path: '', message: 'cannot read the scenario: file not found' },
    ]);
    expect((err as Error).message).toBe(`${FIXTURES}/good/nope.yaml: cannot read the scenario: file not found`);
  });
});

describe('global_router.service', () => {
  it('must name a defined service', () => {
    const text = `name: x
horizon: 1h
slo: { success_ratio: 0.99, latency: 1s }
system:
  regions: { a: {}, b: {} }
  services:
    api: { instances: { a: 1, b: 1 }, service_time: 10ms }
  global_router: { service: apii, regions: [a, b] }
  clients: { web: { rate: 1/s } }
fault: { kind: region_outage, region: a, at: 10m }
`;
    expect(() => loadScenarioText(text, 'router.yaml')).toThrow(/router\.yaml:8:29: system\.global_router\.service: unknown service "apii"/);
  });
});

/**
 * Price tables and the business block: a bad table is refused with located problems (standalone
 * and when a scenario includes it), and a priced scenario must name what it runs on and find a
 * price for it in every region it runs there.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScenarioError, type Problem } from '../../src/scenario/errors.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { loadPriceTable } from '../../src/scenario/priceTable.js';

const DIR = 'test/fixtures/pricing';
const PRICED = readFileSync(`${DIR}/priced.yaml`, 'utf8');
const FILE = `${DIR}/inline.yaml`;

function problems(run: () => unknown): Problem[] {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error('accepted, but it should have been refused');
}
const edited = (from: string, to: string) => {
  expect(PRICED).toContain(from);
  return problems(() => loadScenarioText(PRICED.replace(from, to), FILE));
};

describe('a price table file', () => {
  it('loads: figures, currency, date and source note', () => {
    const t = loadPriceTable(`${DIR}/small-table.yaml`);
    expect(t).toMatchObject({ name: 'test-table', currency: 'USD', date: '2026-01-15', standby_share: 0.5 });
    expect(t.instance_hour.small).toEqual({ east: 0.1, west: 0.2 });
    expect(t.dns_health_check_month).toEqual({ usd: 0.5, source: 'health check note', date: '2026-01-10' });
  });

  it('the shipped table is valid and dated', () => {
    const t = loadPriceTable('models/pricing/aws-on-demand.yaml');
    expect(t.source).toMatch(/public on-demand list prices/);
    expect(Object.keys(t.instance_hour).length).toBeGreaterThan(0);
  });

  it('a bad table is refused with every problem located in it', () => {
    const f = `${DIR}/bad-table.yaml`;
    expect(problems(() => loadPriceTable(f))).toEqual([
      { file: f, line: 3, column: 13, path: 'prices.currency', message: 'only USD price tables are supported (currency: USD), got "EUR"' },
      { file: f, line: 4, column: 9, path: 'prices.date', message: '"15/01/2026" is not a date (write it YYYY-MM-DD)' },
      { file: f, line: 7, column: 20, path: 'prices.instance_hour.small.east', message: 'expected an amount in USD ≥ 0, got -0.1' },
      { file: f, line: 8, column: 3, path: 'prices.storage_gb_mnth', message: 'unknown field "storage_gb_mnth" (did you mean "storage_gb_month"?)' },
    ]);
  });

  it('a scenario that includes a bad table is refused at the table\'s lines', () => {
    const p = edited('include: [small-table.yaml]', 'include: [bad-table.yaml]');
    expect(p.length).toBeGreaterThan(0);
    expect(p.every((x) => x.file === `${DIR}/bad-table.yaml`)).toBe(true);
    expect(p.map((x) => x.path)).toContain('prices.instance_hour.small.east');
  });
});

describe('a priced scenario', () => {
  it('loads, and a design may override a price', () => {
    const l = loadScenarioText(PRICED, FILE);
    expect(l.designs.map((d) => d.scenario.prices!.instance_hour.small!.west)).toEqual([0.2, 0.1]);
    expect(l.designs[0]!.scenario.system.databases.db!.storage).toBe(100e9);
    expect(l.designs[0]!.scenario.system.databases.db!.write_size).toBe(2000);
  });

  it('needs an instance type on every service', () => {
    expect(edited('      instance_type: small\n', '')).toEqual([
      { file: FILE, line: 12, column: 5, path: 'system.services.api', message: 'missing field "instance_type": the scenario has prices, so service api must name the instance type it runs on (one of: small)' },
    ]);
  });

  it('refuses an instance type the table does not price', () => {
    expect(edited('instance_type: small', 'instance_type: smal')).toEqual([
      { file: FILE, line: 14, column: 22, path: 'system.services.api.instance_type', message: 'unknown instance type in price table "test-table" (instance_hour) "smal" (defined: small; did you mean "small"?)' },
    ]);
  });

  it('refuses a region the table has no price for, at the region', () => {
    const p = edited('instances: { east: 2, west: 2 }', 'instances: { east: 2, west: 2, north: 1 }');
    expect(p).toContainEqual({ file: FILE, line: 13, column: 38, path: 'system.services.api.instances.north', message: 'price table "test-table" has no instance_hour price for small in region north (priced regions: east, west)' });
    expect(p).toContainEqual({ file: FILE, line: 13, column: 38, path: 'system.services.api.instances.north', message: 'price table "test-table" has no load_balancer_hour price for service api\'s load balancer in region north (priced regions: east, west)' });
  });

  it('needs a write size to price cross-region replication', () => {
    expect(edited('      write_size: 2KB\n', '')).toEqual([
      { file: FILE, line: 20, column: 5, path: 'system.databases.db', message: 'missing field "write_size": database db replicates to west, and the scenario has prices: say how many bytes one write ships (e.g. write_size: 2KB) so the transfer can be priced' },
    ]);
  });

  it('refuses a size without a unit it knows', () => {
    expect(edited('storage: 100GB', 'storage: 100 gigs')).toEqual([
      { file: FILE, line: 23, column: 16, path: 'system.databases.db.storage', message: '"100 gigs" is not a size (write e.g. 2KB, 500GB, 1.5TB)' },
    ]);
  });

  it('needs a business block, and a business block needs prices', () => {
    const noBusiness = PRICED.replace(/business:\n(  .*\n)+/, '');
    expect(problems(() => loadScenarioText(noBusiness, FILE))).toEqual([
      { file: `${DIR}/small-table.yaml`, line: 2, column: 1, path: 'prices', message: 'a scenario with prices needs a business block (downtime_cost_per_minute_usd, incidents_per_year, …) to weigh outages against running cost' },
    ]);
    const noPrices = PRICED.replace('include: [small-table.yaml]\n', '').replace(/    prices\.instance_hour.*\n/, '').replace(/      instance_type: .*\n/g, '');
    expect(problems(() => loadScenarioText(noPrices, FILE))).toEqual([
      { file: FILE, line: 31, column: 1, path: 'business', message: 'a business block needs prices to weigh against: include a price table (e.g. include: [../models/pricing/aws-on-demand.yaml]) or remove business' },
    ]);
  });

  it('refuses a design that changes the downtime cost per minute', () => {
    expect(edited('  standby: {}\n', '  standby: { business.downtime_cost_per_minute_usd: 5 }\n')).toEqual([
      { file: FILE, line: 40, column: 53, path: 'designs.standby["business.downtime_cost_per_minute_usd"]', message: 'a design cannot change the downtime cost per minute: designs are compared (and break-even points found) at one downtime cost; set it in the scenario\'s business block' },
    ]);
  });
});

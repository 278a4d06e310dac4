/**
 * The price table (`prices:`, normally included from `models/pricing/*.yaml`) and the `business`
 * block of a scenario: what each design's infrastructure costs per month and what an outage costs
 * the business. Figures are estimates from the named table; `src/cost` turns them into money.
 */
import { z } from 'zod';

const USD = 'expected an amount in USD ≥ 0';
const usd = z.number({ error: USD }).nonnegative({ error: USD });
const DATE = 'expected a date written YYYY-MM-DD';
const date = z.string({ error: DATE }).regex(/^\d{4}-\d{2}-\d{2}$/, { error: (iss) => `${JSON.stringify(iss.input)} is not a date (write it YYYY-MM-DD)` });

/**
 * One price: a number in the table's currency, or `{ usd, date, source }` when this figure has its
 * own date or source note (otherwise it carries the table's).
 */
const figure = z
  .union([usd, z.strictObject({ usd, date: date.optional(), source: z.string().min(1).optional() })], {
    error: 'expected a price in USD (a number) or { usd, date, source }',
  })
  .meta({ id: 'price', description: 'A price in USD, or { usd, date, source } for a figure with its own date or source note' });

const byRegion = z.record(z.string(), figure);
const byTypeAndRegion = z.record(z.string(), byRegion);

/** A price table: every figure's currency, date and source note, and the figures by kind. */
export const priceTableSchema = z.strictObject({
  name: z.string().min(1).describe('Name of the table, shown with every cost figure'),
  currency: z.literal('USD', { error: 'only USD price tables are supported (currency: USD)' }),
  date: date.describe('Date the list prices were read (YYYY-MM-DD)'),
  source: z.string().min(1).describe('Where the figures come from, e.g. "public on-demand list prices, us-east-1, 2025-06-01"'),
  instance_hour: byTypeAndRegion.default({}).describe('Compute instance per hour, by instance type, then by region'),
  database_hour: byTypeAndRegion.default({}).describe('Managed database instance (primary or replica) per hour, by instance type, then by region'),
  storage_gb_month: byRegion.default({}).describe('Database storage per GB-month, by region (each primary and replica stores a full copy)'),
  backup_storage_gb_month: byRegion.default({}).describe('Backup storage per GB-month, by region of the primary'),
  transfer_gb: byRegion.default({}).describe('Cross-region data transfer out of a region per GB (replication to a replica in another region)'),
  load_balancer_hour: byRegion.default({}).describe('A regional load balancer per hour (one per service per region with instances)'),
  dns_health_check_month: figure.optional().describe('One global-router health check on one regional endpoint, per month'),
  standby_share: z
    .number({ error: 'expected a share ≥ 0' })
    .nonnegative({ error: 'expected a share ≥ 0' })
    .default(1)
    .describe('Price of an idle standby instance as a share of the same instance serving traffic (1: capacity reserved at the on-demand rate)'),
});

/** What the business loses when the fault happens; every amount in USD. */
export const businessSchema = z.strictObject({
  downtime_cost_per_minute_usd: usd.describe('Cost of one minute of downtime (from the fault until the SLO holds again)'),
  lost_write_cost_usd: usd.default(0).describe('Cost of one committed write lost in a failover or restore'),
  duplicate_write_cost_usd: usd.default(0).describe('Cost of one write executed twice'),
  incidents_per_year: z
    .number({ error: 'expected a number of incidents per year ≥ 0' })
    .nonnegative({ error: 'expected a number of incidents per year ≥ 0' })
    .describe('How often this scenario\'s fault happens per year'),
});

export type PriceTable = z.output<typeof priceTableSchema>;
export type PriceFigure = z.output<typeof figure>;
export type Business = z.output<typeof businessSchema>;

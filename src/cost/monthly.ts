/**
 * A design's steady-state monthly bill, line by line: instances (idle standby apart), load
 * balancers, database instances, their storage, backups, cross-region replication transfer (the
 * simulated write rate × the write size × a month) and DNS health checks. USD per month (730 h).
 * An autoscaled service's instances are its simulated fleet: the mean provisioned before the fault
 * for the month, plus the instance-hours each incident adds × incidents per month.
 */
import type { CostLine, Inventory, PriceTable } from '../runner/resultCost.js';
import { BYTES_PER_GB, cents, HOURS_PER_MONTH, priceAt, SECONDS_PER_MONTH, standbyShare } from './figures.js';
import { fleetKey, type ScaledFleet } from './fleet.js';

const NO_FLEETS: ReadonlyMap<string, ScaledFleet> = new Map();

/**
 * The bill's lines, in a fixed order. `fleets`: the autoscaled services' simulated fleets
 * (src/cost/fleet.ts), priced instead of the configured count; `incidentsPerYear` prices what
 * each incident adds to them.
 */
export function monthlyLines(
  inv: Inventory,
  table: PriceTable,
  overrides?: Record<string, unknown>,
  fleets: ReadonlyMap<string, ScaledFleet> = NO_FLEETS,
  incidentsPerYear = 0,
): CostLine[] {
  const lines: CostLine[] = [];
  const line = (item: string, detail: string, quantity: number, unit: string, price: { usd: number; source: string }) => {
    lines.push({ item, detail, quantity, unit, unit_price_usd: price.usd, monthly_usd: cents(quantity * price.usd), price_source: price.source });
  };
  const share = standbyShare(table, overrides);
  for (const i of inv.instances) {
    const p = priceAt(table, overrides, ['instance_hour', i.instance_type, i.region]);
    const fleet = fleets.get(fleetKey(i.service, i.region));
    const count = fleet ? fleet.steadyInstances : i.count;
    const what = fleet ? `${count.toFixed(2)} × ${i.instance_type} (autoscaled: mean provisioned before the fault, simulated)` : `${count} × ${i.instance_type}`;
    if (i.standby) {
      line('idle standby', `${i.service} in ${i.region}: ${what}, no traffic until a failover`, count * HOURS_PER_MONTH, 'instance-hour',
        { usd: p.usd * share, source: share === 1 ? p.source : `${p.source} × standby_share ${share}` });
    } else {
      line('instances', `${i.service} in ${i.region}: ${what}`, count * HOURS_PER_MONTH, 'instance-hour', p);
    }
  }
  for (const i of inv.instances) {
    const fleet = fleets.get(fleetKey(i.service, i.region));
    if (!fleet || fleet.extraInstanceHoursPerIncident === 0 || incidentsPerYear === 0) continue;
    const h = fleet.extraInstanceHoursPerIncident;
    line('autoscaling in incidents', `${i.service} in ${i.region}: ${h.toFixed(3)} instance-hours per incident above the steady fleet (simulated) × ${incidentsPerYear}/12 incidents per month`,
      (h * incidentsPerYear) / 12, 'instance-hour', priceAt(table, overrides, ['instance_hour', i.instance_type, i.region]));
  }
  for (const lb of inv.load_balancers) {
    line('load balancer', `${lb.service} in ${lb.region}`, lb.count * HOURS_PER_MONTH, 'hour', priceAt(table, overrides, ['load_balancer_hour', lb.region]));
  }
  for (const d of inv.databases) {
    const what = d.role === 'primary' ? 'primary' : `${d.mode} replica`;
    line(`database ${d.role}`, `${d.database} ${what} in ${d.region}: ${d.instance_type}`, HOURS_PER_MONTH, 'instance-hour',
      priceAt(table, overrides, ['database_hour', d.instance_type, d.region]));
  }
  for (const d of inv.databases) {
    if (d.storage_bytes <= 0) continue;
    const what = d.role === 'primary' ? 'primary' : `${d.mode} replica`;
    line('database storage', `${d.database} ${what} in ${d.region}`, d.storage_bytes / BYTES_PER_GB, 'GB-month', priceAt(table, overrides, ['storage_gb_month', d.region]));
  }
  for (const b of inv.backups) {
    line('backup storage', `${b.database} in ${b.region}`, b.storage_bytes / BYTES_PER_GB, 'GB-month', priceAt(table, overrides, ['backup_storage_gb_month', b.region]));
  }
  for (const r of inv.replication) {
    const rate = inv.writes_per_s[r.database] ?? 0;
    const gb = (rate * r.write_bytes * SECONDS_PER_MONTH) / BYTES_PER_GB;
    line('replication transfer', `${r.database} ${r.from_region} → ${r.to_region}: ${rate.toFixed(2)} writes/s (simulated, before the fault) × ${r.write_bytes} bytes`,
      gb, 'GB', priceAt(table, overrides, ['transfer_gb', r.from_region]));
  }
  if (inv.dns_health_checks > 0) {
    line('DNS health checks', `global router: one per regional endpoint`, inv.dns_health_checks, 'check-month', priceAt(table, overrides, ['dns_health_check_month']));
  }
  return lines;
}

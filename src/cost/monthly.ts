/**
 * A design's steady-state monthly bill, line by line: instances (idle standby apart), load
 * balancers, database instances, their storage, backups, cross-region replication transfer (the
 * simulated write rate × the write size × a month) and DNS health checks. USD per month (730 h).
 */
import type { CostLine, Inventory, PriceTable } from '../runner/resultCost.js';
import { BYTES_PER_GB, cents, HOURS_PER_MONTH, priceAt, SECONDS_PER_MONTH, standbyShare } from './figures.js';

/** The bill's lines, in a fixed order. */
export function monthlyLines(inv: Inventory, table: PriceTable, overrides?: Record<string, unknown>): CostLine[] {
  const lines: CostLine[] = [];
  const line = (item: string, detail: string, quantity: number, unit: string, price: { usd: number; source: string }) => {
    lines.push({ item, detail, quantity, unit, unit_price_usd: price.usd, monthly_usd: cents(quantity * price.usd), price_source: price.source });
  };
  const share = standbyShare(table, overrides);
  for (const i of inv.instances) {
    const p = priceAt(table, overrides, ['instance_hour', i.instance_type, i.region]);
    if (i.standby) {
      line('idle standby', `${i.service} in ${i.region}: ${i.count} × ${i.instance_type}, no traffic until a failover`, i.count * HOURS_PER_MONTH, 'instance-hour',
        { usd: p.usd * share, source: share === 1 ? p.source : `${p.source} × standby_share ${share}` });
    } else {
      line('instances', `${i.service} in ${i.region}: ${i.count} × ${i.instance_type}`, i.count * HOURS_PER_MONTH, 'instance-hour', p);
    }
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

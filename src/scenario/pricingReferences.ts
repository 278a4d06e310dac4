/**
 * Checks that a priced scenario can be priced: every service and database names an instance type,
 * and the table has a figure for each thing the design runs, in each region it runs it. Problems
 * are located at the field that needs the missing figure.
 */
import { unknownName } from './errors.js';
import type { Segment } from './located.js';
import type { Scenario } from './schema.js';

type Fail = (path: Segment[], message: string, at?: 'key' | 'value') => void;

/** Every pricing problem of a validated scenario (none when it has no prices). */
export function checkPricing(s: Scenario, fail: Fail): void {
  const prices = s.prices;
  if (!prices) {
    if (s.business) fail(['business'], 'a business block needs prices to weigh against: include a price table (e.g. include: [../models/pricing/aws-on-demand.yaml]) or remove business', 'key');
    return;
  }
  const table = `price table "${prices.name}"`;
  if (!s.business) {
    fail(['prices'], 'a scenario with prices needs a business block (downtime_cost_per_minute_usd, incidents_per_year, …) to weigh outages against running cost', 'key');
  }
  const byRegion = (path: Segment[], group: Record<string, unknown>, groupName: string, region: string, what: string) => {
    if (!Object.hasOwn(group, region)) {
      fail(path, `${table} has no ${groupName} price for ${what} in region ${region} (priced regions: ${Object.keys(group).join(', ') || 'none'})`, 'key');
    }
  };
  const byType = (typePath: Segment[], regionPath: (r: string) => Segment[], group: Record<string, Record<string, unknown>>, groupName: string, type: string, regions: string[]) => {
    const perRegion = Object.hasOwn(group, type) ? group[type] : undefined;
    if (!perRegion) {
      fail(typePath, `${unknownName(`instance type in ${table} (${groupName})`, type, Object.keys(group))}`);
      return;
    }
    for (const r of regions) byRegion(regionPath(r), perRegion, groupName, r, type);
  };

  for (const [name, svc] of Object.entries(s.system.services)) {
    const at: Segment[] = ['system', 'services', name];
    // An autoscaled region is priced even from 0 instances (src/runner/inventory.ts).
    const regions = Object.entries(svc.instances).filter(([, n]) => n > 0 || svc.autoscaling !== undefined).map(([r]) => r);
    if (regions.length === 0) continue;
    if (svc.instance_type === undefined) {
      fail(at, `missing field "instance_type": the scenario has prices, so service ${name} must name the instance type it runs on (one of: ${Object.keys(prices.instance_hour).join(', ') || 'none in the table'})`, 'key');
    } else {
      byType([...at, 'instance_type'], (r) => [...at, 'instances', r], prices.instance_hour, 'instance_hour', svc.instance_type, regions);
    }
    for (const r of regions) byRegion([...at, 'instances', r], prices.load_balancer_hour, 'load_balancer_hour', r, `service ${name}'s load balancer`);
  }

  for (const [name, db] of Object.entries(s.system.databases)) {
    const at: Segment[] = ['system', 'databases', name];
    if (db.instance_type === undefined) {
      fail(at, `missing field "instance_type": the scenario has prices, so database ${name} must name its instance type (one of: ${Object.keys(prices.database_hour).join(', ') || 'none in the table'})`, 'key');
    } else {
      byType([...at, 'instance_type'], () => [...at, 'primary'], prices.database_hour, 'database_hour', db.instance_type, [db.primary]);
    }
    if (db.storage > 0) byRegion([...at, 'storage'], prices.storage_gb_month, 'storage_gb_month', db.primary, `database ${name}`);
    if (db.backup_storage > 0) byRegion([...at, 'backup_storage'], prices.backup_storage_gb_month, 'backup_storage_gb_month', db.primary, `database ${name}`);
    db.replicas.forEach((replica, i) => {
      const rat: Segment[] = [...at, 'replicas', i];
      const type = replica.instance_type ?? db.instance_type;
      if (type !== undefined) {
        byType(replica.instance_type !== undefined ? [...rat, 'instance_type'] : [...at, 'instance_type'], () => [...rat, 'region'], prices.database_hour, 'database_hour', type, [replica.region]);
      }
      if (db.storage > 0) byRegion([...rat, 'region'], prices.storage_gb_month, 'storage_gb_month', replica.region, `database ${name}'s replica`);
      if (replica.region !== db.primary) {
        byRegion([...rat, 'region'], prices.transfer_gb, 'transfer_gb', db.primary, `replication out of the primary's region`);
        if (db.write_size === undefined && !db.replicas.slice(0, i).some((x) => x.region !== db.primary)) {
          fail(at, `missing field "write_size": database ${name} replicates to ${replica.region}, and the scenario has prices: say how many bytes one write ships (e.g. write_size: 2KB) so the transfer can be priced`, 'key');
        }
      }
    });
  }

  if (s.system.global_router && prices.dns_health_check_month === undefined) {
    fail(['system', 'global_router'], `${table} has no dns_health_check_month price for the global router's health checks`, 'key');
  }
}

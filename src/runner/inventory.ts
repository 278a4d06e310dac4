/**
 * What a design runs, read from its scenario for src/cost to price: instances by service, region
 * and type (idle standby apart), load balancers, database instances and their storage, backups,
 * cross-region replication, DNS health checks. The simulated write rate is added from the
 * replications' outcomes (`withWriteRates`). Built only for scenarios that have prices.
 */
import type { ReplicationOutcome } from '../metrics/outcome.js';
import { startingInstances } from '../models/capacity/autoscaler.js';
import type { Scenario } from '../scenario/schema.js';
import type { DesignPricing, Inventory } from './resultCost.js';

/**
 * Regions of a service that get no traffic until a failover: with a global router in front of it,
 * active-passive sends everything to its first region; active-active skips regions it does not
 * list or weighs at 0. Without a router every region with instances serves.
 */
function idleRegions(s: Scenario, serviceName: string): Set<string> {
  const router = s.system.global_router;
  const routed = router && (router.service ?? Object.keys(s.system.services)[0]) === serviceName;
  if (!router || !routed) return new Set();
  const serving =
    router.mode === 'active_passive'
      ? new Set(router.regions.slice(0, 1))
      : new Set(router.regions.filter((r) => router.weights === undefined || (router.weights[r] ?? 0) > 0));
  return new Set(Object.keys(s.system.services[serviceName]!.instances).filter((r) => !serving.has(r)));
}

/** The design's inventory without the write rate (writes_per_s empty); null when unpriced. */
export function staticInventory(s: Scenario): Inventory | null {
  if (!s.prices) return null;
  const inv: Inventory = { instances: [], load_balancers: [], databases: [], backups: [], replication: [], dns_health_checks: 0, writes_per_s: {} };
  for (const [service, spec] of Object.entries(s.system.services)) {
    const idle = idleRegions(s, service);
    for (const [region, configured] of Object.entries(spec.instances)) {
      // An autoscaled region is priced from its simulated fleet, which can grow from 0.
      if (configured === 0 && !spec.autoscaling) continue;
      const count = startingInstances(configured, spec.autoscaling);
      inv.instances.push({ service, region, instance_type: spec.instance_type!, count, standby: idle.has(region) });
      inv.load_balancers.push({ service, region, count: 1 });
    }
  }
  for (const [database, db] of Object.entries(s.system.databases)) {
    inv.databases.push({ database, role: 'primary', mode: 'primary', region: db.primary, instance_type: db.instance_type!, storage_bytes: db.storage });
    for (const r of db.replicas) {
      inv.databases.push({ database, role: 'replica', mode: r.mode, region: r.region, instance_type: r.instance_type ?? db.instance_type!, storage_bytes: db.storage });
      if (r.region !== db.primary) inv.replication.push({ database, from_region: db.primary, to_region: r.region, write_bytes: db.write_size! });
    }
    if (db.backup_storage > 0) inv.backups.push({ database, region: db.primary, storage_bytes: db.backup_storage });
  }
  inv.dns_health_checks = s.system.global_router?.regions.length ?? 0;
  return inv;
}

/** The inventory with each database's simulated steady-state write rate, mean over replications. */
export function withWriteRates(inv: Inventory, outcomes: ReplicationOutcome[]): Inventory {
  const writes: Record<string, number> = {};
  for (const db of new Set(inv.databases.map((d) => d.database))) {
    const rates = outcomes.map((o) => o.writes_per_s[db] ?? 0);
    writes[db] = rates.length > 0 ? rates.reduce((a, b) => a + b, 0) / rates.length : 0;
  }
  return { ...inv, writes_per_s: writes };
}

/** The leaves of `design` that differ from `base` (nested like them); undefined when none. */
export function differences(design: unknown, base: unknown): Record<string, unknown> | undefined {
  if (!isMap(design)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(design)) {
    const b = isMap(base) ? base[k] : undefined;
    if (isMap(v) && isMap(b) && !('usd' in v)) {
      const inner = differences(v, b);
      if (inner) out[k] = inner;
    } else if (JSON.stringify(v) !== JSON.stringify(b)) {
      out[k] = v;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function isMap(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Per design, what cost needs from the scenario (before simulation); null when the scenario has no prices. */
export function designPricing(base: Scenario, design: Scenario): DesignPricing | null {
  const inventory = staticInventory(design);
  if (!inventory || !design.business) return null;
  const overrides = differences(design.prices, base.prices);
  return { inventory, business: design.business, ...(overrides ? { price_overrides: overrides } : {}) };
}

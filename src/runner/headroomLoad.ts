/**
 * Where each service's traffic lands, per region, in steady state with a set of regions lost:
 * the routing the scenario's design states (SPEC, "Global routing"), read from the scenario
 * without simulating. Used by `headroom` for its static estimate.
 *
 * - The service behind the global router: active_passive sends everything to the first surviving
 *   region of its priority list; active_active splits over the surviving listed regions by
 *   weight, or (routing: nearest) sends each client region's share to the surviving region with
 *   the shortest round trip (ties to the earlier listed, as the router does).
 * - Any other service: a fixed split over its regions by instance count; nothing moves traffic
 *   away from a lost region, so that share is unserved.
 * Rates are requests per second of first attempts (agents: workflows × steps × fan-out); retries
 * are left out, as in a healthy steady state.
 */
import type { Scenario } from '../scenario/schema.js';

/** Offered requests per second per region of one service, and what no region can take. */
export interface ServiceLoad {
  service: string;
  perRegion: Map<string, number>;
  /** Requests per second routed to a lost region or to no region at all. */
  unservedPerS: number;
}

/** Round trip between two regions, as the topology answers it (seconds). */
export function rttOf(s: Scenario, a: string, b: string): number {
  const n = s.system.network;
  if (a === b) return n.in_region_rtt;
  return n.rtt[`${a}~${b}`] ?? n.rtt[`${b}~${a}`] ?? n.default_rtt;
}

/** First-attempt requests per second a client class sends. */
function classRate(c: Scenario['system']['clients'][string]): number {
  return c.kind === 'agent' && c.workflow ? c.rate * c.workflow.steps * c.workflow.fan_out : c.rate;
}

/** Adds `rate` to `region` in `m`. */
function add(m: Map<string, number>, region: string, rate: number): void {
  m.set(region, (m.get(region) ?? 0) + rate);
}

/** The offered load per region of every service with `lost` regions gone. */
export function loadsWith(s: Scenario, lost: ReadonlySet<string>): ServiceLoad[] {
  const services = Object.keys(s.system.services);
  const router = s.system.global_router;
  const routed = router ? (router.service ?? services[0]) : undefined;
  const loads = new Map(services.map((name) => [name, { service: name, perRegion: new Map<string, number>(), unservedPerS: 0 }]));
  for (const name of services) for (const [r, n] of Object.entries(s.system.services[name]!.instances)) if (n > 0) loads.get(name)!.perRegion.set(r, 0);

  for (const c of Object.values(s.system.clients)) {
    const name = c.service ?? services[0]!;
    const load = loads.get(name)!;
    const rate = classRate(c);
    if (router && name === routed) {
      const alive = router.regions.filter((r) => !lost.has(r));
      if (alive.length === 0) load.unservedPerS += rate;
      else if (router.mode === 'active_passive') add(load.perRegion, alive[0]!, rate);
      else if (router.routing === 'nearest' && c.regions) {
        for (const [from, share] of Object.entries(c.regions)) {
          let best = alive[0]!;
          for (const r of alive.slice(1)) if (rttOf(s, from, r) < rttOf(s, from, best)) best = r;
          add(load.perRegion, best, rate * share);
        }
      } else {
        const w = (r: string) => router.weights?.[r] ?? 1;
        const total = alive.reduce((a, r) => a + w(r), 0);
        for (const r of alive) add(load.perRegion, r, total > 0 ? (rate * w(r)) / total : rate / alive.length);
      }
      continue;
    }
    const instances = Object.entries(s.system.services[name]!.instances).filter(([, n]) => n > 0);
    const total = instances.reduce((a, [, n]) => a + n, 0);
    if (total === 0) load.unservedPerS += rate;
    for (const [r, n] of instances) {
      if (lost.has(r)) load.unservedPerS += (rate * n) / total;
      else add(load.perRegion, r, (rate * n) / total);
    }
  }
  for (const load of loads.values()) for (const r of lost) load.perRegion.delete(r);
  return [...loads.values()];
}

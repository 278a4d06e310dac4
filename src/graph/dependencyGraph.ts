/**
 * The static dependency graph of one design: what each client class needs, down to regions,
 * databases, dependencies and their upstreams. Read from the validated scenario, without
 * simulating. A client class reaches its service in any of the regions it is routed to (the global
 * router's regions, else every region with instances); a regional deployment needs its region,
 * its database (the primary, or a replica in another region that can be promoted) and every
 * dependency call whose fallback is `fail` (one of the call's providers, with `failover_to`); a
 * call with a `cached` or `queue` fallback degrades rather than fails, so it is a soft edge. A
 * dependency needs every upstream.
 */
import type { SystemSpec } from '../scenario/schema.js';

/** A service in one region. */
export interface Deployment {
  service: string;
  region: string;
  database: string | null;
  /** Calls the request cannot do without: each needs one of its providers (first the primary). */
  hardCalls: string[][];
  /** Calls answered degraded when they fail (cached or queue fallback). */
  softCalls: string[][];
}

/** The graph of one design. */
export interface DependencyGraph {
  /** Client class → its service and the deployments it can reach (any one serves it). */
  classes: Array<{ name: string; service: string; deployments: Deployment[] }>;
  /** Database → primary region and the regions of its replicas. */
  databases: Map<string, { primary: string; replicas: string[]; promotion: 'automated' | 'manual' }>;
  /** Dependency → its upstreams. */
  dependencies: Map<string, string[]>;
  /** Redundancy the design claims: a class served from several regions, a call with several providers. */
  claims: Array<'multi-region' | 'multi-provider'>;
  /** Client classes the SLO counts (a component that takes one down breaks the SLO). */
  sloClasses: string[];
}

/** Builds the dependency graph of a design's system. `sloClasses`: the SLO's classes (undefined: all). */
export function dependencyGraph(system: SystemSpec, sloClasses?: string[]): DependencyGraph {
  const routed = system.global_router ? (system.global_router.service ?? Object.keys(system.services)[0]) : undefined;
  const deploymentsOf = (service: string): Deployment[] => {
    const spec = system.services[service]!;
    let regions = Object.entries(spec.instances).filter(([, n]) => n > 0).map(([r]) => r);
    if (system.global_router && service === routed) regions = system.global_router.regions.filter((r) => regions.includes(r));
    const calls = (soft: boolean) => spec.calls.filter((c) => (c.fallback.kind !== 'fail') === soft).map((c) => [c.dependency, ...c.failover_to]);
    return regions.map((region) => ({ service, region, database: spec.database ?? null, hardCalls: calls(false), softCalls: calls(true) }));
  };
  const classes = Object.entries(system.clients).map(([name, c]) => {
    const service = c.service ?? Object.keys(system.services)[0]!;
    return { name, service, deployments: deploymentsOf(service) };
  });
  const databases = new Map(
    Object.entries(system.databases).map(([name, db]) => [name, { primary: db.primary, replicas: db.replicas.map((r) => r.region), promotion: db.promotion.mode }]),
  );
  const dependencies = new Map(Object.entries(system.dependencies).map(([name, d]) => [name, [...d.upstream]]));
  const claims: DependencyGraph['claims'] = [];
  if (classes.some((c) => new Set(c.deployments.map((d) => d.region)).size > 1)) claims.push('multi-region');
  if (Object.values(system.services).some((s) => s.calls.some((c) => c.failover_to.length > 0))) claims.push('multi-provider');
  return { classes, databases, dependencies, claims, sloClasses: sloClasses ?? classes.map((c) => c.name) };
}

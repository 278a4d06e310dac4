/**
 * Single points of failure of a design that claims redundancy (multi-region or multi-provider):
 * each component whose failure alone leaves some SLO client class with no working path although
 * the class had redundant paths there (it is served from several regions, or the failure takes
 * down every provider of a call that has several), found by
 * failing every region, every database primary and every dependency in turn on the static graph
 * (dependencyGraph.ts). A region takes down the deployments and database nodes in it; a database
 * primary survives when a replica in another region can be promoted; a dependency takes down
 * every dependency that has it upstream, transitively, so two "independent" providers behind one
 * upstream fall together. The global router itself is taken as always up (no fault fails it).
 */
import type { Deployment, DependencyGraph } from './dependencyGraph.js';

/** A component whose single failure takes a design down. */
export interface SinglePointOfFailure {
  kind: 'region' | 'database' | 'dependency';
  component: string;
  /** SLO client classes left with no working path. */
  classes: string[];
  /** What fails with it, by name (deployments service@region, databases, dependencies). */
  takes_down: string[];
}

type Failure = { kind: SinglePointOfFailure['kind']; name: string };

/** Every single point of failure of `g` (empty when the design claims no redundancy). */
export function singlePointsOfFailure(g: DependencyGraph): SinglePointOfFailure[] {
  if (g.claims.length === 0) return [];
  const candidates: Failure[] = [
    ...[...regionsOf(g)].map((name) => ({ kind: 'region' as const, name })),
    ...[...g.databases.keys()].map((name) => ({ kind: 'database' as const, name })),
    ...[...g.dependencies.keys()].map((name) => ({ kind: 'dependency' as const, name })),
  ];
  const healthy = new Set(g.classes.filter((c) => c.deployments.some((d) => deploymentWorks(g, d, null))).map((c) => c.name));
  const out: SinglePointOfFailure[] = [];
  for (const f of candidates) {
    const classes = g.classes
      .filter((c) => g.sloClasses.includes(c.name) && healthy.has(c.name) && !c.deployments.some((d) => deploymentWorks(g, d, f)))
      .filter((c) => c.deployments.length > 1 || c.deployments.some((d) => d.hardCalls.some((ps) => ps.length > 1 && !ps.some((p) => dependencyWorks(g, p, f, new Set())))))
      .map((c) => c.name);
    if (classes.length > 0) out.push({ kind: f.kind, component: f.name, classes, takes_down: takenDown(g, f) });
  }
  return out;
}

function regionsOf(g: DependencyGraph): Set<string> {
  const out = new Set<string>();
  for (const c of g.classes) for (const d of c.deployments) out.add(d.region);
  for (const db of g.databases.values()) for (const r of [db.primary, ...db.replicas]) out.add(r);
  return out;
}

function deploymentWorks(g: DependencyGraph, d: Deployment, f: Failure | null): boolean {
  if (f?.kind === 'region' && f.name === d.region) return false;
  if (d.database !== null && !databaseWorks(g, d.database, f)) return false;
  return d.hardCalls.every((providers) => providers.some((p) => dependencyWorks(g, p, f, new Set())));
}

function databaseWorks(g: DependencyGraph, name: string, f: Failure | null): boolean {
  const db = g.databases.get(name);
  if (!db) return true;
  const regionDown = f?.kind === 'region' ? f.name : null;
  const primaryLost = (f?.kind === 'database' && f.name === name) || db.primary === regionDown;
  if (!primaryLost) return true;
  return db.replicas.some((r) => r !== regionDown);
}

function dependencyWorks(g: DependencyGraph, name: string, f: Failure | null, seen: Set<string>): boolean {
  if (f?.kind === 'dependency' && f.name === name) return false;
  if (seen.has(name)) return true;
  seen.add(name);
  return (g.dependencies.get(name) ?? []).every((u) => dependencyWorks(g, u, f, seen));
}

/** Deployments, databases and dependencies that are down under failure `f`. */
function takenDown(g: DependencyGraph, f: Failure): string[] {
  const out: string[] = [];
  const deployments = new Map<string, Deployment>();
  for (const c of g.classes) for (const d of c.deployments) deployments.set(`${d.service}@${d.region}`, d);
  for (const [name, d] of deployments) if (!deploymentWorks(g, d, f)) out.push(name);
  for (const name of g.databases.keys()) if (!databaseWorks(g, name, f)) out.push(name);
  for (const name of g.dependencies.keys()) if (name !== f.name && !dependencyWorks(g, name, f, new Set())) out.push(name);
  return out;
}

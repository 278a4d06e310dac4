/**
 * Renders a design's dependency graph and its single points of failure: as text for the terminal
 * (`outagesim graph`) and as Graphviz DOT (`--dot`), where a single point of failure is drawn red.
 */
import type { DependencyGraph, Deployment } from './dependencyGraph.js';
import type { SinglePointOfFailure } from './singlePoints.js';

const calls = (list: string[][]): string[] => list.map((providers) => providers.join(' or '));

/** The one-line sentence for a single point of failure. */
export function spofLine(design: string, s: SinglePointOfFailure): string {
  return `! ${design}: single point of failure: ${spofSentence(s)}`;
}

/** What a single point of failure is and what it takes down (`run`, `graph` and the report say it alike). */
export function spofSentence(s: Omit<SinglePointOfFailure, 'kind'> & { kind: string }): string {
  const with_ = s.takes_down.length > 0 ? `; down with it: ${s.takes_down.join(', ')}` : '';
  return `${s.kind} ${s.component} takes down every path of ${s.classes.join(', ')}${with_}`;
}

/** The text graph of one design. */
export function graphText(design: string, g: DependencyGraph, spofs: SinglePointOfFailure[]): string {
  const out: string[] = [];
  out.push(`design ${design}${g.claims.length > 0 ? ` (claims ${g.claims.join(', ')})` : ' (claims no redundancy)'}`);
  const deployments = new Map<string, Deployment>();
  for (const c of g.classes) {
    out.push(`  client ${c.name} -> ${c.service} in any of: ${c.deployments.map((d) => d.region).join(', ') || 'no region'}`);
    for (const d of c.deployments) deployments.set(`${d.service}@${d.region}`, d);
  }
  for (const [name, d] of deployments) {
    const needs = [`region ${d.region}`, ...(d.database ? [`database ${d.database}`] : []), ...calls(d.hardCalls).map((p) => `dependency ${p}`)];
    const soft = calls(d.softCalls);
    out.push(`  ${name} needs ${needs.join(', ')}${soft.length > 0 ? `; degrades without ${soft.join(', ')}` : ''}`);
  }
  for (const [name, db] of g.databases) {
    out.push(`  database ${name}: primary in ${db.primary}${db.replicas.length > 0 ? `, replicas in ${db.replicas.join(', ')} (${db.promotion} promotion)` : ', no replica'}`);
  }
  for (const [name, ups] of g.dependencies) if (ups.length > 0) out.push(`  dependency ${name} needs upstream ${ups.join(', ')}`);
  if (g.claims.length === 0) out.push('  single points of failure: not assessed (the design claims no redundancy)');
  else if (spofs.length === 0) out.push('  single points of failure: none');
  else for (const s of spofs) out.push(`  ${spofLine(design, s)}`);
  return out.join('\n');
}

const q = (s: string) => JSON.stringify(s);

/** The Graphviz DOT graph of every design, one cluster per design. */
export function graphDot(designs: Array<{ name: string; graph: DependencyGraph; spofs: SinglePointOfFailure[] }>): string {
  const out = ['digraph outagesim {', '  rankdir=LR;', '  node [shape=box, fontname="Helvetica"];'];
  designs.forEach(({ name, graph: g, spofs }, i) => {
    const id = (x: string) => q(`${i}:${x}`);
    const red = new Set(spofs.map((s) => `${s.kind}:${s.component}`));
    const node = (key: string, label: string) => out.push(`    ${id(key)} [label=${q(label)}${red.has(key) ? ', color=red, fontcolor=red, penwidth=2' : ''}];`);
    const edge = (a: string, b: string, attrs = '') => out.push(`    ${id(a)} -> ${id(b)}${attrs ? ` [${attrs}]` : ''};`);
    out.push(`  subgraph ${q(`cluster_${i}`)} {`, `    label=${q(`${name}${g.claims.length > 0 ? ` (${g.claims.join(', ')})` : ''}`)};`);
    const regions = new Set<string>();
    const deps = new Set<string>(g.dependencies.keys());
    for (const c of g.classes) {
      node(`client:${c.name}`, `client ${c.name}`);
      for (const d of c.deployments) {
        const dep = `${d.service}@${d.region}`;
        edge(`client:${c.name}`, dep, 'label="any of"');
        regions.add(d.region);
      }
    }
    const seen = new Set<string>();
    for (const c of g.classes) {
      for (const d of c.deployments) {
        const dep = `${d.service}@${d.region}`;
        if (seen.has(dep)) continue;
        seen.add(dep);
        node(dep, dep);
        edge(dep, `region:${d.region}`);
        if (d.database) edge(dep, `database:${d.database}`);
        for (const providers of d.hardCalls) for (const p of providers) edge(dep, `dependency:${p}`, providers.length > 1 ? 'label="one of"' : '');
        for (const providers of d.softCalls) for (const p of providers) edge(dep, `dependency:${p}`, 'style=dashed, label="degrades"');
      }
    }
    for (const [name, db] of g.databases) {
      node(`database:${name}`, `database ${name}`);
      edge(`database:${name}`, `region:${db.primary}`, 'label="primary"');
      for (const r of db.replicas) {
        edge(`database:${name}`, `region:${r}`, 'style=dashed, label="replica"');
        regions.add(r);
      }
      regions.add(db.primary);
    }
    for (const r of regions) node(`region:${r}`, `region ${r}`);
    for (const name of deps) {
      node(`dependency:${name}`, `dependency ${name}`);
      for (const u of g.dependencies.get(name)!) edge(`dependency:${name}`, `dependency:${u}`, 'label="upstream"');
    }
    out.push('  }');
  });
  out.push('}');
  return out.join('\n');
}

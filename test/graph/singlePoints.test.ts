/**
 * Single points of failure on the static dependency graph: a component is one when its failure
 * alone leaves an SLO client class with no working path although the class had redundant paths
 * (several regions, or several providers of a call). A shared upstream of two providers, a
 * database without a replica outside its region behind a multi-region service, are; a region of a
 * single-region design, a call that degrades through a fallback, a dependency with a truly
 * independent alternative, are not.
 */
import { describe, expect, it } from 'vitest';
import { dependencyGraph } from '../../src/graph/dependencyGraph.js';
import { graphDot, graphText } from '../../src/graph/format.js';
import { singlePointsOfFailure } from '../../src/graph/singlePoints.js';
import { loadScenarioText } from '../../src/scenario/load.js';

/** The graph and single points of failure of the base design of a scenario with this `system` body. */
async function analyse(systemLines: string[], slo = '{ success_ratio: 0.99, latency: 1s }') {
  const text = ['name: g', 'horizon: 1h', `slo: ${slo}`, 'system:', ...systemLines, 'fault: none', ''].join('\n');
  const loaded = await loadScenarioText(text, 'g.yaml');
  const s = loaded.designs[0]!.scenario;
  const graph = dependencyGraph(s.system, s.slo.classes);
  return { graph, spofs: singlePointsOfFailure(graph) };
}

const twoProviders = (upB: string, fallback = 'fail') => [
  '  regions: { east: {} }',
  '  dependencies:',
  '    edge: { latency: 5ms }',
  '    edge-b: { latency: 5ms }',
  '    a: { latency: 10ms, upstream: [edge] }',
  `    b: { latency: 10ms, upstream: [${upB}] }`,
  '  services:',
  `    api: { instances: { east: 2 }, service_time: 10ms, calls: [{ dependency: a, failover_to: [b], fallback: { kind: ${fallback} } }] }`,
  '  clients: { web: { rate: 1/s } }',
];

describe('singlePointsOfFailure', () => {
  it('names the upstream two providers share, with what falls with it; not the single region the design never claimed to survive', async () => {
    const { graph, spofs } = await analyse(twoProviders('edge'));
    expect(graph.claims).toEqual(['multi-provider']);
    expect(spofs).toEqual([{ kind: 'dependency', component: 'edge', classes: ['web'], takes_down: ['api@east', 'a', 'b'] }]);
  });

  it('finds none when the providers are independent, or when the call degrades instead of failing', async () => {
    expect((await analyse(twoProviders('edge-b'))).spofs).toEqual([]);
    expect((await analyse(twoProviders('edge', 'cached'))).spofs).toEqual([]);
  });

  it('names a database without a replica outside its region behind a multi-region service, and not once it has one', async () => {
    const system = (replicas: string) => [
      '  regions: { east: {}, west: {} }',
      `  databases: { orders: { primary: east, replicas: ${replicas} } }`,
      '  services:',
      '    api: { instances: { east: 2, west: 2 }, service_time: 10ms, database: orders }',
      '  clients: { web: { rate: 1/s } }',
    ];
    const bare = await analyse(system('[]'));
    expect(bare.graph.claims).toEqual(['multi-region']);
    expect(bare.spofs.map((s) => [s.kind, s.component])).toEqual([['region', 'east'], ['database', 'orders']]);
    expect((await analyse(system('[{ region: west, mode: async }]'))).spofs).toEqual([]);
  });

  it('counts only the regions the global router sends traffic to: a router pinned to one region claims no redundancy', async () => {
    const system = (routerRegions: string) => [
      '  regions: { east: {}, west: {} }',
      '  services:',
      '    api: { instances: { east: 2, west: 2 }, service_time: 10ms }',
      `  global_router: { regions: ${routerRegions} }`,
      '  clients: { web: { rate: 1/s }, batch: { rate: 1/s } }',
    ];
    expect((await analyse(system('[east, west]'))).spofs).toEqual([]);
    const pinned = await analyse(system('[east]'));
    expect(pinned.graph.claims).toEqual([]);
    expect(pinned.spofs).toEqual([]);
  });

  it('renders the graph as text and as DOT, the single point of failure in red', async () => {
    const { graph, spofs } = await analyse(twoProviders('edge'));
    const text = graphText('base', graph, spofs);
    expect(text.split('\n')).toEqual([
      'design base (claims multi-provider)',
      '  client web -> api in any of: east',
      '  api@east needs region east, dependency a or b',
      '  dependency a needs upstream edge',
      '  dependency b needs upstream edge',
      '  ! base: single point of failure: dependency edge takes down every path of web; down with it: api@east, a, b',
    ]);
    const dot = graphDot([{ name: 'base', graph, spofs }]);
    expect(dot).toMatch(/^digraph outagesim \{/);
    expect(dot).toContain('"0:dependency:edge" [label="dependency edge", color=red');
    expect(dot).not.toContain('"0:dependency:a" [label="dependency a", color=red');
    expect(dot).toContain('"0:dependency:a" -> "0:dependency:edge" [label="upstream"]');
  });
});

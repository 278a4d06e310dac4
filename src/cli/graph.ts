/**
 * `outagesim graph <scenario> [--dot]`: the dependency graph of each design and the single points
 * of failure of each design that claims redundancy, without simulating (static and fast).
 */
import type { Command } from 'commander';
import { dependencyGraph } from '../graph/dependencyGraph.js';
import { graphDot, graphText } from '../graph/format.js';
import { singlePointsOfFailure } from '../graph/singlePoints.js';
import { loadScenario } from '../scenario/load.js';
import type { CommandDeps } from './deps.js';

/** Registers `graph` on the program. */
export function registerGraph(program: Command, deps: Pick<CommandDeps, 'stdout'>): void {
  program
    .command('graph')
    .description('Print the dependency graph of each design and the single points of failure behind its claimed redundancy (no simulation)')
    .argument('<scenario>', 'scenario file')
    .option('--dot', 'print Graphviz DOT instead of text (single points of failure in red)')
    .action(async (file: string, o: { dot?: boolean }) => {
      const loaded = await loadScenario(file);
      const designs = loaded.designs.map((d) => {
        const graph = dependencyGraph(d.scenario.system, d.scenario.slo.classes);
        return { name: d.name, graph, spofs: singlePointsOfFailure(graph) };
      });
      deps.stdout(`${o.dot ? graphDot(designs) : designs.map((d) => graphText(d.name, d.graph, d.spofs)).join('\n\n')}\n`);
    });
}

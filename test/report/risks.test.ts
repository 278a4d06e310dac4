/**
 * Single points of failure and split brain in a report, per design, in HTML and Markdown, only when
 * present. From simulated Results read back from their JSON text: `shared-upstream` (its
 * shared-edge design has the edge network as a single point of failure, independent has none) and
 * a network partition (test/support/partitionScenario.ts) where automated promotion makes a split
 * brain from the promotion to the heal (10 min − 20 s detection − 10 s promotion = 9 min 30 s) and
 * fencing and manual promotion make none.
 */
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/report/html.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { riskSection } from '../../src/report/riskSection.js';
import { sections } from '../../src/report/section.js';
import type { ReportResult } from '../../src/report/types.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';
import { evacuationScenario } from '../support/evacuationScenario.js';
import { DETECTION_S, PARTITION_S, PROMOTION_S, partitionScenario } from '../support/partitionScenario.js';

const readBack = (r: unknown): ReportResult => JSON.parse(JSON.stringify(r)) as ReportResult;
const partitioned = readBack(simulateSequential(await loadScenarioText(partitionScenario, 'partition.yaml'), { replications: 1 }));
const upstream = readBack(simulateSequential(await loadScenario('scenarios/shared-upstream.yaml'), { replications: 1 }));
const plain = readBack(simulateSequential(await loadScenarioText(evacuationScenario('', 'designs:\n  only: {}'), 'plain.yaml')));
const libs = { vega: '', vegaLite: '', vegaEmbed: '' };
const render = (result: ReportResult) => {
  const secs = sections([{ source: 'r.json', result }]);
  return { html: reportHtml(secs, libs), md: reportMarkdown(secs, 'title') };
};

describe('single points of failure and split brain in a report', () => {
  it('lists each single point of failure of a design with what it takes down, in HTML and Markdown', () => {
    expect(upstream.designs.find((d) => d.name === 'independent')!.single_points_of_failure).toBeUndefined();
    const risks = riskSection(upstream);
    expect(risks).toEqual([
      { design: 'shared-edge', singlePoints: ['dependency edge-net takes down every path of shoppers; down with it: checkout@us-east, pay-a, pay-b'], splitBrain: null },
    ]);
    const { html, md } = render(upstream);
    expect(html).toContain('<h3>Single points of failure and split brain</h3>');
    expect(html).toContain('<li>shared-edge: single point of failure: dependency edge-net takes down every path of shoppers; down with it: checkout@us-east, pay-a, pay-b</li>');
    expect(html).not.toContain('independent: single point of failure');
    expect(md).toContain('**Single points of failure and split brain**');
    expect(md).toContain('- shared-edge: single point of failure: dependency edge-net takes down every path of shoppers; down with it: checkout@us-east, pay-a, pay-b');
  });

  it('states a split brain with its mean and longest time and the lost writes, only for the design that had one', () => {
    const automated = partitioned.designs.find((d) => d.name === 'automated')!;
    const fencing = partitioned.designs.find((d) => d.name === 'fencing')!;
    expect(automated.split_brain!.max).toBeCloseTo(PARTITION_S - DETECTION_S - PROMOTION_S, 6);
    expect(fencing.split_brain!.max).toBe(0);
    expect(partitioned.designs.find((d) => d.name === 'manual')!.split_brain!.max).toBe(0);
    const lost = automated.metrics.lost_writes.mean!;
    expect(lost).toBeGreaterThan(0);
    const sentence = `automated: split brain: two writable primaries for 9m 30s per replication on average (up to 9m 30s); the losing side's writes are discarded: lost writes ${lost.toFixed(1)} per replication (all causes)`;
    const { html, md } = render(partitioned);
    expect(html).toContain(`<li>${sentence.replace("'", '&#39;')}</li>`);
    expect(md).toContain(`- ${sentence}`);
    expect(riskSection(partitioned).map((r) => r.design)).toEqual(['automated']);
    expect(html).not.toContain('fencing: split brain');
    expect(md).not.toContain('fencing: split brain');
    expect(md).not.toContain('manual: split brain');
  });

  it('a Result with neither renders no such section', () => {
    expect(plain.designs.length).toBeGreaterThan(0);
    for (const d of plain.designs) {
      expect(d.single_points_of_failure).toBeUndefined();
      expect(d.split_brain).toBeUndefined();
    }
    expect(riskSection(plain)).toEqual([]);
    const { html, md } = render(plain);
    expect(html).not.toContain('Single points of failure');
    expect(md).not.toContain('Single points of failure');
    expect(html).not.toContain('split brain');
    expect(md).not.toContain('split brain');
  });
});

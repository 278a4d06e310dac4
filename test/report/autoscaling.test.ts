/**
 * Autoscaling in a report: a table (scale-outs, refusals for insufficient capacity, most instances,
 * scale-ins per design, service and region) in HTML and Markdown, and the instances-serving chart, only when
 * some design autoscales. From a small simulated Result read back from its JSON text
 * (test/support/evacuationScenario.ts): west autoscales after east is lost, and a second design
 * caps west at 7 instances (refusals).
 */
import { describe, expect, it } from 'vitest';
import { autoscalingTable } from '../../src/report/autoscalingSection.js';
import { chartsFor } from '../../src/report/charts/index.js';
import { reportHtml } from '../../src/report/html.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { renderChart } from '../../src/report/render.js';
import { sections } from '../../src/report/section.js';
import type { ReportResult } from '../../src/report/types.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { AUTOSCALING_LINE, evacuationScenario } from '../support/evacuationScenario.js';

const DESIGNS = 'designs:\n  unlimited: {}\n  limited: { system.regions.west.instance_limit: 7 }';

const resultOf = (autoscaling: string): ReportResult =>
  JSON.parse(JSON.stringify(simulateSequential(loadScenarioText(evacuationScenario(autoscaling, DESIGNS), 'autoscaling-report.yaml')))) as ReportResult;
const scaled = resultOf(AUTOSCALING_LINE);
const fixedFleet = resultOf('');
const libs = { vega: '', vegaLite: '', vegaEmbed: '' };

describe('autoscaling in a report', () => {
  it('the table has one row per design, service and region, with the means of the Result', () => {
    const t = autoscalingTable(scaled)!;
    expect(t.header).toEqual(['design', 'service', 'region', 'scale-outs', 'refused (insufficient capacity)', 'max instances', 'scale-ins']);
    const expected = scaled.designs.flatMap((d) => d.autoscaling!.map((a) => [d.name, a.service, a.region, a.scale_outs.mean!.toFixed(1), a.refused_insufficient_capacity.mean!.toFixed(1), a.max_instances.mean!.toFixed(1), a.scale_ins.mean!.toFixed(1)]));
    expect(expected.length).toBe(4);
    expect(t.rows).toEqual(expected);
    const west = (design: string) => t.rows.find((r) => r[0] === design && r[2] === 'west')!;
    // The limit of 7 stops west where the unlimited design goes on, and its refusals are counted.
    expect(west('limited')[5]).toBe('7.0');
    expect(Number(west('limited')[4])).toBeGreaterThan(0);
    expect(Number(west('unlimited')[5])).toBeGreaterThan(7);
    expect(west('unlimited')[4]).toBe('0.0');
  });

  it('HTML and Markdown show the table', () => {
    const secs = sections([{ source: 'a.json', result: scaled }]);
    const html = reportHtml(secs, libs);
    expect(html).toContain('<h3>Autoscaling (mean over replications)</h3>');
    expect(html).toContain('<th>refused (insufficient capacity)</th>');
    const md = reportMarkdown(secs, 'title');
    expect(md).toContain('**Autoscaling** (mean over replications)');
    const rows = autoscalingTable(scaled)!.rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(html).toContain(`<tr>${r.map((c, i) => `<td${i >= 3 ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`);
      expect(md).toContain(`| ${r.join(' | ')} |`);
    }
  });

  it('the instances chart draws each autoscaled service and region per design: west climbs from 6, to 7 under the limit', async () => {
    const chart = chartsFor(scaled).find((c) => c.id === 'instances')!;
    expect(chart).toBeDefined();
    const values = (chart.spec as { data: { values: Array<{ design: string; service_region: string; mean: number; t_min: number }> } }).data.values;
    expect(values.length).toBeGreaterThan(0);
    expect(new Set(values.map((v) => v.service_region))).toEqual(new Set(['api@east', 'api@west']));
    const westMeans = (design: string) => values.filter((v) => v.design === design && v.service_region === 'api@west').map((v) => v.mean);
    expect(westMeans('limited').length).toBeGreaterThan(0);
    expect(westMeans('limited')[0]).toBe(6);
    expect(Math.max(...westMeans('limited'))).toBe(7);
    expect(Math.max(...westMeans('unlimited'))).toBeGreaterThan(7);
    const { svg } = await renderChart(chart.spec);
    expect(svg).toContain('Instances serving');
  });

  it('a Result where nothing autoscales has no autoscaling table or instances chart', () => {
    expect(fixedFleet.designs.every((d) => d.autoscaling === undefined)).toBe(true);
    expect(Object.keys(fixedFleet.designs[0]!.timeline.series)).toContain('instances:api@west');
    expect(autoscalingTable(fixedFleet)).toBeNull();
    expect(chartsFor(fixedFleet).map((c) => c.id)).not.toContain('instances');
    const secs = sections([{ source: 'b.json', result: fixedFleet }]);
    expect(reportHtml(secs, libs)).not.toContain('Autoscaling');
    expect(reportMarkdown(secs, 'title')).not.toContain('Autoscaling');
  });
});

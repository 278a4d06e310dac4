import MarkdownIt from 'markdown-it';
import { beforeAll, describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/escape.js';
import { reportHtml, reportTitle } from '../../src/report/html.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { sections } from '../../src/report/section.js';
import type { ReportResult } from '../../src/report/types.js';
import { HOSTILE_DESIGNS, HOSTILE_SCENARIO, hostileResult } from './hostile.js';

let result: ReportResult;
beforeAll(async () => {
  result = await hostileResult();
});

describe('scenario strings in a report are inert', () => {
  it('HTML: names with <script> are text; the only script elements are the report\'s own five', () => {
    const secs = sections([{ source: 'evil<b>.json', result }]);
    const html = reportHtml(secs, { vega: '/*vega*/', vegaLite: '/*vega-lite*/', vegaEmbed: '/*embed*/' });
    expect(html.match(/<script/gi)!.length).toBe(5);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain(`<h2>${escapeHtml(HOSTILE_SCENARIO)}</h2>`);
    for (const name of HOSTILE_DESIGNS) expect(html).toContain(`<td>${escapeHtml(name)}</td>`);
    expect(html).toContain(`<title>${escapeHtml(reportTitle(secs))}</title>`);
  });

  it('Markdown: names render as their own text in one table cell each, with no HTML and no formatting', () => {
    const md = reportMarkdown(sections([{ source: 'evil|`x`.json', result }]), reportTitle(sections([{ source: 's', result }])));
    const tokens = new MarkdownIt({ html: true }).parse(md, {});
    expect(tokens.filter((t) => t.type.startsWith('html')).length).toBe(0);
    const inline = tokens.filter((t) => t.type === 'inline').flatMap((t) => t.children!);
    expect(inline.filter((t) => t.type.startsWith('html') || t.type === 'link_open' || t.type === 'em_open' || t.type === 's_open').length).toBe(0);
    // design cells: the first cell of each body row holds exactly the design's name as text
    const firstCells = tokens.filter((t, i) => t.type === 'inline' && tokens[i - 1]?.type === 'td_open' && tokens[i - 2]?.type === 'tr_open');
    expect(firstCells.map((t) => t.children!.map((c) => c.content).join(''))).toEqual(HOSTILE_DESIGNS);
    const rows = tokens.filter((t) => t.type === 'tr_open').length;
    expect(rows).toBe(1 + HOSTILE_DESIGNS.length);
    expect(tokens.filter((t) => t.type === 'td_open').length).toBe(7 * HOSTILE_DESIGNS.length);
    const heading = tokens.findIndex((t) => t.type === 'heading_open' && t.tag === 'h3');
    expect(tokens[heading + 1]!.children!.map((c) => c.content).join('')).toBe(HOSTILE_SCENARIO);
  });
});

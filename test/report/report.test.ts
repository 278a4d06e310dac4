import MarkdownIt from 'markdown-it';
import { beforeAll, describe, expect, it } from 'vitest';
import { chartsFor } from '../../src/report/charts/index.js';
import { duration, usd } from '../../src/report/format.js';
import { reportHtml } from '../../src/report/html.js';
import { reportMarkdown } from '../../src/report/markdown.js';
import { renderChart } from '../../src/report/render.js';
import { buildReport, defaultReportDir } from '../../src/report/report.js';
import { sections } from '../../src/report/section.js';
import type { ReportResult } from '../../src/report/types.js';
import { verdict } from '../../src/report/verdict.js';
import { resultJson, shippedResult, withCostAndPhases, withoutCostAndPhases } from './fixtures.js';

let pool: ReportResult;
let storm: ReportResult;
/** pool-timeout-incident as shipped, with its prices (real `cost` and `cost_summary` fields). */
let pricedPool: ReportResult;
beforeAll(async () => {
  pricedPool = await shippedResult('pool-timeout-incident');
  // as scenarios without prices or phases give them; withCostAndPhases adds contract.md's fields
  pool = withoutCostAndPhases(pricedPool);
  storm = withoutCostAndPhases(await shippedResult('agent-retry-storm'));
});

const ids = (r: ReportResult) => chartsFor(r).map((c) => c.id);
const libs = { vega: '', vegaLite: '', vegaEmbed: '' };

describe('report charts', () => {
  it('pool-timeout-incident shows the cause: stale connections and instances in rotation', () => {
    expect(ids(pool)).toEqual(['success-ratio', 'rto-distribution', 'cause', 'retry-amplification', 'goodput']);
    const cause = chartsFor(pool).find((c) => c.id === 'cause')!;
    const [stale, healthy] = (cause.spec['vconcat'] as Array<{ data: { values: Array<{ mean: number; design: string }> } }>).map((p) => p.data.values);
    expect(stale!.length).toBeGreaterThan(0);
    // as-incident keeps 6 instances x 20 pooled connections to the dead host; the fixed design evicts them
    expect(Math.max(...stale!.filter((r) => r.design === 'as-incident').map((r) => r.mean))).toBe(120);
    expect(Math.max(...healthy!.filter((r) => r.design === 'as-incident').map((r) => r.mean))).toBe(6);
  });

  it('a storm scenario has attempts by client class and no cause chart; cost and phases add their charts', () => {
    expect(ids(storm)).toEqual(['success-ratio', 'rto-distribution', 'retry-amplification', 'goodput', 'attempts-by-class']);
    expect(ids(withCostAndPhases(pool))).toEqual(['success-ratio', 'rto-distribution', 'cost-vs-rto', 'rto-phases', 'cause', 'retry-amplification', 'goodput']);
  });

  it('the success-ratio chart marks every event of each representative replication inside its window', () => {
    const spec = chartsFor(pool)[0]!.spec as { data: { values: Array<{ layer: string; design: string }> } };
    for (const d of pool.designs) {
      const marked = spec.data.values.filter((r) => r.layer === 'event' && r.design === d.name).length;
      expect(d.timeline.events.length).toBeGreaterThan(0);
      expect(marked).toBe(d.timeline.events.length);
    }
  });

  it('the RTO distribution has one tick per recovered replication and names the not-recovered count', () => {
    const spec = chartsFor(storm)[1]!.spec as { data: { values: Array<{ design: string }> }; layer: Array<{ encoding: { y: { scale: { domain: string[] } } } }> };
    for (const d of storm.designs) expect(spec.data.values.filter((r) => r.design === d.name).length).toBe(d.metrics.rto_s.recovered);
    expect(storm.designs[0]!.metrics.rto_s.not_recovered).toBeGreaterThan(0);
    expect(spec.layer[0]!.encoding.y.scale.domain[0]).toBe(`no-defences (${storm.designs[0]!.metrics.rto_s.not_recovered} of 2 not recovered)`);
  });

  it('renders a chart in Node as SVG with its title and as PNG', async () => {
    const { svg, png } = await renderChart(chartsFor(pool)[1]!.spec);
    expect(svg).toMatch(/^<svg /);
    expect(svg).toContain('RTO distribution per design');
    expect(svg).toContain('RTO (minutes');
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});

describe('report verdict', () => {
  it('without prices: the design that recovers fastest, with both RTO p50 and the paired CI', () => {
    const [asIncident, fixed] = pool.designs;
    const v = verdict(pool);
    expect(v).toContain(`"fixed" wins: it recovers fastest, RTO p50 ${duration(fixed!.metrics.rto_s.p50)} against RTO p50 ${duration(asIncident!.metrics.rto_s.p50)} for "as-incident"`);
    expect(v).toMatch(/paired difference -1h \d\dm, 95% CI/);
  });

  it('with prices: the cheapest in total at the scenario\'s downtime cost, and what the fastest would cost more', () => {
    const cheapDowntime = withCostAndPhases(pool, 10);
    const [a, f] = cheapDowntime.designs;
    expect(a!.cost!.total_annual_usd).toBeLessThan(f!.cost!.total_annual_usd);
    expect(verdict(cheapDowntime)).toContain(`"as-incident" wins on cost: RTO p50 ${duration(a!.metrics.rto_s.p50)} for the lowest total at $10 per minute of downtime, ${usd(a!.cost!.total_annual_usd)} a year`);
    expect(verdict(cheapDowntime)).toContain(`would cost ${usd(f!.cost!.total_annual_usd - a!.cost!.total_annual_usd)} a year more, and pays for itself only above`);
    const dearDowntime = withCostAndPhases(pool, 1000);
    const [a2, f2] = dearDowntime.designs;
    expect(verdict(dearDowntime)).toContain(`"fixed" wins: it recovers fastest`);
    expect(verdict(dearDowntime)).toContain(`${usd(f2!.cost!.monthly_usd - a2!.cost!.monthly_usd)} a month more than "as-incident" in infrastructure, repaid by ${usd(a2!.cost!.total_annual_usd - f2!.cost!.total_annual_usd)} a year lower total`);
  });

  it('with business recovery tracked: recovery is business recovery, and a tie in total goes to the design that recovers sooner', async () => {
    const quotas = await shippedResult('backup-region-quotas');
    const by = (name: string) => quotas.designs.find((d) => d.name === name)!;
    const [keys, fixed] = [by('idempotency-keys'), by('fixed')];
    // The raised quota is not in the price table, so these two cost the same; the cost layer's
    // tie goes to the earlier design, which recovers the business four times slower.
    expect(Math.abs(keys.cost!.total_annual_usd - fixed.cost!.total_annual_usd)).toBeLessThan(1);
    expect(quotas.cost_summary!.cheapest_total).toBe('idempotency-keys');
    expect(fixed.metrics.business_rto_s!.p50!).toBeLessThan(keys.metrics.business_rto_s!.p50! / 2);
    const fastest = [...quotas.designs].sort((a, b) => a.metrics.business_rto_s!.p50! - b.metrics.business_rto_s!.p50!)[0]!;
    expect(fastest.name).not.toBe('idempotency-keys');
    const v = verdict(quotas);
    const phrase = `business RTO p50 ${duration(fixed.metrics.business_rto_s!.p50)}, RTO p50 ${duration(fixed.metrics.rto_s.p50)}`;
    if (fastest.name === 'fixed') {
      expect(v.startsWith(`"fixed" wins: it recovers fastest (${phrase} against`)).toBe(true);
    } else {
      expect(v.startsWith(`"fixed" wins on cost: ${phrase} for the lowest total`)).toBe(true);
      expect(v).toContain(`the fastest design, "${fastest.name}" (business RTO p50 ${duration(fastest.metrics.business_rto_s!.p50)}, RTO p50`);
    }
    // Without prices: the fastest business recovery wins, with no paired claim (the Result pairs RTOs only, equal here).
    const unpriced = verdict(withoutCostAndPhases(quotas));
    expect(unpriced.startsWith(`"${fastest.name}" wins: it recovers fastest, business RTO p50 ${duration(fastest.metrics.business_rto_s!.p50)}`)).toBe(true);
    expect(unpriced).not.toContain('paired');
  });

  it('with equal running costs, the verdict says so instead of a zero difference', () => {
    const priced = withCostAndPhases(pool, 1000);
    for (const d of priced.designs) {
      d.cost!.total_annual_usd += 12 * (1000 - d.cost!.monthly_usd);
      d.cost!.monthly_usd = 1000;
    }
    expect(verdict(priced)).toContain('the same infrastructure cost as "as-incident", and');
    expect(usd(0)).toBe('$0');
    expect(usd(2.5)).toBe('$2.50');
  });

  it('a design that never recovers loses to one that does', () => {
    expect(verdict(storm)).toMatch(/^"retry-budgets" wins: it recovers fastest/);
    expect(storm.designs.find((d) => d.name === 'retry-budgets')!.metrics.rto_s.not_recovered).toBe(0);
  });
});

describe('report sections and summaries', () => {
  it('several Results make one section each, in the order given, with prefixed chart ids', () => {
    const secs = sections([{ source: 'run.json', result: pool }, { source: 'rerun.json', result: storm }]);
    expect(secs.map((s) => [s.prefix, s.source])).toEqual([['r1-', 'run.json'], ['r2-', 'rerun.json']]);
    const html = reportHtml(secs, libs);
    expect(html.indexOf('id="r1-result"')).toBeLessThan(html.indexOf('id="r2-result"'));
    expect(html).toContain('id="r1-success-ratio"');
    expect(html).toContain('id="r2-attempts-by-class"');
    const md = reportMarkdown(secs, 'title');
    expect(md.match(/^### /gm)!.length).toBe(2);
    expect(md.indexOf('### pool-timeout-incident')).toBeLessThan(md.indexOf('### agent-retry-storm'));
    expect(md).toContain('`charts/r2-attempts-by-class.png`');
    expect(defaultReportDir([{ source: 'a', result: pool }, { source: 'b', result: storm }])).toBe('reports/pool-timeout-incident+agent-retry-storm');
    expect(sections([{ source: 'run.json', result: pool }])[0]!.prefix).toBe('');
  });

  it('the summary table carries RTO with the not-recovered count, RPO, availability and, with prices, the money', () => {
    const md = reportMarkdown(sections([{ source: 'r.json', result: withCostAndPhases(storm) }]), 't');
    const tokens = new MarkdownIt().parse(md, {});
    const headers = tokens.filter((t, i) => t.type === 'inline' && tokens[i - 1]?.type === 'th_open').map((t) => t.content);
    expect(headers.slice(0, 10)).toEqual(['design', 'RTO p50', 'RTO p95', 'not recovered', 'RPO mean', 'lost writes', 'availability', 'monthly cost', 'expected annual outage loss', 'total per year']);
    expect(md).toMatch(/\| no-defences \| - \| - \| 2 of 2 \|/);
    expect(md).toContain('> ⚠ no-defences: 2 of 2 replications did not recover within the horizon; RTO statistics cover the recovered ones only; its expected outage loss counts them as down until the horizon.');
    expect(md).toContain('Cost figures are estimates from price table test-prices (2026-11-01).');
    expect(md).toMatch(/- 75% of the "edge-rate-limits" recovery is instance cycling/);
    expect(md.length).toBeLessThan(65_536);
  });

  it('the HTML itemises each design\'s monthly cost from its breakdown', () => {
    const priced = withCostAndPhases(pool);
    const html = reportHtml(sections([{ source: 'r.json', result: priced }]), libs);
    for (const d of priced.designs) {
      const line = d.cost!.breakdown[0]!;
      expect(html).toContain(`<summary>${d.name}: ${usd(d.cost!.monthly_usd)} a month, line by line (${d.cost!.note})</summary>`);
      expect(html).toContain(`<td>${line.item}</td><td>${line.detail}</td><td class="num">${line.quantity.toFixed(2)}</td>`);
    }
  });
});

describe('building a report', () => {
  it('reports progress once per chart rendered, and lists the page, the summary and three files per chart', async () => {
    const tiny = JSON.parse(await resultJson('test/fixtures/runner/tiny.yaml', 2)) as ReportResult;
    const calls: Array<[number, number]> = [];
    const files = await buildReport([{ source: 'tiny.json', result: tiny }], { onProgress: (done, total) => calls.push([done, total]) });
    const charts = chartsFor(tiny).map((c) => c.id);
    expect(charts.length).toBeGreaterThan(0);
    expect(calls).toEqual(charts.map((_, i) => [i + 1, charts.length]));
    expect(files.map((f) => f.path)).toEqual(['report.html', 'summary.md', ...charts.flatMap((id) => [`specs/${id}.vl.json`, `charts/${id}.svg`, `charts/${id}.png`])]);
  });
});

describe('report of a shipped scenario with its real prices', () => {
  it('the verdict names the cheapest design in total at the scenario\'s downtime cost, with its figures', () => {
    const summary = pricedPool.cost_summary!;
    expect(pricedPool.designs.every((d) => d.cost !== undefined)).toBe(true);
    const cheapest = pricedPool.designs.find((d) => d.name === summary.cheapest_total)!;
    const v = verdict(pricedPool);
    expect(v.startsWith(`"${cheapest.name}" wins`)).toBe(true);
    expect(v).toContain(`at ${usd(summary.downtime_cost_per_minute_usd)} per minute of downtime, ${usd(cheapest.cost!.total_annual_usd)} a year (${usd(cheapest.cost!.monthly_usd)} a month of infrastructure plus ${usd(cheapest.cost!.expected_annual_outage_loss_usd)} expected outage loss)`);
  });

  it('the table, the notes and the charts carry the real cost fields', () => {
    expect(ids(pricedPool)).toContain('cost-vs-rto');
    const md = reportMarkdown(sections([{ source: 'r.json', result: pricedPool }]), 't');
    for (const d of pricedPool.designs) {
      const c = d.cost!;
      expect(md).toContain(`| ${usd(c.monthly_usd).replace('$', '\\$')} | ${usd(c.expected_annual_outage_loss_usd).replace('$', '\\$')} | ${usd(c.total_annual_usd).replace('$', '\\$')} |`);
      expect(md).toContain(`Cost figures are estimates from price table ${c.price_table.name} (${c.price_table.date}).`);
    }
    const costVerdicts = pricedPool.comparisons.filter((c) => c.metric === 'cost');
    expect(costVerdicts.length).toBe(pricedPool.designs.length - 1);
    for (const c of costVerdicts) expect(md).toContain(c.verdict.slice(0, 40).replace(/\$/g, '\\$'));
  });
});

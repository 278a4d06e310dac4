/**
 * The HTML report: one self-contained page that opens offline. vega, vega-lite and vega-embed are
 * inlined; chart specs (data inline) sit in a JSON script element; a Content-Security-Policy
 * forbids every network request. Every string from a Result is escaped. `window.reportReady`
 * resolves once every chart is drawn (tests and screenshots wait on it).
 */
import type { ChartLibraries } from './assets.js';
import { escapeHtml as e, inlineScript, scriptJson } from './escape.js';
import { duration, fixed, usd } from './format.js';
import { riskLines } from './riskSection.js';
import { sectionScenario, type AnySection, type Section } from './section.js';
import type { StudySection } from './studySection.js';

const CSP = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:";

const STYLE = `
body { font-family: 'DejaVu Sans', Verdana, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.5rem; border-bottom: 2px solid #ddd; padding-bottom: 0.2rem; }
.meta { color: #555; font-size: 0.9rem; } .verdict { font-size: 1.1rem; background: #f4f7fb; border-left: 4px solid #4e79a7; padding: 0.6rem 0.9rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.92rem; } th, td { border: 1px solid #ddd; padding: 0.3rem 0.6rem; }
th { background: #f4f4f4; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.warn { color: #9a3412; } figure { margin: 1.6rem 0; } figcaption { color: #555; font-size: 0.88rem; max-width: 900px; }
.chart { min-height: 120px; } .events td:first-child { text-align: right; font-variant-numeric: tabular-nums; }`;

function tableHtml(header: string[], rows: string[][], numericFrom = 1): string {
  const head = `<tr>${header.map((h) => `<th>${e(h)}</th>`).join('')}</tr>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${i >= numericFrom ? ' class="num"' : ''}>${e(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function list(items: string[], cls = ''): string {
  return items.length === 0 ? '' : `<ul${cls ? ` class="${cls}"` : ''}>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
}

function eventsHtml(s: Section): string {
  return s.result.designs
    .map((d) => {
      const rows = d.timeline.events.map((ev) => [`${ev.t_s < 0 ? '-' : '+'}${duration(Math.abs(ev.t_s))}`, ev.text]);
      return `<details><summary>${e(d.name)}: events of replication ${e(String(d.timeline.representative_replication))} (median RTO), time from fault start</summary>\n<table class="events"><tbody>${rows.map((r) => `<tr><td>${e(r[0]!)}</td><td>${e(r[1]!)}</td></tr>`).join('')}</tbody></table></details>`;
    })
    .join('\n');
}

function breakdownHtml(s: Section): string {
  return s.result.designs
    .filter((d) => d.cost && d.cost.breakdown.length > 0)
    .map((d) => {
      const c = d.cost!;
      const rows = c.breakdown.map((b) => [b.item, b.detail, fixed(b.quantity, 2), b.unit, usd(b.unit_price_usd), usd(b.monthly_usd)]);
      rows.push(['total', '', '', '', '', usd(c.monthly_usd)]);
      return `<details><summary>${e(d.name)}: ${e(usd(c.monthly_usd))} a month, line by line (${e(c.note)})</summary>\n${tableHtml(['item', 'detail', 'quantity', 'unit', 'unit price', 'per month'], rows, 2)}</details>`;
    })
    .join('\n');
}

function sectionHtml(s: Section): string {
  const { scenario, tool } = s.result;
  const out: string[] = [];
  out.push(`<section id="${s.prefix}result">`);
  out.push(`<h2>${e(scenario.name)}</h2>`);
  out.push(`<p class="meta">Result file ${e(s.source)} · scenario ${e(scenario.file)} · seed ${e(String(scenario.seed))} · ${e(String(scenario.replications))} replications · horizon ${e(duration(scenario.horizon_s))} · ${e(tool.name)} ${e(tool.version)}</p>`);
  out.push(`<p class="verdict">${e(s.verdict)}</p>`);
  out.push(tableHtml(s.table.header, s.table.rows));
  out.push(list(s.warnings, 'warn'));
  if (s.costNotes.length > 0) out.push(`<p class="meta">${s.costNotes.map(e).join(' ')}</p>`);
  out.push(breakdownHtml(s));
  if (s.cheapest.length > 0) {
    out.push('<h3>Cheapest design in total, by the cost of a minute of downtime</h3>');
    out.push(tableHtml(['downtime cost', 'cheapest in total'], s.cheapest, 2));
  }
  out.push(list(s.breakEvens));
  out.push(list(s.phases));
  if (s.risks.length > 0) {
    out.push('<h3>Single points of failure and split brain</h3>');
    out.push(list(riskLines(s.risks), 'warn'));
  }
  if (s.autoscaling) {
    out.push('<h3>Autoscaling (mean over replications)</h3>');
    out.push(tableHtml(s.autoscaling.header, s.autoscaling.rows, 3));
  }
  if (s.result.comparisons.length > 0) {
    out.push(`<h3>Paired comparisons against ${e(s.result.designs[0]!.name)}</h3>`);
    out.push(list(s.result.comparisons.map((c) => c.verdict)));
  }
  out.push(...chartsHtml(s));
  out.push('<h3>Events</h3>');
  out.push(eventsHtml(s));
  out.push('</section>');
  return out.filter((x) => x !== '').join('\n');
}

function chartsHtml(s: AnySection): string[] {
  return s.charts.map((c) => `<figure><div class="chart" id="${s.prefix}${c.id}" data-chart="${c.id}" role="img" aria-label="${e(c.title)}"></div><figcaption>${e(c.caption)}</figcaption></figure>`);
}

function studySectionHtml(s: StudySection): string {
  const out: string[] = [];
  out.push(`<section id="${s.prefix}result">`);
  out.push(`<h2>${e(s.heading)}</h2>`);
  out.push(`<p class="meta">${e(s.meta)}</p>`);
  out.push(list(s.lead));
  out.push(...chartsHtml(s));
  for (const t of s.tables) {
    out.push(`<h3>${e(t.caption)}</h3>`);
    out.push(tableHtml(t.header, t.rows, 2));
  }
  out.push('</section>');
  return out.filter((x) => x !== '').join('\n');
}

/** The title of a report over `sections`. */
export function reportTitle(sections: AnySection[]): string {
  return `outagesim report: ${[...new Set(sections.map((s) => sectionScenario(s).name))].join(', ')}`;
}

/** The whole HTML page. */
export function reportHtml(sections: AnySection[], libs: ChartLibraries): string {
  const specs: Record<string, unknown> = {};
  for (const s of sections) for (const c of s.charts) specs[`${s.prefix}${c.id}`] = c.spec;
  const intro = sections.length === 1
    ? ''
    : `<p class="meta">${sections.length} documents, one section each, in the order given: ${sections.map((s) => `${e(s.source)} (${e(sectionScenario(s).name)}, seed ${e(String(sectionScenario(s).seed))})`).join('; ')}.</p>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(reportTitle(sections))}</title>
<style>${STYLE}</style>
<script>${inlineScript(libs.vega)}</script>
<script>${inlineScript(libs.vegaLite)}</script>
<script>${inlineScript(libs.vegaEmbed)}</script>
</head>
<body>
<h1>${e(reportTitle(sections))}</h1>
<p class="meta">Simulated outcomes over replications; RTO statistics cover the replications that recovered. Hover a chart for values.</p>
${intro}
${sections.map((s) => (s.kind === 'result' ? sectionHtml(s) : studySectionHtml(s))).join('\n')}
<script type="application/json" id="chart-specs">${scriptJson(specs)}</script>
<script>
window.reportReady = (function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  return Promise.all(Object.keys(specs).map(function (id) {
    return vegaEmbed(document.getElementById(id), specs[id], { renderer: 'svg', actions: false }).catch(function (err) {
      document.getElementById(id).textContent = 'This chart could not be drawn: ' + err.message;
      console.error('chart ' + id + ': ' + err.message);
      throw err;
    });
  })).then(function () { return Object.keys(specs).length; });
})();
</script>
</body>
</html>
`;
}

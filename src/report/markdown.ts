/**
 * The Markdown summary: what fits a pull-request comment (GitHub allows 65,536 characters) — per
 * Result its verdict, summary table, warnings, cost notes, single points of failure and split brain, autoscaling table and the paired
 * verdicts, with the chart files named. Every string from a Result is escaped, so names cannot
 * break the table or format.
 */
import { escapeMarkdown as m } from './escape.js';
import { duration } from './format.js';
import { riskLines } from './riskSection.js';
import type { AnySection, Section } from './section.js';
import type { StudySection } from './studySection.js';

function tableMd(header: string[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.map(m).join(' | ')} |`;
  return [line(header), `|${header.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map(line)];
}

function sectionMd(s: Section): string[] {
  const { scenario } = s.result;
  const out: string[] = [];
  out.push(`### ${m(scenario.name)}`, '');
  out.push(`Result file ${m(s.source)} · seed ${scenario.seed} · ${scenario.replications} replications · horizon ${duration(scenario.horizon_s)}`, '');
  out.push(`**${m(s.verdict)}**`, '');
  out.push(...tableMd(s.table.header, s.table.rows), '');
  for (const w of s.warnings) out.push(`> ⚠ ${m(w)}`, '');
  if (s.costNotes.length > 0) out.push(m(s.costNotes.join(' ')), '');
  if (s.cheapest.length > 0) out.push(...tableMd(['downtime cost', 'cheapest in total'], s.cheapest), '');
  for (const line of [...s.breakEvens, ...s.phases]) out.push(`- ${m(line)}`);
  if (s.breakEvens.length + s.phases.length > 0) out.push('');
  if (s.risks.length > 0) out.push('**Single points of failure and split brain**', '', ...riskLines(s.risks).map((l) => `- ${m(l)}`), '');
  if (s.autoscaling) out.push('**Autoscaling** (mean over replications)', '', ...tableMd(s.autoscaling.header, s.autoscaling.rows), '');
  if (s.result.comparisons.length > 0) {
    out.push(`Paired comparisons against ${m(s.result.designs[0]!.name)} (common random numbers):`, '');
    for (const c of s.result.comparisons) out.push(`- ${m(c.verdict)}`);
    out.push('');
  }
  out.push(chartsLine(s), '');
  return out;
}

function chartsLine(s: AnySection): string {
  return `Charts: ${s.charts.map((c) => `\`charts/${s.prefix}${c.id}.png\``).join(', ')} (SVG beside them, vega-lite specs in specs/, all drawn in report.html).`;
}

function studySectionMd(s: StudySection): string[] {
  const out: string[] = [`### ${m(s.heading)}`, '', m(s.meta), ''];
  for (const line of s.lead) out.push(`- ${m(line)}`);
  if (s.lead.length > 0) out.push('');
  for (const t of s.tables) out.push(`**${m(t.caption)}**`, '', ...tableMd(t.header, t.rows), '');
  if (s.charts.length > 0) out.push(chartsLine(s), '');
  return out;
}

/** The Markdown summary of a report over `sections`. */
export function reportMarkdown(sections: AnySection[], title: string): string {
  const out = [`## ${m(title)}`, ''];
  if (sections.length > 1) out.push(`${sections.length} documents, one section each, in the order given.`, '');
  for (const s of sections) out.push(...(s.kind === 'result' ? sectionMd(s) : studySectionMd(s)));
  return `${out.join('\n').trimEnd()}\n`;
}

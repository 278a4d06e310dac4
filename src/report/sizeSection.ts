/**
 * The report section of a `size` search: the answer first, the points tried (value, the target
 * metric's mean and 95% CI, whether it met the target, monthly cost) and the cost-versus-metric
 * frontier chart. `size` prints the same lines.
 */
import type { SizeResult } from '../runner/size.js';
import { sizeFrontierChart } from './charts/sizeFrontier.js';
import { duration, percent, usd } from './format.js';
import type { StudySection, StudyTable } from './studySection.js';

/** A figure of the target's metric as people read it: durations for *_s, percentages for shares. */
export function metricText(metric: string, x: number | null): string {
  if (x === null) return '-';
  const name = metric.split('.').pop()!;
  if (name.endsWith('_s')) return x < 1 && x > 0 ? `${+(x * 1000).toPrecision(3)}ms` : duration(x);
  if (name === 'availability' || name.endsWith('_ratio') || name === 'utilization') return percent(x, 3);
  return String(+x.toPrecision(4));
}

/** The target as written: `p95_latency_s < 1.0s`. */
export function targetText(doc: SizeResult): string {
  return `${doc.target.metric} ${doc.target.op} ${metricText(doc.target.metric, doc.target.value)}`;
}

/** The points tried, in increasing value. */
export function sizeTable(doc: SizeResult): StudyTable {
  const m = doc.target.metric;
  const rows = doc.points.map((p) => [
    String(p.value), String(p.tried), metricText(m, p.metric.mean),
    p.metric.ci95 === null ? '-' : `${metricText(m, p.metric.ci95[0])}–${metricText(m, p.metric.ci95[1])}`,
    p.missing > 0 ? `${p.missing} not recovered` : '', p.meets ? 'yes' : 'no', usd(p.monthly_usd),
  ]);
  return { caption: `Every value tried (in increasing value; "tried" is the search's order), ${m} over ${doc.scenario.replications} replications each`, header: ['value', 'tried', `${m} mean`, '95% CI', 'missing', 'meets', 'monthly cost'], rows };
}

/** The answer in one sentence. */
export function sizeLead(doc: SizeResult): string[] {
  const what = doc.vary.params.length === 1 ? doc.vary.params[0]! : `${doc.vary.params.join(', ')} (each)`;
  if (doc.answer === null) return [`No value of ${what} from ${doc.vary.min} to ${doc.vary.max} meets ${targetText(doc)} with 95% confidence for design "${doc.design}".`];
  const p = doc.points.find((x) => x.value === doc.answer)!;
  const cost = p.monthly_usd === null ? '' : `, at ${usd(p.monthly_usd)} a month (estimate from the price table)`;
  const ci = p.metric.ci95 === null ? '' : ` (95% CI ${metricText(doc.target.metric, p.metric.ci95[0])}–${metricText(doc.target.metric, p.metric.ci95[1])})`;
  return [`Smallest ${what} for design "${doc.design}" meeting ${targetText(doc)} with 95% confidence: ${doc.answer}, where ${doc.target.metric} is ${metricText(doc.target.metric, p.metric.mean)}${ci}${cost}.`];
}

/** The lines `size` prints: header, table, answer. */
export function sizeLines(doc: SizeResult, table: (rows: string[][]) => string): string[] {
  const t = sizeTable(doc);
  return [
    `${doc.tool.name} ${doc.tool.version} · size of ${doc.scenario.name}, design ${doc.design} · vary ${doc.vary.params.join(', ')} in ${doc.vary.min}..${doc.vary.max} · target ${targetText(doc)} (95% CI bound) · seed ${doc.scenario.seed}, ${doc.scenario.replications} replications per point (common random numbers)`,
    '',
    table([t.header, ...t.rows]),
    '',
    ...sizeLead(doc),
  ];
}

/** The section of a size search read from `source`. */
export function sizeSection(doc: SizeResult, source: string, index: number, prefix: string): StudySection {
  const s = doc.scenario;
  const chart = sizeFrontierChart(doc);
  return {
    kind: 'study', index, prefix, source, name: s.name, seed: s.seed,
    heading: `${s.name}: size of ${doc.vary.params.join(', ')} for ${targetText(doc)}`,
    meta: `Size file ${source} · scenario ${s.file} · design ${doc.design} · ${doc.points.length} values tried · seed ${s.seed} (every point: common random numbers) · ${s.replications} replications per point · horizon ${duration(s.horizon_s)} · ${doc.tool.name} ${doc.tool.version}`,
    lead: sizeLead(doc),
    tables: [sizeTable(doc)],
    charts: chart ? [chart] : [],
  };
}

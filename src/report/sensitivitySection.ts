/**
 * The report section of a sensitivity analysis: per design, which uncertain parameter moves each
 * metric most, the ranking tables (the same rows `sensitivity` prints) and one tornado chart per
 * metric.
 */
import type { SensitivityResult } from '../runner/sensitivity.js';
import { tornadoCharts } from './charts/tornado.js';
import { duration, percent, usd } from './format.js';
import type { StudySection, StudyTable } from './studySection.js';

/** A metric's value as people read it: durations, shares as percentages, money in dollars. */
export function showMetric(metric: string, x: number | null): string {
  if (x === null) return '-';
  if (metric.endsWith('_s')) return duration(x);
  if (metric === 'availability' || metric === 'not_recovered') return percent(x, 3);
  if (metric.endsWith('_usd')) return usd(x);
  return x.toPrecision(4);
}

type Entry = SensitivityResult['designs'][number]['metrics'][number];

/** Whether some parameter moves the metric. */
export function moved(m: Entry): boolean {
  return m.ranked.some((r) => r.swing);
}

/** The ranking of one design's metric as a table: parameters by swing, largest first. */
export function rankingTable(design: string, m: Entry): StudyTable {
  const rows = m.ranked.map((r, i) => [String(i + 1), r.param, JSON.stringify(r.low), showMetric(m.metric, r.at_low), JSON.stringify(r.high), showMetric(m.metric, r.at_high), showMetric(m.metric, r.swing)]);
  return {
    caption: `${design} · ${m.label} (as written: ${showMetric(m.metric, m.base)})`,
    header: ['rank', 'parameter', 'low', `${m.label} at low`, 'high', `${m.label} at high`, 'swing'],
    rows,
  };
}

/** One sentence per design and headline metric: the parameter that moves it most, or that none does. */
export function sensitivityLead(doc: SensitivityResult): string[] {
  return doc.designs.flatMap((d) => d.metrics.map((m) => {
    if (!moved(m)) return `"${d.name}": no uncertain parameter moves ${m.label} (${showMetric(m.metric, m.base)} as written).`;
    const [top, next] = m.ranked;
    const then = next?.swing ? `, then ${next.param} (${showMetric(m.metric, next.swing)})` : '';
    return `"${d.name}": ${top!.param} moves ${m.label} most, by ${showMetric(m.metric, top!.swing)} from low to high${then}.`;
  }));
}

/** The section of a sensitivity analysis read from `source`. */
export function sensitivitySection(doc: SensitivityResult, source: string, index: number, prefix: string): StudySection {
  const s = doc.scenario;
  return {
    kind: 'study', index, prefix, source, name: s.name, seed: s.seed,
    heading: `${s.name}: sensitivity to ${doc.parameters.length} uncertain parameter${doc.parameters.length === 1 ? '' : 's'}`,
    meta: `Sensitivity file ${source} · scenario ${s.file} · each parameter at its low and high value, one at a time · seed ${s.seed} (every run: common random numbers) · ${s.replications} replication${s.replications === 1 ? '' : 's'} per run · horizon ${duration(s.horizon_s)} · ${doc.tool.name} ${doc.tool.version}`,
    lead: sensitivityLead(doc),
    tables: doc.designs.flatMap((d) => d.metrics.filter(moved).map((m) => rankingTable(d.name, m))),
    charts: tornadoCharts(doc),
  };
}

/**
 * The report section of a sweep: per design, where along the swept parameter its RTO is lowest
 * and highest, the table of headline metrics per point and design (the same rows `sweep` prints),
 * and the metric-against-parameter charts with their confidence bands.
 */
import type { SweepResult } from '../runner/sweep.js';
import { noBandReason, sweepCharts } from './charts/sweep.js';
import { duration, percent, usd } from './format.js';
import type { StudySection, StudyTable } from './studySection.js';

/** The headline metrics per point and design, as plain text cells (the CLI prints the same table). */
export function sweepTable(doc: SweepResult): StudyTable {
  const header = [doc.sweep.param, 'design', 'RTO mean (95% CI)', 'recovered', 'RPO mean', 'availability', 'retry amp', 'monthly cost', 'total annual cost'];
  const rows: string[][] = [];
  for (const p of doc.points) {
    for (const d of p.designs) {
      const m = d.metrics;
      // From one value the summary's CI is a point, not an interval: show the mean alone.
      const ci = m.rto_s.ci95 && m.rto_s.n >= 2 ? `${duration(m.rto_s.mean)} (${duration(m.rto_s.ci95[0])}–${duration(m.rto_s.ci95[1])})` : duration(m.rto_s.mean);
      const cost = (d as { cost?: { monthly_usd: number; total_annual_usd: number } }).cost;
      rows.push([p.value, d.name, ci, `${m.rto_s.recovered}/${m.rto_s.recovered + m.rto_s.not_recovered}`, duration(m.rpo_s.mean), percent(m.availability.mean, 3),
        m.retry_amplification.mean === null ? '-' : m.retry_amplification.mean.toFixed(3), usd(cost?.monthly_usd), usd(cost?.total_annual_usd)]);
    }
  }
  return { caption: `Headline metrics at each value of ${doc.sweep.param}, per design (RTO over the replications that recovered)`, header, rows };
}

/** One sentence per design: the values of the parameter where its RTO mean is lowest and highest. */
export function sweepLead(doc: SweepResult): string[] {
  const names = doc.points[0]?.designs.map((d) => d.name) ?? [];
  return names.flatMap((name) => {
    const at = doc.points.flatMap((p) => {
      const d = p.designs.find((x) => x.name === name);
      return d && d.metrics.rto_s.mean !== null ? [{ value: p.value, rto: d.metrics.rto_s.mean }] : [];
    });
    if (at.length === 0) return [`"${name}" recovers at no point of the sweep within the horizon.`];
    const lo = at.reduce((a, b) => (b.rto < a.rto ? b : a));
    const hi = at.reduce((a, b) => (b.rto > a.rto ? b : a));
    return [`"${name}": RTO mean lowest at ${doc.sweep.param} = ${lo.value} (${duration(lo.rto)}), highest at ${hi.value} (${duration(hi.rto)}).`];
  });
}

/** The section of a sweep read from `source`. */
export function sweepSection(doc: SweepResult, source: string, index: number, prefix: string): StudySection {
  const s = doc.scenario;
  return {
    kind: 'study', index, prefix, source, name: s.name, seed: s.seed,
    heading: `${s.name}: sweep of ${doc.sweep.param}`,
    meta: `Sweep file ${source} · scenario ${s.file} · ${doc.sweep.values.length} values of ${doc.sweep.param} · seed ${s.seed} (every point: common random numbers) · ${s.replications} replications per point · horizon ${duration(s.horizon_s)} · ${doc.tool.name} ${doc.tool.version}`,
    lead: doc.scenario.replications < 2 ? [...sweepLead(doc), `The charts have no 95% CI bands: ${noBandReason(doc.scenario.replications)}.`] : sweepLead(doc),
    tables: [sweepTable(doc)],
    charts: sweepCharts(doc),
  };
}

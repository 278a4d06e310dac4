/**
 * The report section of a sweep: per design, where along the swept parameter its RTO is lowest
 * and highest, the table of headline metrics per point and design (the same rows `sweep` prints),
 * and the metric-against-parameter charts with their confidence bands.
 */
import type { SweepResult } from '../runner/sweep.js';
import { noBandReason, sweepCharts } from './charts/sweep.js';
import { duration, percent, usd } from './format.js';
import type { StudySection, StudyTable } from './studySection.js';

type Recovery = SweepResult['points'][number]['designs'][number]['metrics']['rto_s'];

/** A recovery time's mean with its 95% CI; from one value the summary's CI is a point, not an interval, so the mean alone. */
function recoveryWithCi(r: Recovery): string {
  return r.ci95 && r.n >= 2 ? `${duration(r.mean)} (${duration(r.ci95[0])}–${duration(r.ci95[1])})` : duration(r.mean);
}

/** Replications that recovered, of those with a fault. */
function recoveredOf(r: Recovery): string {
  return `${r.recovered}/${r.recovered + r.not_recovered}`;
}

/** Whether the sweep's scenario tracks business recovery (it has parts besides the data plane: queues, the control plane): then it has a business RTO. */
export function sweepHasBusiness(doc: SweepResult): boolean {
  return doc.points.some((p) => p.designs.some((d) => d.metrics.business_rto_s));
}

/**
 * The headline metrics per point and design, as plain text cells (the CLI prints the same table);
 * with business recovery tracked, its RTO too, since a parameter (a backup region's token quota,
 * a queue's consumers) may move it while the infrastructure RTO stays put.
 */
export function sweepTable(doc: SweepResult): StudyTable {
  const business = sweepHasBusiness(doc);
  const header = [doc.sweep.param, 'design', 'RTO mean (95% CI)', 'recovered', ...(business ? ['business RTO mean (95% CI)', 'business recovered'] : []), 'RPO mean', 'availability', 'retry amp', 'monthly cost', 'total annual cost'];
  const rows: string[][] = [];
  for (const p of doc.points) {
    for (const d of p.designs) {
      const m = d.metrics;
      const b = m.business_rto_s;
      const cost = (d as { cost?: { monthly_usd: number; total_annual_usd: number } }).cost;
      rows.push([p.value, d.name, recoveryWithCi(m.rto_s), recoveredOf(m.rto_s), ...(business ? (b ? [recoveryWithCi(b), recoveredOf(b)] : ['-', '-']) : []), duration(m.rpo_s.mean), percent(m.availability.mean, 3),
        m.retry_amplification.mean === null ? '-' : m.retry_amplification.mean.toFixed(3), usd(cost?.monthly_usd), usd(cost?.total_annual_usd)]);
    }
  }
  const over = business ? 'RTO and business RTO over the replications that recovered' : 'RTO over the replications that recovered';
  return { caption: `Headline metrics at each value of ${doc.sweep.param}, per design (${over})`, header, rows };
}

/**
 * One sentence per design: the values of the parameter where its RTO mean is lowest and highest;
 * with business recovery tracked, one more for its business RTO, which the parameter may move
 * while the RTO stays put (a backup region's token quota, a queue's consumers).
 */
export function sweepLead(doc: SweepResult): string[] {
  const names = doc.points[0]?.designs.map((d) => d.name) ?? [];
  const business = sweepHasBusiness(doc);
  return names.flatMap((name) => [
    extremes(doc, name, 'RTO mean', 'recovers', (d) => d.metrics.rto_s.mean),
    ...(business ? [extremes(doc, name, 'business RTO mean', 'reaches business recovery', (d) => d.metrics.business_rto_s?.mean ?? null)] : []),
  ]);
}

/** Where along the sweep `name`'s metric is lowest and highest, in one sentence. */
function extremes(doc: SweepResult, name: string, label: string, recovers: string, read: (d: SweepResult['points'][number]['designs'][number]) => number | null): string {
  const at = doc.points.flatMap((p) => {
    const d = p.designs.find((x) => x.name === name);
    const v = d ? read(d) : null;
    return v !== null ? [{ value: p.value, v }] : [];
  });
  if (at.length === 0) return `"${name}" ${recovers} at no point of the sweep within the horizon.`;
  const lo = at.reduce((a, b) => (b.v < a.v ? b : a));
  const hi = at.reduce((a, b) => (b.v > a.v ? b : a));
  return `"${name}": ${label} lowest at ${doc.sweep.param} = ${lo.value} (${duration(lo.v)}), highest at ${hi.value} (${duration(hi.v)}).`;
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

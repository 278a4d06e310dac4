/**
 * The charts of a sweep: per metric, the metric against the swept parameter, one line per design
 * (the mean over replications at each point) with its 95% confidence interval shaded. RTO,
 * business RTO (when the scenario tracks business recovery), availability and, when some point
 * has a recovery point, RPO have intervals; cost figures are
 * estimates from the price table (monthly cost is fixed by the inventory, the total adds the
 * expected outage loss at the RTO mean), drawn as lines without a band. A sampled metric without
 * a band (one replication per point) says why in its subtitle and caption.
 */
import type { SweepResult } from '../../runner/sweep.js';
import { designScale, topLevel, WIDTH, type Chart } from './common.js';
import { sweepAxis } from './sweepAxis.js';

type PointDesign = SweepResult['points'][number]['designs'][number];

/** One metric of a sweep chart: how it is read from a point's design, its unit and axis format. */
interface SweepMetric {
  id: string;
  label: string;
  /** The mean and its 95% CI in the axis unit; null when the design has no value there. */
  pick: (d: PointDesign) => { mean: number; ci95: [number, number] | null } | null;
  axis: Record<string, unknown>;
  unit: string;
  /** A mean over replications (with a CI from 2 replications on), not a price-table figure. */
  sampled: boolean;
  /** The recovery whose count of recovered replications the tooltip shows (default: the RTO's), and the caption's note on it. */
  recovery?: { of: (d: PointDesign) => { recovered: number; not_recovered: number } | undefined; note: string };
}

type Stat = { n?: number; mean: number | null; ci95?: [number, number] | null } | undefined;

/** The mean and CI times `k`; no CI from fewer than 2 values (the summary's is then a point). */
function scaled(s: Stat, k: number): { mean: number; ci95: [number, number] | null } | null {
  if (!s || s.mean === null) return null;
  return { mean: s.mean * k, ci95: s.ci95 && (s.n ?? 0) >= 2 ? [s.ci95[0] * k, s.ci95[1] * k] : null };
}

function seconds(doc: SweepResult, read: (d: PointDesign) => Stat): { k: number; unit: string } {
  const max = Math.max(0, ...doc.points.flatMap((p) => p.designs.map((d) => read(d)?.mean ?? 0)));
  return max >= 120 ? { k: 1 / 60, unit: 'min' } : { k: 1, unit: 's' };
}

function cost(field: 'monthly_usd' | 'total_annual_usd') {
  return (d: PointDesign) => {
    const c = (d as { cost?: Record<string, number> }).cost;
    return c && typeof c[field] === 'number' ? { mean: c[field]!, ci95: null } : null;
  };
}

/** The metrics a sweep report charts, those the document has values for. */
function metricsOf(doc: SweepResult): SweepMetric[] {
  const rto = seconds(doc, (d) => d.metrics.rto_s);
  const business = seconds(doc, (d) => d.metrics.business_rto_s);
  const rpo = seconds(doc, (d) => d.metrics.rpo_s);
  const out: SweepMetric[] = [
    { id: 'rto', label: 'RTO mean', unit: rto.unit, axis: {}, sampled: true, pick: (d) => scaled(d.metrics.rto_s, rto.k),
      recovery: { of: (d) => d.metrics.rto_s, note: ' RTO covers the replications that recovered; the tooltip says how many did.' } },
    { id: 'business-rto', label: 'business RTO mean', unit: business.unit, axis: {}, sampled: true, pick: (d) => scaled(d.metrics.business_rto_s, business.k),
      recovery: { of: (d) => d.metrics.business_rto_s, note: ' Business RTO covers the replications that reached business recovery; the tooltip says how many did.' } },
    { id: 'rpo', label: 'RPO mean', unit: rpo.unit, axis: {}, sampled: true, pick: (d) => scaled(d.metrics.rpo_s, rpo.k) },
    { id: 'availability', label: 'availability', unit: '%', axis: { format: '.2%' }, sampled: true, pick: (d) => scaled(d.metrics.availability, 1) },
    { id: 'monthly-cost', label: 'monthly cost', unit: 'USD per month', axis: { format: '$,.0f' }, sampled: false, pick: cost('monthly_usd') },
    { id: 'total-cost', label: 'total annual cost', unit: 'USD per year', axis: { format: '$,.0f' }, sampled: false, pick: cost('total_annual_usd') },
  ];
  const any = (m: SweepMetric, ok: (v: { mean: number }) => boolean) => doc.points.some((p) => p.designs.some((d) => { const v = m.pick(d); return v !== null && ok(v); }));
  // RPO is charted only where some design loses data at some point; the others where they have values.
  return out.filter((m) => (m.id === 'rpo' ? any(m, (v) => v.mean !== 0) : any(m, () => true)));
}

/** Why a sampled metric has no confidence band: too few replications per point, or too few with a value. */
export function noBandReason(replications: number): string {
  return replications < 2
    ? `${replications} replication per point, so no 95% CI band (a band needs at least 2 replications per point: rerun with --replications 2 or more)`
    : 'no point has 2 or more replications with a value (e.g. recovered), so no 95% CI band';
}

/** Every chart of `doc`: one per metric it has values for. */
export function sweepCharts(doc: SweepResult): Chart[] {
  const axis = sweepAxis(doc.sweep.param, doc.sweep.values, doc.sweep.description);
  const designs = doc.points[0]?.designs.map((d) => ({ name: d.name })) ?? [];
  const color = { field: 'design', type: 'nominal', scale: designScale({ designs }), title: 'design' };
  const x = axis.type === 'quantitative'
    ? { field: 'x', type: 'quantitative', title: axis.title, scale: { zero: false, nice: false } }
    : { field: 'x', type: 'ordinal', title: axis.title, sort: axis.xs };
  const points = doc.points.map((p) => ({ p, x: axis.xs[doc.sweep.values.indexOf(p.value)] ?? p.value }));
  return metricsOf(doc).map((m) => {
    const rows: Array<Record<string, string | number | null>> = [];
    for (const { p, x: xv } of points) {
      for (const d of p.designs) {
        const v = m.pick(d);
        if (!v) continue;
        const r = (m.recovery?.of(d) ?? d.metrics.rto_s)!;
        rows.push({ design: d.name, x: xv, value: p.value, mean: v.mean, lo: v.ci95?.[0] ?? null, hi: v.ci95?.[1] ?? null, recovered: `${r.recovered} of ${r.recovered + r.not_recovered}` });
      }
    }
    const unit = m.unit === '%' ? '' : ` (${m.unit})`;
    const y = { field: 'mean', type: 'quantitative', title: `${m.label}${unit}`, scale: { zero: false }, axis: m.axis };
    const withBand = rows.some((r) => r.lo !== null);
    const tooltip = [{ field: 'design' }, { field: 'value', title: doc.sweep.param }, { field: 'mean', title: m.label, format: m.axis['format'] ?? '.4~g' },
      ...(withBand ? [{ field: 'lo', title: '95% CI from', format: m.axis['format'] ?? '.4~g' }, { field: 'hi', title: '95% CI to', format: m.axis['format'] ?? '.4~g' }] : []),
      { field: 'recovered', title: 'replications recovered' }];
    const band = withBand
      ? [{ transform: [{ filter: 'datum.lo !== null' }], mark: { type: 'area', opacity: 0.2 }, encoding: { x, y: { ...y, field: 'lo' }, y2: { field: 'hi' }, color } }]
      : [];
    const title = `${m.label} against ${doc.sweep.param}`;
    const reps = doc.scenario.replications;
    const xIn = `(x${axis.unit ? `, in ${axis.unit}` : ''})`;
    const recoveredNote = m.recovery?.note ?? '';
    const subtitle = withBand
      ? `${doc.scenario.name}: mean over ${reps} replications per point, shaded 95% CI; common random numbers across points`
      : m.sampled
        ? `${doc.scenario.name}: ${noBandReason(reps)}`
        : `${doc.scenario.name}: estimates from the price table at each point (no interval: a price-table figure, not a sample)`;
    return {
      id: `sweep-${m.id}`,
      title,
      caption: withBand
        ? `${m.label} of each design at each value of ${doc.sweep.param} ${xIn}: line and dots, the mean over replications; shaded band, its 95% confidence interval. Every point runs the same seed, so differences along a line come from the parameter, not from noise.${recoveredNote}`
        : m.sampled
          ? `${m.label} of each design at each value of ${doc.sweep.param} ${xIn}: line and dots, the mean over replications. No band: ${noBandReason(reps)}.${recoveredNote}`
          : `${m.label} of each design at each value of ${doc.sweep.param} ${xIn}, estimated from the scenario's price table${m.id === 'total-cost' ? ': infrastructure plus the expected outage loss at the RTO mean' : ''}. No band: the figure is computed from prices, not sampled.`,
      spec: topLevel(title, subtitle, {
        data: { values: rows },
        width: WIDTH,
        height: 280,
        layer: [
          ...band,
          { mark: { type: 'line', point: true, strokeWidth: 2 }, encoding: { x, y, color, tooltip } },
        ],
      }),
    };
  });
}

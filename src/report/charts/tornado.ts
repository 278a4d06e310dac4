/**
 * The tornado charts of a sensitivity analysis, one per metric: per design (a row of the chart)
 * and uncertain parameter, a bar from the metric as written (the base, a black rule) to the
 * metric at the parameter's low value and one to the metric at its high value, the others left
 * as written. Parameters are sorted with the widest swing on top, so the setting that matters
 * most reads first. A parameter that does not move the metric has no bar (the table lists it).
 */
import type { SensitivityResult } from '../../runner/sensitivity.js';
import { topLevel, WIDTH, type Chart } from './common.js';

type MetricEntry = SensitivityResult['designs'][number]['metrics'][number];

/** How a metric's values are scaled and shown on the axis. */
function axisOf(doc: SensitivityResult, metric: string): { k: number; unit: string; format: string } {
  if (metric.endsWith('_s')) {
    const all = doc.designs.flatMap((d) => d.metrics.filter((m) => m.metric === metric).flatMap((m) => [m.base, ...m.ranked.flatMap((r) => [r.at_low, r.at_high])]));
    const max = Math.max(0, ...all.filter((x): x is number => x !== null));
    return max >= 120 ? { k: 1 / 60, unit: ' (min)', format: '.3~f' } : { k: 1, unit: ' (s)', format: '.3~f' };
  }
  if (metric.endsWith('_usd')) return { k: 1, unit: ' (USD)', format: '$,.0f' };
  if (metric === 'availability' || metric === 'not_recovered') return { k: 1, unit: '', format: '.3%' };
  return { k: 1, unit: '', format: '.4~g' };
}

/** A setting as the scenario writes it: `1m`, `8`, or JSON for a structured value. */
function written(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** The bars of one design's entry: two per parameter that moves the metric (labelled with its low and high value). */
function barRows(design: string, m: MetricEntry, k: number): Array<Record<string, string | number>> {
  const rows: Array<Record<string, string | number>> = [];
  m.ranked.forEach((r, order) => {
    if (!r.swing || r.at_low === null || r.at_high === null) return;
    const base = (m.base ?? r.at_low) * k;
    for (const [side, at, value] of [['low value', r.at_low, r.low], ['high value', r.at_high, r.high]] as const) {
      rows.push({ design, parameter: r.param, label: `${r.param} (${written(r.low)} → ${written(r.high)})`, order, side, setting: written(value), base, at: at * k, swing: r.swing * k });
    }
  });
  return rows;
}

/** The tornado chart of one metric over every design; null when no parameter moves it anywhere. */
export function tornadoChart(doc: SensitivityResult, metric: string): Chart | null {
  const { k, unit, format } = axisOf(doc, metric);
  let label = metric;
  const rows = doc.designs.flatMap((d) => {
    const m = d.metrics.find((x) => x.metric === metric);
    if (!m) return [];
    label = m.label;
    return barRows(d.name, m, k);
  });
  if (rows.length === 0) return null;
  const x = { field: 'base', type: 'quantitative', title: `${label}${unit}`, scale: { zero: false }, axis: { format } };
  const y = { field: 'label', type: 'nominal', sort: { field: 'order', op: 'min' }, title: null, axis: { labelLimit: 320 } };
  const title = `What moves ${label} most`;
  return {
    id: `tornado-${metric.replace(/_/g, '-')}`,
    title,
    caption: `Each uncertain parameter of ${doc.scenario.name} set to its low value (one bar) and to its high value (the other), the others as written, under common random numbers (seed ${doc.scenario.seed}, ${doc.scenario.replications} replication${doc.scenario.replications === 1 ? '' : 's'} per run). The black rule is ${label} with every parameter as written; bars run from it to the value the parameter's setting gives. Widest swing on top; a parameter that does not move ${label} has no bar.`,
    spec: topLevel(title, `${doc.scenario.name}: one row per design; bars from the value as written to the value at each setting`, {
      data: { values: rows },
      facet: { row: { field: 'design', type: 'nominal', title: null, sort: doc.designs.map((d) => d.name), header: { labelOrient: 'top', labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', labelFontSize: 12, labelFontWeight: 'bold' } } },
      resolve: { scale: { y: 'independent' } },
      spec: {
        width: WIDTH - 120,
        height: { step: 26 },
        layer: [
          {
            mark: { type: 'bar', height: 16 },
            encoding: {
              y, x, x2: { field: 'at' },
              color: { field: 'side', type: 'nominal', title: 'parameter at', scale: { domain: ['low value', 'high value'], range: ['#4e79a7', '#f28e2b'] } },
              tooltip: [{ field: 'parameter' }, { field: 'side', title: 'set to' }, { field: 'setting', title: 'value' }, { field: 'at', title: label, format }, { field: 'base', title: 'as written', format }, { field: 'swing', title: 'swing (low to high)', format }],
            },
          },
          { mark: { type: 'rule', color: 'black', strokeWidth: 1.5 }, encoding: { x } },
        ],
      },
    }),
  };
}

/** Every tornado chart of `doc`, in the document's metric order. */
export function tornadoCharts(doc: SensitivityResult): Chart[] {
  const metrics = [...new Set(doc.designs.flatMap((d) => d.metrics.map((m) => m.metric)))];
  return metrics.map((m) => tornadoChart(doc, m)).filter((c): c is Chart => c !== null);
}

/**
 * The tornado chart of a sensitivity analysis (vega-lite): per parameter, a bar from the metric
 * at the parameter's low value to the metric at its high value, around the base value, sorted
 * with the widest swing on top.
 */
import type { SensitivityResult } from '../runner/sensitivity.js';

/** A vega-lite spec for one design and metric; null when no parameter moved it. */
export function tornadoSpec(s: SensitivityResult, design: string, metric: string): Record<string, unknown> | null {
  const d = s.designs.find((x) => x.name === design);
  const m = d?.metrics.find((x) => x.metric === metric);
  if (!m) return null;
  const rows = m.ranked.filter((r) => r.swing).map((r, i) => ({
    parameter: r.param, order: i, low: r.at_low, high: r.at_high,
    from: Math.min(r.at_low!, r.at_high!), to: Math.max(r.at_low!, r.at_high!),
    low_value: JSON.stringify(r.low), high_value: JSON.stringify(r.high),
  }));
  if (rows.length === 0) return null;
  const unit = metric.endsWith('_s') ? ' (s)' : metric.endsWith('_usd') ? ' (USD)' : '';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `What moves ${m.label} most: ${s.scenario.name}, design ${design}`, subtitle: `each parameter from its low to its high value, the others as written (base ${m.base === null ? 'n/a' : +m.base.toPrecision(4)})` },
    width: 560,
    data: { values: rows },
    layer: [
      {
        mark: { type: 'bar', height: 14 },
        encoding: {
          y: { field: 'parameter', type: 'nominal', sort: { field: 'order' }, title: 'uncertain parameter' },
          x: { field: 'from', type: 'quantitative', title: `${m.label}${unit}`, scale: { zero: false } },
          x2: { field: 'to' },
          tooltip: [{ field: 'parameter' }, { field: 'low_value', title: 'low value' }, { field: 'low', title: `${m.label} at low` }, { field: 'high_value', title: 'high value' }, { field: 'high', title: `${m.label} at high` }],
          color: { value: '#4c78a8' },
        },
      },
      ...(m.base === null ? [] : [{ mark: { type: 'rule', color: 'black' }, encoding: { x: { datum: m.base } } }]),
    ],
  };
}

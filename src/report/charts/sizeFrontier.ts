/**
 * The cost-versus-metric frontier of a `size` search: each value tried at its monthly cost (y)
 * and the target metric's mean with its 95% CI (x, an error bar), labelled with the value; a rule
 * at the target, and the answer highlighted. Only when the points have a cost (prices exist).
 */
import type { SizeResult } from '../../runner/size.js';
import { topLevel, WIDTH, type Chart } from './common.js';

/** The frontier chart, or null without prices or without a metric value. */
export function sizeFrontierChart(doc: SizeResult): Chart | null {
  const rows = doc.points.flatMap((p) =>
    p.monthly_usd === null || p.metric.mean === null || p.metric.ci95 === null
      ? []
      : [{ value: String(p.value), usd: p.monthly_usd, mean: p.metric.mean, lo: p.metric.ci95[0], hi: p.metric.ci95[1], verdict: p.value === doc.answer ? 'answer' : p.meets ? 'meets the target' : 'misses the target' }],
  );
  if (rows.length === 0) return null;
  const m = doc.target.metric;
  const x = { field: 'mean', type: 'quantitative', title: `${m} (mean, 95% CI)`, scale: { zero: false } };
  const y = { field: 'usd', type: 'quantitative', title: 'US dollars per month (estimate)', axis: { format: '$,.0f' } };
  const color = { field: 'verdict', type: 'nominal', title: null, scale: { domain: ['answer', 'meets the target', 'misses the target'], range: ['#2ca02c', '#4e79a7', '#d62728'] } };
  const title = `Monthly cost against ${m}`;
  return {
    id: 'size-frontier',
    title,
    caption: `Each value of ${doc.vary.params.join(', ')} tried for design ${doc.design}: its monthly cost (price-table estimate) against ${m}, the mean over ${doc.scenario.replications} replications with its 95% confidence interval. The dashed rule is the target (${m} ${doc.target.op} ${doc.target.value}); a point meets it when its whole interval is on the target's side. The answer is the cheapest point that does.`,
    spec: topLevel(title, `${doc.scenario.name}: label = value tried`, {
      data: { values: rows },
      width: WIDTH,
      height: 300,
      layer: [
        { mark: { type: 'rule' }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' }, y, color } },
        { mark: { type: 'point', filled: true, size: 90 }, encoding: { x, y, color, tooltip: [{ field: 'value' }, { field: 'mean', title: m, format: '.4~g' }, { field: 'lo', title: 'CI low', format: '.4~g' }, { field: 'hi', title: 'CI high', format: '.4~g' }, { field: 'usd', title: 'monthly', format: '$,.0f' }] } },
        { mark: { type: 'text', dy: -12, fontSize: 11 }, encoding: { x, y, text: { field: 'value' } } },
        { data: { values: [{ target: doc.target.value }] }, mark: { type: 'rule', strokeDash: [6, 4], color: '#555' }, encoding: { x: { field: 'target', type: 'quantitative' } } },
      ],
    }),
  };
}

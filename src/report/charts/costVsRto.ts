/**
 * The trade-off picture: per design, RTO against cost per year, both the infrastructure alone
 * (12 × monthly) and the total with the expected outage loss. Faster designs cost more to run;
 * the total shows which one the scenario's downtime cost justifies. Only when the Result has cost.
 */
import type { ReportResult } from '../types.js';
import { designScale, topLevel, WIDTH, type Chart } from './common.js';

const TOTAL = 'total per year';
const INFRA = 'infrastructure per year';

/** Cost vs RTO, or null when no design has a cost or a recovered RTO. */
export function costVsRtoChart(result: ReportResult): Chart | null {
  const rows: Array<Record<string, string | number>> = [];
  for (const d of result.designs) {
    const p50 = d.metrics.rto_s.p50;
    if (!d.cost || p50 === null) continue;
    const base = { design: d.name, rto_min: p50 / 60, rto_p95_min: (d.metrics.rto_s.p95 ?? p50) / 60 };
    rows.push({ ...base, measure: TOTAL, usd: d.cost.total_annual_usd });
    rows.push({ ...base, measure: INFRA, usd: 12 * d.cost.monthly_usd });
  }
  if (rows.length === 0) return null;
  const rtos = rows.map((r) => r.rto_min as number);
  const log = Math.min(...rtos) > 0 && Math.max(...rtos) / Math.min(...rtos) > 30;
  const x = { field: 'rto_min', type: 'quantitative', title: `RTO p50 (minutes${log ? ', log scale' : ''})`, scale: log ? { type: 'log', padding: 40 } : { zero: true, padding: 40 } };
  const y = { field: 'usd', type: 'quantitative', title: 'US dollars per year (estimate)', axis: { format: '$,.0f' } };
  const color = { field: 'design', type: 'nominal', scale: designScale(result), title: 'design' };
  const shape = { field: 'measure', type: 'nominal', title: 'cost', scale: { domain: [TOTAL, INFRA], range: ['circle', 'square'] } };
  const spec = topLevel('Cost per year against RTO', 'each design at its RTO p50; label: design; estimates from the price table', {
    data: { values: rows },
    width: WIDTH,
    height: 300,
    layer: [
      { mark: { type: 'line', color: '#999', strokeDash: [2, 2] }, encoding: { x, y, detail: { field: 'design' } } },
      { mark: { type: 'point', filled: true, size: 110 }, encoding: { x, y, color, shape, tooltip: [{ field: 'design' }, { field: 'measure' }, { field: 'usd', format: '$,.0f' }, { field: 'rto_min', title: 'RTO p50 (min)', format: '.1f' }] } },
      { transform: [{ filter: { field: 'measure', oneOf: [TOTAL] } }], mark: { type: 'text', dy: -12, fontSize: 11 }, encoding: { x, y, text: { field: 'design' } } },
    ],
  });
  return {
    id: 'cost-vs-rto',
    title: 'Cost per year against RTO',
    caption: 'For each design at its RTO p50: the total cost per year, infrastructure plus the expected annual outage loss (circles), and the infrastructure alone, 12 × monthly (squares), joined by a dotted line. All money figures are estimates from the price table named in the summary.',
    spec,
  };
}

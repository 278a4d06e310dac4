/**
 * The metrics `check` compares per design, read from a Result JSON: where each comes from, which
 * direction is worse, how it is shown, and the tolerance that applies when the scenario sets none.
 * Per-replication values (from `designs[].replications[]`) let a statistical tolerance judge the
 * confidence interval of the change; cost figures are point estimates (monthly cost is fixed by
 * the inventory and the price table; the outage loss follows the RTO mean, checked as `rto_s`).
 */
import { formatDuration } from '../engine/duration.js';
import type { CheckMetric, ToleranceSpec } from '../scenario/checkSchema.js';
import type { BaselineDesign, BaselineRow } from './baseline.js';

/** How one metric is read and judged. */
export interface MetricDef {
  metric: CheckMetric;
  label: string;
  /** True when a larger value is worse (RTO), false when smaller is worse (availability). */
  higherIsWorse: boolean;
  /** Smallest tolerance in the metric's unit, so a zero baseline does not make any change a regression. */
  floor: number;
  tolerance: ToleranceSpec;
  /** The design's point value (a mean over replications); null when the Result has none. */
  point: (d: BaselineDesign) => number | null;
  /** The value of one replication, for statistical tolerances; absent for point-only metrics. */
  perReplication?: (r: BaselineRow) => number | null;
  show: (x: number) => string;
  /** How a change (or tolerance) is shown, when not like a value (availability: pp). */
  showChange?: (x: number) => string;
}

const seconds = (x: number): string => (x < 0 ? `-${formatDuration(-x)}` : formatDuration(x));
const plain = (digits: number) => (x: number): string => x.toFixed(digits);
const usd = (x: number): string => `${x < 0 ? '-' : ''}$${Math.round(Math.abs(x)).toLocaleString('en-US')}`;
const pp = (x: number): string => `${(x * 100).toFixed(3)} pp`;
const statistical = (relative: number): ToleranceSpec => ({ kind: 'statistical', relative });
const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** Every metric, in the order rows are printed. */
export const METRICS: MetricDef[] = [
  { metric: 'rto_s', label: 'RTO mean', higherIsWorse: true, floor: 1, tolerance: statistical(0.1),
    point: (d) => num(d.metrics.rto_s?.mean), perReplication: (r) => num(r.rto_s), show: seconds },
  { metric: 'not_recovered', label: 'not recovered (share)', higherIsWorse: true, floor: 0, tolerance: { kind: 'statistical', absolute: 0.1 },
    point: (d) => notRecoveredShare(d), perReplication: (r) => (r.rto_s === null ? 1 : 0), show: (x) => `${(x * 100).toFixed(1)}%`, showChange: (x) => `${(x * 100).toFixed(1)} pp` },
  { metric: 'business_rto_s', label: 'business RTO mean', higherIsWorse: true, floor: 1, tolerance: statistical(0.1),
    point: (d) => num(d.metrics.business_rto_s?.mean), perReplication: (r) => num(r.business_rto_s), show: seconds },
  { metric: 'rpo_s', label: 'RPO mean', higherIsWorse: true, floor: 0.01, tolerance: statistical(0.1),
    point: (d) => num(d.metrics.rpo_s?.mean), perReplication: (r) => num(r.rpo_s), show: seconds },
  { metric: 'lost_writes', label: 'lost writes', higherIsWorse: true, floor: 0.5, tolerance: statistical(0.1),
    point: (d) => num(d.metrics.lost_writes?.mean), perReplication: (r) => num(r.lost_writes), show: plain(2) },
  { metric: 'duplicate_writes', label: 'duplicate writes', higherIsWorse: true, floor: 0.5, tolerance: statistical(0.1),
    point: (d) => num(d.metrics.duplicate_writes?.mean), perReplication: (r) => num(r.duplicate_writes), show: plain(2) },
  { metric: 'availability', label: 'availability', higherIsWorse: false, floor: 0, tolerance: { kind: 'statistical', absolute: 0.001 },
    point: (d) => num(d.metrics.availability?.mean), perReplication: (r) => num(r.availability), show: (x) => `${(x * 100).toFixed(3)}%`, showChange: pp },
  { metric: 'retry_amplification', label: 'retry amplification', higherIsWorse: true, floor: 0.01, tolerance: statistical(0.1),
    point: (d) => num(d.metrics.retry_amplification?.mean), perReplication: (r) => num(r.retry_amplification), show: plain(3) },
  { metric: 'monthly_usd', label: 'monthly cost', higherIsWorse: true, floor: 1, tolerance: { kind: 'relative', relative: 0.02 },
    point: (d) => num(d.cost?.monthly_usd), show: usd },
  { metric: 'total_annual_usd', label: 'total annual cost', higherIsWorse: true, floor: 1, tolerance: { kind: 'relative', relative: 0.1 },
    point: (d) => num(d.cost?.total_annual_usd), show: usd },
];

function notRecoveredShare(d: BaselineDesign): number | null {
  const r = d.metrics.rto_s;
  if (!r || typeof r.recovered !== 'number' || typeof r.not_recovered !== 'number') return null;
  const n = r.recovered + r.not_recovered;
  return n > 0 ? r.not_recovered / n : null;
}

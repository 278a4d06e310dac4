/**
 * Human-readable lines for capacity curves, printed by `run` (from the Result) and `validate`
 * (from the scenario): the curve per design and service, and for a fitted curve its quality
 * (R², each point's residual, the parameters' standard errors).
 */
import { formatDuration } from '../engine/duration.js';
import { peakInFlight, peakThroughput, type CapacityCurve } from '../models/capacity/curve.js';
import type { ServiceCapacityResult } from '../runner/result.js';

const g = (x: number, digits = 3): string => Number(x.toPrecision(digits)).toString();
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${g(Math.abs(x))}`;

/** One line describing a service's curve and, when fitted, the fit's quality. */
export function capacityLine(label: string, c: ServiceCapacityResult): string {
  const concurrency = c.capacity_curve.max_in_flight;
  const k = c.capacity_curve;
  const curve: CapacityCurve = { curve: k.curve, baseS: k.base_s, sigma: k.sigma, kappa: k.kappa };
  const f = c.capacity_fit;
  const se = (x: number) => (f ? ` (±${g(x, 2)})` : '');
  const params =
    k.curve === 'linear'
      ? `base ${formatDuration(k.base_s)}${se(f?.std_err.base_s ?? 0)}, slope ${formatDuration(k.slope_s ?? 0)}`
      : `base ${formatDuration(k.base_s)}${se(f?.std_err.base_s ?? 0)}, sigma ${g(k.sigma)}${se(f?.std_err.sigma ?? 0)}, kappa ${g(k.kappa)}${se(f?.std_err.kappa ?? 0)}`;
  const peak = peakThroughput(curve, concurrency);
  const peakText = Number.isFinite(peak) ? `; peak ${g(peak)}/s at ${peakInFlight(curve, concurrency)} in flight` : '';
  const source = f ? `fitted to ${f.points.length} points` : 'given';
  const quality = f ? `; R² ${f.r2.toFixed(4)}, residuals/s ${f.residuals_per_s.map(signed).join(' ')}` : '';
  const cancel = k.cancel_on_timeout ? '; cancels timed-out work' : '';
  return `  ${label}: ${k.curve} ${source}: ${params}${peakText}${quality}${cancel}`;
}

/** The capacity section: a heading and one line per (design, service) with a curve; empty when none. */
export function capacityLines(entries: Array<{ label: string; capacity: ServiceCapacityResult }>): string[] {
  if (entries.length === 0) return [];
  return ['', 'capacity curves (per instance; ± standard error of a fitted parameter)', ...entries.map((e) => capacityLine(e.label, e.capacity))];
}

/**
 * Retry-storm charts: retry amplification (attempts sent per unique request arriving in the same
 * bucket), goodput against the load offered, and, with several client classes, the attempts each
 * class sends (agents' retries outgrowing the humans' traffic is the storm).
 */
import type { ReportResult } from '../types.js';
import { faultWindow, hasSeries, topLevel, type Chart } from './common.js';
import { timelinePanel } from './timelinePanel.js';

/** Retry amplification over time, or null when the Result has no such series. */
export function retryAmplificationChart(result: ReportResult): Chart | null {
  if (!hasSeries(result, 'retry_amplification')) return null;
  const panel = timelinePanel(result, { series: () => [{ key: 'retry_amplification', label: 'all classes' }], yTitle: 'attempts per unique request', window: faultWindow(result) });
  return {
    id: 'retry-amplification',
    title: 'Retry amplification over time',
    caption: 'Attempts sent in each bucket per unique request arriving in it (1 = no retries). Line: mean across replications; band: 5th to 95th percentile.',
    spec: topLevel('Retry amplification over time', 'attempts sent per unique request, mean across replications, shaded p5–p95', panel),
  };
}

/** Goodput over time, or null when the Result has no goodput series. */
export function goodputChart(result: ReportResult): Chart | null {
  if (!hasSeries(result, 'goodput_per_s')) return null;
  const panel = timelinePanel(result, { series: () => [{ key: 'goodput_per_s', label: 'goodput' }], yTitle: 'successful requests per second', window: faultWindow(result) });
  return {
    id: 'goodput',
    title: 'Goodput over time',
    caption: 'Successful unique requests per second, all client classes (retries and restarted workflows are not new requests). Line: mean across replications; band: 5th to 95th percentile. Goodput that stays down after the fault ended is a metastable storm.',
    spec: topLevel('Goodput over time', 'successful unique requests per second, mean across replications, shaded p5–p95', panel),
  };
}

/** Attempts per second by client class, or null with fewer than two classes. */
export function attemptsByClassChart(result: ReportResult): Chart | null {
  const classes = (d: ReportResult['designs'][number]) => Object.keys(d.timeline.series).filter((k) => k.startsWith('attempts_per_s:'));
  if (!result.designs.some((d) => classes(d).length > 1)) return null;
  const panel = timelinePanel(result, {
    series: (d) => classes(d).map((k) => ({ key: k, label: k.slice('attempts_per_s:'.length) })),
    yTitle: 'attempts per second',
    seriesTitle: 'client class',
    band: false,
    window: faultWindow(result),
  });
  return {
    id: 'attempts-by-class',
    title: 'Attempts per second by client class',
    caption: 'Attempts each client class sends per second (first tries and retries), mean across replications: when one class\'s retries outgrow the others\' whole traffic, that class is the storm.',
    spec: topLevel('Attempts per second by client class', 'mean across replications; dash: client class', panel),
  };
}

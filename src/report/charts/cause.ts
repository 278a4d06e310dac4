/**
 * The cause of a slow recovery after a database failover, made visible: connections pooled to the
 * dead host (stale) and the instances the load balancer keeps in rotation. When stale connections
 * stay while every instance stays "healthy", requests are routed to instances that hang.
 */
import type { ReportResult } from '../types.js';
import { faultWindow, hasSeries, seriesKeys, topLevel, type Chart } from './common.js';
import { timelinePanel } from './timelinePanel.js';

/** Stale connections and instances in rotation, or null when no design ever had a stale connection. */
export function causeChart(result: ReportResult): Chart | null {
  if (!hasSeries(result, 'stale_connections')) return null;
  const window = faultWindow(result);
  const label = (k: string, base: string) => (k === base ? base.replace(/_/g, ' ') : k.slice(base.length + 1));
  const stale = timelinePanel(result, { series: (d) => seriesKeys(d, 'stale_connections').map((k) => ({ key: k, label: label(k, 'stale_connections') })), yTitle: 'stale connections', window, height: 150 });
  const healthy = timelinePanel(result, { series: (d) => seriesKeys(d, 'lb_healthy_instances').map((k) => ({ key: k, label: label(k, 'lb_healthy_instances') })), yTitle: 'instances in rotation', window, height: 150 });
  return {
    id: 'cause',
    title: 'Why recovery waited: stale connections and instances in rotation',
    caption: 'Top: connections held in the pools to a database host that is no longer the primary (requests that borrow one hang until their timeout). Bottom: instances the load balancer believes healthy and routes to. Mean across replications, shaded p5–p95.',
    spec: topLevel('Why recovery waited: stale connections and instances in rotation', 'pooled connections to the dead primary (top) and instances the load balancer routes to (bottom), mean across replications', { vconcat: [stale, healthy] }),
  };
}

/**
 * Memory of long runs: peak resident set size of `outagesim run --json` (2 workers), each in a
 * fresh process running the built CLI (`npm run build` first), of a small scenario
 * (bench/scenarios/small.yaml: one design, one minute at 10 requests/s) at 10,000 and 100,000
 * replications, and of its twin with ten times the events per replication
 * (bench/scenarios/small-busy.yaml: 100 requests/s) at 10,000 replications.
 * Memory must stay bounded by designs × replications × timeline buckets, never by event count
 * (issue 14 item 5): the goal (bench/index.ts) is the 10,000-replication run flat in events, the
 * busy twin within 1.25× of the small one. Growth with replications is within that bound (the
 * compact per-replication figures and the Result's per-replication rows) and is shown beside it.
 */
import { runChild } from './child.js';

const SCENARIO = 'bench/scenarios/small.yaml';
/** The same scenario with ten times the events per replication. */
const BUSY = 'bench/scenarios/small-busy.yaml';

function peak(replications: number, scenario = SCENARIO): { peak_rss_mb: number; json_mb: number } {
  return runChild('bench/peakRss.mjs', [scenario, String(replications), '2'], ['peak_rss_mb', 'json_mb'], `memory of ${scenario} at ${replications} replications`);
}

export async function benchMemory(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const n of [10_000, 100_000]) {
    const t = performance.now();
    const p = peak(n);
    out[`peak_rss_mb_${n / 1000}k_replications`] = p.peak_rss_mb;
    out[`result_json_mb_${n / 1000}k_replications`] = p.json_mb;
    out[`wall_s_${n / 1000}k_replications`] = (performance.now() - t) / 1000;
  }
  const t = performance.now();
  const busy = peak(10_000, BUSY);
  out['peak_rss_mb_10k_replications_10x_events'] = busy.peak_rss_mb;
  out['result_json_mb_10k_replications_10x_events'] = busy.json_mb;
  out['wall_s_10k_replications_10x_events'] = (performance.now() - t) / 1000;
  return out;
}

/**
 * `outagesim headroom <scenario> [--simulate]`: per design, service and region, utilisation and
 * latency in steady state and after the loss of each region in turn (N+1), from the M/M/c
 * formulas (src/runner/headroom.ts) and, with --simulate, from short runs of the scenario
 * (src/runner/headroomSim.ts); names the regions that would breach the SLO.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { formatDuration, parseDuration } from '../engine/duration.js';
import { loadScenario } from '../scenario/load.js';
import { headroomDocument, regionsToLose, type HeadroomDocument, type RegionEstimate } from '../runner/headroom.js';
import { simulateHeadroom, type SimulatedCase } from '../runner/headroomSim.js';
import { toolInfo } from '../runner/simulate.js';
import type { MaybeSummary } from '../runner/result.js';
import { table } from './format.js';
import type { CommandDeps } from './deps.js';
import { resultJson, writeFileAtomic } from './io.js';

interface HeadroomOpts {
  json?: boolean;
  out?: string;
  simulate?: boolean;
  seed?: number;
  replications: number;
  horizon: number;
  warmup: number;
  workers?: number;
  quiet?: boolean;
  force?: boolean;
}

const durationFlag = (what: string) => (v: string): number => {
  let s: number;
  try {
    s = parseDuration(v);
  } catch {
    throw new InvalidArgumentError(`${what} must be a duration like 10m or 90s, got "${v}"`);
  }
  if (!(s > 0)) throw new InvalidArgumentError(`${what} must be longer than 0s, got "${v}"`);
  return s;
};

/** A latency for the table: milliseconds to three figures below a second. */
export function latency(s: number | null): string {
  if (s === null) return '-';
  if (s > 0 && s < 1e-5) return '<0.01ms';
  return s < 1 ? `${+(s * 1000).toPrecision(3)}ms` : formatDuration(s);
}

const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '∞');
const caseName = (lost: string | null) => (lost === null ? 'steady state' : `${lost} lost`);

/** Why a region breaches, in a few words. */
function why(r: RegionEstimate, budget: number): string {
  if (!(r.utilisation < 1)) return `overloaded (utilisation ${pct(r.utilisation)})`;
  return `${pct(r.slow_share)} of requests slower than the SLO latency (budget ${pct(budget)})`;
}

/** A simulated summary as "mean (lo–hi)". */
function withCi(x: MaybeSummary | undefined, f: (v: number) => string): string {
  const mean = x?.mean ?? null;
  const ci = x?.ci95 ?? null;
  if (mean === null) return '-';
  return ci === null ? f(mean) : `${f(mean)} (${f(ci[0])}–${f(ci[1])})`;
}

/** The headroom document as tables: one per design, then the breaches. */
export function formatHeadroom(doc: HeadroomDocument): string {
  const { slo } = doc.scenario;
  const budget = 1 - slo.success_ratio;
  const lines = [
    `${doc.tool.name} ${doc.tool.version} · headroom of ${doc.scenario.name} · SLO: ${pct(slo.success_ratio)} of requests within ${latency(slo.latency_s)}`,
    'static estimate: Erlang C waits of M/M/c queues (each instance with its share of the load behind round robin, the region\'s slots pooled behind least_outstanding), service = the mean time a request holds its slot; latency = that wait + the slot time, server side',
  ];
  if (doc.simulation) {
    const s = doc.simulation;
    lines.push(`simulated: ${s.replications} replications of ${formatDuration(s.horizon_s)} per case (seed ${s.seed}), measured after a ${formatDuration(s.warmup_s)} warm-up; utilisation as mean (95% CI)`);
  }
  for (const d of doc.designs) {
    const head = ['case', 'service@region', 'load', 'slots', 'utilisation', 'P(wait)', 'mean wait', 'p95 latency', 'slower than SLO', 'SLO'];
    if (d.simulated) head.push('simulated utilisation', 'simulated wait');
    const rows = [head];
    for (const [i, c] of d.cases.entries()) {
      const sim: SimulatedCase | undefined = d.simulated?.[i];
      for (const r of c.regions) {
        const row = [caseName(c.lost), `${r.service}@${r.region}`, `${+r.arrival_per_s.toPrecision(4)}/s`, String(r.servers), pct(r.utilisation),
          r.wait_probability === null ? '-' : r.wait_probability.toFixed(3), latency(r.mean_wait_s), latency(r.p95_latency_s), pct(r.slow_share), r.breach ? 'BREACH' : 'ok'];
        if (sim) {
          const s = sim.regions.find((x) => x.service === r.service && x.region === r.region);
          row.push(withCi(s?.utilisation, pct), withCi(s?.queue_wait_s, (v) => latency(v)));
        }
        rows.push(row);
      }
      for (const u of c.unserved) rows.push([caseName(c.lost), `${u.service}: no region`, `${+u.per_s.toPrecision(4)}/s`, '-', '-', '-', '-', '-', '100.0%', 'BREACH', ...(sim ? ['-', '-'] : [])]);
    }
    lines.push('', `design ${d.name}`, table(rows));
    for (const [i, c] of d.cases.entries()) {
      const breaching = c.regions.filter((r) => r.breach).map((r) => `${r.service}@${r.region} ${why(r, budget)}`);
      breaching.push(...c.unserved.map((u) => `${u.service}: ${+u.per_s.toPrecision(4)}/s routed to no serving region`));
      const sim = d.simulated?.[i];
      const simText = sim && sim.slo_met !== null
        ? `; simulated: ${pct(sim.success_ratio!)} of requests within the SLO latency, p95 ${latency(sim.p95_latency_s)} → SLO ${sim.slo_met ? 'met' : 'BREACHED'}`
        : '';
      const skipped = c.not_estimated ? ` (${c.not_estimated.join(', ')}: a capacity curve, not estimated by the formulas; see --simulate)` : '';
      lines.push(`- ${caseName(c.lost)}: ${breaching.length === 0 ? 'no region breaches the SLO' : `breaches: ${breaching.join('; ')}`}${skipped}${simText}`);
    }
  }
  return lines.join('\n');
}

/** Adds the `headroom` command to `program`. */
export function registerHeadroom(program: Command, deps: CommandDeps): void {
  program
    .command('headroom')
    .description('Per design and region: utilisation and latency in steady state and after losing each region (N+1), from queueing formulas and optionally simulation')
    .argument('<scenario>', 'scenario file (YAML)')
    .option('--simulate', 'also run the scenario with fault: none and with each region lost (short runs, few replications)')
    .option('--replications <n>', 'with --simulate: replications per case', deps.integer(1, '--replications'), 5)
    .option('--horizon <duration>', 'with --simulate: length of each run', durationFlag('--horizon'), 900)
    .option('--warmup <duration>', 'with --simulate: measure from this time on (routing has moved off the lost region)', durationFlag('--warmup'), 300)
    .option('--seed <n>', 'with --simulate: override the scenario seed', deps.integer(0, '--seed'))
    .option('--workers <n>', 'worker threads (default: available cores)', deps.integer(1, '--workers'))
    .option('--json', 'print the headroom document instead of the tables')
    .option('--out <file>', 'also write the headroom document to this file (atomically)')
    .option('--force', 'run even when the work estimate is above the limit')
    .option('--quiet', 'no progress on stderr')
    .action(async (file: string, o: HeadroomOpts) => {
      if (o.simulate && !(o.warmup < o.horizon)) deps.usage(`--warmup (${formatDuration(o.warmup)}) must end before --horizon (${formatDuration(o.horizon)})`);
      const loaded = await loadScenario(file, { seed: o.seed });
      const settings = { seed: loaded.scenario.seed, replications: o.replications, horizonS: o.horizon, warmupS: o.warmup };
      const simulated = o.simulate
        ? {
            settings: { seed: settings.seed, replications: settings.replications, horizon_s: settings.horizonS, warmup_s: settings.warmupS },
            cases: await simulateHeadroom((ov) => loadScenario(file, ov), regionsToLose(loaded), settings, (l) => deps.simulate(l, o),
              (runs) => deps.checkRuns(runs, o, `headroom --simulate of ${file}`)),
          }
        : undefined;
      const doc = headroomDocument(loaded, toolInfo(), simulated);
      const json = resultJson(doc);
      if (o.out) writeFileAtomic(o.out, json);
      deps.stdout(o.json ? json : `${formatHeadroom(doc)}\n`);
    });
}

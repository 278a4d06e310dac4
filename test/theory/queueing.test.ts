/**
 * The whole model stack (scenario → client → load balancer → instance slots → Result) validated
 * against queueing theory, reading the same `services[]` summaries the CLI prints: M/M/c mean
 * wait against Erlang C, M/M/c/c blocking against Erlang B, and Little's law between the
 * time-average busy slots and throughput × time in service. Fixtures: test/fixtures/theory/mmc-*.yaml.
 *
 * Statistical rule. Each summary's `ci95` is a 95% interval of the mean (expanded percentile
 * bootstrap, about mean ± t(0.975, R−1)·s/√R on symmetric data) over R = 20 independent
 * replications. This file relies on K = 27 such intervals (6 M/M/c
 * designs × {wait, response, utilisation, throughput} + 3 loss designs × {blocking}); so that a
 * correct engine fails any of them with probability at most 5% (Bonferroni), each interval is
 * widened to the 1 − 0.05/K two-sided level: half-width × t(1 − 0.05/(2K), R−1) / t(0.975, R−1)
 * (≈ 1.8). Replications start empty; each horizon is about 100 relaxation times of its queue,
 * so the initial-transient bias (of relative order τ/H ≈ 1%) is far inside the interval (6-10%
 * of the mean wait at ρ = 0.9, less at lower loads). Seeds are fixed, so runs are repeatable.
 */
import { describe, expect, it } from 'vitest';
import { simulateSequential } from '../../src/runner/simulate.js';
import { loadScenario } from '../../src/scenario/load.js';
import { tQuantile } from '../../src/stats/tDistribution.js';
import { erlangB, mmcMeanWait } from '../support/queueingTheory.js';

// One file per horizon (every design of a scenario shares one): M/M/1, M/M/4, M/M/c/c.
const files = await Promise.all(['c1', 'c4', 'loss'].map((g) => loadScenario(`test/fixtures/theory/mmc-${g}.yaml`)));
const REPLICATIONS = files[0]!.scenario.replications;
const K = 27;
const WIDEN = tQuantile(1 - 0.05 / (2 * K), REPLICATIONS - 1) / tQuantile(0.975, REPLICATIONS - 1);
const MU = 100; // per slot: exponential service with mean 10 ms

interface Summary { n: number; mean: number | null; ci95: [number, number] | null }

/** Runs one design of the fixture and returns its service's summaries, as `run --json` prints them. */
function serviceOf(design: string) {
  const loaded = files.find((f) => f.designs.some((x) => x.name === design))!;
  const d = loaded.designs.find((x) => x.name === design)!;
  const result = simulateSequential({ ...loaded, designs: [d] });
  const [service] = result.designs[0]!.services;
  const spec = d.scenario.system;
  return { s: service!, c: spec.services.server!.concurrency, lambda: spec.clients.arrivals!.rate };
}

/** Half-width of a summary's 95% interval. */
const half = (x: Summary): number => (x.ci95![1] - x.ci95![0]) / 2;

/** The analytic value lies within the summary's ci95 widened by WIDEN around its mean. */
function expectWithin(x: Summary, analytic: number, what: string): void {
  expect(x.n).toBe(REPLICATIONS);
  const tol = WIDEN * half(x);
  expect(Math.abs(x.mean! - analytic), `${what}: ${x.mean} ± ${tol} vs theory ${analytic}`).toBeLessThanOrEqual(tol);
}

describe('M/M/c through the full model: mean wait (Erlang C), response, utilisation, throughput, Little', () => {
  it.each(['c1-rho05', 'c1-rho08', 'c1-rho09', 'c4-rho05', 'c4-rho08', 'c4-rho09'])('%s agrees with theory', (design) => {
    const { s, c, lambda } = serviceOf(design);
    const wq = mmcMeanWait(lambda, MU, c);
    expectWithin(s.queue_wait_s as Summary, wq, 'queue_wait_s vs Erlang C');
    expectWithin(s.response_s as Summary, wq + 1 / MU, 'response_s vs Wq + 1/μ');
    expectWithin(s.utilization as Summary, lambda / (c * MU), 'utilization vs ρ');
    expectWithin(s.throughput_per_s as Summary, lambda, 'throughput_per_s vs λ');
    expect(s.blocked_ratio.mean).toBe(0);

    // Little's law on the busy slots: L = c·utilisation (time average) equals λ·W with λ the
    // throughput and W = response − wait the time in service (customer averages). Both sides are
    // measured; if each mean is within its widened interval, the identity can be off by at most
    // the first-order propagation of those half-widths.
    const u = s.utilization as Summary, thr = s.throughput_per_s as Summary, r = s.response_s as Summary, w = s.queue_wait_s as Summary;
    const inService = r.mean! - w.mean!;
    const lhs = c * u.mean!;
    const rhs = thr.mean! * inService;
    const tol = WIDEN * (c * half(u) + inService * half(thr) + thr.mean! * (half(r) + half(w)));
    expect(Math.abs(lhs - rhs), `L = ${lhs} vs λW = ${rhs} ± ${tol}`).toBeLessThanOrEqual(tol);
  });
});

describe('M/M/c/c through the full model: blocking (Erlang B)', () => {
  it.each(['loss-c1-a09', 'loss-c4-a3', 'loss-c8-a6'])('%s refuses the Erlang B share of requests', (design) => {
    const { s, c, lambda } = serviceOf(design);
    expectWithin(s.blocked_ratio as Summary, erlangB(c, lambda / MU), 'blocked_ratio vs Erlang B');
    expect(s.queue_wait_s.mean).toBe(0);
  });
});

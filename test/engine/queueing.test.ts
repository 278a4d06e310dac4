/**
 * End-to-end validation of the engine against queueing theory: Simulation + Resource + exponential
 * samplers + RandomStreams must reproduce Erlang C waits, Erlang B blocking and Little's law.
 *
 * Statistical rule. Each case runs a warm-up of 2 batches, then B = 20 batches of fixed simulated
 * length (≈ `perBatch` arrivals each, many times the relaxation time of the queue, so batch means
 * are close to independent). From the batch means we form the two-sided 99% t interval,
 * mean ± t(0.995, 19)·s/√20, and assert the analytic value lies within it widened by 1.5×. The
 * widening allows for residual correlation between adjacent batches and the small bias of a ratio
 * estimator (wait = total wait / granted) and keeps the chance that a correct engine fails any of
 * the ~20 checks here below about 1%; a wrong queue discipline or a mis-scaled sampler moves the
 * estimate by many half-widths. Seeds are fixed, so a run is repeatable.
 */
import { describe, expect, it } from 'vitest';
import { sampler } from '../../src/engine/distributions.js';
import { RandomStreams } from '../../src/engine/random.js';
import { Resource } from '../../src/engine/resource.js';
import { Simulation } from '../../src/engine/sim.js';
import { batchMeansCI, erlangB, mmcMeanWait } from '../support/queueingTheory.js';

const BATCHES = 20;
const WARMUP_BATCHES = 2;
const WIDEN = 1.5;

interface Batch { meanWaitS: number; queueLength: number; blocking: number }

/** An M/M/c(/K) queue: Poisson arrivals at `lambda`/s, exponential service at `mu`/s per server. */
function simulate(c: number, lambda: number, mu: number, perBatch: number, queueCapacity = Infinity): Batch[] {
  const sim = new Simulation();
  const streams = new RandomStreams('queueing', c * 1000 + Math.round(lambda * 100));
  const arrivalRng = streams.stream('arrivals'), serviceRng = streams.stream('service');
  const interarrival = sampler({ exponential: { mean: 1 / lambda } });
  const service = sampler({ exponential: { mean: 1 / mu } });
  const servers = new Resource<number>(sim, c, queueCapacity);
  const depart = (): void => servers.release();
  const start = (): void => sim.schedule(service(serviceRng), depart);
  let id = 0;
  const arrive = (): void => {
    servers.request(id++, start);
    sim.schedule(interarrival(arrivalRng), arrive);
  };
  sim.schedule(interarrival(arrivalRng), arrive);

  const batchS = perBatch / lambda;
  sim.run(WARMUP_BATCHES * batchS);
  servers.resetStats();
  const out: Batch[] = [];
  for (let b = 1; b <= BATCHES; b++) {
    sim.run((WARMUP_BATCHES + b) * batchS);
    const st = servers.stats();
    out.push({
      meanWaitS: st.granted > 0 ? st.totalWaitS / st.granted : 0,
      queueLength: st.queueLengthIntegral / batchS,
      blocking: st.rejected / (st.granted + st.rejected),
    });
    servers.resetStats();
  }
  return out;
}

function expectWithinCI(values: number[], analytic: number): void {
  const { mean, halfWidth } = batchMeansCI(values);
  expect(Math.abs(mean - analytic), `estimate ${mean} ± ${halfWidth} (99%) vs analytic ${analytic}`)
    .toBeLessThanOrEqual(WIDEN * halfWidth);
}

// Arrivals per batch grow with utilisation because the queue's relaxation time does.
const PER_BATCH: Record<number, number> = { 0.5: 5_000, 0.8: 15_000, 0.9: 30_000 };

describe('M/M/c against Erlang C (mean wait) and Little (L = λ·Wq)', () => {
  const cases = [1, 2, 8].flatMap((c) => [0.5, 0.8, 0.9].map((rho) => [c, rho] as const));
  it.each(cases)('c = %d, ρ = %d: mean wait and mean queue length match theory', (c, rho) => {
    const mu = 1, lambda = rho * c * mu;
    const batches = simulate(c, lambda, mu, PER_BATCH[rho]!);
    const wq = mmcMeanWait(lambda, mu, c);
    expectWithinCI(batches.map((b) => b.meanWaitS), wq);
    // Little's law: the time-average queue length (from the queue-length integral) is λ·Wq.
    expectWithinCI(batches.map((b) => b.queueLength), lambda * wq);
  });
});

describe('M/M/c/c (queueCapacity 0) against Erlang B', () => {
  it.each([[10, 5], [2, 1], [8, 7.2]])('c = %d, a = %d erlangs: blocking probability matches Erlang B', (c, a) => {
    const batches = simulate(c, a, 1, 10_000, 0);
    expectWithinCI(batches.map((b) => b.blocking), erlangB(c, a));
    expect(batches.every((b) => b.queueLength === 0 && b.meanWaitS === 0)).toBe(true);
  });
});

describe("Little's law on a sample path", () => {
  it('∫ queue length dt equals the sum of waits, and ∫ busy slots dt the sum of service times, when the run starts and ends empty', () => {
    const sim = new Simulation();
    const streams = new RandomStreams('little', 0);
    const arrivalRng = streams.stream('arrivals'), serviceRng = streams.stream('service');
    const interarrival = sampler({ exponential: { mean: 1 / 1.8 } });
    const service = sampler({ exponential: { mean: 1 } });
    const servers = new Resource<number>(sim, 2);
    let serviceSum = 0, id = 0;
    const depart = (): void => servers.release();
    const start = (): void => { const s = service(serviceRng); serviceSum += s; sim.schedule(s, depart); };
    const arrive = (): void => {
      servers.request(id++, start);
      if (id < 50_000) sim.schedule(interarrival(arrivalRng), arrive);
    };
    sim.schedule(interarrival(arrivalRng), arrive);
    sim.run(Infinity);
    const st = servers.stats();
    expect(st.granted).toBe(50_000);
    // Identities, not estimates: only floating-point summation error separates the two sides.
    expect(st.queueLengthIntegral / st.totalWaitS).toBeCloseTo(1, 9);
    expect(st.busyTimeIntegral / serviceSum).toBeCloseTo(1, 9);
  });
});

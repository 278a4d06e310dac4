/**
 * The load-dependent processor-sharing server as a mechanism: jobs progress and finish as events,
 * at a speed set by how many are in service.
 *
 * Closed form (linear curve, time per request base + slope × (others in flight)): with Poisson
 * arrivals at λ the number in service is negative binomial, with mean n = λ·b / (1 − λ·s), and
 * this does not depend on the demand distribution (a symmetric queue). Statistical rule: R = 20
 * independent replications each give a time-average of the number in service; the test's
 * interval is mean ± t(1 − 0.05/(2K), R − 1)·sd/√R over K = 4 checks (Bonferroni, so a correct
 * server fails any of them with probability ≤ 5%). Each replication starts empty and runs ~1000
 * relaxation times after a warm-up, far inside that interval.
 */
import { describe, expect, it } from 'vitest';
import { sampler, type DistSpec } from '../../../src/engine/distributions.js';
import { RandomStreams } from '../../../src/engine/random.js';
import { Simulation } from '../../../src/engine/sim.js';
import { linearCurve, type CapacityCurve } from '../../../src/models/capacity/curve.js';
import { LoadDependentServer } from '../../../src/models/capacity/loadDependentServer.js';
import { tQuantile } from '../../../src/stats/tDistribution.js';

const R = 20;
const K = 4;
const T = tQuantile(1 - 0.05 / (2 * K), R - 1);

/** Time-average jobs in service over [warmupS, horizonS] of one replication. */
function meanInService(curve: CapacityCurve, lambda: number, demand: DistSpec, replication: number, horizonS = 250, warmupS = 20): number {
  const sim = new Simulation();
  const streams = new RandomStreams('ps-closed-form', replication);
  const arrivals = streams.stream('arrivals');
  const work = streams.stream('demand');
  const draw = sampler(demand);
  const server = new LoadDependentServer<number>(sim, curve, Infinity, () => {});
  sim.at(warmupS, () => server.resetStats());
  let id = 0;
  const arrive = () => {
    server.add(id++, draw(work));
    sim.schedule(-Math.log(1 - arrivals()) / lambda, arrive);
  };
  sim.schedule(-Math.log(1 - arrivals()) / lambda, arrive);
  sim.run(horizonS);
  return server.utilisation().jobS / (horizonS - warmupS);
}

function interval(xs: number[]): { mean: number; half: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  return { mean, half: (T * sd) / Math.sqrt(xs.length) };
}

describe('LoadDependentServer', () => {
  const b = 0.04;
  const s = 0.005;
  const curve = linearCurve(b, s);

  for (const [lambda, demand, label] of [
    [100, { exponential: { mean: b } }, 'exponential demands, λ·s = 0.5'],
    [160, { exponential: { mean: b } }, 'exponential demands, λ·s = 0.8'],
    [100, b, 'fixed demands (insensitivity), λ·s = 0.5'],
    [160, { uniform: [0, 2 * b] }, 'uniform demands (insensitivity), λ·s = 0.8'],
  ] as Array<[number, DistSpec, string]>) {
    it(`linear curve holds n = λ·b / (1 − λ·s) requests in flight in steady state (${label})`, () => {
      const expected = (lambda * b) / (1 - lambda * s);
      const { mean, half } = interval(Array.from({ length: R }, (_, r) => meanInService(curve, lambda, demand, r)));
      expect(half).toBeGreaterThan(0);
      expect(Math.abs(mean - expected), `${mean} ± ${half} vs ${expected}`).toBeLessThanOrEqual(half);
    });
  }

  it('a lone job takes its demand; two together each take base + slope per unit of demand', () => {
    const sim = new Simulation();
    const done: Array<[string, number]> = [];
    const server = new LoadDependentServer<string>(sim, linearCurve(1, 0.5), Infinity, (j) => done.push([j, sim.now]));
    server.add('a', 2);
    sim.at(4, () => server.add('b', 1));
    sim.run(100);
    // a alone for 2 s: done at 2. b alone at 4: done at 5.
    expect(done).toEqual([['a', 2], ['b', 5]]);
    const sim2 = new Simulation();
    const done2: Array<[string, number]> = [];
    const both = new LoadDependentServer<string>(sim2, linearCurve(1, 0.5), Infinity, (j) => done2.push([j, sim2.now]));
    both.add('a', 1);
    both.add('b', 2);
    sim2.run(100);
    // Together each progresses at 1 / 1.5: a finishes at 1.5 (b has 1 left), then b alone: 2.5.
    expect(done2.map(([j]) => j)).toEqual(['a', 'b']);
    expect(done2[0]![1]).toBeCloseTo(1.5, 12);
    expect(done2[1]![1]).toBeCloseTo(2.5, 12);
  });

  it('a removed job never finishes and the others speed up; clear() finishes nothing', () => {
    const sim = new Simulation();
    const done: Array<[string, number]> = [];
    const server = new LoadDependentServer<string>(sim, linearCurve(1, 1), Infinity, (j) => done.push([j, sim.now]));
    server.add('a', 1);
    server.add('b', 1);
    sim.at(1, () => expect(server.remove('b')).toBe(true));
    sim.run(100);
    // Two together: rate 1/2 for 1 s (a has 0.5 left), then alone: done at 1.5.
    expect(done).toHaveLength(1);
    expect(done[0]![0]).toBe('a');
    expect(done[0]![1]).toBeCloseTo(1.5, 12);
    expect(server.remove('b')).toBe(false);
    server.add('c', 1);
    server.clear();
    sim.run(200);
    expect(done).toHaveLength(1);
    expect(server.inService).toBe(0);
  });

  it('utilisation is the share of the peak throughput delivered: λ·s on a linear curve', () => {
    const sim = new Simulation();
    const server = new LoadDependentServer<number>(sim, linearCurve(1, 0.25), Infinity, () => {});
    server.add(1, 1000);
    server.add(2, 1000);
    sim.run(10);
    // Two in service: throughput 2 / 1.25 = 1.6/s of a peak 4/s, for 10 s.
    expect(server.utilisation().busyS).toBeCloseTo(10 * 0.4, 9);
  });
});

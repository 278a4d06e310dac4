/**
 * Helpers for coverage tests of confidence intervals: a known-mean sample generator and the
 * binomial band a correct 95% interval's cover count falls in.
 */
import seedrandom from 'seedrandom';

/**
 * One replication of an M/M/1 queue: the mean wait in queue of K customers, started in steady
 * state (the first customer's wait drawn from the stationary Wq distribution, 0 with probability
 * 1 − ρ, else Exp(μ − λ)), then the Lindley recursion W(n+1) = max(0, W(n) + S(n) − A(n+1)). Every
 * customer's wait then has the stationary distribution, so the mean is unbiased for ρ / (μ − λ).
 */
export function mm1MeanWait(rng: () => number, lambda: number, mu: number, customers: number): number {
  const exp = (rate: number) => -Math.log(1 - rng()) / rate;
  let w = rng() < lambda / mu ? exp(mu - lambda) : 0;
  let sum = w;
  for (let n = 1; n < customers; n++) {
    w = Math.max(0, w + exp(mu) - exp(lambda));
    sum += w;
  }
  return sum / customers;
}

/**
 * How many of `seeds` independent experiments (20 replications of an M/M/1 mean wait, λ = 0.5,
 * μ = 1, 500 customers each; analytic Wq = 1) have `ci` covering the analytic value.
 */
export function mm1Coverage(ci: (values: number[]) => [number, number], seeds: number): number {
  const lambda = 0.5;
  const mu = 1;
  const analytic = lambda / mu / (mu - lambda);
  let covered = 0;
  for (let seed = 0; seed < seeds; seed++) {
    const rng = seedrandom.alea(`mm1-coverage-${seed}`);
    const reps = Array.from({ length: 20 }, () => mm1MeanWait(rng, lambda, mu, 500));
    const [lo, hi] = ci(reps);
    if (lo <= analytic && analytic <= hi) covered++;
  }
  return covered;
}

/** P(X ≤ k) for X ~ Binomial(n, p); terms in log space so that (1 − p)^n cannot underflow. */
export function binomialCdf(k: number, n: number, p: number): number {
  let logTerm = n * Math.log(1 - p);
  let cdf = Math.exp(logTerm);
  for (let i = 1; i <= Math.min(k, n); i++) {
    logTerm += Math.log((n - i + 1) / i) + Math.log(p / (1 - p));
    cdf += Math.exp(logTerm);
  }
  return cdf;
}

/** [lowest, highest]: the central 1 − 2·tail of Binomial(n, p). */
export function binomialBand(n: number, p: number, tail: number): [number, number] {
  let lowest = 0;
  while (lowest < n && binomialCdf(lowest, n, p) < tail) lowest++;
  let highest = n;
  while (highest > 0 && binomialCdf(highest - 1, n, p) > 1 - tail) highest--;
  return [lowest, highest];
}

/**
 * Closed forms for Markovian queues (M/M/c and M/M/c/c). `a` is the offered load in erlangs
 * (λ/μ), `c` the number of servers, rates per second and times in seconds (any consistent unit
 * works). Used by `headroom` for its static estimate and by the tests that validate the engine.
 */

/**
 * Erlang B: the blocking probability of an M/M/c/c loss system, by the stable recursion
 * B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)) (no factorials, no overflow for large c).
 */
export function erlangB(c: number, a: number): number {
  if (!(Number.isInteger(c) && c >= 0) || !(a >= 0)) throw new RangeError(`erlangB: need integer c >= 0 and a >= 0, got c=${c}, a=${a}`);
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: the probability that an arrival waits in an M/M/c queue, C = c·B / (c − a·(1 − B)); needs a < c. */
export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new RangeError(`erlangC: the queue is unstable unless a < c, got c=${c}, a=${a}`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** Mean time in queue (before service) of an M/M/c queue, Wq = C(c, λ/μ) / (cμ − λ), in the units of 1/λ. */
export function mmcMeanWait(lambda: number, mu: number, c: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/**
 * P(T > t) for the response time T = wait + service of an M/M/c queue (FCFS): the wait is 0 with
 * probability 1 − C and exponential with rate θ = cμ − λ otherwise, the service exponential with
 * rate μ, so P(T > t) = (1 − C)·e^(−μt) + C·(θ·e^(−μt) − μ·e^(−θt)) / (θ − μ) (C·(1 + μt)·e^(−μt) when θ = μ).
 */
export function mmcResponseTail(lambda: number, mu: number, c: number, t: number): number {
  const C = erlangC(c, lambda / mu);
  const theta = c * mu - lambda;
  const eMu = Math.exp(-mu * t);
  const both = Math.abs(theta - mu) < 1e-9 * mu ? (1 + mu * t) * eMu : (theta * eMu - mu * Math.exp(-theta * t)) / (theta - mu);
  return (1 - C) * eMu + C * both;
}

/** The q-quantile (0 < q < 1) of an M/M/c queue's response time, by bisection on mmcResponseTail (relative precision 1e-9). */
export function mmcResponseQuantile(lambda: number, mu: number, c: number, q: number): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`mmcResponseQuantile: q must be in (0, 1), got ${q}`);
  let lo = 0;
  let hi = 1 / mu;
  while (mmcResponseTail(lambda, mu, c, hi) > 1 - q) hi *= 2;
  while (hi - lo > 1e-9 * hi) {
    const mid = (lo + hi) / 2;
    if (mmcResponseTail(lambda, mu, c, mid) > 1 - q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * P(W + X > t) where W is the wait of an M/M/c queue (0 with probability 1 − C, else
 * exponential with rate θ = cμ − λ), its length scaled by `waitScale` (1: M/M/c itself), and X
 * is a service time given by equally weighted quantiles `xs` (e.g. the distribution's quantiles
 * at (i + ½)/n): the M/M/c wait with the service's own shape, for latency tails when service
 * times are not exponential. Resolution 1/n.
 */
export function mmcWaitPlusTail(lambda: number, mu: number, c: number, xs: readonly number[], t: number, waitScale = 1): number {
  const C = erlangC(c, lambda / mu);
  const theta = (c * mu - lambda) / waitScale;
  let p = 0;
  for (const x of xs) p += x > t ? 1 : C * Math.exp(-theta * (t - x));
  return p / xs.length;
}

/** The q-quantile of W + X (see mmcWaitPlusTail), by bisection to relative precision 1e-6. */
export function mmcWaitPlusQuantile(lambda: number, mu: number, c: number, xs: readonly number[], q: number, waitScale = 1): number {
  if (!(q > 0 && q < 1)) throw new RangeError(`mmcWaitPlusQuantile: q must be in (0, 1), got ${q}`);
  let lo = 0;
  let hi = Math.max(1 / mu, ...xs.slice(-1));
  while (mmcWaitPlusTail(lambda, mu, c, xs, hi, waitScale) > 1 - q) hi *= 2;
  while (hi - lo > 1e-6 * hi) {
    const mid = (lo + hi) / 2;
    if (mmcWaitPlusTail(lambda, mu, c, xs, mid, waitScale) > 1 - q) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Allen–Cunneen's factor for a GI/G/c queue: its mean wait ≈ the M/M/c mean wait × (ca² + cs²)/2,
 * with ca² and cs² the squared coefficients of variation of the interarrival and service times
 * (1 and 1 for M/M/c, so the factor is 1 there).
 */
export function allenCunneenFactor(ca2: number, cs2: number): number {
  return (ca2 + cs2) / 2;
}

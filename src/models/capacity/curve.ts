/**
 * A capacity curve: how the time one request takes on an instance grows with the requests in
 * flight there. Both curves are written as a slowdown of a lone request's time `baseS`:
 *
 * - linear: time per request = base + slope × (n − 1) at n requests in flight, i.e. every other
 *   request in flight adds `slope` seconds; throughput n / (base + slope (n − 1)) rises towards
 *   1 / slope.
 * - usl (Universal Scalability Law, Gunther): throughput X(n) = n / (base (1 + σ (n − 1) + κ n (n − 1))),
 *   σ the contention (serialised share), κ the coherence (crosstalk) cost; with κ > 0 throughput
 *   peaks at n* = √((1 − σ) / κ) and then falls (retrograde scaling).
 *
 * Linear is USL with σ = slope / base and κ = 0, so both are held as (baseS, sigma, kappa).
 */

/** A capacity curve as (lone-request time, contention, coherence); see the module comment. */
export interface CapacityCurve {
  curve: 'linear' | 'usl';
  /** Time of a lone request, seconds (1 / single-request throughput). */
  baseS: number;
  /** Contention σ ≥ 0 (linear: slope / base). */
  sigma: number;
  /** Coherence κ ≥ 0 (linear: 0). */
  kappa: number;
}

/** A linear curve from its base and slope (seconds). */
export function linearCurve(baseS: number, slopeS: number): CapacityCurve {
  return { curve: 'linear', baseS, sigma: slopeS / baseS, kappa: 0 };
}

/** Time per request relative to a lone request at `n` ≥ 1 in flight: 1 + σ (n − 1) + κ n (n − 1). */
export function slowdown(c: CapacityCurve, n: number): number {
  return n <= 1 ? 1 : 1 + c.sigma * (n - 1) + c.kappa * n * (n - 1);
}

/** Requests per second one instance completes with `n` in flight. */
export function throughputAt(c: CapacityCurve, n: number): number {
  return n <= 0 ? 0 : n / (c.baseS * slowdown(c, n));
}

/**
 * The in-flight count (1..maxInFlight) at which throughput peaks: maxInFlight when throughput
 * only rises (κ = 0), else the integer next to √((1 − σ) / κ).
 */
export function peakInFlight(c: CapacityCurve, maxInFlight: number): number {
  if (c.kappa <= 0) return maxInFlight;
  const star = Math.sqrt(Math.max(0, 1 - c.sigma) / c.kappa);
  const lo = Math.max(1, Math.min(maxInFlight, Math.floor(star)));
  const hi = Math.max(1, Math.min(maxInFlight, Math.ceil(star)));
  return throughputAt(c, hi) > throughputAt(c, lo) ? hi : lo;
}

/** The most requests per second one instance completes (at its peak in-flight count). */
export function peakThroughput(c: CapacityCurve, maxInFlight: number): number {
  if (c.kappa <= 0 && !Number.isFinite(maxInFlight)) return c.sigma > 0 ? 1 / (c.baseS * c.sigma) : Infinity;
  return throughputAt(c, peakInFlight(c, maxInFlight));
}

/**
 * Fits a capacity curve (curve.ts) to measured (concurrency, throughput) points of one instance
 * by least squares on throughput: minimise Σ (X_i − X(n_i))² over base (> 0), σ (≥ 0) and, for
 * the USL, κ (≥ 0). The start is the linearised fit (n / X = base + base σ (n − 1) + base κ n (n − 1)
 * is linear in its three coefficients), refined by Levenberg–Marquardt on throughput itself with
 * σ and κ kept at 0 or above.
 *
 * Quality: R² = 1 − SS_res / SS_tot on throughput, each point's residual (measured − fitted,
 * requests/s), and each parameter's standard error from the residual variance and the Jacobian
 * at the optimum (SS_res / (points − parameters) × (JᵀJ)⁻¹; 0 with no degrees of freedom left).
 */
import { throughputAt, type CapacityCurve } from './curve.js';

/** One load-test measurement: `concurrency` requests in flight gave `throughputPerS`. */
export interface CapacityPoint {
  concurrency: number;
  throughputPerS: number;
}

/** A fitted curve with its quality. */
export interface CapacityFit {
  curve: CapacityCurve;
  r2: number;
  /** Measured − fitted throughput per point, requests/s, in the order given. */
  residualsPerS: number[];
  /** Standard errors of base (s), σ and κ (κ: 0 for a linear curve). */
  stdErr: { baseS: number; sigma: number; kappa: number };
}

/** Points each curve needs at least: one per parameter. */
export const MIN_POINTS = { linear: 2, usl: 3 } as const;

type Params = [number, number, number];

function model(kind: CapacityCurve['curve'], p: Params): CapacityCurve {
  return { curve: kind, baseS: p[0], sigma: p[1], kappa: kind === 'usl' ? p[2] : 0 };
}

/** Solves the symmetric system A x = b (k ≤ 3) by Gaussian elimination; null when singular. */
function solve(a: number[][], b: number[]): number[] | null {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    if (!(Math.abs(m[piv]![c]!) > 1e-300)) return null;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let j = c; j <= k; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  return m.map((row, i) => row[k]! / row[i]!);
}

/** Inverse of a small symmetric matrix (k ≤ 3), column by column; null when singular. */
function inverse(a: number[][]): number[][] | null {
  const k = a.length;
  const cols: number[][] = [];
  for (let j = 0; j < k; j++) {
    const x = solve(a, Array.from({ length: k }, (_, i) => (i === j ? 1 : 0)));
    if (!x) return null;
    cols.push(x);
  }
  return a.map((_, i) => cols.map((c) => c[i]!));
}

/** Linear least squares of y on the given columns (normal equations). */
function linearLeastSquares(cols: number[][], y: number[]): number[] | null {
  const a = cols.map((ci) => cols.map((cj) => ci.reduce((s, v, t) => s + v * cj[t]!, 0)));
  const b = cols.map((ci) => ci.reduce((s, v, t) => s + v * y[t]!, 0));
  return solve(a, b);
}

function sse(kind: CapacityCurve['curve'], p: Params, pts: CapacityPoint[]): number {
  const c = model(kind, p);
  return pts.reduce((s, q) => s + (q.throughputPerS - throughputAt(c, q.concurrency)) ** 2, 0);
}

/** Jacobian of X(n) in the free parameters (base, σ[, κ]) at `p`. */
function jacobian(kind: CapacityCurve['curve'], p: Params, pts: CapacityPoint[]): number[][] {
  const c = model(kind, p);
  return pts.map(({ concurrency: n }) => {
    const d = 1 + p[1] * (n - 1) + (kind === 'usl' ? p[2] * n * (n - 1) : 0);
    const x = throughputAt(c, n);
    const row = [-x / p[0], (-x * (n - 1)) / d];
    if (kind === 'usl') row.push((-x * n * (n - 1)) / d);
    return row;
  });
}

/** The linearised start: n / X regressed on 1, n − 1 (and n (n − 1)); negative coefficients dropped. */
function start(kind: CapacityCurve['curve'], pts: CapacityPoint[]): Params | null {
  const y = pts.map((q) => q.concurrency / q.throughputPerS);
  const ones = pts.map(() => 1);
  const lin = pts.map((q) => q.concurrency - 1);
  const quad = pts.map((q) => q.concurrency * (q.concurrency - 1));
  const tries: number[][][] = kind === 'usl' ? [[ones, lin, quad], [ones, quad], [ones, lin], [ones]] : [[ones, lin], [ones]];
  for (const cols of tries) {
    const x = linearLeastSquares(cols, y);
    if (!x || x.some((v) => !(v >= 0)) || !(x[0]! > 0)) continue;
    const coef = { lin: 0, quad: 0 };
    cols.forEach((col, i) => {
      if (col === lin) coef.lin = x[i]!;
      if (col === quad) coef.quad = x[i]!;
    });
    return [x[0]!, coef.lin / x[0]!, coef.quad / x[0]!];
  }
  return null;
}

/**
 * Fits `kind` to the points (concurrency ≥ 1, throughput > 0, at least MIN_POINTS[kind] distinct
 * concurrencies; the caller validates). Returns a message instead when no curve of the kind fits.
 */
export function fitCapacity(kind: CapacityCurve['curve'], pts: CapacityPoint[]): CapacityFit | string {
  let p = start(kind, pts);
  if (!p) return `no ${kind} curve fits these points (throughput must not grow faster than the concurrency)`;
  const k = kind === 'usl' ? 3 : 2;
  let err = sse(kind, p, pts);
  let lambda = 1e-3;
  for (let iter = 0; iter < 200; iter++) {
    const j = jacobian(kind, p, pts);
    const c = model(kind, p);
    const r = pts.map((q) => q.throughputPerS - throughputAt(c, q.concurrency));
    const jtj = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => j.reduce((s, row) => s + row[a]! * row[b]!, 0)));
    const jtr = Array.from({ length: k }, (_, a) => j.reduce((s, row, t) => s + row[a]! * r[t]!, 0));
    let improved = false;
    while (lambda < 1e12) {
      const damped = jtj.map((row, a) => row.map((v, b) => (a === b ? v * (1 + lambda) : v)));
      const step = solve(damped, jtr);
      if (!step) break;
      const q: Params = [Math.max(p[0] * 1e-6, p[0] + step[0]!), Math.max(0, p[1] + step[1]!), k === 3 ? Math.max(0, p[2] + step[2]!) : 0];
      const e = sse(kind, q, pts);
      if (e < err) {
        const rel = (err - e) / Math.max(err, 1e-300);
        p = q;
        err = e;
        lambda = Math.max(1e-12, lambda / 10);
        improved = rel > 1e-12;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  const curve = model(kind, p);
  const residualsPerS = pts.map((q) => q.throughputPerS - throughputAt(curve, q.concurrency));
  const mean = pts.reduce((s, q) => s + q.throughputPerS, 0) / pts.length;
  const ssTot = pts.reduce((s, q) => s + (q.throughputPerS - mean) ** 2, 0);
  const r2 = ssTot > 0 ? 1 - err / ssTot : err === 0 ? 1 : 0;
  const dof = pts.length - k;
  const j = jacobian(kind, p, pts);
  const inv = inverse(Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => j.reduce((s, row) => s + row[a]! * row[b]!, 0))));
  const s2 = dof > 0 ? err / dof : 0;
  const se = (i: number) => (inv && i < k ? Math.sqrt(Math.max(0, s2 * inv[i]![i]!)) : 0);
  return { curve, r2, residualsPerS, stdErr: { baseS: se(0), sigma: se(1), kappa: se(2) } };
}

/**
 * Analytic attempt counts, used by tests as checks on the simulated clients and by the README.
 *
 * Accounting: an attempt is every call sent (first tries and retries); a retry is every attempt
 * after a request's first. So attempts = requests + retries: 1,000 requests of which 100 are
 * retried 3 times make 300 retries and 1,300 attempts, an amplification of 1.3 attempts per request.
 */

/** Attempts per request: attempts / requests (1 = no retries). */
export function amplification(requests: number, attempts: number): number {
  return requests === 0 ? 0 : attempts / requests;
}

/**
 * Mean attempts per request when each attempt fails independently with probability p and a request
 * makes at most n attempts: attempt k is sent iff the k − 1 before it failed, so
 * E[N] = Σ_{k=1..n} p^(k−1) = (1 − pⁿ)/(1 − p), and n when p = 1 (total failure).
 */
export function expectedAttempts(p: number, n: number): number {
  checkArgs(p, n);
  return p === 1 ? n : (1 - Math.pow(p, n)) / (1 - p);
}

/**
 * Variance of the attempts per request in the same model, for confidence intervals:
 * E[N²] = Σ_{k=1..n} (2k − 1) P(N ≥ k) with P(N ≥ k) = p^(k−1), minus E[N]².
 */
export function attemptsVariance(p: number, n: number): number {
  checkArgs(p, n);
  let m2 = 0, pk = 1;
  for (let k = 1; k <= n; k++) { m2 += (2 * k - 1) * pk; pk *= p; }
  const m = expectedAttempts(p, n);
  return Math.max(0, m2 - m * m);
}

/** The shape of an agent workflow: sequential steps, each a fan-out of parallel calls. */
export interface WorkflowShape {
  /** Sequential steps in one run of the workflow. */
  steps: number;
  /** Parallel tool calls per step. */
  fanOut: number;
  /** Maximum attempts per call (1 + retries). */
  attemptsPerCall: number;
  /** Restarts of the whole workflow after a failed run (0 = no restart). */
  restarts: number;
}

/**
 * Attempts an agent workflow sends when every call fails. Derivation: a run starts with step 1,
 * whose `fanOut` calls go out in parallel; each call fails on every attempt, so it makes all
 * `attemptsPerCall` attempts, and step 1 sends fanOut × attemptsPerCall. Step 1 fails, so the run
 * fails and steps 2..steps never start (they send nothing, whatever `steps` is). The workflow is
 * then run again, up to `restarts` more times, each run failing the same way. Total:
 * fanOut × attemptsPerCall × (restarts + 1). With fan-out 10, 3 attempts and 2 restarts one
 * workflow sends 90 attempts where a human's request sends at most its own attempt count.
 */
export function workflowAttemptsUnderTotalFailure(w: WorkflowShape): number {
  for (const [k, v] of Object.entries(w)) {
    if (!(Number.isInteger(v) && v >= (k === 'restarts' ? 0 : 1))) throw new RangeError(`workflowAttemptsUnderTotalFailure: ${k} must be an integer >= ${k === 'restarts' ? 0 : 1}, got ${v}`);
  }
  return w.fanOut * w.attemptsPerCall * (w.restarts + 1);
}

function checkArgs(p: number, n: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`attempts: p must be in [0, 1], got ${p}`);
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`attempts: n must be an integer >= 1, got ${n}`);
}

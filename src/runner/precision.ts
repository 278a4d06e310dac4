/**
 * Precision-driven runs: replications are added in batches until, for every design, each
 * headline metric's 95% CI half-width is at most `relative` × |mean| (or the cap is hit).
 * Deterministic: the stopping rule is only evaluated on whole batches of outcomes, which do not
 * depend on the number of workers, so the same inputs stop at the same replication count.
 */
import { HEADLINES } from './compare.js';
import { defaultWorkers, ReplicationPool } from './pool.js';
import type { DesignResult, Result } from './result.js';
import { assembleResult, designStores, range, runInfo, storedDesigns, taskSource, type SimulateOptions, type SimulationInput } from './simulate.js';

/** Replications of the first batch when `replications` is not given. */
export const DEFAULT_FIRST_BATCH = 20;

export interface PrecisionOptions {
  /** Target CI half-width as a share of the mean (0.05 for `--precision 5%`). */
  relative: number;
  /** Never run more replications than this. */
  maxReplications: number;
}

/** What the Result says about a precision-driven run. */
export interface PrecisionReport {
  target_relative_half_width: number;
  max_replications: number;
  /** True when every headline metric met the target; false when the cap stopped the run. */
  reached: boolean;
  /** Replications after each batch. */
  batches: number[];
  /** The metric furthest from the target at the end (relative half-width; null if not finite). */
  worst: { design: string; metric: string; relative_half_width: number | null } | null;
}

/**
 * Relative half-width of a metric's CI: 0 when the CI is a point (all values equal), Infinity
 * when it cannot be estimated (fewer than 2 values, or a zero mean with spread). RTO with no
 * recovered replication is skipped: there is nothing to estimate, the not-recovered count says it.
 */
function relativeHalfWidths(d: DesignResult): Array<{ metric: string; value: number }> {
  const out: Array<{ metric: string; value: number }> = [];
  for (const h of HEADLINES) {
    const s = d.metrics[h.metric];
    if (h.metric === 'rto_s' && s.n === 0) continue;
    if (s.n < 2 || s.ci95 === null || s.mean === null) {
      out.push({ metric: h.metric, value: Infinity });
      continue;
    }
    const half = (s.ci95[1] - s.ci95[0]) / 2;
    out.push({ metric: h.metric, value: half === 0 ? 0 : s.mean === 0 ? Infinity : half / Math.abs(s.mean) });
  }
  return out;
}

/** Runs batches until the precision target or the cap; the Result carries `precision`. */
export async function simulateToPrecision(input: SimulationInput, opts: SimulateOptions, precision: PrecisionOptions): Promise<Result> {
  const cap = precision.maxReplications;
  const firstBatch = Math.min(cap, opts.replications ?? DEFAULT_FIRST_BATCH);
  const info = runInfo(input, { ...opts, replications: firstBatch });
  const stores = designStores(input, opts);
  const batches: number[] = [];
  const workers = Math.max(1, opts.workers ?? defaultWorkers());
  const pool = new ReplicationPool({ ...opts, workers });
  let n = 0;
  let next = firstBatch;
  let done = 0;
  try {
    opts.onStart?.({ replications: cap, designs: input.designs.length, workers });
    for (;;) {
      const from = n;
      const to = next;
      await pool.run(taskSource(input, opts, () => range(from, to)), (outcome, task) => {
        stores.get(task.design)!.add(outcome);
        opts.onProgress?.(++done, to * input.designs.length);
      });
      n = next;
      batches.push(n);
      const result = assembleResult(info, storedDesigns(stores));
      let worst: PrecisionReport['worst'] = null;
      let worstValue = -1;
      for (const d of result.designs) {
        for (const { metric, value } of relativeHalfWidths(d)) {
          if (value > worstValue) {
            worstValue = value;
            worst = { design: d.name, metric, relative_half_width: Number.isFinite(value) ? value : null };
          }
        }
      }
      const ratio = worstValue / precision.relative;
      const reached = ratio <= 1;
      if (reached || n >= cap) {
        result.precision = { target_relative_half_width: precision.relative, max_replications: cap, reached, batches, worst };
        return result;
      }
      // Half-widths shrink like 1/√n: aim for the count the worst metric needs, at least one more batch.
      const needed = Number.isFinite(ratio) ? Math.ceil(n * ratio * ratio) : 2 * n;
      next = Math.min(cap, Math.max(n + firstBatch, needed));
    }
  } finally {
    await pool.close();
  }
}

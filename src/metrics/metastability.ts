/**
 * Did the system come back when its trigger went away, or did retry load keep it down
 * (a metastable failure)? Goodput is successful unique requests per second, by arrival second.
 * Its baseline is the mean over the ten minutes before the fault. After the fault ends, goodput
 * has recovered at the first second from which it stays at or above 90% of the baseline, over
 * the SLO window, for the SLO's `sustained` time (the same rule as the RTO, applied to goodput
 * against its baseline). The storm outlasted its trigger by that second minus the fault end; if
 * goodput never recovers before the horizon, the replication is metastable.
 */
import type { SloSpec } from '../scenario/schema.js';
import { computeRto } from './outcome.js';

/** Share of the pre-fault goodput that counts as recovered. */
export const GOODPUT_RECOVERED_SHARE = 0.9;
const BASELINE_S = 600;

/** The metastability verdict of one replication. */
export interface StormOutcome {
  /** When the fault ended (null: it lasted to the horizon, no verdict). */
  fault_end_s: number | null;
  /** Seconds from the fault's end until goodput recovered (null: not recovered, or no verdict). */
  storm_outlasted_trigger_s: number | null;
  /** true: goodput never recovered after the fault ended; null: the fault never ended. */
  metastable: boolean | null;
}

/** Judges one replication from its per-second goodput. */
export function stormAfterTrigger(goodput: Float64Array, faultStartT: number, faultEndT: number, slo: SloSpec, measurableEndS: number): StormOutcome {
  if (!Number.isFinite(faultEndT)) return { fault_end_s: null, storm_outlasted_trigger_s: null, metastable: null };
  const end = Math.floor(faultStartT);
  const from = Math.max(0, end - BASELINE_S);
  let sum = 0;
  for (let s = from; s < end; s++) sum += goodput[s]!;
  const baseline = end > from ? sum / (end - from) : 0;
  const expected = new Float64Array(goodput.length).fill(baseline);
  const outlasted = computeRto(goodput, expected, { ...slo, success_ratio: GOODPUT_RECOVERED_SHARE }, faultEndT, measurableEndS);
  return { fault_end_s: faultEndT, storm_outlasted_trigger_s: outlasted, metastable: outlasted === null };
}

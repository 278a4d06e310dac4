/**
 * Did the system come back when its trigger went away, or did retry load keep it down
 * (a metastable failure)? Goodput is successful unique requests per second, by arrival second;
 * arrivals are the unique requests (all classes) that arrived in that second (re-issues by
 * restarted agent workflows are neither). Goodput is judged against arrivals: its baseline is the
 * share of arrivals that succeeded in the ten minutes before the fault, and after the
 * fault ends goodput has recovered at the first second from which, over the SLO window and for
 * the SLO's `sustained` time, it is at least 90% of baseline share × arrivals (the RTO rule,
 * applied to goodput). The storm outlasted its trigger by that second minus the fault end; if
 * goodput never recovers before the horizon, the replication is metastable.
 *
 * Why against arrivals rather than a flat pre-fault rate: agents arrive in bursts (a
 * workflow step sends ~10 calls at once), so a healthy service's goodput per minute swings by
 * 15% or more around its mean, and a flat 90% line is crossed by noise alone (a healthy
 * replication was judged metastable that way). The share of arrivals served is ~1 when healthy
 * whatever the burst, and ~0 in a storm.
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

/** Judges one replication from its per-second goodput and arrivals (unique requests, all classes, by arrival second). */
export function stormAfterTrigger(
  goodput: Float64Array,
  arrivals: Float64Array,
  faultStartT: number,
  faultEndT: number,
  slo: SloSpec,
  measurableEndS: number,
): StormOutcome {
  if (!Number.isFinite(faultEndT)) return { fault_end_s: null, storm_outlasted_trigger_s: null, metastable: null };
  const end = Math.floor(faultStartT);
  const from = Math.max(0, end - BASELINE_S);
  let good = 0;
  let arrived = 0;
  for (let s = from; s < end; s++) {
    good += goodput[s]!;
    arrived += arrivals[s]!;
  }
  const share = arrived > 0 ? good / arrived : 1;
  const expected = arrivals.map((x) => share * x);
  const outlasted = computeRto(goodput, expected, { ...slo, success_ratio: GOODPUT_RECOVERED_SHARE }, faultEndT, measurableEndS);
  return { fault_end_s: faultEndT, storm_outlasted_trigger_s: outlasted, metastable: outlasted === null };
}

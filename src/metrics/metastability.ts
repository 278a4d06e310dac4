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
 *
 * Not judged (`not_judged` says why, and the verdict is null) where no verdict is possible: the
 * fault lasted to the horizon; it ended too late for goodput to be seen holding (less than the SLO
 * window plus `sustained` before the last measurable second); it started with less than one SLO
 * window of pre-fault history (or after `warmup`), so there is no baseline; or nothing succeeded
 * before the fault, so "back to its baseline" means nothing.
 */
import type { SloSpec } from '../scenario/schema.js';
import { computeRto } from './outcome.js';

/** Share of the pre-fault goodput that counts as recovered. */
export const GOODPUT_RECOVERED_SHARE = 0.9;
const BASELINE_S = 600;

/** Why a replication's metastability was not judged. */
export type NotJudgedReason =
  | 'no_fault'
  | 'fault_lasted_to_horizon'
  | 'fault_ended_too_late'
  | 'no_pre_fault_baseline'
  | 'no_pre_fault_goodput';

/** One sentence per reason, for the human-readable outputs. */
export const NOT_JUDGED_TEXT: Record<NotJudgedReason, string> = {
  no_fault: 'the scenario has no fault',
  fault_lasted_to_horizon: 'the fault lasted to the horizon',
  fault_ended_too_late: 'the fault ended less than the SLO window + sustained before the last measurable second',
  no_pre_fault_baseline: 'the fault started with less than one SLO window of pre-fault history (no baseline)',
  no_pre_fault_goodput: 'nothing succeeded before the fault (no baseline to return to)',
};

/** The metastability verdict of one replication. */
export interface StormOutcome {
  /** When the fault ended (null: it lasted to the horizon, no verdict). */
  fault_end_s: number | null;
  /** Seconds from the fault's end until goodput recovered (null: not recovered, or no verdict). */
  storm_outlasted_trigger_s: number | null;
  /** true: goodput never recovered after the fault ended; null: the fault never ended. */
  metastable: boolean | null;
  /** Why no verdict was given (null when judged). */
  not_judged: NotJudgedReason | null;
}

function notJudged(reason: NotJudgedReason, faultEndT: number): StormOutcome {
  return { fault_end_s: Number.isFinite(faultEndT) ? faultEndT : null, storm_outlasted_trigger_s: null, metastable: null, not_judged: reason };
}

/**
 * Judges one replication from its per-second goodput and arrivals (unique requests, all classes,
 * by arrival second). `historyFromS`: the first second that counts as pre-fault history (the
 * warm-up's end).
 */
export function stormAfterTrigger(
  goodput: Float64Array,
  arrivals: Float64Array,
  faultStartT: number,
  faultEndT: number,
  slo: SloSpec,
  measurableEndS: number,
  historyFromS = 0,
): StormOutcome {
  if (!Number.isFinite(faultStartT)) return notJudged('no_fault', faultEndT);
  if (!Number.isFinite(faultEndT)) return notJudged('fault_lasted_to_horizon', faultEndT);
  if (Math.floor(faultEndT) + Math.max(1, Math.round(slo.window)) + Math.round(slo.sustained) > Math.floor(measurableEndS)) return notJudged('fault_ended_too_late', faultEndT);
  const end = Math.floor(faultStartT);
  const from = Math.max(Math.ceil(historyFromS), end - BASELINE_S);
  if (end - from < Math.max(1, Math.round(slo.window))) return notJudged('no_pre_fault_baseline', faultEndT);
  let good = 0;
  let arrived = 0;
  for (let s = from; s < end; s++) {
    good += goodput[s]!;
    arrived += arrivals[s]!;
  }
  if (arrived === 0) return notJudged('no_pre_fault_baseline', faultEndT);
  if (good === 0) return notJudged('no_pre_fault_goodput', faultEndT);
  const share = good / arrived;
  const expected = arrivals.map((x) => share * x);
  const outlasted = computeRto(goodput, expected, { ...slo, success_ratio: GOODPUT_RECOVERED_SHARE }, faultEndT, measurableEndS);
  return { fault_end_s: faultEndT, storm_outlasted_trigger_s: outlasted, metastable: outlasted === null, not_judged: null };
}

/**
 * The metastability verdict: after the fault ends, goodput must come back to 90% of its
 * pre-fault share of arriving unique requests, over the SLO window, for `sustained`.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { stormAfterTrigger } from '../../src/metrics/metastability.js';
import { sloSpec } from '../support/specs.js';

const SECONDS = 3000;
const FAULT_START = 1000;
const FAULT_END = 1300;
const slo = sloSpec({ success_ratio: 0.99, latency: '1s', window: '60s', sustained: '300s' });

/** Per-second arrivals and goodput: `arrivals(s)` unique requests, of which the share `served(s)` succeed. */
function series(arrivals: (s: number) => number, served: (s: number) => number) {
  const offered = new Float64Array(SECONDS);
  const goodput = new Float64Array(SECONDS);
  for (let s = 0; s < SECONDS; s++) {
    offered[s] = arrivals(s);
    goodput[s] = Math.round(arrivals(s) * served(s));
  }
  return { offered, goodput };
}

/** Bursty arrivals like agent workflow steps: in a random half of the seconds, 10 calls at once. */
const rng = seedrandom.alea('bursts');
const bursts = Array.from({ length: SECONDS }, () => (rng() < 0.5 ? 10 : 0));
const bursty = (s: number) => bursts[s]!;

describe('stormAfterTrigger', () => {
  it('a healthy service with bursty arrivals is not metastable, although its goodput swings well below 90% of its mean', () => {
    const { offered, goodput } = series(bursty, (s) => (s >= FAULT_START && s < FAULT_END ? 0 : 1));
    // The premise: one-minute goodput after the fault drops under 90% of the pre-fault mean somewhere.
    const perMinute = (from: number) => goodput.slice(from, from + 60).reduce((a, b) => a + b, 0);
    let pre = 0;
    for (let s = FAULT_START - 600; s < FAULT_START; s++) pre += goodput[s]!;
    const preMinute = pre / 10;
    const minutes = Array.from({ length: 20 }, (_, k) => perMinute(FAULT_END + 60 * k));
    expect(Math.min(...minutes)).toBeLessThan(0.9 * preMinute);
    const v = stormAfterTrigger(goodput, offered, FAULT_START, FAULT_END, slo, SECONDS);
    expect(v).toEqual({ fault_end_s: FAULT_END, storm_outlasted_trigger_s: 0, metastable: false, not_judged: null });
  });

  it('goodput that stays down while requests keep arriving is metastable', () => {
    const { offered, goodput } = series(() => 20, (s) => (s < FAULT_START ? 1 : 0.05));
    expect(stormAfterTrigger(goodput, offered, FAULT_START, FAULT_END, slo, SECONDS)).toEqual({ fault_end_s: FAULT_END, storm_outlasted_trigger_s: null, metastable: true, not_judged: null });
  });

  it('the storm outlasts the trigger until the served share is back to 90% of its baseline share', () => {
    const back = FAULT_END + 420;
    // Before the fault only 80% are served (a throttled class): 75% is 94% of that, and counts as recovered.
    const { offered, goodput } = series(() => 20, (s) => (s < FAULT_START ? 0.8 : s < back ? 0.1 : 0.75));
    const v = stormAfterTrigger(goodput, offered, FAULT_START, FAULT_END, slo, SECONDS);
    expect(v.metastable).toBe(false);
    // The window is forward: the one starting 2 s before `back` holds 2 s at 10% and 58 s at 75%,
    // (2·2 + 58·15) / (60·20·0.8) = 0.91 of the baseline share; the one starting 3 s before, 0.897.
    expect(v.storm_outlasted_trigger_s).toBe(back - 2 - FAULT_END);
  });

  it('gives no verdict when the fault lasts to the horizon', () => {
    const { offered, goodput } = series(() => 20, () => 1);
    expect(stormAfterTrigger(goodput, offered, FAULT_START, Infinity, slo, SECONDS)).toEqual({ fault_end_s: null, storm_outlasted_trigger_s: null, metastable: null, not_judged: 'fault_lasted_to_horizon' });
  });

  it('gives no verdict when the fault ends too close to the last measurable second to see goodput hold', () => {
    // Healthy again at once, but window (60 s) + sustained (300 s) do not fit before the end.
    const { offered, goodput } = series(() => 20, (s) => (s >= FAULT_START && s < FAULT_END ? 0 : 1));
    const measurableEnd = FAULT_END + 359;
    const v = stormAfterTrigger(goodput, offered, FAULT_START, FAULT_END, slo, measurableEnd);
    expect(v).toEqual({ fault_end_s: FAULT_END, storm_outlasted_trigger_s: null, metastable: null, not_judged: 'fault_ended_too_late' });
    // One second more and it is judged, and recovered.
    expect(stormAfterTrigger(goodput, offered, FAULT_START, FAULT_END, slo, measurableEnd + 1).metastable).toBe(false);
  });

  it('gives no verdict when the fault starts at 0 s or within one SLO window (no pre-fault baseline)', () => {
    const { offered, goodput } = series(() => 20, (s) => (s < 300 ? 0.5 : 1));
    expect(stormAfterTrigger(goodput, offered, 0, 300, slo, SECONDS).not_judged).toBe('no_pre_fault_baseline');
    expect(stormAfterTrigger(goodput, offered, 59, 300, slo, SECONDS).not_judged).toBe('no_pre_fault_baseline');
    expect(stormAfterTrigger(goodput, offered, 60, 300, slo, SECONDS).not_judged).toBeNull();
    // After a warm-up, history starts at its end.
    expect(stormAfterTrigger(goodput, offered, 600, 900, slo, SECONDS, 580).not_judged).toBe('no_pre_fault_baseline');
  });

  it('a system where nothing ever succeeds is not judged "recovered"', () => {
    const { offered, goodput } = series(() => 20, () => 0);
    expect(stormAfterTrigger(goodput, offered, FAULT_START, FAULT_END, slo, SECONDS)).toEqual({ fault_end_s: FAULT_END, storm_outlasted_trigger_s: null, metastable: null, not_judged: 'no_pre_fault_goodput' });
  });
});

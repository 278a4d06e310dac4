/**
 * Per-replication metrics from per-second counts. RTO (see computeRto's doc comment): the SLO
 * holds at second u when the requests that arrived in [u, u + window) succeeded within the
 * latency bound at least `success_ratio` of the time (an empty window holds); RTO is the first u
 * at or after the fault start from which it holds for `sustained`, minus the fault start; null
 * when that never happens in the measurable part of the horizon.
 */
import { describe, expect, it } from 'vitest';
import { availabilityOf, censoredBuckets, classesOf, clientRegionsOf, computeRto, timelineOf } from '../../src/metrics/outcome.js';
import { ReplicationRecorder } from '../../src/metrics/replicationRecorder.js';
import { Simulation } from '../../src/engine/sim.js';
import { request } from '../support/modelHarness.js';
import { sloSpec } from '../support/specs.js';

const HORIZON = 1000;

/** Per-second arrays: `rate` requests a second; the share `goodShare(second)` of them good. */
function counts(goodShare: (s: number) => number, rate = 10, seconds = HORIZON) {
  const good = new Float64Array(seconds);
  const total = new Float64Array(seconds);
  for (let s = 0; s < seconds; s++) {
    total[s] = rate;
    good[s] = rate * goodShare(s);
  }
  return { good, total };
}

const strict = sloSpec({ success_ratio: 0.99, latency: '500ms', window: '60s', sustained: '300s' });
const badDuring = (from: number, to: number) => (s: number) => (s >= from && s < to ? 0 : 1);

describe('computeRto', () => {
  it('measures from the fault start to the first second of the recovered run', () => {
    const { good, total } = counts(badDuring(100, 200));
    expect(computeRto(good, total, strict, 100, HORIZON)).toBe(100);
  });

  it('is null when the service never meets its SLO again', () => {
    const { good, total } = counts(badDuring(100, HORIZON));
    expect(computeRto(good, total, strict, 100, HORIZON)).toBeNull();
  });

  it('is 0 for a fault with no visible effect, even with a fractional fault start', () => {
    const { good, total } = counts(() => 1);
    expect(computeRto(good, total, strict, 100, HORIZON)).toBe(0);
    expect(computeRto(good, total, strict, 100.4, HORIZON)).toBe(0);
  });

  it('subtracts a fractional fault start exactly', () => {
    const { good, total } = counts(badDuring(100, 200));
    expect(computeRto(good, total, strict, 100.4, HORIZON)).toBeCloseTo(99.6, 9);
  });

  it('looks forward over the window: a window that starts inside the outage holds once enough of it is good', () => {
    // ratio 0.5 over 10 s: the window [u, u+10) holds when at most 5 of its seconds are bad, so from u = 195.
    const half = sloSpec({ success_ratio: 0.5, latency: '1s', window: '10s', sustained: '30s' });
    const { good, total } = counts(badDuring(100, 200));
    expect(computeRto(good, total, half, 100, HORIZON)).toBe(95);
  });

  it('holds for windows without any request', () => {
    const { good, total } = counts(() => 0, 0);
    expect(computeRto(good, total, strict, 100, HORIZON)).toBe(0);
  });

  it('requires the SLO to keep holding for `sustained`: a relapse inside it restarts the clock', () => {
    const perSecond = sloSpec({ success_ratio: 0.99, latency: '1s', window: '1s', sustained: '100s' });
    const share = (s: number) => ((s >= 100 && s < 200) || (s >= 250 && s < 260) ? 0 : 1);
    const { good, total } = counts(share);
    expect(computeRto(good, total, perSecond, 100, HORIZON)).toBe(160);
  });

  it('is null when the recovered run is too close to the end of the measurable horizon to be sustained', () => {
    // Measurable end 1000: the last complete window starts at 940, so a run starting at 700 holds for 240 s < 300 s.
    const late = counts(badDuring(100, 700));
    expect(computeRto(late.good, late.total, strict, 100, HORIZON)).toBeNull();
    const early = counts(badDuring(100, 600));
    expect(computeRto(early.good, early.total, strict, 100, HORIZON)).toBe(500);
    // The same early recovery is not measurable when the measurable end is cut to 800.
    expect(computeRto(early.good, early.total, strict, 100, 800)).toBeNull();
  });

  it('is null when the measurable horizon is shorter than one window', () => {
    const { good, total } = counts(() => 1);
    expect(computeRto(good, total, strict, 0, 59)).toBeNull();
  });
});

describe('availability and timeline of one replication', () => {
  const grid = { bucketS: 10, startS: -20, buckets: 6 };

  function recorder() {
    const sim = new Simulation();
    const rec = new ReplicationRecorder(100, 0.5, grid);
    // The gauge reads the clock, so its value shows when it was sampled.
    rec.start(50, [{ name: 'sampled_at', read: () => sim.now }], (t, fn) => sim.at(t, fn), 100);
    return { sim, rec };
  }

  it('is the share of finished requests that succeeded, whatever their latency; NaN with none', () => {
    const { rec } = recorder();
    expect(availabilityOf(rec)).toBeNaN();
    rec.requestDone(request({ arrivalT: 1 }), 1.1, true);
    rec.requestDone(request({ arrivalT: 2 }), 9, true); // slow: still available, not good
    rec.requestDone(request({ arrivalT: 3 }), 3.1, true);
    rec.requestDone(request({ arrivalT: 4 }), 4.1, false);
    expect(availabilityOf(rec)).toBe(0.75);
    expect([...rec.good.slice(0, 5)]).toEqual([0, 1, 0, 1, 0]);
  });

  it('counts a degraded success as what it is worth, and deferred work as nothing yet', () => {
    const { rec } = recorder();
    rec.requestDone(request({ arrivalT: 1 }), 1.1, true);
    rec.requestDone(request({ arrivalT: 2, degraded: true, value: 0.5 }), 2.1, true);
    rec.requestDone(request({ arrivalT: 3, degraded: true, value: 0, deferred: true }), 3.1, true);
    rec.requestDone(request({ arrivalT: 4 }), 4.1, false);
    expect(availabilityOf(rec)).toBe(1.5 / 4);
    expect([...rec.good.slice(0, 5)]).toEqual([0, 1, 0.5, 0, 0]);
    expect([rec.degraded, rec.deferred]).toEqual([2, 1]);
  });

  it('buckets success ratio, offered and attempt rates, p95 latency and gauges relative to the fault start', () => {
    const { sim, rec } = recorder();
    for (let s = 30; s < 90; s++) {
      const ok = !(s >= 50 && s < 70);
      rec.attemptSent(s);
      if (!ok) rec.attemptSent(s + 0.5);
      rec.requestDone(request({ arrivalT: s, attempts: ok ? 1 : 2 }), s + (ok ? 0.1 : 2), ok);
    }
    sim.run(100);
    const tl = timelineOf(rec);
    // Buckets start at fault − 20 s = 30 s.
    expect(tl.success_ratio).toEqual([1, 1, 0, 0, 1, 1]);
    expect(tl.offered_per_s).toEqual([1, 1, 1, 1, 1, 1]);
    expect(tl.attempts_per_s).toEqual([1, 1, 2, 2, 1, 1]);
    expect(tl.retry_amplification).toEqual([1, 1, 2, 2, 1, 1]);
    expect(tl.goodput_per_s).toEqual([1, 1, 0, 0, 1, 1]);
    expect(tl.sampled_at).toEqual([35, 45, 55, 65, 75, 85]); // bucket middles
    const p95 = tl.p95_latency_s!;
    expect(p95[0]).toBeGreaterThan(0.1 / 1.14);
    expect(p95[0]).toBeLessThan(0.1 * 1.14);
    expect(p95[2]).toBeGreaterThan(2 / 1.14);
    expect(p95[2]).toBeLessThan(2 * 1.14);
  });

  it('cuts arrival-based series in buckets after the last measurable second, where only fast answers have finished', () => {
    const { sim, rec } = recorder();
    // A collapsed system: every request that arrives from 30 s on fails after a 30 s timeout, but
    // one in four is answered at once. Those arriving after 70 s have not failed by the horizon (100 s).
    for (let s = 30; s < 100; s++) {
      for (let i = 0; i < 4; i++) {
        rec.attemptSent(s);
        if (i === 0) rec.requestDone(request({ arrivalT: s }), s + 0.1, true);
        else if (s + 30 <= 100) rec.requestDone(request({ arrivalT: s }), s + 30, false);
      }
    }
    sim.run(100);
    // Without the cut, the last bucket (90-100 s) would show success_ratio 1: only its fast successes finished.
    const uncut = timelineOf(rec);
    expect(uncut.success_ratio!.at(-1)).toBe(1);
    const tl = timelineOf(rec, 100 - 30);
    expect(tl.success_ratio).toEqual([0.25, 0.25, 0.25, 0.25, NaN, NaN]);
    expect(tl.offered_per_s).toEqual([4, 4, 4, 4, NaN, NaN]);
    expect(tl.goodput_per_s!.slice(4)).toEqual([NaN, NaN]);
    expect(tl.p95_latency_s!.slice(4)).toEqual([NaN, NaN]);
    expect(tl.retry_amplification!.slice(4)).toEqual([NaN, NaN]);
    // Attempts are counted when sent, so they are measured to the horizon.
    expect(tl.attempts_per_s).toEqual([4, 4, 4, 4, 4, 4]);
    expect(censoredBuckets(rec, 70)).toEqual([false, false, false, false, true, true]);
  });

  it('keeps attempts and amplification per class, and counts a re-issued call as attempts only', () => {
    const sim = new Simulation();
    const rec = new ReplicationRecorder(100, 0.5, grid, ['humans', 'agents'], ['humans']);
    rec.start(50, [], (t, fn) => sim.at(t, fn), 100);
    for (let s = 30; s < 90; s++) {
      rec.attemptSent(s, 0);
      rec.requestDone(request({ classIndex: 0, arrivalT: s }), s + 0.1, true);
      for (let a = 0; a < 4; a++) rec.attemptSent(s, 1);
      rec.requestDone(request({ classIndex: 1, arrivalT: s, attempts: 2 }), s + 1, false);
      rec.requestDone(request({ classIndex: 1, arrivalT: s, attempts: 2, reissue: true }), s + 1, false);
    }
    sim.run(100);
    const tl = timelineOf(rec);
    expect(tl['attempts_per_s:agents']).toEqual([4, 4, 4, 4, 4, 4]);
    expect(tl['retry_amplification:agents']).toEqual([4, 4, 4, 4, 4, 4]);
    expect(tl['retry_amplification:humans']).toEqual([1, 1, 1, 1, 1, 1]);
    expect(tl.retry_amplification).toEqual([2.5, 2.5, 2.5, 2.5, 2.5, 2.5]); // 5 attempts per 2 unique requests
    // The SLO counts humans only: their requests all succeeded.
    expect(tl.success_ratio).toEqual([1, 1, 1, 1, 1, 1]);
    expect(rec.classes[1]).toMatchObject({ unique: 60, finished: 120, attempts: 240, ok: 0 });
  });

  it('counts attempts an open breaker stopped beside retry amplification, which counts sent attempts only', () => {
    const { rec } = recorder();
    // 10 requests: 6 sent once; 4 stopped by the breaker at their first try (nothing sent).
    for (let i = 0; i < 10; i++) rec.requestDone(request({ arrivalT: i, attempts: i < 6 ? 1 : 0, shortCircuited: i < 6 ? 0 : 1 }), i + 0.1, i < 6);
    const [c] = classesOf(rec, ['agent']);
    expect(c!.retry_amplification).toBe(0.6);
    expect(c!.short_circuited_per_request).toBe(0.4);
    expect(rec.shortCircuited).toBe(4);
  });

  it('ignores requests that arrive after the horizon, counts duplicate commits, and keeps the worst RPO', () => {
    const { rec } = recorder();
    rec.requestDone(request({ arrivalT: 100.5 }), 101, true);
    rec.requestDone(request({ arrivalT: 10, isWrite: true, commits: 3, attempts: 3 }), 11, true);
    rec.dataLoss('a', 2, 0.1, 50);
    rec.dataLoss('b', 5, 0.05, 50);
    expect(rec.requests).toBe(1);
    expect(rec.attempts).toBe(3);
    expect(rec.duplicateWrites).toBe(2);
    expect(rec.lostWrites).toBe(7);
    expect(rec.rpoS).toBe(0.1);
  });
});

describe('clientRegionsOf', () => {
  it('gives per client region the requests, availability and p50/p95 latency of successes (SLO classes only)', () => {
    const rec = new ReplicationRecorder(100, 0.5, { bucketS: 10, startS: 0, buckets: 10 }, ['web', 'batch'], ['web']);
    rec.trackClientRegions(3);
    // Region 0: 100 successes at 50 ms; region 2: 90 successes at 130 ms, 10 failures; region 1: none.
    for (let i = 0; i < 100; i++) rec.requestDone(request({ arrivalT: 1, clientRegion: 0 }), 1.05, true);
    for (let i = 0; i < 90; i++) rec.requestDone(request({ arrivalT: 1, clientRegion: 2 }), 1.13, true);
    for (let i = 0; i < 10; i++) rec.requestDone(request({ arrivalT: 1, clientRegion: 2 }), 6, false);
    // A class outside the SLO does not count.
    for (let i = 0; i < 50; i++) rec.requestDone(request({ classIndex: 1, arrivalT: 1, clientRegion: 0 }), 9, true);
    const [east, west, south] = clientRegionsOf(rec, [['east', 0], ['west', 1], ['south', 2]]);
    expect([east!.requests, east!.availability]).toEqual([100, 1]);
    // The histogram's bins are ~14% wide: quantiles land within a bin of the true value.
    expect(east!.p50_latency_s).toBeGreaterThan(0.05 / 1.14);
    expect(east!.p95_latency_s).toBeLessThan(0.05 * 1.14);
    expect([south!.requests, south!.availability]).toEqual([100, 0.9]);
    expect(south!.p50_latency_s).toBeGreaterThan(0.13 / 1.14);
    expect(south!.p95_latency_s).toBeLessThan(0.13 * 1.14);
    expect(west!.requests).toBe(0);
    expect(west!.availability).toBeNaN();
    expect(west!.p50_latency_s).toBeNaN();
  });
});

import { describe, expect, it } from 'vitest';
import { CircuitBreaker, type BreakerState, type TripStrategy } from '../../../src/models/policies/circuitBreaker.js';
import { ConsecutiveBreaker } from '../../../src/models/policies/breakers/consecutive.js';
import { CountWindowBreaker } from '../../../src/models/policies/breakers/countWindow.js';
import { RatioBreaker } from '../../../src/models/policies/breakers/ratio.js';

type Outcome = 'ok' | 'fail';
/** One call at time t: `allow`, and if allowed report its outcome at once. */
type Step = [t: number, outcome: Outcome];
/** What a step shows: 'x' if short-circuited, else the state after the outcome was reported. */
type Seen = BreakerState | 'x';

function run(breaker: CircuitBreaker, script: Step[]): Seen[] {
  return script.map(([t, outcome]) => {
    if (!breaker.allow(t)) return 'x';
    if (outcome === 'ok') breaker.success(t); else breaker.failure(t);
    return breaker.state;
  });
}

function make(strategy: TripStrategy, openS: number, halfOpenProbes = 1) {
  const changes: [BreakerState, number][] = [];
  const breaker = new CircuitBreaker({ strategy, openS, halfOpenProbes, onStateChange: (s, t) => changes.push([s, t]) });
  return { breaker, changes };
}

describe('CircuitBreaker with ConsecutiveBreaker(3), open 10 s, 1 probe', () => {
  it('follows the documented state sequence step by step', () => {
    const { breaker, changes } = make(new ConsecutiveBreaker(3), 10);
    const script: Step[] = [
      [0, 'fail'], [1, 'fail'], [2, 'ok'], // a success resets the count
      [3, 'fail'], [4, 'fail'], [5, 'fail'], // third in a row: opens at 5
      [6, 'fail'], [14.9, 'ok'], // short-circuited while open
      [15, 'ok'], // openS elapsed: the probe succeeds and closes
      [16, 'fail'], [17, 'fail'], [18, 'fail'], // opens at 18
      [28, 'fail'], // the probe fails: reopens at 28 for another 10 s
      [37, 'ok'], [38, 'ok'],
    ];
    expect(run(breaker, script)).toEqual([
      'closed', 'closed', 'closed',
      'closed', 'closed', 'open',
      'x', 'x',
      'closed',
      'closed', 'closed', 'open',
      'open',
      'x', 'closed',
    ]);
    expect(changes).toEqual([
      ['open', 5], ['half_open', 15], ['closed', 15], ['open', 18], ['half_open', 28], ['open', 28], ['half_open', 38], ['closed', 38],
    ]);
  });

  it('moves from open to half-open lazily, on the first allow after openS', () => {
    const { breaker } = make(new ConsecutiveBreaker(1), 10);
    breaker.failure(0);
    expect(breaker.state).toBe('open');
    expect(breaker.openedAt).toBe(0);
    expect(breaker.allow(9.99)).toBe(false);
    expect(breaker.state).toBe('open');
    expect(breaker.allow(50)).toBe(true);
    expect(breaker.state).toBe('half_open');
  });

  it('ignores results reported while open', () => {
    const { breaker, changes } = make(new ConsecutiveBreaker(1), 10);
    breaker.failure(0);
    breaker.success(1); breaker.failure(2);
    expect(changes).toEqual([['open', 0]]);
    expect(breaker.allow(10)).toBe(true); // still opened at 0, not reopened at 2
  });
});

describe('half-open probes', () => {
  function halfOpen(probes: number) {
    const m = make(new ConsecutiveBreaker(1), 5, probes);
    m.breaker.failure(0);
    return m;
  }

  it('admits exactly halfOpenProbes calls; all must succeed to close', () => {
    const { breaker } = halfOpen(2);
    expect([breaker.allow(5), breaker.allow(5), breaker.allow(5)]).toEqual([true, true, false]);
    breaker.success(6);
    expect(breaker.state).toBe('half_open');
    expect(breaker.allow(6)).toBe(false);
    breaker.success(7);
    expect(breaker.state).toBe('closed');
  });

  it('reopens on the first probe failure, from the time of that failure', () => {
    const { breaker } = halfOpen(2);
    breaker.allow(5); breaker.allow(5);
    breaker.success(6);
    breaker.failure(7);
    expect(breaker.state).toBe('open');
    expect(breaker.openedAt).toBe(7);
    breaker.success(8); // the other probe's late success changes nothing
    expect(breaker.state).toBe('open');
    expect(breaker.allow(11.9)).toBe(false);
    expect(breaker.allow(12)).toBe(true);
  });

  it('ignores stale results when the caller passes the epoch it was allowed in', () => {
    const { breaker } = make(new ConsecutiveBreaker(1), 5);
    expect(breaker.allow(0)).toBe(true);
    const slowCall = breaker.epoch;
    breaker.allow(0);
    breaker.failure(0, breaker.epoch); // another call opens the breaker
    expect(breaker.allow(5)).toBe(true); // the probe
    const probe = breaker.epoch;
    breaker.success(6, slowCall); // the slow pre-open call: not a probe result
    expect(breaker.state).toBe('half_open');
    breaker.failure(6, slowCall);
    expect(breaker.state).toBe('half_open');
    breaker.success(7, probe);
    expect(breaker.state).toBe('closed');
  });

  it('rejects invalid options', () => {
    expect(() => new CircuitBreaker({ strategy: new ConsecutiveBreaker(1), openS: 1, halfOpenProbes: 0 })).toThrow(RangeError);
    expect(() => new CircuitBreaker({ strategy: new ConsecutiveBreaker(1), openS: -1, halfOpenProbes: 1 })).toThrow(RangeError);
  });
});

describe('CircuitBreaker with CountWindowBreaker(3 failures in 10 s), open 5 s', () => {
  it('counts failures in (t − 10 s, t], ignores successes, and starts clean after closing', () => {
    const { breaker, changes } = make(new CountWindowBreaker({ threshold: 3, windowS: 10 }), 5);
    const script: Step[] = [
      [0, 'fail'], [5, 'fail'], [6, 'ok'],
      [10, 'fail'], // the failure at 0 left the window at exactly 10: two in (0, 10]
      [12, 'fail'], // 5, 10, 12: opens
      [13, 'ok'], [17, 'ok'], // short-circuited, then the probe closes at 17
      [18, 'fail'], [19, 'fail'], // the failures at 10 and 12 were forgotten on closing
      [20, 'ok'], [21, 'fail'], // successes do not reset: 18, 19, 21 opens
    ];
    expect(run(breaker, script)).toEqual([
      'closed', 'closed', 'closed', 'closed', 'open', 'x', 'closed', 'closed', 'closed', 'closed', 'open',
    ]);
    expect(changes).toEqual([['open', 12], ['half_open', 17], ['closed', 17], ['open', 21]]);
  });

  it('keeps at most threshold timestamps', () => {
    const s = new CountWindowBreaker({ threshold: 2, windowS: 100 });
    s.failure(0); s.failure(1); s.failure(2);
    expect(s.failuresInWindow(2)).toBe(2);
  });
});

describe('CircuitBreaker with RatioBreaker over the last N calls', () => {
  it('opens when failures/calls ≥ threshold over the last 4 calls, once 4 calls were seen', () => {
    const { breaker, changes } = make(new RatioBreaker({ threshold: 0.5, minimumCalls: 4, windowCalls: 4 }), 10);
    const script: Step[] = [
      [0, 'fail'], [1, 'ok'], [2, 'ok'], // 1 of 3: below the minimum anyway
      [3, 'fail'], // 2 of 4 = 0.5: opens
      [13, 'ok'], // probe closes, window cleared
      [14, 'ok'], [15, 'ok'], [16, 'ok'], [17, 'fail'], // 1 of 4
      [18, 'fail'], // window slides to 15, 16, 17, 18: 2 of 4 opens
    ];
    expect(run(breaker, script)).toEqual(['closed', 'closed', 'closed', 'open', 'closed', 'closed', 'closed', 'closed', 'closed', 'open']);
    expect(changes.map(([s, t]) => `${s}@${t}`)).toEqual(['open@3', 'half_open@13', 'closed@13', 'open@18']);
  });

  it('does not open below minimumCalls even at 100% failures, and a success never opens it', () => {
    const s = new RatioBreaker({ threshold: 0.5, minimumCalls: 4, windowCalls: 10 });
    expect([s.failure(0), s.failure(1), s.failure(2)]).toEqual([false, false, false]);
    s.success(3); // 3 of 4 now, but only a failure evaluates
    expect(s.window()).toEqual({ calls: 4, failures: 3 });
    expect(s.failure(4)).toBe(true);
  });

  it('compares the ratio exactly: 3 failures in 30 calls reach a 10% threshold', () => {
    const s = new RatioBreaker({ threshold: 0.1, minimumCalls: 30, windowCalls: 30 });
    for (let i = 0; i < 27; i++) s.success(i);
    expect([s.failure(27), s.failure(28), s.failure(29)]).toEqual([false, false, true]);
  });

  it('caps minimumCalls at the window size, as Resilience4j does', () => {
    expect(new RatioBreaker({ threshold: 0.5, minimumCalls: 100, windowCalls: 10 }).minimumCalls).toBe(10);
  });
});

describe('CircuitBreaker with RatioBreaker over the last T seconds', () => {
  it('counts only calls in (t − 10 s, t] toward the ratio and the minimum', () => {
    const { breaker, changes } = make(new RatioBreaker({ threshold: 0.5, minimumCalls: 3, windowS: 10 }), 5);
    const script: Step[] = [
      [0, 'fail'], [1, 'fail'], // 2 calls: below the minimum
      [10.5, 'ok'], // the call at 0 has left: {1 fail, 10.5 ok}
      [11, 'fail'], // the call at 1 leaves at exactly 11: {10.5 ok, 11 fail}, 2 calls
      [12, 'fail'], // {ok, fail, fail}: 2 of 3 opens
      [16, 'ok'], [17, 'ok'], // short-circuited, then the probe closes
    ];
    expect(run(breaker, script)).toEqual(['closed', 'closed', 'closed', 'closed', 'open', 'x', 'closed']);
    expect(changes).toEqual([['open', 12], ['half_open', 17], ['closed', 17]]);
  });

  it('reports the window contents at a given time', () => {
    const s = new RatioBreaker({ threshold: 0.5, minimumCalls: 1, windowS: 10 });
    s.success(0); s.failure(5);
    expect(s.window(5)).toEqual({ calls: 2, failures: 1 });
    expect(s.window(12)).toEqual({ calls: 1, failures: 1 });
    expect(s.window(15)).toEqual({ calls: 0, failures: 0 });
  });

  it('requires exactly one window kind and a threshold in (0, 1]', () => {
    expect(() => new RatioBreaker({ threshold: 0.5, minimumCalls: 1 })).toThrow(RangeError);
    expect(() => new RatioBreaker({ threshold: 0.5, minimumCalls: 1, windowCalls: 5, windowS: 5 })).toThrow(RangeError);
    expect(() => new RatioBreaker({ threshold: 0, minimumCalls: 1, windowCalls: 5 })).toThrow(RangeError);
  });
});

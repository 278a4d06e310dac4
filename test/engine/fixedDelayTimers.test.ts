import { describe, expect, it } from 'vitest';
import { FixedDelayTimers } from '../../src/engine/fixedDelayTimers.js';
import { Simulation } from '../../src/engine/sim.js';

describe('FixedDelayTimers', () => {
  it('fires every timer exactly `delay` after its start, in start order', () => {
    const sim = new Simulation();
    const fired: Array<[string, number]> = [];
    const timers = new FixedDelayTimers<string>(sim, 5, (x) => fired.push([x, sim.now]));
    sim.at(1, () => timers.start('a'));
    sim.at(2, () => timers.start('b'));
    sim.at(2, () => timers.start('c'));
    sim.at(9, () => timers.start('d'));
    sim.run(100);
    expect(fired).toEqual([['a', 6], ['b', 7], ['c', 7], ['d', 14]]);
    expect(timers.pending).toBe(0);
  });

  it('keeps a single kernel event outstanding however many timers wait', () => {
    const sim = new Simulation();
    const timers = new FixedDelayTimers<number>(sim, 10, () => {});
    for (let i = 0; i < 1000; i++) sim.at(i / 100, () => timers.start(i));
    sim.run(9.995);
    expect(timers.pending).toBe(1000);
    expect(sim.pending).toBe(1);
  });

  it('cancel drops a timer without moving the others, and ignores stale handles', () => {
    const sim = new Simulation();
    const fired: Array<[string, number]> = [];
    const timers = new FixedDelayTimers<string>(sim, 5, (x) => fired.push([x, sim.now]));
    const h: number[] = [];
    sim.at(1, () => h.push(timers.start('a')));
    sim.at(2, () => h.push(timers.start('b')));
    sim.at(3, () => h.push(timers.start('c')));
    sim.at(4, () => {
      timers.cancel(h[1]!);
      timers.cancel(h[1]!); // twice: no effect
      expect(timers.pending).toBe(2);
    });
    sim.at(7, () => timers.cancel(h[0]!)); // already fired: no effect
    sim.run(100);
    expect(fired).toEqual([['a', 6], ['c', 8]]);
    expect(timers.pending).toBe(0);
  });

  it('spends no kernel event on the expiry of a timer cancelled before it was armed', () => {
    const sim = new Simulation();
    const fired: Array<[string, number]> = [];
    const timers = new FixedDelayTimers<string>(sim, 5, (x) => fired.push([x, sim.now]));
    let b = -1;
    sim.at(1, () => timers.start('a'));
    sim.at(2, () => (b = timers.start('b')));
    sim.at(3, () => timers.start('c'));
    sim.at(4, () => timers.cancel(b));
    sim.run(100);
    expect(fired).toEqual([['a', 6], ['c', 8]]);
    // 4 scheduled calls above, then expiries at 6 and 8 only: none at 7 for the cancelled b.
    expect(sim.events).toBe(6);
  });

  it('keeps start order across ring growth with cancellations', () => {
    const sim = new Simulation();
    const fired: number[] = [];
    const timers = new FixedDelayTimers<number>(sim, 10, (x) => fired.push(x));
    for (let i = 0; i < 200; i++) {
      sim.at(i / 100, () => {
        const h = timers.start(i);
        if (i % 3 === 0) timers.cancel(h);
      });
    }
    sim.run(100);
    expect(fired).toEqual(Array.from({ length: 200 }, (_, i) => i).filter((i) => i % 3 !== 0));
  });

  it('refuses a delay that is negative or infinite', () => {
    const sim = new Simulation();
    expect(() => new FixedDelayTimers(sim, -1, () => {})).toThrow(RangeError);
    expect(() => new FixedDelayTimers(sim, Infinity, () => {})).toThrow(RangeError);
  });
});

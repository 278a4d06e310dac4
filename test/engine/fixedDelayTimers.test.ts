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

describe('FixedDelayTimers ring', () => {
  it('holds only the span from the oldest live timer when the oldest ones are cancelled', () => {
    const sim = new Simulation();
    const timers = new FixedDelayTimers<number>(sim, 2, () => {
      throw new Error('no timer should fire');
    });
    const held: number[] = [];
    // 20,000 timers a second for 3 s, each answered (cancelled) 10 ms after its start: the ring
    // spans 10 ms of starts (about 200 entries), not the 2 s delay's worth (40,000).
    for (let i = 0; i < 60_000; i++) {
      const t = i / 20_000;
      sim.at(t, () => {
        const h = timers.start(i);
        sim.at(t + 0.01, () => timers.cancel(h));
        held.push(timers.held);
      });
    }
    sim.run(100);
    expect(held.length).toBe(60_000);
    expect(Math.max(...held)).toBeLessThanOrEqual(202);
    expect(timers.held).toBe(0);
  });

  it('leaves the ring empty between bursts once every timer is answered', () => {
    const sim = new Simulation();
    const timers = new FixedDelayTimers<number>(sim, 5, () => {
      throw new Error('no timer should fire');
    });
    const heldAfter: number[] = [];
    for (let burst = 0; burst < 3; burst++) {
      sim.at(burst, () => {
        const hs = Array.from({ length: 1000 }, (_, i) => timers.start(i));
        for (const h of hs) timers.cancel(h); // answered in start order
        heldAfter.push(timers.held);
      });
    }
    sim.run(100);
    expect(heldAfter).toEqual([0, 0, 0]);
    expect(timers.pending).toBe(0);
  });

  it('fires at the same times as a timer per item on the kernel, under random starts and cancels', () => {
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sim = new Simulation();
    const ref = new Simulation();
    const got: Array<[number, number]> = [];
    const want: Array<[number, number]> = [];
    const timers = new FixedDelayTimers<number>(sim, 0.5, (x) => got.push([x, sim.now]));
    const cancelled = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rand() * 2000) / 1000; // on a grid: ties between starts, cancels and expiries
      // Cancels fall between grid points: a cancel at the very instant of its expiry is a tie
      // whose order the two schedules need not share.
      const cancelAfter = rand() < 0.8 ? (Math.floor(rand() * 600) + 0.5) / 1000 : Infinity;
      sim.at(t, () => {
        const h = timers.start(i);
        if (cancelAfter !== Infinity) sim.schedule(cancelAfter, () => timers.cancel(h));
      });
      ref.at(t, () => {
        ref.schedule(0.5, () => {
          if (!cancelled.has(i)) want.push([i, ref.now]);
        });
        if (cancelAfter !== Infinity) ref.schedule(cancelAfter, () => cancelled.add(i));
      });
    }
    sim.run(100);
    ref.run(100);
    expect(want.length).toBeGreaterThan(1000);
    expect(got).toEqual(want);
    expect(timers.pending).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { Simulation } from '../../src/engine/sim.js';

describe('Simulation', () => {
  it('starts at time 0 with nothing pending or processed', () => {
    const sim = new Simulation();
    expect(sim.now).toBe(0);
    expect(sim.pending).toBe(0);
    expect(sim.events).toBe(0);
  });

  it('runs events scheduled for the same time in insertion order', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (let i = 0; i < 100; i++) sim.schedule(5, (x: number) => seen.push(x), i);
    sim.run(10);
    expect(seen).toEqual([...Array(100).keys()]);
  });

  it('keeps insertion order among equal times even when they are scheduled from inside events', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.at(1, () => {
      seen.push('a');
      sim.schedule(0, () => seen.push('c'));
      sim.at(1, () => seen.push('d'));
    });
    sim.at(1, () => seen.push('b'));
    sim.run(2);
    expect(seen).toEqual(['a', 'b', 'c', 'd']);
  });

  it('pops events scheduled in random order sorted by time, ties by insertion (50k events, the queue grows)', () => {
    const sim = new Simulation();
    const rng = seedrandom.alea('order');
    const n = 50_000;
    const times: number[] = [];
    const seen: { t: number; i: number }[] = [];
    for (let i = 0; i < n; i++) {
      // Coarse times so that many ties occur.
      const t = Math.floor(rng() * 1000) / 10;
      times.push(t);
      sim.at(t, (k: number) => seen.push({ t: sim.now, i: k }), i);
    }
    expect(sim.pending).toBe(n);
    expect(sim.capacity).toBeGreaterThanOrEqual(n);
    sim.run(1000);
    expect(seen).toHaveLength(n);
    let outOfOrder = 0, wrongTime = 0;
    for (let k = 1; k < n; k++) {
      const a = seen[k - 1]!, b = seen[k]!;
      if (!(a.t < b.t || (a.t === b.t && a.i < b.i))) outOfOrder++;
    }
    for (const s of seen) if (s.t !== times[s.i]) wrongTime++;
    expect(outOfOrder).toBe(0);
    expect(wrongTime).toBe(0);
    expect(sim.events).toBe(n);
  });

  it('passes the argument and sets now to the event time before calling the handler', () => {
    const sim = new Simulation();
    const got: [number, unknown][] = [];
    sim.schedule(2.5, (x: { id: number }) => got.push([sim.now, x.id]), { id: 7 });
    sim.schedule(1, (x: undefined) => got.push([sim.now, x]));
    sim.run(3);
    expect(got).toEqual([[1, undefined], [2.5, 7]]);
  });

  it('run(until) processes events at exactly until, leaves later ones pending and sets now = until', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (const t of [1, 2, 3, 4]) sim.at(t, () => seen.push(t));
    sim.run(3);
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.now).toBe(3);
    expect(sim.pending).toBe(1);
    sim.run(3.5);
    expect(sim.now).toBe(3.5);
    expect(seen).toEqual([1, 2, 3]);
    sim.run(10);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(sim.now).toBe(10);
  });

  it('schedule is relative to now after a run has advanced the clock', () => {
    const sim = new Simulation();
    sim.run(100);
    let firedAt = -1;
    sim.schedule(5, () => { firedAt = sim.now; });
    sim.run(200);
    expect(firedAt).toBe(105);
  });

  it('run(Infinity) drains the queue and leaves now at the last event time', () => {
    const sim = new Simulation();
    sim.at(7, () => sim.schedule(1, () => {}));
    sim.run(Infinity);
    expect(sim.now).toBe(8);
    expect(sim.pending).toBe(0);
  });

  it('stop() makes run return after the current event, leaving now at its time; run resumes later', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (const t of [1, 2, 3]) sim.at(t, () => { seen.push(t); if (t === 2) sim.stop(); });
    sim.run(10);
    expect(seen).toEqual([1, 2]);
    expect(sim.now).toBe(2);
    expect(sim.pending).toBe(1);
    sim.run(10);
    expect(seen).toEqual([1, 2, 3]);
    expect(sim.now).toBe(10);
  });

  it('counts processed events', () => {
    const sim = new Simulation();
    let n = 0;
    const tick = (): void => { if (++n < 1000) sim.schedule(0.5, tick); };
    sim.schedule(0, tick);
    sim.run(1e6);
    expect(sim.events).toBe(1000);
  });

  it('rejects negative, NaN and infinite delays, times in the past, and running backwards', () => {
    const sim = new Simulation();
    sim.run(5);
    const f = (): void => {};
    expect(() => sim.schedule(-1, f)).toThrow(RangeError);
    expect(() => sim.schedule(NaN, f)).toThrow(/delay must be/);
    expect(() => sim.schedule(Infinity, f)).toThrow(RangeError);
    expect(() => sim.at(4.9, f)).toThrow(/time must be/);
    expect(() => sim.at(NaN, f)).toThrow(RangeError);
    expect(() => sim.run(4)).toThrow(/until must be/);
    expect(() => sim.run(NaN)).toThrow(RangeError);
    expect(sim.pending).toBe(0);
    sim.schedule(0, f);
    sim.at(5, f);
    expect(sim.pending).toBe(2);
  });

  it('reuses slots: a long run with few pending events does not grow the queue', () => {
    const sim = new Simulation();
    let n = 0;
    const tick = (): void => { if (++n < 100_000) sim.schedule(1, tick); };
    sim.schedule(1, tick);
    sim.run(Infinity);
    expect(n).toBe(100_000);
    expect(sim.capacity).toBeLessThanOrEqual(1024);
  });
});

import { describe, expect, it } from 'vitest';
import seedrandom from 'seedrandom';
import { Simulation, type Handler } from '../../src/engine/sim.js';

/** The kernel's contract, the slow way: a sorted array of (time, seq) with binary insertion. */
class ReferenceSimulation {
  now = 0;
  private seq = 0;
  private stopped = false;
  private q: { t: number; s: number; fn: Handler; arg: unknown }[] = [];
  get pending(): number { return this.q.length; }
  schedule<T>(d: number, fn: Handler<T>, arg?: T): void { this.at(this.now + d, fn, arg); }
  at<T>(t: number, fn: Handler<T>, arg?: T): void {
    const e = { t, s: this.seq++, fn, arg };
    let lo = 0, hi = this.q.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (this.q[m]!.t <= t) lo = m + 1; else hi = m;
    }
    this.q.splice(lo, 0, e);
  }
  run(until: number): void {
    this.stopped = false;
    while (this.q.length > 0 && this.q[0]!.t <= until) {
      const e = this.q.shift()!;
      this.now = e.t;
      e.fn(e.arg);
      if (this.stopped) return;
    }
    if (until !== Infinity) this.now = until;
  }
  stop(): void { this.stopped = true; }
}

type Kernel = Pick<Simulation, 'now' | 'schedule' | 'at' | 'run' | 'stop' | 'pending'>;

/**
 * A random workload: events that schedule 0–3 more at delays mixing ties (0), one instant shared by
 * many (a burst), short exponential gaps, long and very long delays, and absolute times; runs
 * interrupted at random `until`s and by stop(). Returns the trace (time, event id) of every event.
 */
function workload(k: Kernel, seed: string, events: number): string[] {
  const rng = seedrandom.alea(seed);
  const trace: string[] = [];
  let id = 0;
  const delay = (): number => {
    const u = rng();
    if (u < 0.15) return 0;
    if (u < 0.25) return 0.5; // a shared instant: many events at now + 0.5
    if (u < 0.75) return -Math.log(1 - rng()) * 0.001;
    if (u < 0.92) return -Math.log(1 - rng()) * 2;
    if (u < 0.98) return rng() * 300;
    return 1e4 + rng() * 1e5;
  };
  const fire = (me: number): void => {
    trace.push(`${k.now}:${me}`);
    if (rng() < 0.002) k.stop();
    const children = id < events ? Math.floor(rng() * 3.2) : 0;
    for (let c = 0; c < children; c++) {
      const n = id++;
      if (rng() < 0.1) k.at(k.now + delay(), fire, n);
      else k.schedule(delay(), fire, n);
    }
  };
  for (let i = 0; i < 50; i++) k.schedule(delay(), fire, id++);
  let until = 0;
  while (k.pending > 0) {
    until = rng() < 0.3 ? Infinity : until + rng() * 20;
    k.run(Math.max(until, k.now));
    if (until === Infinity) until = k.now;
  }
  return trace;
}

describe('Simulation (calendar queue) against a sorted-array reference', () => {
  for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
    it(`pops the same events in the same order at the same times (workload ${seed})`, () => {
      const got = workload(new Simulation(), seed, 30_000);
      const want = workload(new ReferenceSimulation() as unknown as Kernel, seed, 30_000);
      expect(want.length).toBeGreaterThanOrEqual(30_000);
      expect(got.length).toBe(want.length);
      let firstDiff = -1;
      for (let i = 0; i < want.length && firstDiff < 0; i++) if (got[i] !== want[i]) firstDiff = i;
      expect(firstDiff).toBe(-1);
    });
  }

  it('keeps order through a burst of 20,000 events at one instant among sparse ones', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (let i = 0; i < 1000; i++) sim.at(i * 7.3, (x: number) => seen.push(x), -1 - i);
    sim.at(5, () => { for (let i = 0; i < 20_000; i++) sim.schedule(0, (x: number) => seen.push(x), i); });
    sim.run(Infinity);
    const burst = seen.filter((x) => x >= 0);
    expect(burst).toHaveLength(20_000);
    expect(burst.every((x, i) => x === i)).toBe(true);
    expect(seen.indexOf(0)).toBe(1); // after the event at t=0, before the one at 7.3
  });
});

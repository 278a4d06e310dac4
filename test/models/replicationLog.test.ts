/**
 * A replica's log of writes not yet applied: oldest first, forgotten once arrived, arrival times
 * changed for every write at once (a replica catching up, or cut off), across its buffer's
 * growth; writes missed in a row are kept as runs and answer exactly as one entry per write would.
 */
import { describe, expect, it } from 'vitest';
import { ReplicationLog } from '../../src/models/replicationLog.js';
import { RandomStreams } from '../../src/engine/random.js';

/** The log as the database used to keep it: one (commit, arrival) pair per write. */
class PerWriteLog {
  writes: Array<[number, number]> = [];
  push(c: number, a: number): void { this.writes.push([c, a]); }
  dropArrivedBy(t: number): void { while (this.writes.length > 0 && this.writes[0]![1] <= t) this.writes.shift(); }
  arriveMissing(t: number): void { for (const w of this.writes) if (w[1] === Infinity) w[1] = t; }
  missFrom(t: number): void { for (const w of this.writes) if (w[1] > t) w[1] = Infinity; }
  lostBy(x: number): { lost: number; firstLostT: number } {
    let lost = 0;
    let firstLostT = Infinity;
    for (const [c, a] of this.writes) if (a > x && c <= x) { lost++; firstLostT = Math.min(firstLostT, c); }
    return { lost, firstLostT };
  }
}

describe('ReplicationLog', () => {
  it('keeps writes oldest first and forgets those arrived by a time, only from the front', () => {
    const q = new ReplicationLog();
    q.push(1, 1.2);
    q.push(2, 2.5);
    q.push(3, 3.1);
    q.dropArrivedBy(2.5);
    expect(q.length).toBe(1);
    q.push(4, Infinity);
    q.push(5, 5.1);
    q.dropArrivedBy(10); // the missed write holds back the one behind it
    expect(q.length).toBe(2);
    expect(q.lostBy(10)).toEqual({ lost: 1, firstLostT: 4 });
  });

  it('keeps a whole run of missed writes through catch-up, growth and wrap-around', () => {
    const q = new ReplicationLog();
    for (let i = 0; i < 10; i++) q.push(i, i + 0.5);
    q.dropArrivedBy(6); // head moves to the middle of the buffer
    for (let i = 10; i < 100; i++) q.push(i, i % 7 === 0 ? i + 0.25 : Infinity); // runs broken by delivered writes: entries grow past 16
    expect(q.length).toBe(94);
    expect(q.lostBy(99)).toEqual({ lost: 90 - 13, firstLostT: 10 });
    q.arriveMissing(200);
    expect(q.lostBy(150)).toEqual({ lost: 90 - 13, firstLostT: 10 });
    q.dropArrivedBy(200);
    expect(q.length).toBe(0);
    q.push(300, Infinity);
    expect(q.lostBy(300)).toEqual({ lost: 1, firstLostT: 300 });
    q.clear();
    expect(q.length).toBe(0);
  });

  it('counts, at a sealed instant, only the writes of a run committed by then', () => {
    const q = new ReplicationLog();
    q.push(1, Infinity);
    q.push(2, Infinity);
    q.seal(); // the primary is lost at 2
    q.push(2, Infinity); // it came back at once: writes at 2 and after open a new run
    q.push(2, Infinity);
    q.push(3, Infinity);
    expect(q.lostBy(2)).toEqual({ lost: 4, firstLostT: 1 });
    expect(() => q.lostBy(1.5)).toThrow(/spans 1.5s/); // neither now nor a sealed instant: a caller's bug, said loudly
    expect(q.lostBy(NaN)).toEqual({ lost: 0, firstLostT: Infinity });
  });

  it('answers as a log of one entry per write over random histories of writes, outages, partitions and losses', () => {
    const rng = new RandomStreams(7, 0).stream('replication-log');
    let checks = 0;
    for (let history = 0; history < 200; history++) {
      const q = new ReplicationLog();
      const ref = new PerWriteLog();
      let now = 0;
      let sealedAt: number[] = [];
      for (let step = 0; step < 300; step++) {
        if (rng() < 0.3) now += rng() < 0.5 ? 0 : Math.floor(rng() * 4) / 2; // repeated instants happen
        const r = rng();
        if (r < 0.45) {
          const a = rng() < 0.6 ? Infinity : now + rng();
          q.push(now, a);
          ref.push(now, a);
        } else if (r < 0.6) {
          q.dropArrivedBy(now);
          ref.dropArrivedBy(now);
        } else if (r < 0.68) {
          q.arriveMissing(now);
          ref.arriveMissing(now);
        } else if (r < 0.74) {
          q.missFrom(now);
          ref.missFrom(now);
        } else if (r < 0.8) {
          q.seal();
          sealedAt.push(now);
        } else if (r < 0.85) {
          q.clear();
          ref.writes = [];
          sealedAt = [];
        }
        expect(q.length).toBe(ref.writes.length);
        for (const x of [now, ...sealedAt.slice(-3)]) {
          expect(q.lostBy(x)).toEqual(ref.lostBy(x));
          checks++;
        }
      }
    }
    expect(checks).toBeGreaterThan(60_000);
  });
});

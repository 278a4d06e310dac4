import { describe, expect, it } from 'vitest';
import { Resource } from '../../src/engine/resource.js';
import { Simulation } from '../../src/engine/sim.js';

function setup(capacity: number, queueCapacity?: number) {
  const sim = new Simulation();
  const res = new Resource<string>(sim, capacity, queueCapacity);
  const log: [string, number][] = [];
  const onGrant = (job: string): void => { log.push([job, sim.now]); };
  return { sim, res, log, onGrant };
}

describe('Resource', () => {
  it('grants a free slot synchronously, calling onGrant before request returns', () => {
    const { res, log, onGrant } = setup(1);
    expect(res.request('a', onGrant)).toBe('granted');
    expect(log).toEqual([['a', 0]]);
    expect(res.inUse).toBe(1);
  });

  it('grants waiters in FIFO order as slots are released', () => {
    const { sim, res, log, onGrant } = setup(1);
    for (const j of ['a', 'b', 'c', 'd']) res.request(j, onGrant);
    expect(res.queued).toBe(3);
    for (const t of [1, 2, 3]) sim.at(t, () => res.release());
    sim.run(10);
    expect(log).toEqual([['a', 0], ['b', 1], ['c', 2], ['d', 3]]);
    expect(res.queued).toBe(0);
  });

  it('rejects requests when the queue is full, and queueCapacity 0 makes a loss system', () => {
    const q = setup(1, 2);
    expect(['a', 'b', 'c', 'd'].map((j) => q.res.request(j, q.onGrant))).toEqual(['granted', 'queued', 'queued', 'rejected']);
    const loss = setup(2, 0);
    expect(['a', 'b', 'c'].map((j) => loss.res.request(j, loss.onGrant))).toEqual(['granted', 'granted', 'rejected']);
    expect(loss.res.stats().rejected).toBe(1);
  });

  it('withdraw removes a waiter so it is never granted; false for jobs not waiting', () => {
    const { res, log, onGrant } = setup(1);
    for (const j of ['a', 'b', 'c', 'd']) res.request(j, onGrant);
    expect(res.withdraw('c')).toBe(true);
    expect(res.withdraw('c')).toBe(false);
    expect(res.withdraw('a')).toBe(false); // holding a slot, not waiting
    expect(res.withdraw('zzz')).toBe(false);
    expect(res.queued).toBe(2);
    res.release(); res.release(); res.release();
    expect(log.map(([j]) => j)).toEqual(['a', 'b', 'd']);
  });

  it('withdrawn places do not count against the queue capacity', () => {
    const { res, onGrant } = setup(1, 1);
    res.request('a', onGrant);
    expect(res.request('b', onGrant)).toBe('queued');
    expect(res.request('c', onGrant)).toBe('rejected');
    res.withdraw('b');
    expect(res.request('c', onGrant)).toBe('queued');
  });

  it('a withdrawn job may queue again and is then granted at its new place', () => {
    const { res, log, onGrant } = setup(1);
    for (const j of ['a', 'b', 'c']) res.request(j, onGrant);
    res.withdraw('b');
    res.request('b', onGrant);
    res.release(); res.release();
    expect(log.map(([j]) => j)).toEqual(['a', 'c', 'b']);
  });

  it('grows: setCapacity grants waiters at once, in order', () => {
    const { res, log, onGrant } = setup(1);
    for (const j of ['a', 'b', 'c', 'd']) res.request(j, onGrant);
    res.setCapacity(3);
    expect(log.map(([j]) => j)).toEqual(['a', 'b', 'c']);
    expect(res.inUse).toBe(3);
    expect(res.queued).toBe(1);
  });

  it('shrinks lazily: nobody is preempted and releases grant nothing until inUse < capacity', () => {
    const { res, log, onGrant } = setup(3);
    for (const j of ['a', 'b', 'c', 'd']) res.request(j, onGrant);
    res.setCapacity(1);
    expect(res.inUse).toBe(3);
    res.release();
    res.release();
    expect(log.map(([j]) => j)).toEqual(['a', 'b', 'c']);
    res.release();
    expect(log.map(([j]) => j)).toEqual(['a', 'b', 'c', 'd']);
    expect(res.inUse).toBe(1);
  });

  it('handles a grant callback that releases at once (zero-length work) without skipping anyone', () => {
    const sim = new Simulation();
    const res = new Resource<number>(sim, 1);
    const order: number[] = [];
    const instant = (j: number): void => { order.push(j); res.release(); };
    const hold = (j: number): void => { order.push(j); };
    res.request(0, hold);
    for (let j = 1; j <= 4; j++) res.request(j, instant);
    res.release();
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(res.inUse).toBe(0);
  });

  it('integrates busy slots and queue length over time (hand-scripted example)', () => {
    const { sim, res, log, onGrant } = setup(2, 2);
    sim.at(0, () => { res.request('A', onGrant); res.request('B', onGrant); });
    sim.at(1, () => {
      expect(res.request('C', onGrant)).toBe('queued');
      expect(res.request('D', onGrant)).toBe('queued');
      expect(res.request('E', onGrant)).toBe('rejected');
    });
    sim.at(3, () => res.release()); // C waited 2 s
    sim.at(4, () => expect(res.withdraw('D')).toBe(true));
    sim.at(5, () => res.release());
    sim.run(6);
    expect(log).toEqual([['A', 0], ['B', 0], ['C', 3]]);
    // inUse: 2 on [0,5), 1 on [5,6) → 10 + 1. queued: 2 on [1,3), 1 on [3,4), 0 after → 4 + 1.
    expect(res.stats()).toEqual({
      busyTimeIntegral: 11, queueLengthIntegral: 5, granted: 3, rejected: 1, totalWaitS: 2, since: 0,
    });
    res.resetStats();
    sim.run(8);
    expect(res.stats()).toEqual({
      busyTimeIntegral: 2, queueLengthIntegral: 0, granted: 0, rejected: 0, totalWaitS: 0, since: 6,
    });
  });

  it('rejects a release with no slot in use and invalid capacities', () => {
    const { sim, res } = setup(1);
    expect(() => res.release()).toThrow(/no slot is in use/);
    expect(() => new Resource(sim, -1)).toThrow(/capacity must be an integer >= 0/);
    expect(() => new Resource(sim, 1.5)).toThrow(RangeError);
    expect(() => new Resource(sim, 1, -1)).toThrow(/queueCapacity/);
    expect(() => res.setCapacity(NaN)).toThrow(RangeError);
  });

  it('withdraw stays correct over many jobs when started with a long queue (index built lazily)', () => {
    const sim = new Simulation();
    const res = new Resource<number>(sim, 1);
    const granted: number[] = [];
    const onGrant = (j: number): void => { granted.push(j); };
    for (let j = 0; j < 1000; j++) res.request(j, onGrant);
    for (let j = 1; j < 1000; j += 2) expect(res.withdraw(j)).toBe(true);
    expect(res.queued).toBe(499);
    for (let k = 0; k < 499; k++) res.release();
    expect(granted).toEqual(Array.from({ length: 500 }, (_, i) => 2 * i));
  });

  it('tryGrantAt / tryReleaseAt on its row act exactly as request / release, and decline when those must queue or grant', () => {
    // The same random workload (requests, releases, capacity changes, over time) run twice: with
    // the plain methods, and with the row fast paths tried first (as an instance does).
    const run = (fast: boolean) => {
      const sim = new Simulation();
      const row = { f: new Float64Array(Resource.ROW + 3), o: 3 };
      const res = new Resource<number>(sim, 3, 4, row);
      const granted: number[] = [];
      const onGrant = (job: number): void => { granted.push(job); };
      const outcomes: string[] = [];
      let declinedGrants = 0, declinedReleases = 0, fastGrants = 0, fastReleases = 0;
      let u = 0.37;
      const next = () => (u = (u * 9301 + 0.49297) % 1);
      for (let job = 0; job < 2_000; job++) {
        sim.run(sim.now + next());
        const r = next();
        if (r < 0.5) {
          if (fast && Resource.tryGrantAt(row.f, row.o, sim.now)) { fastGrants++; onGrant(job); outcomes.push('granted'); continue; }
          if (fast) declinedGrants++;
          outcomes.push(res.request(job, onGrant));
        } else if (r < 0.95) {
          if (res.inUse === 0) continue;
          if (fast && Resource.tryReleaseAt(row.f, row.o, sim.now)) { fastReleases++; continue; }
          if (fast) declinedReleases++;
          res.release();
        } else {
          res.setCapacity(1 + Math.floor(next() * 4));
        }
      }
      return { granted, outcomes, stats: res.stats(), inUse: res.inUse, queued: res.queued, declinedGrants, declinedReleases, fastGrants, fastReleases };
    };
    const plain = run(false), fast = run(true);
    expect(fast.granted.length).toBeGreaterThan(500);
    expect(fast.fastGrants).toBeGreaterThan(100);
    expect(fast.fastReleases).toBeGreaterThan(100);
    expect(fast.declinedGrants).toBeGreaterThan(50);
    expect(fast.declinedReleases).toBeGreaterThan(10);
    expect(fast.granted).toEqual(plain.granted);
    expect(fast.outcomes).toEqual(plain.outcomes);
    expect(fast.stats).toEqual(plain.stats);
    expect([fast.inUse, fast.queued]).toEqual([plain.inUse, plain.queued]);
  });

  it('tryReleaseAt declines when no slot is in use (release would throw)', () => {
    const row = { f: new Float64Array(Resource.ROW), o: 0 };
    const res = new Resource<string>(new Simulation(), 2, Infinity, row);
    expect(Resource.tryReleaseAt(row.f, row.o, 0)).toBe(false);
    expect(res.inUse).toBe(0);
  });
});


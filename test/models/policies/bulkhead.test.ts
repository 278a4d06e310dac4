import { describe, expect, it } from 'vitest';
import { Bulkhead } from '../../../src/models/policies/bulkhead.js';
import { Simulation } from '../../../src/engine/sim.js';

describe('Bulkhead', () => {
  it('grants up to maxConcurrent, queues up to maxQueue, rejects beyond', () => {
    const sim = new Simulation();
    const b = new Bulkhead<string>(sim, 2, 1);
    const granted: string[] = [];
    expect(['a', 'b', 'c', 'd'].map((j) => b.enter(j, (x) => granted.push(x)))).toEqual(['granted', 'granted', 'queued', 'rejected']);
    expect(granted).toEqual(['a', 'b']);
    expect([b.inUse, b.queued]).toEqual([2, 1]);
  });

  it('leave grants the oldest waiter synchronously, at the time of the leave', () => {
    const sim = new Simulation();
    const b = new Bulkhead<string>(sim, 1, 5);
    const log: [string, number][] = [];
    const onGrant = (j: string) => { log.push([j, sim.now]); };
    for (const j of ['a', 'b', 'c']) b.enter(j, onGrant);
    sim.at(2, () => b.leave());
    sim.at(3, () => b.leave());
    sim.run(10);
    expect(log).toEqual([['a', 0], ['b', 2], ['c', 3]]);
    expect(b.stats().totalWaitS).toBe(5);
  });

  it('a withdrawn waiter (queue timeout) is never granted', () => {
    const sim = new Simulation();
    const b = new Bulkhead<string>(sim, 1, 5);
    const granted: string[] = [];
    for (const j of ['a', 'b', 'c']) b.enter(j, (x) => granted.push(x));
    expect(b.withdraw('b')).toBe(true);
    expect(b.withdraw('a')).toBe(false);
    b.leave();
    expect(granted).toEqual(['a', 'c']);
  });

  it('isolates traffic classes: agents filling their bulkhead leave humans untouched', () => {
    const sim = new Simulation();
    const agents = new Bulkhead<number>(sim, 5, 0);
    const humans = new Bulkhead<number>(sim, 10, 0);
    const agentResults = Array.from({ length: 50 }, (_, i) => agents.enter(i, () => {}));
    expect(agentResults.filter((r) => r === 'granted')).toHaveLength(5);
    expect(Array.from({ length: 10 }, (_, i) => humans.enter(i, () => {})).every((r) => r === 'granted')).toBe(true);
  });
});

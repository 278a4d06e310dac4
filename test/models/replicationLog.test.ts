/**
 * A replica's log of writes not yet applied: oldest first, forgotten once arrived, arrival times
 * that can be changed in place (a replica cut off, then catching up), across its buffer's growth.
 */
import { describe, expect, it } from 'vitest';
import { ReplicationLog } from '../../src/models/replicationLog.js';

const contents = (q: ReplicationLog) => Array.from({ length: q.length }, (_, k) => [q.commitAt(k), q.arrivalAt(k)]);

describe('ReplicationLog', () => {
  it('keeps writes oldest first and forgets those arrived by a time, only from the front', () => {
    const q = new ReplicationLog();
    q.push(1, 1.2);
    q.push(2, 2.5);
    q.push(3, 3.1);
    q.dropArrivedBy(2.5);
    expect(contents(q)).toEqual([[3, 3.1]]);
    q.push(4, Infinity);
    q.push(5, 5.1);
    q.dropArrivedBy(10); // the cut-off write holds back the one behind it
    expect(contents(q)).toEqual([[4, Infinity], [5, 5.1]]);
  });

  it('changes arrival times in place and keeps every write through growth and wrap-around', () => {
    const q = new ReplicationLog();
    const want: number[][] = [];
    for (let i = 0; i < 10; i++) q.push(i, i + 0.5);
    q.dropArrivedBy(6); // head moves to the middle of the buffer
    for (let i = 6; i < 10; i++) want.push([i, i + 0.5]);
    for (let i = 10; i < 100; i++) {
      q.push(i, Infinity);
      want.push([i, Infinity]);
    }
    expect(q.length).toBe(94);
    expect(contents(q)).toEqual(want);
    for (let k = 0; k < q.length; k++) if (q.arrivalAt(k) === Infinity) q.setArrivalAt(k, 200);
    q.dropArrivedBy(150);
    expect(contents(q)).toEqual(want.slice(4).map(([c]) => [c, 200]));
    q.clear();
    expect(q.length).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { LoadShedder } from '../../../src/models/policies/loadShedder.js';

describe('LoadShedder', () => {
  it('sheds an arrival when maxQueue requests already wait, so the queue never exceeds maxQueue', () => {
    const s = new LoadShedder({ maxQueue: 3 });
    expect([0, 2, 3, 10].map((q) => s.shouldShed(q, 0))).toEqual([false, false, true, true]);
  });

  it('sheds when the head of the queue has waited longer than maxQueueTimeS', () => {
    const s = new LoadShedder({ maxQueueTimeS: 1 });
    expect([0, 1, 1.0001].map((w) => s.shouldShed(5, w))).toEqual([false, false, true]);
  });

  it('either limit alone sheds when both are set', () => {
    const s = new LoadShedder({ maxQueue: 10, maxQueueTimeS: 2 });
    expect([s.shouldShed(10, 0), s.shouldShed(1, 3), s.shouldShed(9, 2)]).toEqual([true, true, false]);
  });

  it('never sheds by default; maxQueue 0 sheds every arrival', () => {
    expect(new LoadShedder().shouldShed(1e9, 1e9)).toBe(false);
    expect(new LoadShedder({ maxQueue: 0 }).shouldShed(0, 0)).toBe(true);
  });
});

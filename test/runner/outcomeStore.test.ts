import { describe, expect, it } from 'vitest';
import type { ReplicationOutcome } from '../../src/metrics/outcome.js';
import { OutcomeStore } from '../../src/runner/outcomeStore.js';
import { aggregateDesign } from '../../src/runner/aggregate.js';
import { runReplication, timelineGrid } from '../../src/runner/replication.js';
import { loadScenario } from '../../src/scenario/load.js';

const TINY = 'test/fixtures/runner/tiny.yaml';

/** A view copied into plain objects and arrays, so equality compares values only. */
function plain(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

describe('outcome store', () => {
  it('gives back every outcome of a real run, value for value, events recomputed on demand', async () => {
    const scenario = (await loadScenario(TINY)).designs[0]!.scenario;
    const outcomes = [0, 1, 2, 3].map((r) => runReplication(scenario, r));
    const reruns: number[] = [];
    const store = new OutcomeStore((r) => {
      reruns.push(r);
      return runReplication(scenario, r).events;
    });
    for (const o of outcomes) store.add(o);
    const rows = store.rows();
    expect(rows).toHaveLength(4);
    expect(outcomes[0]!.classes[0]!.workflow_success_ratio).toBeNull();
    expect(outcomes[0]!.storm.metastable).toBe(false);
    for (let r = 0; r < rows.length; r++) {
      const { events: _e, ...rest } = plain(rows[r]) as ReplicationOutcome;
      const { events: _o, ...expected } = outcomes[r]!;
      expect(rest).toEqual(expected);
      expect(Object.keys(rows[r]!)).toEqual(Object.keys(outcomes[r]!).filter((k) => k !== 'events'));
    }
    expect(reruns).toEqual([]);
    expect(rows[2]!.events).toEqual(outcomes[2]!.events);
    expect(rows[2]!.events).toBe(rows[2]!.events);
    expect(reruns).toEqual([2]);
  });

  it('keeps NaN, -0, Infinity, null, undefined and booleans exactly', () => {
    const store = new OutcomeStore();
    const values = [NaN, -0, Infinity, -Infinity, null, undefined, true, false, 1e-300, 2 ** 53];
    for (let r = 0; r < values.length; r++) store.add({ replication: r, x: values[r], xs: [values[(r + 1) % values.length]] } as unknown as ReplicationOutcome);
    const rows = store.rows() as unknown as Array<{ x: unknown; xs: unknown[] }>;
    expect(rows.map((row) => row.x)).toEqual(values);
    expect(rows.every((row, r) => Object.is(row.x, values[r]) && Object.is(row.xs[0], values[(r + 1) % values.length]))).toBe(true);
  });

  it('keeps verbatim whatever departs from the first outcome\'s shape', () => {
    const store = new OutcomeStore();
    const first = { replication: 0, name: 'a', xs: [1, 2], flag: true, maybe: null, nested: { k: -0 } };
    const odd = { replication: 1, name: 'b', xs: [1, 2, 3], flag: false, maybe: { deep: [NaN] }, nested: { k: 1, extra: 'x' } };
    store.add(first as unknown as ReplicationOutcome);
    store.add(odd as unknown as ReplicationOutcome);
    const [a, b] = store.rows().map(plain);
    expect(a).toEqual(first);
    expect(b).toEqual(odd);
  });

  it('hands out read-only views', () => {
    const store = new OutcomeStore();
    store.add({ replication: 0, rto_s: 3 } as unknown as ReplicationOutcome);
    const [row] = store.rows();
    expect(() => { (row as { rto_s: number | null }).rto_s = 4; }).toThrow(TypeError);
    expect(row!.rto_s).toBe(3);
  });

  it('reads a field of every row as a column (values, sorted finite numbers), rows that departed from the shape included', () => {
    const store = new OutcomeStore();
    const rows = [
      { replication: 0, rto_s: 3, timeline: { g: [1, NaN, 2] }, censored: [false, true, false] },
      { replication: 1, rto_s: null, timeline: { g: [5, 0, -1] }, censored: [true, true, false] },
      { replication: 2, rto_s: 1, timeline: { g: [4, 7] }, censored: [false, false] },
      { replication: 3, rto_s: Infinity, timeline: { g: [-0, 2, 9] }, censored: [false, true, true] },
    ];
    for (const r of rows) store.add(r as unknown as ReplicationOutcome);
    expect(store.values(['rto_s'])).toEqual([3, null, 1, Infinity]);
    expect(store.values(['censored', 1])).toEqual([true, true, false, true]);
    expect(store.values(['timeline', 'g', 2])).toEqual([2, -1, undefined, 9]);
    expect(store.values(['timeline', 'nothing', 0])).toEqual([undefined, undefined, undefined, undefined]);
    expect([...store.sortedFinite(['rto_s'])]).toEqual([1, 3]);
    expect([...store.sortedFinite(['timeline', 'g', 1])]).toEqual([0, 2, 7]);
    expect([...store.sortedFinite(['timeline', 'g', 0])]).toEqual([-0, 1, 4, 5]);
  });

  it('aggregates from its columns exactly what the outcomes themselves aggregate to', async () => {
    const scenario = (await loadScenario(TINY)).designs[0]!.scenario;
    const outcomes = [0, 1, 2, 3].map((r) => runReplication(scenario, r));
    const store = new OutcomeStore((r) => runReplication(scenario, r).events);
    for (const o of outcomes) store.add(o);
    const fromStore = JSON.stringify(aggregateDesign('base', store.rows(), timelineGrid(scenario), store));
    expect(fromStore).toBe(JSON.stringify(aggregateDesign('base', outcomes, timelineGrid(scenario))));
    expect(Object.keys(JSON.parse(fromStore).timeline.series).length).toBeGreaterThan(0);
  });
});

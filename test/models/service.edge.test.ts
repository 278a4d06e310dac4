/**
 * A service's edge protections (REFERENCE.md Case D's defences), through a real ServiceTier with
 * two client classes, humans (index 0) and agents (index 1), and one instance in east:
 * per-class rate limits at the edge (429 with Retry-After, at no cost to the instances),
 * per-class bulkheads on each instance, and load shedding on arrival.
 */
import { describe, expect, it } from 'vitest';
import { ServiceTier } from '../../src/models/service.js';
import type { ResponseDetail } from '../../src/models/types.js';
import { at, harness, request } from '../support/modelHarness.js';
import { serviceSpec } from '../support/specs.js';

const HUMANS = 0;
const AGENTS = 1;

type Answers = Array<{ label: string; t: number; ok: boolean; detail: ResponseDetail | undefined }>;

function world(service: Record<string, unknown>) {
  const h = harness();
  const tier = new ServiceTier('api', serviceSpec({ instances: { east: 1 }, service_time: '10ms', ...service }), null, h,
    { classIndex: new Map([['humans', HUMANS], ['agents', AGENTS]]), dependencies: new Map(), breakers: [] });
  const answers: Answers = [];
  const send = (t: number, classIndex: number, label: string) =>
    at(h, t, () => tier.route('east', { req: request({ classIndex }), respond: (ok, detail) => answers.push({ label, t: h.sim.now, ok, detail }) }));
  const by = (prefix: string) => answers.filter((a) => a.label.startsWith(prefix));
  return { h, tier, inst: tier.instances[0]!, answers, send, by };
}

const round = (t: number) => Math.round(t * 1e6) / 1e6;

describe('edge rate limits per client class', () => {
  it('answer 429 with Retry-After only to the limited class, beyond its burst, without reaching the instance', () => {
    const { h, tier, send, by } = world({ rate_limits: { agents: { rate: '1/s', burst: 2 } } });
    for (let i = 0; i < 5; i++) send(1, AGENTS, `agent${i}`);
    for (let i = 0; i < 5; i++) send(1, HUMANS, `human${i}`);
    h.sim.run(10);
    expect(by('human').every((a) => a.ok && a.detail === undefined)).toBe(true);
    expect(by('human')).toHaveLength(5);
    const agents = by('agent');
    expect(agents.filter((a) => a.ok).map((a) => a.label)).toEqual(['agent0', 'agent1']);
    // The bucket is empty after two: the next token comes in 1 s.
    const refused = agents.filter((a) => !a.ok);
    expect(refused.map((a) => a.label)).toEqual(['agent2', 'agent3', 'agent4']);
    for (const a of refused) {
      expect(round(a.t)).toBe(1.001);
      expect(a.detail).toEqual({ throttled: true, retryAfterS: expect.closeTo(1, 9) });
    }
    expect(tier.statsIn('east').accepted).toBe(7);
  });

  it('refill at the class rate: a steady 5/s of agents against a 2/s limit gets 2/s through', () => {
    const { h, send, by } = world({ rate_limits: { agents: { rate: '2/s', burst: 2 } } });
    for (let i = 0; i < 500; i++) send(10 + i * 0.2, AGENTS, `agent${i}`);
    h.sim.run(200);
    const served = by('agent').filter((a) => a.ok).length;
    // 100 s at 2 tokens per second, plus the 2 the bucket starts with.
    expect(served).toBeGreaterThanOrEqual(200);
    expect(served).toBeLessThanOrEqual(202);
  });
});

describe('bulkheads per client class', () => {
  it('keep a class within its own slots: agents fill their bulkhead (and its queue) while humans are served at once', () => {
    const { h, send, by } = world({
      concurrency: 2,
      service_time: '10s',
      bulkheads: { agents: { classes: ['agents'], concurrency: 1, queue: 1 } },
    });
    for (let i = 0; i < 3; i++) send(1, AGENTS, `agent${i}`);
    send(2, HUMANS, 'human0');
    send(2, HUMANS, 'human1');
    h.sim.run(100);
    // One agent slot, one agent queued, the third refused at once; humans use the shared slots.
    expect(by('agent').map((a) => [a.label, round(a.t), a.ok])).toEqual([['agent2', 1, false], ['agent0', 11, true], ['agent1', 21, true]]);
    expect(by('human').map((a) => [a.label, round(a.t), a.ok])).toEqual([['human0', 12, true], ['human1', 12, true]]);
  });

  it('without the bulkhead, the same agent burst takes the shared slots and humans wait behind it', () => {
    const { h, send, by } = world({ concurrency: 2, service_time: '10s' });
    for (let i = 0; i < 3; i++) send(1, AGENTS, `agent${i}`);
    send(2, HUMANS, 'human0');
    h.sim.run(100);
    expect(by('human').map((a) => [round(a.t), a.ok])).toEqual([[21, true]]);
  });
});

describe('load shedding', () => {
  it('refuses (503) on arrival when the queue already holds max_queue requests', () => {
    const { h, tier, send, by } = world({ concurrency: 1, service_time: '10s', load_shedding: { max_queue: 2 } });
    for (let i = 0; i < 5; i++) send(1, HUMANS, `r${i}`);
    h.sim.run(100);
    // r0 in the slot, r1 and r2 queued, r3 and r4 shed.
    expect(by('r').map((a) => [a.label, round(a.t), a.ok])).toEqual([
      ['r3', 1.001, false], ['r4', 1.001, false], ['r0', 11, true], ['r1', 21, true], ['r2', 31, true],
    ]);
    expect(tier.statsIn('east').rejected).toBe(2);
  });

  it('with max_queue 0 never queues: a request that finds no free slot is refused', () => {
    const { h, tier, send, by } = world({ concurrency: 1, service_time: '10s', load_shedding: { max_queue: 0 } });
    for (let i = 0; i < 3; i++) send(1, HUMANS, `r${i}`);
    h.sim.run(100);
    expect(by('r').map((a) => [a.label, round(a.t), a.ok])).toEqual([['r1', 1.001, false], ['r2', 1.001, false], ['r0', 11, true]]);
    expect(tier.statsIn('east').rejected).toBe(2);
  });

  it('refuses on arrival when the head of the queue has waited longer than max_queue_time', () => {
    const { h, send, by } = world({ concurrency: 1, service_time: '10s', load_shedding: { max_queue_time: '5s' } });
    send(1, HUMANS, 'r0');
    send(1, HUMANS, 'r1');
    send(4, HUMANS, 'early');
    send(7, HUMANS, 'late');
    h.sim.run(100);
    // At 4 s the head (r1) has waited 3 s: admitted. At 7 s it has waited 6 s: shed.
    expect(by('').map((a) => [a.label, round(a.t), a.ok])).toEqual([
      ['late', 7.001, false], ['r0', 11, true], ['r1', 21, true], ['early', 31, true],
    ]);
  });
});

/**
 * Dependencies (an LLM provider, an identity service) and a service's call to one, composed as
 * fallback(breaker(retry(timeout(call)))) — REFERENCE.md Case E (the model provider is a
 * dependency) and Case G (a shared upstream). The Dependency and DependencyCaller are the real
 * models; a few tests go through a ServiceTier to show what the instance and its client see.
 */
import { describe, expect, it, vi } from 'vitest';
import type { Simulation } from '../../src/engine/sim.js';
import { Dependency } from '../../src/models/dependency.js';
import { DependencyCaller, type CallOutcome } from '../../src/models/dependencyCaller.js';
import { makeBreaker } from '../../src/models/policies/fromSpec.js';
import { ServiceTier } from '../../src/models/service.js';
import type { ResponseDetail } from '../../src/models/types.js';
import { buildSystem } from '../../src/scenario/build.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { RecordingRecorder, at, harness, request } from '../support/modelHarness.js';
import { dependencyCallSpec, dependencySpec, serviceSpec } from '../support/specs.js';

const Z = 3.29;

type CallLog = Array<{ label: string; t: number; outcome: CallOutcome }>;

/** A dependency `llm` and one caller of it from `east`; `call(t, label)` makes a logical call at t. */
function world(dependency: Record<string, unknown>, call: Record<string, unknown> = {}) {
  const h = harness();
  const dep = new Dependency('llm', dependencySpec(dependency), h);
  const sent = vi.spyOn(dep, 'call');
  const spec = dependencyCallSpec({ dependency: 'llm', ...call });
  const breaker = spec.breaker ? makeBreaker(spec.breaker) : null;
  const caller = new DependencyCaller(spec, dep, 'east', breaker, h.streams.stream('calls'), h);
  const log: CallLog = [];
  const callAt = (t: number, label: string) =>
    at(h, t, () => caller.call(label, (job, outcome) => log.push({ label: job, t: h.sim.now, outcome })));
  return { h, dep, sent, breaker, caller, log, callAt };
}

type Raw = Array<{ label: string; t: number; ok: boolean; throttled?: boolean; retryAfterS?: number }>;

/** Calls `dep` directly from `region` at time t. */
function rawCall(sim: Simulation, dep: Dependency, log: Raw, t: number, label: string, region = 'east'): void {
  sim.at(t, () => dep.call(region, { settle: (r) => log.push(r.ok ? { label, t: sim.now, ok: true } : { label, t: sim.now, ok: false, throttled: r.throttled, retryAfterS: r.retryAfterS }) }));
}

describe('Dependency', () => {
  it('answers after its latency and fails a share error_rate of calls (99.9% binomial interval)', () => {
    const h = harness();
    const dep = new Dependency('llm', dependencySpec({ latency: '200ms', error_rate: 0.1 }), h);
    const log: Raw = [];
    for (let i = 0; i < 5000; i++) rawCall(h.sim, dep, log, 1, `c${i}`);
    h.sim.run(10);
    expect(log).toHaveLength(5000);
    expect(log.every((r) => Math.abs(r.t - 1.2) < 1e-9)).toBe(true);
    const failed = log.filter((r) => !r.ok).length / log.length;
    expect(Math.abs(failed - 0.1)).toBeLessThanOrEqual(Z * Math.sqrt((0.1 * 0.9) / log.length));
  });

  it('over its per-region quota answers at once with throttled and the Retry-After until a token is free; other regions are not limited', () => {
    const h = harness();
    const dep = new Dependency('idp', dependencySpec({ latency: '10ms', quota: { east: '2/s' } }), h);
    const log: Raw = [];
    for (const l of ['a', 'b', 'c']) rawCall(h.sim, dep, log, 1, l);
    for (const l of ['w1', 'w2', 'w3']) rawCall(h.sim, dep, log, 1, l, 'west');
    h.sim.run(5);
    // The bucket holds 2 tokens (burst = rate): the third call from east is throttled.
    expect(log).toEqual([
      { label: 'c', t: expect.closeTo(1.001, 9), ok: false, throttled: true, retryAfterS: expect.closeTo(0.5, 9) },
      { label: 'a', t: expect.closeTo(1.01, 9), ok: true },
      { label: 'b', t: expect.closeTo(1.01, 9), ok: true },
      { label: 'w1', t: expect.closeTo(1.01, 9), ok: true },
      { label: 'w2', t: expect.closeTo(1.01, 9), ok: true },
      { label: 'w3', t: expect.closeTo(1.01, 9), ok: true },
    ]);
  });

  it.each([
    { outage: 'hang', expected: [] },
    { outage: 'error', expected: [{ label: 'during', t: expect.closeTo(5.001, 9), ok: false, throttled: false, retryAfterS: 0 }, { label: 'in-flight', t: expect.closeTo(5.5, 9), ok: false, throttled: false, retryAfterS: 0 }] },
  ])('while down (outage: $outage), a call hangs forever or fails at once, and so does one already in flight', ({ outage, expected }) => {
    const h = harness();
    const dep = new Dependency('llm', dependencySpec({ latency: '1s', outage }), h);
    const log: Raw = [];
    rawCall(h.sim, dep, log, 4.5, 'in-flight');
    at(h, 4.9, () => dep.setDown(true));
    rawCall(h.sim, dep, log, 5, 'during');
    h.sim.run(100);
    expect(log).toEqual(expected);
  });
});

describe('a shared upstream (Case G)', () => {
  const yaml = `
name: shared-upstream
horizon: 10m
slo: { success_ratio: 0.99, latency: 2s }
system:
  regions: { east: { zones: 1 } }
  dependencies:
    edge-network: { latency: 1ms }
    provider-a: { latency: 5ms, upstream: [edge-network], outage: error }
    provider-b: { latency: 5ms, upstream: [edge-network], outage: error }
    reranker: { latency: 5ms, upstream: [provider-a], outage: error }
    billing: { latency: 5ms, outage: error }
  services:
    api: { instances: { east: 1 }, service_time: 1ms }
  clients: { users: { rate: 1/s } }
fault: { kind: dependency_outage, dependency: edge-network, at: 1m, duration: 2m }
`;

  it('an outage of the upstream takes down every dependent (transitively) for exactly its duration, and nothing else', () => {
    const scenario = loadScenarioText(yaml, 'shared-upstream.yaml').designs[0]!.scenario;
    const built = buildSystem(scenario, 0, new RecordingRecorder());
    const deps = built.dependencies;
    const down = () => Object.fromEntries([...deps].map(([name, d]) => [name, d.down]));
    const log: Raw = [];
    for (const name of ['provider-a', 'provider-b', 'reranker', 'billing']) rawCall(built.sim, deps.get(name)!, log, 90, name);
    built.sim.run(59);
    expect(Object.values(down()).every((d) => !d)).toBe(true);
    built.sim.run(61);
    expect(down()).toEqual({ 'edge-network': true, 'provider-a': true, 'provider-b': true, reranker: true, billing: false });
    built.sim.run(100);
    // The two "independent" providers fail together, at once (outage: error); billing answers.
    expect(log.map((r) => [r.label, r.ok])).toEqual([['provider-a', false], ['provider-b', false], ['reranker', false], ['billing', true]]);
    built.sim.run(181);
    expect(Object.values(down()).every((d) => !d)).toBe(true);
  });

  it('an outage of one provider leaves its sibling up and takes down what depends on it', () => {
    const scenario = loadScenarioText(yaml, 'shared-upstream.yaml').designs[0]!.scenario;
    const built = buildSystem(scenario, 0, new RecordingRecorder());
    built.dependencies.get('provider-a')!.setDown(true);
    expect(built.dependencies.get('reranker')!.down).toBe(true);
    expect(built.dependencies.get('provider-b')!.down).toBe(false);
    expect(built.dependencies.get('edge-network')!.down).toBe(false);
  });
});

describe('DependencyCaller', () => {
  it('a timeout frees the request: a slow call fails at the timeout, and the late answer is ignored', () => {
    const { h, log, callAt } = world({ latency: '60s' }, { timeout: '12s' });
    callAt(1, 'slow');
    h.sim.run(200);
    expect(log).toEqual([{ label: 'slow', t: 13, outcome: 'failed' }]);
  });

  it('without a timeout, a call to a hung dependency never returns (a hard dependency)', () => {
    const { h, dep, log, callAt } = world({ latency: '1s' });
    dep.setDown(true);
    callAt(1, 'hung');
    h.sim.run(10_000);
    expect(log).toEqual([]);
  });

  it('retries a failed attempt after its backoff, and a throttled one after its Retry-After', () => {
    const { h, log, sent, callAt } = world({ latency: '10ms', quota: { east: '1/s' } }, { timeout: '5s', retries: 1, backoff: { kind: 'constant', base: '100ms', jitter: 'none' } });
    callAt(1, 'a');
    callAt(1, 'b');
    h.sim.run(10);
    // b is throttled at 1.001 with Retry-After 1 s (> the 100 ms backoff), then served.
    expect(log).toEqual([
      { label: 'a', t: expect.closeTo(1.01, 9), outcome: 'ok' },
      { label: 'b', t: expect.closeTo(2.011, 9), outcome: 'ok' },
    ]);
    expect(sent).toHaveBeenCalledTimes(3);
  });

  it('retries an error after each backoff delay (1 s, then 2 s), then fails', () => {
    const { h, dep, log, sent, callAt } = world({ latency: '10ms', outage: 'error' }, { timeout: '5s', retries: 2, backoff: { kind: 'exponential', base: '1s', factor: 2, jitter: 'none' } });
    dep.setDown(true);
    callAt(1, 'x');
    h.sim.run(100);
    // Attempts at 1, 2.001 and 4.002, each failing 1 ms later.
    expect(log).toEqual([{ label: 'x', t: expect.closeTo(4.003, 9), outcome: 'failed' }]);
    expect(sent).toHaveBeenCalledTimes(3);
  });

  it.each([
    { fallback: { kind: 'fail' }, outcome: 'failed' },
    { fallback: { kind: 'cached', success_value: 0.5 }, outcome: 'degraded' },
    { fallback: { kind: 'queue' }, outcome: 'queued' },
  ] as const)('a breaker opens after 3 timeouts in 60 s; then the $fallback.kind fallback answers at once ($outcome) without calling', ({ fallback, outcome }) => {
    const breaker = { trip: { kind: 'count_window', failures: 3, window: '60s' }, open: '30s' };
    const { h, dep, log, sent, breaker: b, callAt } = world({ latency: '100ms' }, { timeout: '1s', breaker, fallback });
    dep.setDown(true);
    for (const [t, l] of [[0, 'a'], [0.1, 'b'], [0.2, 'c']] as const) callAt(t, l);
    callAt(5, 'while-open');
    h.sim.run(10);
    // The first three time out (the fallback answers each), the third failure opens the breaker.
    expect(log).toEqual([
      { label: 'a', t: 1, outcome },
      { label: 'b', t: expect.closeTo(1.1, 9), outcome },
      { label: 'c', t: expect.closeTo(1.2, 9), outcome },
      { label: 'while-open', t: 5, outcome },
    ]);
    expect(sent).toHaveBeenCalledTimes(3);
    expect(b!.state).toBe('open');
    // After 30 s open, one probe goes through; the provider is back, so it succeeds and closes the breaker.
    at(h, 20, () => dep.setDown(false));
    callAt(25, 'still-open');
    callAt(40, 'probe');
    h.sim.run(50);
    expect(log.slice(4)).toEqual([
      { label: 'still-open', t: 25, outcome },
      { label: 'probe', t: expect.closeTo(40.1, 9), outcome: 'ok' },
    ]);
    expect(sent).toHaveBeenCalledTimes(4);
    expect(b!.state).toBe('closed');
  });

  it('the breaker counts logical calls, not attempts: three calls of three failed attempts each open a 3-failure breaker', () => {
    const breaker = { trip: { kind: 'consecutive', failures: 3 }, open: '30s' };
    const { h, dep, log, sent, breaker: b, callAt } = world({ latency: '10ms', outage: 'error' }, { timeout: '5s', retries: 2, breaker });
    dep.setDown(true);
    callAt(0, 'a');
    callAt(10, 'b');
    at(h, 15, () => expect(b!.state).toBe('closed'));
    callAt(20, 'c');
    callAt(25, 'd');
    h.sim.run(26);
    expect(sent).toHaveBeenCalledTimes(9);
    expect(b!.state).toBe('open');
    expect(log.map((l) => [l.label, l.outcome])).toEqual([['a', 'failed'], ['b', 'failed'], ['c', 'failed'], ['d', 'failed']]);
    expect(log[3]!.t).toBe(25);
  });

  it('the llm preset (Case E) trips after 3 timeouts within 60 s, not after 3 spread wider', () => {
    const { h, breaker: b, callAt } = world({ latency: '60s' }, { timeout: '12s', breaker: { preset: 'llm' } });
    // Timeouts at 12, 62, 112 s: never 3 within 60 s.
    for (const t of [0, 50, 100]) callAt(t, `wide${t}`);
    h.sim.run(150);
    expect(b!.state).toBe('closed');
    // Timeouts at 212, 222, 232 s: the third opens it.
    for (const t of [200, 210, 220]) callAt(t, `close${t}`);
    h.sim.run(231);
    expect(b!.state).toBe('closed');
    h.sim.run(233);
    expect(b!.state).toBe('open');
  });
});

describe('dependency calls inside an instance', () => {
  type Answers = Array<{ label: string; t: number; ok: boolean; detail: ResponseDetail | undefined }>;

  function tier(dependency: Record<string, unknown>, call: Record<string, unknown>, service: Record<string, unknown> = {}) {
    const h = harness();
    const dep = new Dependency('llm', dependencySpec(dependency), h);
    const t = new ServiceTier('assistant', serviceSpec({ instances: { east: 1 }, service_time: '10ms', calls: [{ dependency: 'llm', ...call }], ...service }), null, h,
      { classIndex: new Map(), dependencies: new Map([['llm', dep]]), breakers: [] });
    const answers: Answers = [];
    const send = (at_: number, label: string) =>
      at(h, at_, () => t.route('east', { req: request(), respond: (ok, detail) => answers.push({ label, t: h.sim.now, ok, detail }) }));
    return { h, dep, answers, send };
  }

  it.each([
    { timeout: '2s', expected: [{ label: 'first', t: 3, ok: false }, { label: 'second', t: 5, ok: false }] },
    { timeout: 'none', expected: [{ label: 'first', t: 61.01, ok: true }, { label: 'second', t: 121.02, ok: true }] },
  ])('with one slot and a 60 s dependency, timeout $timeout decides when the slot is free for the next request', ({ timeout, expected }) => {
    const { h, answers, send } = tier({ latency: '60s' }, { timeout }, { concurrency: 1 });
    send(1, 'first');
    send(1, 'second');
    h.sim.run(200);
    expect(answers.map(({ label, t, ok }) => ({ label, t: Math.round(t * 1000) / 1000, ok }))).toEqual(expected);
  });

  it.each([
    { fallback: { kind: 'fail' }, ok: false, detail: undefined },
    { fallback: { kind: 'cached' }, ok: true, detail: { degraded: true, value: 0.5, deferred: false } },
    { fallback: { kind: 'cached', success_value: 0.8 }, ok: true, detail: { degraded: true, value: 0.8, deferred: false } },
    { fallback: { kind: 'queue' }, ok: true, detail: { degraded: true, value: 0, deferred: true } },
  ])('when the dependency is down, the $fallback.kind fallback makes the answer ok $ok, worth $detail.value (deferred: $detail.deferred)', ({ fallback, ok, detail }) => {
    const { h, dep, answers, send } = tier({ latency: '100ms', outage: 'error' }, { timeout: '5s', fallback });
    dep.setDown(true);
    send(1, 'r');
    h.sim.run(10);
    expect(answers).toEqual([{ label: 'r', t: expect.closeTo(ok ? 1.011 : 1.001, 9), ok, detail }]);
  });
});

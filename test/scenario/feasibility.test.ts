/**
 * Systems that can never serve a request are refused at load, at the field that makes them
 * impossible, with a message that says why (exit 2 in the CLI: see test/cli).
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { briefly, INLINE, oneService, problemsOfText, twoRegions } from './helpers.js';

/** Two regions and one service `api` written on line 7 as `api`, then `systemLines` from line 10. */
const system = (api: string, systemLines: string[] = [], clients = '    web: { rate: 200/s }') =>
  twoRegions(systemLines).replace('    api: { instances: { us-east: 4 }, service_time: 40ms }', `    api: ${api}`).replace('    web: { rate: 200/s }', clients);

describe('a service that can never serve a request', () => {
  it('has no instance in any region: refused at instances, naming the classes that send to it', () => {
    expect(briefly(problemsOfText(system('{ instances: { us-east: 0, us-west: 0 }, service_time: 40ms }')))).toEqual([
      '7:23 system.services.api.instances: service api has no instances in any region, so it can never serve a request: client class web sends to it (give it at least one instance, e.g. { us-east: 2 })',
    ]);
    expect(briefly(problemsOfText(system('{ instances: {}, service_time: 40ms }')))).toHaveLength(1);
  });

  it('a design that takes every instance away is refused, naming the design', () => {
    const text = `${system('{ instances: { us-east: 4 }, service_time: 40ms }')}designs:\n  none: { system.services.api.instances.us-east: 0 }\n`;
    expect(briefly(problemsOfText(text))).toEqual([
      '7:23 system.services.api.instances: service api has no instances in any region, so it can never serve a request: client class web sends to it (give it at least one instance, e.g. { us-east: 2 }) (in design "none")',
    ]);
  });

  it('a health check every 0s (the run would never advance) or one that can never pass', () => {
    expect(briefly(problemsOfText(oneService('      health_check: { kind: liveness, interval: 0s, timeout: 0s }')))).toEqual([
      '11:49 system.services.api.health_check.interval: a health check every 0s never lets simulated time advance: give it an interval such as 10s',
      '11:62 system.services.api.health_check.timeout: a live instance answers a check in 1ms, so a timeout of 0ms fails every check and takes every instance out of rotation: use e.g. 2s',
    ]);
  });
});

describe('a global router that sends traffic where it can never be served', () => {
  it('lists a region where its service has no instances', () => {
    expect(briefly(problemsOfText(system('{ instances: { us-east: 4 }, service_time: 40ms }', [
      '  global_router: { mode: active_passive, regions: [us-east, us-west] }',
    ])))).toEqual([
      '10:61 system.global_router.regions[1]: service api has no instances in us-west, so requests the router sends there can never be served: give api instances in us-west or remove it from the list',
    ]);
  });

  it('an operator step that points the DNS at such a region', () => {
    expect(briefly(problemsOfText(system('{ instances: { us-east: 4 }, service_time: 40ms }', [
      '  global_router: { regions: [us-east] }',
      '  operators: { on-call: { runbook: [{ step: failover_dns, to: us-west }] } }',
    ])))).toEqual([
      '11:63 system.operators.on-call.runbook[0].to: service api has no instances in us-west, so pointing the DNS there can never serve a request',
    ]);
  });

  it('accepts a region that a runbook scale step brings instances up in', () => {
    const text = system('{ instances: { us-east: 4 }, service_time: 40ms }', [
      '  global_router: { regions: [us-east, us-west] }',
      '  operators: { on-call: { runbook: [{ step: scale, service: api, region: us-west, to: 2, takes: 10m }, { step: failover_dns, to: us-west }] } }',
    ]);
    expect(() => loadScenarioText(text, INLINE)).not.toThrow();
  });

  it('active_active with every weight at 0, and a router health check every 0s', () => {
    expect(briefly(problemsOfText(system('{ instances: { us-east: 4, us-west: 2 }, service_time: 40ms }', [
      '  global_router: { mode: active_active, regions: [us-east, us-west], weights: { us-east: 0, us-west: 0 }, health_check: { interval: 0s } }',
    ])))).toEqual([
      '10:79 system.global_router.weights: every region\'s weight is 0, so no region is meant to get traffic: give at least one of us-east, us-west a weight above 0',
      '10:133 system.global_router.health_check.interval: a health check every 0s never lets simulated time advance: give it an interval such as 10s',
    ]);
  });
});

describe('clients and an SLO that can never be met', () => {
  it('a client timeout of 0s', () => {
    expect(briefly(problemsOfText(system('{ instances: { us-east: 4 }, service_time: 40ms }', [], '    web: { rate: 200/s, timeout: 0s }')))).toEqual([
      '9:34 system.clients.web.timeout: a timeout of 0s ends every attempt before an answer can arrive, so no request of this class can succeed',
    ]);
  });

  it('no class sends anything, or only silent classes are counted by the SLO', () => {
    expect(briefly(problemsOfText(system('{ instances: { us-east: 4 }, service_time: 40ms }', [], '    web: { rate: 0/s }')))).toEqual([
      '9:5 system.clients: every client class has rate 0, so no request is ever sent: give at least one class a rate such as 100/s',
    ]);
    const counted = system('{ instances: { us-east: 4 }, service_time: 40ms }', [], '    web: { rate: 200/s }\n    batch: { rate: 0/s }')
      .replace('latency: 500ms }', 'latency: 500ms, classes: [batch] }');
    expect(briefly(problemsOfText(counted))).toEqual([
      '3:54 slo.classes: the SLO counts only batch, which sends no request (rate 0), so it has nothing to measure',
    ]);
  });

  it('an SLO latency of 0s', () => {
    expect(briefly(problemsOfText(oneService('').replace('latency: 500ms', 'latency: 0s')))).toEqual([
      '3:38 slo.latency: an SLO latency of 0s counts every request as too slow, so the SLO can never hold: use the latency users accept, e.g. 500ms',
    ]);
  });

  it('a system that can serve loads: instances in one region of two, the router over that one', () => {
    const text = system('{ instances: { us-east: 4, us-west: 0 }, service_time: 40ms }', ['  global_router: { regions: [us-east] }']);
    expect(loadScenarioText(text, INLINE).designs).toHaveLength(1);
  });
});

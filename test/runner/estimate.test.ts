import { describe, expect, it } from 'vitest';
import { estimateWork, requestsPerReplication, SECONDS_PER_REQUEST } from '../../src/runner/estimate.js';
import { loadScenarioText } from '../../src/scenario/load.js';

/** A one-service scenario with the given client classes (YAML lines under `clients:`), horizon 10 minutes. */
const withClients = (clients: string[], designs: string[] = []) =>
  loadScenarioText(
    [
      'name: estimate',
      'horizon: 10m',
      'slo: { success_ratio: 0.99, latency: 500ms, window: 30s, sustained: 1m }',
      'system:',
      '  regions: { us-east: {} }',
      '  services:',
      '    api: { instances: { us-east: 2 }, concurrency: 4, service_time: 40ms }',
      '  clients:',
      ...clients.map((c) => `    ${c}`),
      'fault: { kind: region_outage, region: us-east, at: 1m, duration: 1m }',
      ...(designs.length ? ['designs:', ...designs.map((d) => `  ${d}`)] : []),
    ].join('\n'),
    'estimate.yaml',
  );

describe('work estimate', () => {
  it('counts a steady class as rate × horizon', () => {
    expect(requestsPerReplication(withClients(['web: { rate: 60/s }']).scenario)).toBe(36_000);
  });

  it('adds a spike\'s extra traffic only for the part of it inside the horizon', () => {
    // 10/s for 600 s, plus 9 × 10/s for the 60 s of the spike that fall before the horizon
    const s = withClients(['web: { rate: 10/s, arrival: { kind: spike, factor: 10, at: 9m, duration: 5m } }']).scenario;
    expect(requestsPerReplication(s)).toBeCloseTo(6000 + 9 * 10 * 60, 6);
  });

  it('integrates a diurnal rate: a whole period averages (1 + peak_factor) / 2 × rate', () => {
    const s = withClients(['web: { rate: 10/s, arrival: { kind: diurnal, peak_factor: 3, period: 10m } }']).scenario;
    expect(requestsPerReplication(s)).toBeCloseTo(10 * 2 * 600, 3);
  });

  it('counts an agent workflow as its steps × fan-out tool calls, classes added up', () => {
    const s = withClients(['bots: { kind: agent, rate: 1/s, workflow: { steps: 2, fan_out: 5 } }', 'web: { rate: 1/s }']).scenario;
    expect(requestsPerReplication(s)).toBe(600 * 10 + 600);
  });

  it('sums designs (each with its own overrides) over the replications, and prices them at SECONDS_PER_REQUEST', () => {
    const loaded = withClients(['web: { rate: 60/s }'], ['base: {}', 'busy: { system.clients.web.rate: 120/s }']);
    const e = estimateWork(loaded.designs, 1e12);
    expect(e.designs).toEqual([{ name: 'base', requestsPerReplication: 36_000 }, { name: 'busy', requestsPerReplication: 72_000 }]);
    expect(e.requests).toBe(108_000 * 1e12);
    expect(e.cpuS).toBe(e.requests * SECONDS_PER_REQUEST);
  });
});

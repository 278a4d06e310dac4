/**
 * The settle time: the longest a request can take to reach its final outcome, after which the
 * horizon's last arrivals are not measured. Every attempt may run to the client's timeout, and
 * each retry waits the longest its backoff, think time or Retry-After allows.
 */
import { describe, expect, it } from 'vitest';
import { settleTimeS } from '../../src/scenario/build.js';
import { loadScenarioText } from '../../src/scenario/load.js';

function scenarioWith(client: string, service = ''): Parameters<typeof settleTimeS>[0] {
  return loadScenarioText([
    'name: settle',
    'horizon: 1h',
    'slo: { success_ratio: 0.99, latency: 1s }',
    'system:',
    '  regions: { r: {} }',
    `  services: { api: { instances: { r: 2 }, service_time: 10ms${service} } }`,
    `  clients: { web: ${client} }`,
    'fault: { kind: region_outage, region: r, at: 10m }',
    '',
  ].join('\n'), 'inline.yaml').scenario;
}

describe('settleTimeS', () => {
  it('adds the longest backoff before each retry to the attempts\' timeouts', () => {
    // 4 attempts of 2 s, then waits of at most 1, 2, 4 s (cap 4 s).
    const s = scenarioWith('{ rate: 1/s, timeout: 2s, retries: 3, backoff: { kind: exponential, base: 1s, factor: 2, cap: 4s, jitter: full } }');
    expect(settleTimeS(s)).toBe(4 * 2 + 1 + 2 + 4);
  });

  it('uses the 99.9th percentile of a think time, and at least the Retry-After of the class\'s edge rate limit', () => {
    expect(settleTimeS(scenarioWith('{ rate: 1/s, timeout: 2s, retries: 2, retry_delay: { uniform: [0s, 10s] } }'))).toBeCloseTo(3 * 2 + 2 * 9.99, 9);
    const limited = scenarioWith('{ rate: 1/s, timeout: 2s, retries: 2 }', ', rate_limits: { web: { rate: 0.1/s } }');
    expect(settleTimeS(limited)).toBeCloseTo(3 * 2 + 2 * 10, 9);
  });
});

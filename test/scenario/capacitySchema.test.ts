/**
 * The scenario format of capacity curves: a curve given by its parameters or fitted to measured
 * points, and every impossible combination refused with a located message (file:line:column,
 * field path).
 */
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../src/scenario/load.js';
import { INLINE, problemsOfText } from './helpers.js';

/** A one-service scenario whose service body is `service` (YAML flow map lines, indented 6). */
const scenario = (service: string) => `name: cap
horizon: 1m
slo: { success_ratio: 0.99, latency: 1s }
system:
  regions: { r: { zones: 1 } }
  services:
    api:
      instances: { r: 1 }
${service}
  clients:
    web: { rate: 10/s }
fault: none
`;

describe('capacity curves in a scenario', () => {
  it('a linear curve given by base and slope is held as (base, σ = slope / base, κ = 0)', () => {
    const s = loadScenarioText(scenario('      capacity: { curve: linear, base: 40ms, slope: 2ms }'), INLINE).scenario;
    const c = s.system.services.api!.capacity!;
    expect(c.model).toEqual({ curve: 'linear', baseS: 0.04, sigma: 0.05, kappa: 0 });
    expect(c.fit).toBeNull();
    expect(c.cancel_on_timeout).toBe(false);
  });

  it('a USL curve fitted to measured points carries the fit and its quality', () => {
    const s = loadScenarioText(scenario(`      capacity:
        curve: usl
        cancel_on_timeout: true
        measured:
          - { concurrency: 1, throughput: 100/s }
          - { concurrency: 4, throughput: 330/s }
          - { concurrency: 16, throughput: 700/s }
          - { concurrency: 32, throughput: 760/s }
          - { concurrency: 64, throughput: 640/s }`), INLINE).scenario;
    const c = s.system.services.api!.capacity!;
    expect(c.fit).not.toBeNull();
    expect(c.fit!.residualsPerS).toHaveLength(5);
    expect(c.fit!.r2).toBeGreaterThan(0.95);
    expect(c.model.kappa).toBeGreaterThan(0);
    expect(c.cancel_on_timeout).toBe(true);
  });

  it.each([
    ['service_time and capacity together', '      service_time: 10ms\n      capacity: { curve: linear, base: 40ms, slope: 2ms }',
      { line: 9, column: 7, path: 'system.services.api.service_time', message: 'give service_time or capacity, not both: with a capacity curve the time per request comes from the curve' }],
    ['neither service_time nor capacity', '      concurrency: 5',
      { line: 8, column: 7, path: 'system.services.api.service_time', message: 'missing required field "service_time"' }],
    ['a linear curve without its slope', '      capacity: { curve: linear, base: 40ms }',
      { line: 9, column: 17, path: 'system.services.api.capacity.slope', message: 'missing required field "slope"' }],
    ['a USL parameter on a linear curve', '      capacity: { curve: linear, base: 40ms, slope: 2ms, kappa: 0.1 }',
      { line: 9, column: 65, path: 'system.services.api.capacity.kappa', message: 'kappa is not a parameter of a linear curve (it takes base, slope)' }],
    ['measured points and parameters together', '      capacity: { curve: linear, base: 40ms, measured: [{ concurrency: 1, throughput: 10/s }, { concurrency: 2, throughput: 15/s }] }',
      { line: 9, column: 40, path: 'system.services.api.capacity.base', message: 'give either measured points or base/slope, not both' }],
    ['too few points for a USL fit', '      capacity: { curve: usl, measured: [{ concurrency: 1, throughput: 10/s }, { concurrency: 2, throughput: 15/s }] }',
      { line: 9, column: 41, path: 'system.services.api.capacity.measured', message: 'a usl fit needs points at 3 or more different concurrencies, got 2' }],
  ])('refuses %s, located', (_, body, expected) => {
    expect(problemsOfText(scenario(body))).toEqual([{ file: INLINE, ...expected }]);
  });
});

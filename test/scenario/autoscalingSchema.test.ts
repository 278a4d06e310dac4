/**
 * The scenario format of autoscaling: defaults filled in, and impossible settings refused with a
 * located message (file:line:column, field path).
 */
import { describe, expect, it } from 'vitest';
import { buildSystem } from '../../src/scenario/build.js';
import { loadScenarioText } from '../../src/scenario/load.js';
import { RecordingRecorder } from '../support/modelHarness.js';
import { INLINE, problemsOfText } from './helpers.js';

const scenario = (autoscaling: string, region = '{ zones: 1 }') => `name: as
horizon: 1m
slo: { success_ratio: 0.99, latency: 1s }
system:
  regions: { r: ${region} }
  services:
    api:
      instances: { r: 1 }
      service_time: 10ms
      autoscaling: ${autoscaling}
  clients:
    web: { rate: 10/s }
fault: none
`;

describe('autoscaling in a scenario', () => {
  it('fills in the defaults: utilisation, min 0, 60 s evaluation, 60 s provisioning, no warm pool, 300 s cooldown, scale-in as AWS (unprotected, 15 evaluations, 300 s cooldown and deregistration delay)', () => {
    const s = loadScenarioText(scenario('{ target: 0.6, max: 5 }', '{ zones: 1, instance_limit: 4 }'), INLINE).scenario;
    expect(s.system.services.api!.autoscaling).toEqual({ metric: 'utilisation', target: 0.6, min: 0, max: 5, evaluation_period: 60, provisioning: 60, warm_pool: 0, cooldown: 300, scale_in_protection: false, scale_in_after: 15, scale_in_cooldown: 300, deregistration_delay: 300 });
    expect(s.system.regions.r!.instance_limit).toBe(4);
  });

  it.each([
    ['min above max', '{ target: 0.6, min: 6, max: 5 }', { line: 10, column: 40, path: 'system.services.api.autoscaling.min', message: 'min (6) is above max (5)' }],
    ['a utilisation target above 1', '{ target: 1.5, max: 5 }', { line: 10, column: 30, path: 'system.services.api.autoscaling.target', message: 'a utilisation target is a share, 0..1' }],
    ['an evaluation period of 0', '{ target: 0.5, max: 5, evaluation_period: 0s }', { line: 10, column: 62, path: 'system.services.api.autoscaling.evaluation_period', message: 'evaluation_period must be longer than 0s' }],
    ['a missing max', '{ target: 0.5 }', { line: 10, column: 20, path: 'system.services.api.autoscaling.max', message: 'missing required field "max"' }],
  ])('refuses %s, located', (_, body, expected) => {
    expect(problemsOfText(scenario(body))).toEqual([{ file: INLINE, ...expected }]);
  });

  it('a group starts at its configured count kept within min..max, as an Auto Scaling group\'s desired capacity is', () => {
    const started = (autoscaling: string) => {
      const loaded = loadScenarioText(scenario(autoscaling).replace('instances: { r: 1 }', 'instances: { r: 3 }'), INLINE);
      return buildSystem(loaded.designs[0]!.scenario, 0, new RecordingRecorder()).services.get('api')!.instances.length;
    };
    expect(started('{ target: 0.6, min: 0, max: 5 }')).toBe(3);
    expect(started('{ target: 0.6, min: 5, max: 8 }')).toBe(5);
    expect(started('{ target: 0.6, min: 1, max: 2 }')).toBe(2);
  });

  it('refuses a group that would start above its region\'s instance_limit, at the minimum that raises it', () => {
    const text = scenario('{ target: 0.6, min: 5, max: 8 }', '{ zones: 1, instance_limit: 4 }');
    const problems = problemsOfText(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: INLINE, line: 10, path: 'system.services.api.autoscaling.min' });
    expect(problems[0]!.message).toContain('starts with 5 instances in r');
    expect(problems[0]!.message).toContain('instance_limit of 4');
  });
});

/**
 * Test helpers: load fixture scenarios, collect the problems a bad one is rejected with, and
 * build small inline scenarios. Paths are relative to the repository root, where vitest runs.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { ScenarioError, type Problem } from '../../src/scenario/errors.js';
import { loadScenarioText, type LoadedScenario } from '../../src/scenario/load.js';

/** Folder of the scenario fixtures (good/, bad/, models/). */
export const FIXTURES = 'test/fixtures/scenarios';
/** The file name inline scenarios are loaded under. */
export const INLINE = `${FIXTURES}/bad/inline.yaml`;

/** Loads a fixture (path under FIXTURES) that must be valid. */
export function loadFixture(name: string): LoadedScenario {
  const file = `${FIXTURES}/${name}`;
  return loadScenarioText(readFileSync(file, 'utf8'), file);
}

/** The problems a scenario text is rejected with; fails the test if it loads. */
export function problemsOfText(text: string, file = INLINE): Problem[] {
  try {
    loadScenarioText(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error(`${file} loaded, but it should have been rejected`);
}

/** The problems a fixture (path under FIXTURES) is rejected with. */
export function problemsOf(name: string): Problem[] {
  const file = `${FIXTURES}/${name}`;
  return problemsOfText(readFileSync(file, 'utf8'), file);
}

/** Asserts a fixture is rejected with exactly this one problem (file defaults to the fixture itself). */
export function expectOnlyProblem(name: string, expected: Omit<Problem, 'file'> & { file?: string }): void {
  expect(problemsOf(name)).toEqual([{ file: `${FIXTURES}/${name}`, ...expected }]);
}

/** Problems as `line:column path: message`, for compact multi-problem assertions. */
export function briefly(problems: Problem[]): string[] {
  return problems.map((p) => `${p.line}:${p.column} ${p.path}: ${p.message}`);
}

/** One region, one service (line 8-10), one client; `serviceLine` is line 11, the fault line 14. */
export function oneService(serviceLine: string, fault = 'fault: { kind: region_outage, region: us-east, at: 10m }'): string {
  return [
    'name: inline',
    'horizon: 2h',
    'slo: { success_ratio: 0.99, latency: 500ms }',
    'system:',
    '  regions: { us-east: {} }',
    '  databases: { orders-db: { primary: us-east } }',
    '  services:',
    '    api:',
    '      instances: { us-east: 4 }',
    '      service_time: 40ms',
    serviceLine,
    '  clients:',
    '    web: { rate: 200/s }',
    fault,
    '',
  ].join('\n');
}

/** Two regions (us-east: 3 zones, us-west: 2); `systemLines` start at line 10, then the fault. */
export function twoRegions(systemLines: string[], fault = 'fault: { kind: region_outage, region: us-east, at: 10m }'): string {
  return [
    'name: refs',
    'horizon: 2h',
    'slo: { success_ratio: 0.99, latency: 500ms }',
    'system:',
    '  regions: { us-east: { zones: 3 }, us-west: { zones: 2 } }',
    '  services:',
    '    api: { instances: { us-east: 4 }, service_time: 40ms }',
    '  clients:',
    '    web: { rate: 200/s }',
    ...systemLines,
    fault,
    '',
  ].join('\n');
}

/** A database with one replica, then `designs:` at line 13 followed by `designLines`. */
export function withDesigns(designLines: string[]): string {
  return [
    'name: designs',
    'horizon: 2h',
    'slo: { success_ratio: 0.99, latency: 500ms }',
    'system:',
    '  regions: { us-east: {}, us-west: {} }',
    '  databases:',
    '    db: { primary: us-east, replicas: [{ region: us-west, mode: async }] }',
    '  services:',
    '    api: { instances: { us-east: 4 }, service_time: 40ms }',
    '  clients:',
    '    web: { rate: 200/s }',
    'fault: { kind: database_primary_crash, database: db, at: 10m }',
    'designs:',
    ...designLines,
    '',
  ].join('\n');
}

import { describe, expect, it } from 'vitest';
import { describeValue, didYouMean, formatProblem, ScenarioError, unknownName } from '../../src/scenario/errors.js';

const problem = (line: number, message = 'm') => ({ file: 'a.yaml', line, column: 3, path: 'x.y', message });

describe('ScenarioError', () => {
  it('lists its problems in reading order, without repeats', () => {
    const err = new ScenarioError([problem(9, 'late'), problem(2, 'early'), problem(9, 'late')]);
    expect(err.problems.map((p) => p.message)).toEqual(['early', 'late']);
    expect(err.message).toBe('a.yaml:2:3: x.y: early\na.yaml:9:3: x.y: late');
    expect(err.name).toBe('ScenarioError');
  });

  it('formats a problem without a path or a place', () => {
    expect(formatProblem({ file: 'a.yaml', line: 1, column: 1, path: '', message: 'empty' })).toBe('a.yaml:1:1: empty');
    expect(formatProblem({ file: '--seed', line: 0, column: 0, path: '', message: 'bad' })).toBe('--seed: bad');
  });
});

describe('didYouMean', () => {
  it('suggests the closest known name for a typo', () => {
    expect(didYouMean('conect_timeout', ['max', 'connect_timeout', 'idle_timeout'])).toBe('connect_timeout');
    expect(didYouMean('lognromal', ['normal', 'lognormal'])).toBe('lognormal');
  });

  it('suggests nothing when no name is close', () => {
    expect(didYouMean('banana', ['max', 'connect_timeout'])).toBeUndefined();
  });
});

describe('messages', () => {
  it('quote values the way the user wrote them', () => {
    expect([describeValue('30x'), describeValue(-3), describeValue(null), describeValue([1]), describeValue({})]).toEqual([
      '"30x"', '-3', 'nothing (an empty value)', 'a list of 1 item', 'an empty map',
    ]);
  });

  it('list what is defined for an unknown name', () => {
    expect(unknownName('database', 'orders', ['orders-db'])).toBe('unknown database "orders" (defined: orders-db)');
    expect(unknownName('region', 'x', [])).toBe('unknown region "x" (none defined)');
  });
});

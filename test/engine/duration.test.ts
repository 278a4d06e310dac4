import { describe, expect, it } from 'vitest';
import { UnitSyntaxError, formatDuration, parseDuration, parseRate } from '../../src/engine/duration.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 0.25], ['30s', 30], ['5m', 300], ['5min', 300], ['1.5h', 5400], ['2d', 172800],
    ['.5s', 0.5], [' 3 s ', 3], ['0s', 0],
  ])('parses %j as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it('parses microseconds (to within floating-point rounding)', () => {
    expect(parseDuration('10us')).toBeCloseTo(1e-5, 15);
  });

  it('accepts a plain non-negative number as seconds', () => {
    expect(parseDuration(5)).toBe(5);
    expect(parseDuration(0)).toBe(0);
  });

  it.each(['-1s', '5', '1e3s', 'ms', '5 sec', '5S', '', 'abc'])('rejects %j with a UnitSyntaxError that shows an example', (text) => {
    expect(() => parseDuration(text)).toThrow(UnitSyntaxError);
    expect(() => parseDuration(text)).toThrow(/is not a duration \(write e\.g\. 250ms/);
  });

  it.each([-1, NaN, Infinity])('rejects the number %d', (n) => {
    expect(() => parseDuration(n)).toThrow(/non-negative number of seconds/);
  });
});

describe('parseRate', () => {
  it.each([
    ['200/s', 200], ['12000/min', 200], ['3 / sec', 3], ['2/ms', 2000], ['60/m', 1], ['7200/h', 2],
    ['7200/hour', 2], ['86400/d', 1], ['86400/day', 1],
  ])('parses %j as %d per second', (text, perS) => {
    expect(parseRate(text)).toBe(perS);
  });

  it('accepts a plain non-negative number as a rate per second', () => {
    expect(parseRate(12.5)).toBe(12.5);
  });

  it.each(['10', '/s', '5/week', '-1/s', '5 per s'])('rejects %j with a UnitSyntaxError', (text) => {
    expect(() => parseRate(text)).toThrow(UnitSyntaxError);
    expect(() => parseRate(text)).toThrow(/is not a rate/);
  });

  it.each([-0.5, NaN, Infinity])('rejects the number %d', (n) => {
    expect(() => parseRate(n)).toThrow(/non-negative number per second/);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0ms'], [0.25, '250ms'], [0.0004, '0ms'], [1, '1.0s'], [9.94, '9.9s'], [10, '10s'], [42.4, '42s'],
    [60, '1m 00s'], [61, '1m 01s'], [750, '12m 30s'], [3600, '1h 00m'], [3631, '1h 01m'], [7470, '2h 05m'],
    [90000, '25h 00m'], [-0.25, '-250ms'], [-75, '-1m 15s'],
  ])('formats %d s as %j', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('carries a rounded-up 60 into the next unit within minutes and hours', () => {
    expect(formatDuration(119.6)).toBe('2m 00s');
    expect(formatDuration(7199)).toBe('2h 00m');
  });

  it('prints non-finite values as they are', () => {
    expect(formatDuration(NaN)).toBe('NaN');
    expect(formatDuration(Infinity)).toBe('Infinity');
  });

  // Rounding just below a unit boundary carries into the next unit.
  it('rounds 59.6 s up to "1m 00s"', () => {
    expect(formatDuration(59.6)).toBe('1m 00s');
  });
  it('rounds 3599.6 s up to "1h 00m"', () => {
    expect(formatDuration(3599.6)).toBe('1h 00m');
  });
  it('rounds 0.9996 s up to "1.0s"', () => {
    expect(formatDuration(0.9996)).toBe('1.0s');
  });
});

import { describe, expect, it } from 'vitest';
import { sweepAxis } from '../../../src/report/charts/sweepAxis.js';

describe('sweep x axis', () => {
  it('plain numbers are plotted as numbers, with the parameter as the title', () => {
    expect(sweepAxis('system.clients.web.retries', ['1', '2', '6'])).toEqual({ type: 'quantitative', xs: [1, 2, 6], unit: '', title: 'system.clients.web.retries' });
  });

  it('a value without a unit says what the parameter is under its path (first clause of the schema\'s description); one with a unit keeps its unit', () => {
    const retries = 'Extra attempts after a failed or timed-out attempt (default: human 2, api and agent 0)';
    expect(sweepAxis('system.clients.web.retries', ['1', '2'], retries).title).toEqual(['system.clients.web.retries', 'Extra attempts after a failed or timed-out attempt']);
    expect(sweepAxis('system.global_router.mode', ['active_passive', 'active_active'], 'How traffic is split; see README').title).toEqual(['system.global_router.mode', 'How traffic is split']);
    expect(sweepAxis('fault.duration', ['1m', '4m'], 'How long the fault lasts').title).toBe('fault.duration (min)');
  });

  it('durations are plotted in minutes from two minutes up, in seconds below, and say so', () => {
    expect(sweepAxis('fault.duration', ['1m', '90s', '4m'])).toMatchObject({ type: 'quantitative', xs: [1, 1.5, 4], unit: 'min', title: 'fault.duration (min)' });
    expect(sweepAxis('x.timeout', ['500ms', '2s', '10'])).toMatchObject({ xs: [0.5, 2, 10], unit: 's', title: 'x.timeout (s)' });
  });

  it('rates are per second; anything else is ordinal in the order swept', () => {
    expect(sweepAxis('system.clients.web.rate', ['1/s', '120/min'])).toMatchObject({ type: 'quantitative', xs: [1, 2], title: 'system.clients.web.rate (per s)' });
    expect(sweepAxis('system.global_router.mode', ['active_passive', 'active_active'])).toEqual({ type: 'ordinal', xs: ['active_passive', 'active_active'], unit: '', title: 'system.global_router.mode' });
  });
});

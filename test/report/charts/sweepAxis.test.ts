import { describe, expect, it } from 'vitest';
import { sweepAxis } from '../../../src/report/charts/sweepAxis.js';

describe('sweep x axis', () => {
  it('plain numbers are plotted as numbers, with the parameter as the title', () => {
    expect(sweepAxis('system.clients.web.retries', ['1', '2', '6'])).toEqual({ type: 'quantitative', xs: [1, 2, 6], unit: '', title: 'system.clients.web.retries' });
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

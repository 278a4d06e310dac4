import { describe, expect, it } from 'vitest';
import { progress, progressMode, PROGRESS_LINE_S, type Every } from '../../src/cli/progress.js';

const sink = () => {
  const written: string[] = [];
  return { write: (t: string) => { written.push(t); }, written };
};

/** A scheduler the test fires by hand: `tick()` runs what `every` registered, as if its period elapsed. */
const manualEvery = () => {
  const timers: Array<{ ms: number; fn: () => void; stopped: boolean }> = [];
  const every: Every = (ms, fn) => {
    const t = { ms, fn, stopped: false };
    timers.push(t);
    return () => { t.stopped = true; };
  };
  return { every, timers, tick: () => timers.filter((t) => !t.stopped).forEach((t) => t.fn()) };
};

describe('progress', () => {
  it('is a bar on a TTY outside CI, plain lines without a TTY or in CI, nothing with --quiet', () => {
    expect(progressMode(false, true, {})).toBe('bar');
    expect(progressMode(false, false, {})).toBe('lines');
    expect(progressMode(false, true, { CI: 'true' })).toBe('lines');
    expect(progressMode(true, true, {})).toBe('none');
    expect(progressMode(true, false, {})).toBe('none');
  });

  it('draws one \\r line with count, rate and ETA, and clears it at the end', () => {
    const { write, written } = sink();
    let now = 0;
    const bar = progress('bar', write, () => now);
    now = 2000;
    bar.onProgress(1, 4);
    expect(written.at(-1)).toMatch(/^\r\[#{6}-{18}\] 1\/4 replications · 0\.5\/s · ETA 6s/);
    bar.finish();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('counts the unit it is given (a report counts charts)', () => {
    const { write, written } = sink();
    let now = 0;
    const bar = progress('bar', write, () => now, undefined, 'charts');
    now = 1000;
    bar.onProgress(2, 8);
    expect(written.at(-1)).toMatch(/^\r\[#{6}-{18}\] 2\/8 charts · 2\.0\/s · ETA 3s/);
  });

  it(`without a TTY writes a plain line every ${PROGRESS_LINE_S} s from the start of the run until it ends`, () => {
    const { write, written } = sink();
    const clock = manualEvery();
    let now = 0;
    const p = progress('lines', write, () => now, clock.every);
    p.begin(400_000);
    expect(clock.timers.map((t) => t.ms)).toEqual([PROGRESS_LINE_S * 1000]);
    now = 10_000;
    clock.tick();
    expect(written).toEqual(['outagesim: 0/400,000 replications (0.0%) after 10s\n']);
    p.onProgress(1000, 400_000);
    now = 20_000;
    clock.tick();
    expect(written.at(-1)).toBe('outagesim: 1,000/400,000 replications (0.3%) after 20s · 50.0/s · ETA 2h13m\n');
    p.finish();
    clock.tick();
    expect(written).toHaveLength(2);
    expect(written.every((l) => !l.includes('\r'))).toBe(true);
  });

  it('writes nothing when quiet', () => {
    const { write, written } = sink();
    const clock = manualEvery();
    const p = progress('none', write, () => 0, clock.every);
    p.begin(2);
    p.onProgress(1, 2);
    clock.tick();
    p.finish();
    expect(clock.timers).toEqual([]);
    expect(written).toEqual([]);
  });
});

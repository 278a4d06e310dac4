import { describe, expect, it } from 'vitest';
import { progressBar, progressWanted } from '../../src/cli/progress.js';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { s: { isTTY, write: (t: string) => written.push(t) } as unknown as NodeJS.WriteStream, written };
};

describe('progress bar', () => {
  it('is drawn only on a TTY, outside CI and without --quiet', () => {
    expect(progressWanted(false, stream(true).s, {})).toBe(true);
    expect(progressWanted(true, stream(true).s, {})).toBe(false);
    expect(progressWanted(false, stream(false).s, {})).toBe(false);
    expect(progressWanted(false, stream(true).s, { CI: 'true' })).toBe(false);
  });

  it('draws one \\r line with count, rate and ETA, and clears it at the end', () => {
    const { s, written } = stream(true);
    let now = 0;
    const bar = progressBar(true, s, () => now);
    now = 2000;
    bar.onProgress(1, 4);
    expect(written.at(-1)).toMatch(/^\r\[#{6}-{18}\] 1\/4 replications · 0\.5\/s · ETA 6s/);
    bar.finish();
    expect(written.at(-1)).toBe('\r\x1b[2K');
  });

  it('counts the unit it is given (a report counts charts)', () => {
    const { s, written } = stream(true);
    let now = 0;
    const bar = progressBar(true, s, () => now, 'charts');
    now = 1000;
    bar.onProgress(2, 8);
    expect(written.at(-1)).toMatch(/^\r\[#{6}-{18}\] 2\/8 charts · 2\.0\/s · ETA 3s/);
  });

  it('writes nothing when not wanted', () => {
    const { s, written } = stream(true);
    const bar = progressBar(false, s);
    bar.onProgress(1, 2);
    bar.finish();
    expect(written).toEqual([]);
  });
});

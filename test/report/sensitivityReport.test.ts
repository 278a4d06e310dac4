import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const FILE = 'test/fixtures/sensitivity/tiny-uncertain.yaml';

let dir: string;
let run: Awaited<ReturnType<typeof cli>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outagesim-sens-report-'));
  run = await cli(['sensitivity', FILE, '--workers', '1', '--quiet', '--out', join(dir, 'sens.json'), '--report', join(dir, 'from-cli')]);
});

describe('sensitivity --report', () => {
  it('renders a tornado chart per metric some parameter moves (spec, SVG, PNG) and the ranking tables', () => {
    expect(run.code).toBe(0);
    const doc = JSON.parse(readFileSync(join(dir, 'sens.json'), 'utf8'));
    const movedMetrics = doc.designs[0].metrics.filter((m: { ranked: Array<{ swing: number | null }> }) => m.ranked.some((r) => r.swing)).map((m: { metric: string }) => `tornado-${m.metric.replace(/_/g, '-')}`);
    expect(movedMetrics).toContain('tornado-rto-s');
    expect(movedMetrics).toContain('tornado-availability');
    expect(readdirSync(join(dir, 'from-cli', 'specs')).sort()).toEqual(movedMetrics.map((id: string) => `${id}.vl.json`).sort());
    for (const id of movedMetrics) {
      expect(readFileSync(join(dir, 'from-cli', 'charts', `${id}.svg`), 'utf8')).toMatch(/^<svg /);
      expect([...readFileSync(join(dir, 'from-cli', 'charts', `${id}.png`)).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    }
    const md = readFileSync(join(dir, 'from-cli', 'summary.md'), 'utf8');
    expect(md).toContain('fault.duration moves RTO mean most');
    expect(md).toMatch(/\| rank \| parameter \| low \| RTO mean at low \| high \| RTO mean at high \| swing \|/);
  });

  it('a tornado bar runs from the value as written to the value at each setting, widest swing first', () => {
    const doc = JSON.parse(readFileSync(join(dir, 'sens.json'), 'utf8'));
    const rto = doc.designs[0].metrics.find((m: { metric: string }) => m.metric === 'rto_s');
    const spec = JSON.parse(readFileSync(join(dir, 'from-cli', 'specs', 'tornado-rto-s.vl.json'), 'utf8'));
    const k = spec.spec.layer[0].encoding.x.title.endsWith('(min)') ? 1 / 60 : 1;
    const rows = spec.data.values as Array<{ parameter: string; label: string; side: string; base: number; at: number; order: number }>;
    const top = rows.filter((r) => r.parameter === rto.ranked[0].param);
    expect(top.map((r) => r.side)).toEqual(['low value', 'high value']);
    // The axis names the parameter with the two values it was set to (fixture: fault.duration 1m and 4m).
    expect(spec.spec.layer[0].encoding.y.field).toBe('label');
    expect(top.map((r) => r.label)).toEqual(['fault.duration (1m → 4m)', 'fault.duration (1m → 4m)']);
    expect(top.map((r) => r.at)).toEqual([rto.ranked[0].at_low * k, rto.ranked[0].at_high * k]);
    expect(top.every((r) => r.base === rto.base * k && r.order === 0)).toBe(true);
  });

  it('outagesim report on the saved analysis writes the same pages', async () => {
    const again = await cli(['report', join(dir, 'sens.json'), '--out', join(dir, 'again'), '--quiet']);
    expect(again.code).toBe(0);
    for (const f of ['report.html', 'summary.md', 'charts/tornado-rto-s.svg', 'specs/tornado-availability.vl.json']) {
      expect(readFileSync(join(dir, 'again', f)), f).toEqual(readFileSync(join(dir, 'from-cli', f)));
    }
  });
});

import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const PRICED = 'test/fixtures/pricing/tiny-priced.yaml';

let dir: string;
let run: Awaited<ReturnType<typeof cli>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outagesim-sweep-report-'));
  run = await cli(['sweep', PRICED, '--param', 'fault.duration', '--values', '1m,2m,4m', '--replications', '2', '--workers', '1', '--quiet', '--out', join(dir, 'sweep.json'), '--report', join(dir, 'from-sweep')]);
});

const spec = (d: string, id: string) => JSON.parse(readFileSync(join(dir, d, 'specs', `${id}.vl.json`), 'utf8'));

describe('sweep --report', () => {
  it('writes the HTML, the Markdown and a chart per metric (RTO, availability, monthly and total cost) as spec, SVG and PNG', () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`report written to ${join(dir, 'from-sweep')}/: report.html, summary.md, 4 charts (charts/*.svg, charts/*.png, specs/*.vl.json)\n`);
    const ids = ['sweep-availability', 'sweep-monthly-cost', 'sweep-rto', 'sweep-total-cost'];
    expect(readdirSync(join(dir, 'from-sweep', 'specs')).sort()).toEqual(ids.map((i) => `${i}.vl.json`));
    for (const id of ids) {
      expect(readFileSync(join(dir, 'from-sweep', 'charts', `${id}.svg`), 'utf8')).toMatch(/^<svg /);
      expect([...readFileSync(join(dir, 'from-sweep', 'charts', `${id}.png`)).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    }
    const html = readFileSync(join(dir, 'from-sweep', 'report.html'), 'utf8');
    expect(html).toContain('tiny-priced: sweep of fault.duration');
    expect(html).toContain('data-chart="sweep-rto"');
    expect(readFileSync(join(dir, 'from-sweep', 'summary.md'), 'utf8')).toMatch(/\| fault\.duration \| design \| RTO mean \(95% CI\) \|/);
  });

  it('the RTO chart is the mean per point and design with its 95% CI as a band, x in the parameter\'s unit', () => {
    const doc = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    const s = spec('from-sweep', 'sweep-rto');
    expect(s.layer.map((l: { mark: { type: string } }) => l.mark.type)).toEqual(['area', 'line']);
    expect(s.layer[1].encoding.x.title).toBe('fault.duration (min)');
    expect(s.layer[1].encoding.y.title).toMatch(/^RTO mean \((s|min)\)$/);
    expect(s.title.text).toBe('RTO mean against fault.duration');
    const rows = s.data.values as Array<{ design: string; x: number; mean: number; lo: number; hi: number }>;
    expect(rows).toHaveLength(6);
    const k = s.layer[1].encoding.y.title.endsWith('(min)') ? 1 / 60 : 1;
    for (const [p, point] of doc.points.entries()) {
      for (const d of point.designs) {
        const row = rows.find((r) => r.design === d.name && r.x === [1, 2, 4][p])!;
        expect(row.mean).toBeCloseTo(d.metrics.rto_s.mean * k, 9);
        expect([row.lo, row.hi]).toEqual([d.metrics.rto_s.ci95[0] * k, d.metrics.rto_s.ci95[1] * k]);
      }
    }
    // Cost is a price-table figure, not a sample: a line without a band.
    const cost = spec('from-sweep', 'sweep-monthly-cost');
    expect(cost.layer.map((l: { mark: { type: string } }) => l.mark.type)).toEqual(['line']);
    expect(cost.data.values.find((r: { design: string }) => r.design === 'base').mean).toBe(doc.points[0].designs[0].cost.monthly_usd);
  });

  it('outagesim report on the saved sweep writes the same pages', async () => {
    const again = await cli(['report', join(dir, 'sweep.json'), '--out', join(dir, 'again'), '--quiet']);
    expect(again.code).toBe(0);
    for (const f of ['report.html', 'summary.md', 'charts/sweep-rto.svg', 'specs/sweep-total-cost.vl.json']) {
      expect(readFileSync(join(dir, 'again', f)), f).toEqual(readFileSync(join(dir, 'from-sweep', f)));
    }
  });

  it('a sweep shard or a damaged sweep is refused (exit 2, named), and --report with --shard is a usage error', async () => {
    const doc = JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8'));
    const shard = join(dir, 'shard.json');
    writeFileSync(shard, JSON.stringify({ ...doc, shard: { index: 1, count: 2 } }));
    const a = await cli(['report', shard, '--out', join(dir, 'no1'), '--quiet']);
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/shard\.json:1:\d+: shard: a sweep shard, not a whole sweep/);
    const damaged = join(dir, 'damaged.json');
    writeFileSync(damaged, JSON.stringify({ ...doc, points: doc.points.slice(1) }));
    const b = await cli(['report', damaged, '--out', join(dir, 'no2'), '--quiet']);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/damaged\.json:1:\d+: points: 2 points for 3 values/);
    const c = await cli(['sweep', PRICED, '--param', 'fault.duration', '--values', '1m,2m', '--shard', '1/2', '--out', join(dir, 's.json'), '--report', join(dir, 'no3')]);
    expect(c.code).toBe(2);
    expect(readdirSync(dir).filter((f) => f.startsWith('no') || f === 's.json')).toEqual([]);
  });
});

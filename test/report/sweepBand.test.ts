/**
 * A sweep (priced, as the CLI prices each point) run with one replication per point has no
 * confidence interval anywhere: its report says that the CI band needs at least 2 replications
 * per point instead of silently drawing none (and instead of calling the RTO a price-table
 * figure), and neither the table nor `sweep`'s output shows a one-value 'CI'; from 2
 * replications on the band is drawn.
 */
import { describe, expect, it } from 'vitest';
import { priceResult } from '../../src/cost/priceResult.js';
import { sweepCharts } from '../../src/report/charts/sweep.js';
import { sweepSection, sweepTable } from '../../src/report/sweepSection.js';
import { formatSweep } from '../../src/cli/sweep.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { runSweep, type SweepResult } from '../../src/runner/sweep.js';

const PRICED = 'test/fixtures/pricing/tiny-priced.yaml';
const sweepWith = (replications: number): Promise<SweepResult> =>
  runSweep(PRICED, { param: 'fault.duration', values: ['1m', '2m'] }, { replications }, async (loaded) => priceResult(simulateSequential(loaded)));

type Layer = { mark: { type: string } };
type Spec = { layer: Layer[]; title: { subtitle: string } };

describe('sweep CI bands and the replications they need', async () => {
  const one = await sweepWith(1);
  const two = await sweepWith(2);
  const chart = (doc: SweepResult, id: string) => sweepCharts(doc).find((c) => c.id === id)!;

  it('with 1 replication per point the sampled charts say the band needs at least 2, and draw the mean alone', () => {
    for (const id of ['sweep-rto', 'sweep-availability']) {
      const c = chart(one, id);
      const spec = c.spec as unknown as Spec;
      expect(spec.layer.map((l) => l.mark.type)).toEqual(['line']);
      expect(spec.title.subtitle).toContain('1 replication per point, so no 95% CI band (a band needs at least 2 replications per point');
      expect(c.caption).toContain('No band: 1 replication per point');
      expect(c.caption).not.toContain('price table');
    }
    // Cost figures are never sampled: their note stays the price table's.
    expect((chart(one, 'sweep-monthly-cost').spec as unknown as Spec).title.subtitle).toContain('estimates from the price table');
    expect(sweepSection(one, 's.json', 1, '').lead.at(-1)).toBe('The charts have no 95% CI bands: 1 replication per point, so no 95% CI band (a band needs at least 2 replications per point: rerun with --replications 2 or more).');
  });

  it('with 1 replication per point the table shows the RTO mean without a point-like CI, and sweep\'s output says why', () => {
    const col = sweepTable(one).header.indexOf('RTO mean (95% CI)');
    const rows = sweepTable(one).rows;
    expect(rows.length).toBe(4);
    for (const r of rows) expect(r[col]).not.toContain('(');
    expect(sweepTable(two).rows.every((r) => /\(.+–.+\)/.test(r[col]!))).toBe(true);
    expect(formatSweep(one)).toMatch(/\n1 replication per point: no 95% CI \(it needs at least 2 replications per point; rerun with --replications 2 or more\)$/);
    expect(formatSweep(two)).not.toContain('no 95% CI');
  });

  it('with 2 replications per point the band is drawn and nothing is said about it', () => {
    const spec = chart(two, 'sweep-rto').spec as unknown as Spec;
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['area', 'line']);
    expect(spec.title.subtitle).toContain('shaded 95% CI');
    expect(sweepSection(two, 's.json', 1, '').lead.join(' ')).not.toContain('no 95% CI band');
  });
});

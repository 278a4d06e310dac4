/**
 * A sweep of a scenario that tracks business recovery (an outbox queue drained after a
 * dependency outage) shows business RTO beside RTO, in the table `sweep` prints and the report
 * shows and as a metric-against-parameter chart: the parameter (the consumers) moves business RTO
 * while the infrastructure RTO stays 0. A scenario without business recovery has neither.
 */
import { describe, expect, it } from 'vitest';
import { priceResult } from '../../src/cost/priceResult.js';
import { sweepCharts } from '../../src/report/charts/sweep.js';
import { sweepLead, sweepTable } from '../../src/report/sweepSection.js';
import { simulateSequential } from '../../src/runner/simulate.js';
import { runSweep } from '../../src/runner/sweep.js';

const OUTBOX = 'test/fixtures/sweep/outbox-backlog.yaml';
const PRICED = 'test/fixtures/pricing/tiny-priced.yaml';

describe('sweep: business RTO', async () => {
  const doc = await runSweep(OUTBOX, { param: 'system.queues.work.consumers.r', values: ['1', '4'] }, { replications: 2 }, async (loaded) => simulateSequential(loaded));
  const plain = await runSweep(PRICED, { param: 'fault.duration', values: ['1m', '2m'] }, { replications: 2 }, async (loaded) => priceResult(simulateSequential(loaded)));

  it('moves with the consumers while the RTO stays 0: the table shows it beside the RTO', () => {
    const business = doc.points.map((p) => p.designs[0]!.metrics.business_rto_s!.mean!);
    expect(business).toHaveLength(2);
    // About 3,000 webhooks wait when the 5-minute outage ends; one consumer (20/s, 10/s still
    // arriving) drains them in about 5 minutes, four in under one.
    expect(business[0]! - business[1]!).toBeGreaterThan(120);
    expect(doc.points.map((p) => p.designs[0]!.metrics.rto_s.mean)).toEqual([0, 0]);
    const t = sweepTable(doc);
    const col = t.header.indexOf('business RTO mean (95% CI)');
    expect(col).toBe(t.header.indexOf('recovered') + 1);
    expect(t.header[col + 1]).toBe('business recovered');
    expect(t.rows).toHaveLength(2);
    for (const r of t.rows) expect(r[col]).toMatch(/^\d+m \d+s \(.+–.+\)$/);
    expect(t.rows.map((r) => r[col + 1])).toEqual(['2/2', '2/2']);
    expect(t.caption).toContain('RTO and business RTO over the replications that recovered');
  });

  it('its lead says where business RTO is lowest and highest, beside the RTO; without business recovery, the RTO alone', () => {
    const lead = sweepLead(doc);
    expect(lead).toHaveLength(2);
    expect(lead[0]).toMatch(/^"baseline": RTO mean lowest at system\.queues\.work\.consumers\.r = /);
    expect(lead[1]).toMatch(/^"baseline": business RTO mean lowest at system\.queues\.work\.consumers\.r = 4 \(.+\), highest at 1 \(.+\)\.$/);
    expect(sweepLead(plain).every((l) => !l.includes('business'))).toBe(true);
    expect(sweepLead(plain).length).toBeGreaterThan(0);
  });

  it('has a business RTO chart with its band; a scenario without business recovery has neither chart nor column', () => {
    const chart = sweepCharts(doc).find((c) => c.id === 'sweep-business-rto');
    expect(chart).toBeDefined();
    const spec = chart!.spec as unknown as { layer: Array<{ mark: { type: string } }>; encoding?: unknown };
    expect(spec.layer.map((l) => l.mark.type)).toEqual(['area', 'line']);
    expect(JSON.stringify(chart!.spec)).toContain('business RTO mean (min)');
    expect(chart!.caption).toContain('Business RTO covers the replications that reached business recovery');
    const rows = (chart!.spec as unknown as { data: { values: Array<{ recovered: string }> } }).data.values;
    expect(rows.map((r) => r.recovered)).toEqual(doc.points.map((p) => {
      const b = p.designs[0]!.metrics.business_rto_s!;
      return `${b.recovered} of ${b.recovered + b.not_recovered}`;
    }));
    expect(sweepCharts(plain).map((c) => c.id)).not.toContain('sweep-business-rto');
    expect(sweepTable(plain).header).not.toContain('business RTO mean (95% CI)');
  });
});

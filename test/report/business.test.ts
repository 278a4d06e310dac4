/**
 * Business recovery and queues in a report: the summary table gains business RTO and the part
 * that finished last, and a backlog chart appears, only when the Result has them. Read from the
 * committed Results of two shipped scenarios (through the report's Result reader).
 */
import { describe, expect, it } from 'vitest';
import { chartsFor } from '../../src/report/charts/index.js';
import { readResultFile } from '../../src/report/load.js';
import { summaryTable, warnings } from '../../src/report/summary.js';
import type { ReportResult, SourcedResult } from '../../src/report/types.js';

const read = (name: string): ReportResult => (readResultFile(`scenarios/${name}.baseline.json`) as SourcedResult).result;

describe('business recovery in a report', () => {
  it('backup-region-quotas: business RTO beside RTO, the part that finished last, and the backlog chart', () => {
    const r = read('backup-region-quotas');
    const t = summaryTable(r);
    const col = (h: string) => t.header.indexOf(h);
    expect(col('business RTO p50')).toBeGreaterThan(col('not recovered'));
    expect(t.rows.length).toBe(4);
    for (const [k, row] of t.rows.entries()) {
      const d = r.designs[k]!;
      expect(row[col('finished last')]).toBe(d.business_last![0]!.part);
      expect(row[col('business RTO p50')]).not.toBe('-');
    }
    const backlog = chartsFor(r).find((c) => c.id === 'backlog')!;
    const rows = (backlog.spec as { data: { values: Array<{ queue: string; mean: number }> } }).data.values;
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((x) => x.queue))).toEqual(new Set(['webhooks']));
    expect(Math.max(...rows.map((x) => x.mean))).toBeGreaterThan(1000);
    expect(warnings(r)).toEqual([]);
  });

  it('a Result without business recovery or queues has neither', () => {
    const r = read('pool-timeout-incident');
    expect(summaryTable(r).header).not.toContain('business RTO p50');
    expect(chartsFor(r).map((c) => c.id)).not.toContain('backlog');
  });

  it('says when replications did not reach business recovery', () => {
    const r = structuredClone(read('backup-region-quotas'));
    const b = r.designs[0]!.metrics.business_rto_s!;
    b.recovered = 7;
    b.not_recovered = 3;
    expect(warnings(r)).toEqual(['naive: 3 of 10 replications did not reach business recovery within the horizon; business RTO statistics cover the recovered ones only.']);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseResult, readResultFile, ReportInputError } from '../../src/report/load.js';
import { resultJson } from './fixtures.js';

let good: Record<string, unknown>;
beforeAll(async () => {
  good = JSON.parse(await resultJson('test/fixtures/runner/tiny.yaml', 2));
});

const refused = (data: unknown) => {
  try {
    parseResult(data, 'r.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ReportInputError);
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('reading Result files for a report', () => {
  it('accepts the JSON that run --json prints', () => {
    const r = parseResult(structuredClone(good), 'r.json');
    expect(r.designs.map((d) => d.name)).toEqual(['base', 'more-instances']);
  });

  it('names the file and the wrong field when the document is not a Result', () => {
    const noTimeline = structuredClone(good) as { designs: Array<Record<string, unknown>> };
    delete noTimeline.designs[1]!['timeline'];
    expect(refused(noTimeline)).toMatch(/^r\.json: not an outagesim Result: designs\[1\]\.timeline: /);
    expect(refused([1, 2])).toMatch(/^r\.json: not an outagesim Result \(expected a JSON object/);
    expect(refused({ ...good, designs: [] })).toMatch(/^r\.json: not an outagesim Result: designs: a Result has at least one design/);
  });

  it('refuses a timeline whose series do not have one value per bucket', () => {
    const r = structuredClone(good) as { designs: Array<{ timeline: { series: Record<string, { p95: number[] }> } }> };
    r.designs[0]!.timeline.series['success_ratio']!.p95.pop();
    expect(refused(r)).toMatch(/^r\.json: not an outagesim Result: designs\[0\]\.timeline\.series\.success_ratio\.p95 has \d+ buckets but t_s has \d+/);
  });

  it('refuses another tool\'s JSON and a shard file, saying what to do', () => {
    expect(refused({ ...good, tool: { name: 'k6', version: '1' } })).toBe('r.json: written by "k6", not by outagesim: only outagesim Results can be reported');
    expect(refused({ format: 'outagesim-shard', format_version: 1 })).toMatch(/^r\.json: a shard file, not a Result: merge the shards first/);
  });

  it('refuses a file that is missing or not JSON, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-load-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"tool": ');
    expect(() => readResultFile(bad)).toThrow(new RegExp(`^${bad}: not JSON \\(`));
    expect(() => readResultFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the result file: ENOENT/);
  });
});

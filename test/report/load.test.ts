import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseResultText, readResultFile } from '../../src/report/load.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { resultJson } from './fixtures.js';

let good: Record<string, unknown>;
beforeAll(async () => {
  good = JSON.parse(await resultJson('test/fixtures/runner/tiny.yaml', 2));
});

/** The message refusing `data` written as `run --json` writes (indented, so fields have lines of their own). */
const refused = (data: unknown) => {
  try {
    parseResultText(JSON.stringify(data, null, 2), 'r.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error('accepted');
};

describe('the Result reader (report inputs and check baselines)', () => {
  it('accepts the JSON that run --json prints', () => {
    const r = parseResultText(JSON.stringify(good), 'r.json');
    expect(r.designs.map((d) => d.name)).toEqual(['base', 'more-instances']);
  });

  it('names the file, the line and column and the wrong field when the document is not a Result', () => {
    const noTimeline = structuredClone(good) as { designs: Array<Record<string, unknown>> };
    delete noTimeline.designs[1]!['timeline'];
    expect(refused(noTimeline)).toMatch(/^r\.json:\d+:\d+: designs\[1\]\.timeline: /);
    expect(refused([1, 2])).toMatch(/^r\.json:1:1: not an outagesim Result: expected a Result JSON/);
    expect(refused({ ...good, designs: [] })).toMatch(/^r\.json:\d+:\d+: designs: a Result has at least one design/);
  });

  it('refuses a timeline whose series do not have one value per bucket, at the series', () => {
    const r = structuredClone(good) as { designs: Array<{ timeline: { series: Record<string, { p95: number[] }> } }> };
    r.designs[0]!.timeline.series['success_ratio']!.p95.pop();
    expect(refused(r)).toMatch(/^r\.json:\d+:\d+: designs\[0\]\.timeline\.series\.success_ratio\.p95: \d+ buckets but t_s has \d+/);
  });

  it('refuses another tool\'s JSON and a shard file, saying what to do', () => {
    expect(refused({ ...good, tool: { name: 'k6', version: '1' } })).toMatch(/^r\.json:3:\d+: tool\.name: written by "k6", not by outagesim: only outagesim Results can be read$/);
    expect(refused({ format: 'outagesim-shard', format_version: 1 })).toMatch(/^r\.json:2:\d+: format: a shard file, not a Result: merge the shards first/);
  });

  it('refuses a file that is missing, not UTF-8 or not JSON, naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-load-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"tool": ');
    expect(() => readResultFile(bad)).toThrow(/bad\.json:1:\d+: not valid JSON \(/);
    writeFileSync(bad, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(() => readResultFile(bad)).toThrow(/bad\.json: the file is not UTF-8 text/);
    expect(() => readResultFile(join(dir, 'missing.json'))).toThrow(/missing\.json: cannot read the file: ENOENT/);
  });
});

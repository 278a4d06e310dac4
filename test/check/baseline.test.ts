import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseBaseline, readBaseline } from '../../src/check/baseline.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { resultJson } from '../report/fixtures.js';

/** A real Result of one design and replication (a baseline is what run --json prints), cut to the fields a Result must have and 4 timeline buckets. */
let GOOD: { tool: { name: string }; scenario: Record<string, unknown>; designs: Array<{ name: string }> };
beforeAll(async () => {
  const r = JSON.parse(await resultJson('test/fixtures/runner/tiny.yaml', 1));
  r.designs = r.designs.slice(0, 1);
  const d = r.designs[0];
  const t = d.timeline;
  t.t_s = t.t_s.slice(0, 4);
  t.series = { success_ratio: Object.fromEntries(['mean', 'p5', 'p95'].map((k) => [k, t.series.success_ratio[k].slice(0, 4)])) };
  t.events = t.events.slice(0, 1);
  // Only what a Result must have, so a thousand re-reads stay quick.
  r.designs = [{ name: d.name, metrics: d.metrics, timeline: t, replications: d.replications }];
  GOOD = { tool: r.tool, scenario: r.scenario, designs: r.designs, comparisons: [] } as typeof GOOD;
});

function problems(text: string): string {
  try {
    parseBaseline(text, 'b.json');
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as Error).message;
  }
  throw new Error('expected the baseline to be refused');
}

describe('baseline reader', () => {
  it('reads a Result JSON', () => {
    expect(parseBaseline(JSON.stringify(GOOD), 'b.json').designs[0]!.name).toBe('base');
  });

  it('locates a JSON syntax error by line and column', () => {
    expect(problems('{\n  "tool": {\n    "name": "outagesim",,\n')).toMatch(/^b\.json:3:\d+: not valid JSON/);
  });

  it('names the field of a Result that is wrong, at its place', () => {
    const text = JSON.stringify({ ...GOOD, scenario: { ...GOOD.scenario, seed: 'x' } }, null, 2);
    expect(problems(text)).toMatch(/^b\.json:\d+:\d+: scenario\.seed: /);
  });

  it('says when the document is not an outagesim result', () => {
    expect(problems(JSON.stringify({ ...GOOD, tool: { name: 'other', version: '1' } }))).toContain('written by "other", not by outagesim');
    expect(problems('[]')).toMatch(/^b\.json:1:1: /);
  });

  it('refuses non-UTF-8 bytes; a missing file is no baseline (null)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-bl-'));
    const file = join(dir, 'x.baseline.json');
    writeFileSync(file, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    expect(() => readBaseline(file)).toThrow(/not UTF-8/);
    expect(readBaseline(join(dir, 'none.json'))).toBeNull();
    expect(readdirSync(dir)).toEqual(['x.baseline.json']);
  });

  it('survives a thousand malformed documents: each gives a located ScenarioError, none crashes', () => {
    const good = JSON.stringify(GOOD, null, 2);
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const junk = ['{', '}', '[', ']', '"', ',', ':', 'null', '-1', '1e999', 'true', '\u0000', '\\', '"\\u12"', ' '];
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      const at = rand(good.length);
      const cut = rand(4) === 0 ? good.slice(0, at) : good.slice(0, at) + junk[rand(junk.length)]! + good.slice(at + rand(3));
      try {
        parseBaseline(cut, 'b.json');
      } catch (err) {
        expect(err).toBeInstanceOf(ScenarioError);
        expect((err as Error).message).toMatch(/^b\.json(:\d+:\d+)?: /);
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(600);
  });
});

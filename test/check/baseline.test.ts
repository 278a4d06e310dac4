import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBaseline, readBaseline } from '../../src/check/baseline.js';
import { ScenarioError } from '../../src/scenario/errors.js';

const GOOD = {
  tool: { name: 'outagesim', version: '0.1.0' },
  scenario: { name: 'tiny', seed: 1, replications: 1 },
  designs: [{ name: 'a', metrics: { rto_s: { n: 1, mean: 5, recovered: 1, not_recovered: 0 } }, replications: [{ replication: 0, rto_s: 5 }] }],
};

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
    expect(parseBaseline(JSON.stringify(GOOD), 'b.json').designs[0]!.name).toBe('a');
  });

  it('locates a JSON syntax error by line and column', () => {
    expect(problems('{\n  "tool": {\n    "name": "outagesim",,\n')).toMatch(/^b\.json:3:\d+: not valid JSON/);
  });

  it('names the field of a Result that is wrong, at its place', () => {
    const text = JSON.stringify({ ...GOOD, scenario: { ...GOOD.scenario, seed: 'x' } }, null, 2);
    expect(problems(text)).toMatch(/^b\.json:\d+:\d+: scenario\.seed: /);
  });

  it('says when the document is not an outagesim result', () => {
    expect(problems(JSON.stringify({ ...GOOD, tool: { name: 'other', version: '1' } }))).toContain('not an outagesim result');
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
  }, 60_000);
});

/**
 * Scenario and model files must be UTF-8: a file in another encoding is refused at its first bad
 * byte, never read with that byte silently replaced.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../src/scenario/encoding.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenario } from '../../src/scenario/load.js';

const latin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeUtf8', () => {
  it('returns the text of a UTF-8 file, without its byte-order mark', () => {
    expect(decodeUtf8(utf8('\uFEFFname: dépôt\n'), 'f.yaml')).toEqual({ text: 'name: dépôt\n' });
  });

  it('locates a Latin-1 byte at its line and column, counted in characters', () => {
    const bytes = Uint8Array.from([...utf8('name: x\n# café ok\ndescription: d'), ...latin1('\xe9p\xf4t\n')]);
    expect(decodeUtf8(bytes, 'f.yaml')).toEqual({
      problem: { file: 'f.yaml', line: 3, column: 15, path: '', message: 'not valid UTF-8 (byte 0xE9); scenario files must be UTF-8: save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)' },
    });
  });

  it.each([
    ['an overlong encoding', [0x61, 0xc0, 0xaf], 2],
    ['a UTF-16 surrogate', [0x61, 0x62, 0xed, 0xa0, 0x80], 3],
    ['a sequence cut short by the end of the file', [0x61, 0xe2, 0x82], 2],
    ['a lone continuation byte', [0x80], 1],
  ])('refuses %s at its first byte', (_, bytes, column) => {
    const out = decodeUtf8(Uint8Array.from(bytes), 'f.yaml');
    expect('problem' in out && [out.problem.line, out.problem.column]).toEqual([1, column]);
  });

  it('names UTF-16 for a file that starts with its byte-order mark', () => {
    const out = decodeUtf8(Uint8Array.from([0xff, 0xfe, 0x6e, 0x00]), 'f.yaml');
    expect('problem' in out && out.problem.message).toBe('the file is UTF-16 encoded; scenario files must be UTF-8 (save it as UTF-8)');
  });
});

describe('loading a file that is not UTF-8', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outagesim-enc-'));
  const shown = (name: string) => relative(process.cwd(), join(dir, name));
  const problemsOf = async (file: string) => {
    try {
      await loadScenario(file);
    } catch (err) {
      expect(err).toBeInstanceOf(ScenarioError);
      return (err as ScenarioError).problems;
    }
    throw new Error(`${file} loaded`);
  };

  it('refuses a Latin-1 scenario at the bad byte, not with missing fields', async () => {
    writeFileSync(join(dir, 's.yaml'), latin1('name: d\xe9p\xf4t\nhorizon: 2h\n'));
    expect(await problemsOf(join(dir, 's.yaml'))).toEqual([
      { file: shown('s.yaml'), line: 1, column: 8, path: '', message: expect.stringMatching(/^not valid UTF-8 \(byte 0xE9\)/) },
    ]);
  });

  it('refuses a Latin-1 included model file in that file', async () => {
    writeFileSync(join(dir, 'm.yaml'), latin1('system:\n  regions: { m\xfcnchen: {} }\n'));
    writeFileSync(join(dir, 'i.yaml'), utf8('include: [m.yaml]\nname: x\n'));
    expect(await problemsOf(join(dir, 'i.yaml'))).toEqual([
      { file: shown('m.yaml'), line: 2, column: 15, path: '', message: expect.stringMatching(/^not valid UTF-8 \(byte 0xFC\)/) },
    ]);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lookup, toPlain } from '../../src/scenario/located.js';
import { parseYaml } from '../../src/scenario/yamlSource.js';

const BAD = 'test/fixtures/scenarios/bad';

describe('parseYaml keeps the position of every node', () => {
  const text = 'name: x\nsystem:\n  regions:\n    us-east: { zones: 3 }\nlist: [a, { b: 1 }]\n';
  const { root, problems } = parseYaml(text, 'mem.yaml');

  it('holds the plain values YAML describes', () => {
    expect(problems).toEqual([]);
    expect(toPlain(root)).toEqual({ name: 'x', system: { regions: { 'us-east': { zones: 3 } } }, list: ['a', { b: 1 }] });
  });

  it('gives each value and each key its file, line, column and display path', () => {
    const zones = lookup(root!, ['system', 'regions', 'us-east', 'zones']).found!;
    expect(zones.keyAt).toEqual({ file: 'mem.yaml', line: 4, column: 16, path: 'system.regions.us-east.zones' });
    expect(zones.node.at).toEqual({ file: 'mem.yaml', line: 4, column: 23, path: 'system.regions.us-east.zones' });
    expect(lookup(root!, ['list', 1, 'b']).found!.node.at).toEqual({ file: 'mem.yaml', line: 5, column: 16, path: 'list[1].b' });
  });

  it('resolves aliases to a copy of the anchored value', () => {
    const { root: aliased } = parseYaml('a: &t { uniform: [1s, 2s] }\nb: *t\n', 'mem.yaml');
    expect(toPlain(aliased)).toEqual({ a: { uniform: ['1s', '2s'] }, b: { uniform: ['1s', '2s'] } });
    expect(lookup(aliased!, ['b']).found!.node.at.line).toBe(2);
  });

  it('reads an empty file as no document', () => {
    expect(parseYaml('# only a comment\n', 'mem.yaml')).toEqual({ root: undefined, problems: [] });
  });
});

describe('YAML that cannot be read is reported where the parser stopped', () => {
  it.each([
    ['a map left unclosed', 'yaml-syntax.yaml',
      { line: 4, column: 1, path: 'slo.latency', message: 'YAML syntax error: flow map in block collection must be sufficiently indented and end with a }' }],
    ['a tab used for indentation', 'tab-indent.yaml',
      { line: 5, column: 1, path: 'system.regions', message: 'tabs are not allowed for indentation in YAML; indent with spaces' }],
    ['a key written twice', 'duplicate-key.yaml',
      { line: 3, column: 1, path: 'name', message: 'duplicate key "name" (first set at line 1)' }],
    ['two YAML documents in one file', 'two-documents.yaml',
      { line: 13, column: 1, path: '', message: 'a scenario file holds one YAML document; remove the extra "---"' }],
  ])('%s (%s)', (_, name, expected) => {
    const file = `${BAD}/${name}`;
    expect(parseYaml(readFileSync(file, 'utf8'), file).problems).toEqual([{ file, ...expected }]);
  });

  it('refuses YAML merge keys, pointing to include and designs instead', () => {
    expect(parseYaml('name: x\nbase: &b { a: 1 }\nother:\n  <<: *b\n', 'mem.yaml').problems).toEqual([
      { file: 'mem.yaml', line: 4, column: 3, path: 'other["<<"]', message: 'YAML merge keys (<<) are not supported; use include: or designs: to reuse settings' },
    ]);
  });

  it('refuses a list or a map used as a key', () => {
    expect(parseYaml('? [a, b]\n: 1\n', 'mem.yaml').problems).toEqual([
      { file: 'mem.yaml', line: 1, column: 3, path: '', message: 'a key must be a plain name, not a list or a map' },
    ]);
  });
});

describe('one YAML syntax error gives one message, not the cascade that follows it', () => {
  it.each([
    ['a list item under a scalar field', 'name: bad\n- x\nhorizon: 2h\n', { line: 2, column: 1 }],
    ['a flow list left unclosed inside a flow map', 'system:\n  api: { instances: [us-east, service_time: 40ms }\n', { line: 2, column: 50 }],
    ['a nested map after a scalar on one line', 'name: x\nslo:\n  success_ratio: 0.99\n   latency: 500ms\n', { line: 3, column: 18 }],
  ])('%s', (_, text, at) => {
    const { problems } = parseYaml(text, 'mem.yaml');
    expect(problems.map((p) => ({ line: p.line, column: p.column }))).toEqual([at]);
  });

  it('still reports two independent errors on different lines', () => {
    const { problems } = parseYaml('name: x\n\tslo: 1\nsystem:\n  regions: x\n\tservices: 2\n', 'mem.yaml');
    expect(problems.map((p) => p.line)).toEqual([2, 5]);
  });
});

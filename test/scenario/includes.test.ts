import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadWithIncludes } from '../../src/scenario/includes.js';
import { lookup, toPlain } from '../../src/scenario/located.js';

const FIXTURES = 'test/fixtures/scenarios';

/** An in-memory file system keyed by paths relative to the working directory. */
function memory(files: Record<string, string>) {
  const byAbs = new Map(Object.entries(files).map(([p, text]) => [resolve(p), text]));
  return (abs: string): string => {
    const text = byAbs.get(abs);
    if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return text;
  };
}

/** Problems of a fixture's includes, read from disk. */
function includeProblems(name: string) {
  const file = `${FIXTURES}/${name}`;
  return loadWithIncludes(readFileSync(file, 'utf8'), file).problems;
}

describe('include merges model files under the including file', () => {
  const read = memory({
    'virtual/models/a.yaml': 'include: [shared/c.yaml]\nsystem: { regions: { us-east: { zones: 3 } }, tags: [a1, a2], owner: a }\n',
    'virtual/models/shared/c.yaml': 'system: { regions: { eu-west: { zones: 2 } }, owner: c }\n',
    'virtual/models/b.yaml': 'system: { regions: { us-east: { zones: 2 } }, owner: b }\nseed: 7\n',
  });
  const text = 'include: [../models/a.yaml, ../models/b.yaml]\nsystem:\n  tags: [mine]\n  regions: { us-west: {} }\n';
  const { root, problems } = loadWithIncludes(text, 'virtual/scenarios/s.yaml', read);

  it('merges includes in order, then the including file, which wins; maps merge, lists and scalars replace', () => {
    expect(problems).toEqual([]);
    expect(toPlain(root)).toEqual({
      include: ['../models/a.yaml', '../models/b.yaml'],
      seed: 7,
      system: {
        regions: { 'eu-west': { zones: 2 }, 'us-east': { zones: 2 }, 'us-west': {} },
        tags: ['mine'],
        owner: 'b',
      },
    });
  });

  it('resolves an included file\'s own includes relative to that file', () => {
    expect(lookup(root!, ['system', 'regions', 'eu-west', 'zones']).found!.node.at).toMatchObject({ file: 'virtual/models/shared/c.yaml', line: 1 });
  });

  it('remembers which file supplied each value', () => {
    expect(lookup(root!, ['system', 'owner']).found!.node.at.file).toBe('virtual/models/b.yaml');
    expect(lookup(root!, ['system', 'tags']).found!.node.at).toEqual({ file: 'virtual/scenarios/s.yaml', line: 3, column: 9, path: 'system.tags' });
  });

  it('refuses an include that is not a list of paths', () => {
    const { problems: p } = loadWithIncludes('include: ../models/a.yaml\n', 'virtual/scenarios/s.yaml', read);
    expect(p).toEqual([{ file: 'virtual/scenarios/s.yaml', line: 1, column: 10, path: 'include', message: 'expected a list of file paths such as [../models/postgres.yaml], got "../models/a.yaml"' }]);
  });

  it('refuses a model file that is not a map', () => {
    const { problems: p } = loadWithIncludes('include: [m.yaml]\n', 'virtual/s.yaml', memory({ 'virtual/m.yaml': '- a\n' }));
    expect(p).toEqual([{ file: 'virtual/m.yaml', line: 1, column: 1, path: '', message: 'an included model file must hold a map of scenario fields, got a list of 1 item' }]);
  });
});

describe('an include that cannot be followed', () => {
  it('is reported at the include entry when the file is missing', () => {
    expect(includeProblems('bad/include-missing.yaml')).toEqual([{
      file: `${FIXTURES}/bad/include-missing.yaml`, line: 2, column: 11, path: 'include[0]',
      message: `cannot read included file "../models/nope.yaml" (${FIXTURES}/models/nope.yaml): file not found`,
    }]);
  });

  it('names the whole chain of a cycle, at the entry that closes it', () => {
    expect(includeProblems('bad/include-cycle.yaml')).toEqual([{
      file: `${FIXTURES}/models/cycle-b.yaml`, line: 2, column: 11, path: 'include[0]',
      message: `include cycle: ${FIXTURES}/models/cycle-a.yaml → ${FIXTURES}/models/cycle-b.yaml → ${FIXTURES}/models/cycle-a.yaml`,
    }]);
  });
});

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { effectiveTolerances } from '../../src/check/tolerances.js';
import { formatWarning, ScenarioError } from '../../src/scenario/errors.js';
import { parseTolerancesText, unusedScenarioWarnings } from '../../src/scenario/tolerancesFile.js';
import { cli } from '../support/cli.js';

const TINY = 'test/fixtures/runner/tiny.yaml';

const problemsOf = (text: string): string => {
  try {
    parseTolerancesText(text, 'tol.yaml');
  } catch (err) {
    if (err instanceof ScenarioError) return err.message;
    throw err;
  }
  return '';
};

describe('check --tolerances FILE', () => {
  it('the file\'s entry for the scenario wins over its entry for every scenario, which wins over the scenario\'s check block; each says where it came from', () => {
    const file = parseTolerancesText('rto_s: { statistical: 20% }\nscenarios:\n  tiny: { rpo_s: { absolute: 5s } }\n', 'tol.yaml').tolerances;
    const designs = new Map([['base', { rto_s: { kind: 'relative' as const, relative: 0.5 }, rpo_s: { kind: 'relative' as const, relative: 0.5 }, availability: { kind: 'absolute' as const, absolute: 0.01 } }]]);
    expect(effectiveTolerances(designs, file, 'tiny').get('base')).toEqual({
      spec: {
        rto_s: { kind: 'statistical', relative: 0.2 },
        rpo_s: { kind: 'absolute', absolute: 5 },
        availability: { kind: 'absolute', absolute: 0.01 },
      },
      from: { rto_s: 'file', rpo_s: 'file, this scenario', availability: 'check block' },
    });
    expect(effectiveTolerances(designs, file, 'other').get('base')!.spec.rpo_s).toEqual({ kind: 'relative', relative: 0.5 });
    expect(effectiveTolerances(designs, file, 'other').get('base')!.from.rpo_s).toBe('check block');
    expect(effectiveTolerances(designs, null, 'tiny').get('base')).toEqual({ spec: designs.get('base'), from: { rto_s: 'check block', rpo_s: 'check block', availability: 'check block' } });
  });

  it('an entry for a scenario not being checked is a located warning; entries for checked scenarios are not', () => {
    const file = parseTolerancesText('rto_s: { statistical: 20% }\nscenarios:\n  tiny: { rpo_s: { absolute: 5s } }\n  tinny: { rpo_s: { absolute: 5s } }\n', 'tol.yaml');
    const warnings = unusedScenarioWarnings(file, ['tiny', 'pool-timeout-incident']);
    expect(warnings.map(formatWarning)).toEqual(['tol.yaml:4:3: warning: scenarios.tinny: no scenario named "tinny" is being checked (this run checks "tiny", "pool-timeout-incident"): these tolerances apply to nothing here']);
    expect(unusedScenarioWarnings(file, ['tiny', 'tinny'])).toEqual([]);
    expect(unusedScenarioWarnings(parseTolerancesText('rto_s: { statistical: 20% }\n', 'tol.yaml'), ['tiny'])).toEqual([]);
  });

  it('a bad file is refused with file:line:column: field: message', () => {
    expect(problemsOf('rto_s: { statistical: 10%, relative: 5% }\n')).toMatch(/^tol\.yaml:1:28: rto_s\.relative: "relative" cannot be used together with "statistical"/m);
    expect(problemsOf('rto_s: { statistical: 10% }\nrtoo_s: { relative: 5% }\n')).toMatch(/^tol\.yaml:2:1: rtoo_s: unknown field "rtoo_s" \(did you mean "rto_s"\?\)/m);
    expect(problemsOf('scenarios:\n  tiny:\n    rpo_s: { relative: lots }\n')).toMatch(/^tol\.yaml:3:\d+: scenarios\.tiny\.rpo_s\.relative: expected a percentage like 10%/m);
    expect(problemsOf('- rto_s\n')).toMatch(/^tol\.yaml:1:1: .*a tolerances file is a map of metric → tolerance/m);
    expect(problemsOf('rto_s: { statistical: 10%\n')).toMatch(/^tol\.yaml:2:1: .*YAML syntax error/m);
  });

  describe('on the command line', () => {
    let dir: string;
    let slower: string;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'outagesim-tolerances-'));
      copyFileSync(TINY, join(dir, 'tiny.yaml'));
      expect((await cli(['check', join(dir, 'tiny.yaml'), '--update', '--replications', '3', '--quiet'])).code).toBe(0);
      // The outage lasts 3-6 minutes instead of 1-3: RTO about doubles.
      mkdirSync(join(dir, 'slower'));
      slower = join(dir, 'slower', 'tiny.yaml');
      writeFileSync(slower, readFileSync(TINY, 'utf8').replace('duration: { uniform: [1m, 3m] }', 'duration: { uniform: [3m, 6m] }').replace('horizon: 10m', 'horizon: 14m'));
    });

    /** The stderr of the last `rtoRow` run. */
    let stderr = '';
    const rtoRow = async (scenario: string, extra: string[]) => {
      const r = await cli(['check', scenario, '--baselines', dir, '--replications', '3', '--quiet', ...extra]);
      stderr = r.stderr;
      const row = r.stdout.split('\n').find((l) => /^tiny +base +RTO mean /.test(l));
      expect(row, r.stderr).toBeDefined();
      return row!;
    };

    it('the scenario\'s check block, the file\'s tolerance for every scenario, then its tolerance for this scenario decide, and the table says which', async () => {
      expect(await rtoRow(slower, [])).toMatch(/statistical 10% .* default +REGRESSION$/);
      const loose = join(dir, 'loose.yaml');
      writeFileSync(loose, 'rto_s: { absolute: 1h }\n');
      expect(await rtoRow(slower, ['--tolerances', loose])).toMatch(/absolute 1h.* file +ok$/);
      // The scenario loosens RTO itself; the file tightens it again for every scenario, then for tiny alone.
      const own = join(dir, 'slower', 'own.yaml');
      writeFileSync(own, `${readFileSync(slower, 'utf8')}\ncheck: { rto_s: { absolute: 1h } }\n`);
      copyFileSync(join(dir, 'tiny.baseline.json'), join(dir, 'own.baseline.json'));
      expect(await rtoRow(own, [])).toMatch(/absolute 1h.* check block +ok$/);
      const tight = join(dir, 'tight.yaml');
      writeFileSync(tight, 'rto_s: { statistical: 10% }\n');
      expect(await rtoRow(own, ['--tolerances', tight])).toMatch(/statistical 10% .* file +REGRESSION$/);
      const perScenario = join(dir, 'per-scenario.yaml');
      writeFileSync(perScenario, 'rto_s: { statistical: 10% }\nscenarios:\n  tiny: { rto_s: { absolute: 2h } }\n  other: { rto_s: { absolute: 1s } }\n');
      expect(await rtoRow(own, ['--tolerances', perScenario])).toMatch(/absolute 2h.* file, this scenario +ok$/);
      // The entry for "other", a scenario this run does not check, is pointed out where it was written.
      expect(stderr).toMatch(/per-scenario\.yaml:4:3: warning: scenarios\.other: no scenario named "other" is being checked \(this run checks "tiny"\)/);
      expect(stderr).not.toMatch(/scenarios\.tiny/);
    });

    it('a bad tolerances file exits 2 before anything runs or is written, even with --update', async () => {
      const bad = join(dir, 'bad-tol.yaml');
      writeFileSync(bad, 'rto_s:\n  statistical: 10%\n  relative: 5%\n');
      const before = readdirSync(dir).sort();
      for (const extra of [[], ['--update'], ['--junit', join(dir, 'j.xml')]]) {
        const r = await cli(['check', join(dir, 'tiny.yaml'), '--tolerances', bad, '--quiet', ...extra]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/bad-tol\.yaml:3:3: rto_s\.relative: /);
      }
      const missing = await cli(['check', join(dir, 'tiny.yaml'), '--tolerances', join(dir, 'nope.yaml'), '--quiet']);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/nope\.yaml: cannot read the tolerances file: file not found/);
      expect(readdirSync(dir).sort()).toEqual(before);
    });
  });
});

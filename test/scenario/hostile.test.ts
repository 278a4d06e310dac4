import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { MAX_SCENARIO_BYTES } from '../../src/scenario/encoding.js';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenario, loadScenarioText } from '../../src/scenario/load.js';

const GOOD = readFileSync('test/fixtures/scenarios/good/minimal.yaml', 'utf8');

/** A located ScenarioError, or a scenario that loaded: never anything else. */
function outcome(text: string): 'loaded' | 'refused' {
  try {
    loadScenarioText(text, 'hostile.yaml');
    return 'loaded';
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    const problems = (err as ScenarioError).problems;
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.file).toBe('hostile.yaml');
    return 'refused';
  }
}

describe('the scenario loader under hostile input', () => {
  it('a thousand mutated scenarios each load or give located problems; none throws anything else or hangs', () => {
    const rng = seedrandom.alea('hostile-scenarios');
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)]!;
    const junk = ['{', '}', '[', ']', ':', '- ', '&a ', '*a', '!!binary ', '\t', '"', "'", '? ', '%YAML 1.1\n', '---\n', '1e999', '-1', 'none', '<<: *a', '\u0000', 'null', '~', '0x10', '2h', '-5m', '{ uniform: [3, 1] }'];
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      let text = GOOD;
      for (let k = 0; k < 1 + Math.floor(rng() * 3); k++) {
        const at = Math.floor(rng() * text.length);
        const mode = rng();
        if (mode < 0.4) text = text.slice(0, at) + pick(junk) + text.slice(at);
        else if (mode < 0.7) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rng() * 8));
        else text = text.slice(0, at);
      }
      if (outcome(text) === 'refused') refused++;
    }
    expect(refused).toBeGreaterThan(500);
  });

  it('refuses a YAML alias bomb with one located message instead of expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghij'[i]}: &${'abcdefghij'[i]} [*${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}, *${'abcdefghij'[i - 1]}]`);
    const bomb = `${GOOD}\nbomb:\n${levels.map((l) => `  ${l}`).join('\n')}\n`;
    expect(() => loadScenarioText(bomb, 'bomb.yaml')).toThrow(/too large once its aliases/);
  });

  it('refuses a document over the size limit before parsing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-big-'));
    const file = join(dir, 'big.yaml');
    writeFileSync(file, `${GOOD}\n# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`);
    await expect(loadScenario(file)).rejects.toThrow(/over the 1024 KB limit/);
  });

  it('refuses an include that leaves the project, and an include cycle', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'outagesim-outside-'));
    writeFileSync(join(outside, 'secret.yaml'), 'description: read from outside\n');
    const project = mkdtempSync(join(tmpdir(), 'outagesim-project-'));
    writeFileSync(join(project, 'package.json'), '{}\n');
    mkdirSync(join(project, 'scenarios'));
    const escaping = join(project, 'scenarios', 'escape.yaml');
    writeFileSync(escaping, `include: [${join(outside, 'secret.yaml')}]\n${GOOD}`);
    await expect(loadScenario(escaping)).rejects.toThrow(/leaves the scenario's project/);
    writeFileSync(join(project, 'scenarios', 'a.yaml'), 'include: [b.yaml]\n');
    writeFileSync(join(project, 'scenarios', 'b.yaml'), 'include: [a.yaml]\n');
    const cyclic = join(project, 'scenarios', 'cyclic.yaml');
    writeFileSync(cyclic, `include: [a.yaml]\n${GOOD}`);
    await expect(loadScenario(cyclic)).rejects.toThrow(/include cycle/);
  });
});

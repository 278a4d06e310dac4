import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const TINY = 'test/fixtures/runner/tiny.yaml';

describe('outagesim check', () => {
  let dir: string;
  let scenario: string;
  let baseline: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'outagesim-check-'));
    scenario = join(dir, 'tiny.yaml');
    baseline = join(dir, 'tiny.baseline.json');
    copyFileSync(TINY, scenario);
    const u = await cli(['check', scenario, '--update', '--quiet']);
    expect(u.code).toBe(0);
    expect(u.stdout).toContain(`baseline written: ${baseline}`);
  });

  it('--update writes the Result JSON that run --json prints', async () => {
    const run = await cli(['run', scenario, '--json', '--quiet']);
    expect(readFileSync(baseline, 'utf8')).toBe(run.stdout);
  });

  it('the unchanged scenario passes (exit 0) with a row per design and metric', async () => {
    const { code, stdout } = await cli(['check', scenario, '--quiet']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/tiny +base +RTO mean .* ok\n/);
    expect(stdout).toMatch(/tiny +more-instances +availability .* ok\n/);
    expect(stdout).toContain('check passed');
  });

  it('another seed passes under the default statistical tolerances, and says the runs differ', async () => {
    const { code, stdout } = await cli(['check', scenario, '--seed', '12', '--quiet']);
    expect(stdout).toContain('the baseline used seed 11, this run 12');
    expect(code).toBe(0);
  });

  it('a change that doubles RTO fails (exit 1) and names RTO, in the table, JUnit XML and Markdown', async () => {
    const slower = join(dir, 'slower');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(slower, { recursive: true });
    const text = readFileSync(scenario, 'utf8').replace('duration: { uniform: [1m, 3m] }', 'duration: { uniform: [3m, 6m] }').replace('horizon: 10m', 'horizon: 14m');
    writeFileSync(join(slower, 'tiny.yaml'), text);
    const junit = join(dir, 'junit.xml');
    const md = join(dir, 'check.md');
    const { code, stdout } = await cli(['check', join(slower, 'tiny.yaml'), '--baselines', dir, '--junit', junit, '--markdown', md, '--quiet']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/tiny +base +RTO mean .* REGRESSION\n/);
    expect(stdout).toMatch(/check FAILED: .*tiny\/base\/rto_s/);
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toMatch(/<testcase classname="tiny" name="base \/ rto_s">\s*<failure message="regression: /);
    const valid = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [readFileSync('test/fixtures/check/junit.xsd', 'utf8')] });
    expect(valid.errors).toEqual([]);
    expect(valid.valid).toBe(true);
    expect(readFileSync(md, 'utf8')).toMatch(/^### outagesim check: \d+ regression/);
  });

  /** Checks a copy of the scenario named `name` against its baseline as `edit` changes it (each design's, at least one). */
  async function checkEdited(name: string, edit: (design: { metrics: { rto_s: { mean: number } }; replications: Array<{ rto_s: number | null }> }) => void) {
    const doc = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(doc.designs.length).toBeGreaterThan(0);
    for (const d of doc.designs) edit(d);
    writeFileSync(join(dir, `${name}.baseline.json`), JSON.stringify(doc));
    copyFileSync(scenario, join(dir, `${name}.yaml`));
    return cli(['check', join(dir, `${name}.yaml`), '--quiet']);
  }

  it('against a baseline whose RTO was divided by three it exits 1 and names RTO', async () => {
    const { code, stdout } = await checkEdited('thirds', (d) => {
      d.metrics.rto_s.mean /= 3;
      for (const r of d.replications) if (r.rto_s !== null) r.rto_s /= 3;
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/RTO mean .* REGRESSION/);
  });

  it('against a baseline whose stated RTO mean alone was divided by three (rows untouched) it exits 1 and names RTO', async () => {
    const { code, stdout } = await checkEdited('edited', (d) => {
      d.metrics.rto_s.mean /= 3;
    });
    expect(code).toBe(1);
    expect(stdout).toMatch(/RTO mean .* REGRESSION/);
    expect(stdout).toContain("judged on the baseline's stated RTO mean");
  });

  it('bad input exits 2 and writes nothing: a broken baseline, an unknown tolerance field', async () => {
    const bad = mkdtempSync(join(tmpdir(), 'outagesim-check-bad-'));
    copyFileSync(scenario, join(bad, 'tiny.yaml'));
    writeFileSync(join(bad, 'tiny.baseline.json'), '{ "tool": ');
    const broken = await cli(['check', join(bad, 'tiny.yaml'), '--junit', join(bad, 'j.xml'), '--quiet']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/tiny\.baseline\.json:1:\d+: not valid JSON/);
    writeFileSync(join(bad, 'tol.yaml'), `${readFileSync(scenario, 'utf8')}\ncheck: { rto_s: { statistical: 10%, relative: 5% } }\n`);
    const tol = await cli(['check', join(bad, 'tol.yaml'), '--quiet']);
    expect(tol.code).toBe(2);
    expect(tol.stderr).toMatch(/tol\.yaml:\d+:\d+: check\.rto_s/);
    expect(readdirSync(bad).sort()).toEqual(['tiny.baseline.json', 'tiny.yaml', 'tol.yaml']);
  });

  it('a missing baseline fails (exit 1) and says how to create it', async () => {
    const lone = mkdtempSync(join(tmpdir(), 'outagesim-check-none-'));
    copyFileSync(scenario, join(lone, 'tiny.yaml'));
    const { code, stdout } = await cli(['check', join(lone, 'tiny.yaml'), '--quiet']);
    expect(code).toBe(1);
    expect(stdout).toContain('run check --update');
  });
});

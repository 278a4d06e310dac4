import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const TINY = 'test/fixtures/runner/tiny.yaml';

let dir: string;
let run: Awaited<ReturnType<typeof cli>>;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'outagesim-report-cli-'));
  run = await cli(['run', TINY, '--replications', '2', '--workers', '1', '--quiet', '--json', '--out', join(dir, 'r.json'), '--report', join(dir, 'from-run')]);
});

describe('outagesim report', () => {
  it('run --report writes the HTML, the Markdown, and per chart its spec, SVG and PNG; stdout stays the JSON', () => {
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).scenario.name).toBe('tiny');
    expect(run.stderr).toBe(`report written to ${join(dir, 'from-run')}/: report.html, summary.md, 5 charts (charts/*.svg, charts/*.png, specs/*.vl.json)\n`);
    const out = join(dir, 'from-run');
    expect(readdirSync(out).sort()).toEqual(['charts', 'report.html', 'specs', 'summary.md']);
    const specs = readdirSync(join(out, 'specs')).sort();
    expect(specs).toEqual(['goodput.vl.json', 'retry-amplification.vl.json', 'rto-distribution.vl.json', 'rto-phases.vl.json', 'success-ratio.vl.json'].sort());
    for (const s of specs) {
      const spec = JSON.parse(readFileSync(join(out, 'specs', s), 'utf8'));
      expect(spec.$schema).toMatch(/vega-lite\/v6/);
      expect(spec.data.values).toBeInstanceOf(Array);
      const id = s.replace('.vl.json', '');
      expect(readFileSync(join(out, 'charts', `${id}.svg`), 'utf8')).toMatch(/^<svg /);
      expect([...readFileSync(join(out, 'charts', `${id}.png`)).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    }
    expect(readdirSync(join(out, 'charts')).some((f) => f.includes('.tmp-'))).toBe(false);
  });

  it('report on the saved Result writes the same pages as run --report', async () => {
    const again = await cli(['report', join(dir, 'r.json'), '--out', join(dir, 'again'), '--quiet']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^report written to .*again\/: report\.html, summary\.md, 5 charts/);
    for (const f of ['report.html', 'summary.md', 'charts/success-ratio.svg', 'specs/goodput.vl.json']) {
      expect(readFileSync(join(dir, 'again', f)), f).toEqual(readFileSync(join(dir, 'from-run', f)));
    }
  });

  it('several Results (a run and a rerun) make one section each, in order', async () => {
    const rerun = join(dir, 'rerun.json');
    const second = await cli(['run', TINY, '--replications', '2', '--workers', '1', '--seed', '12', '--quiet', '--out', rerun]);
    expect(second.code).toBe(0);
    const both = await cli(['report', join(dir, 'r.json'), rerun, '--out', join(dir, 'both'), '--quiet']);
    expect(both.code).toBe(0);
    const md = readFileSync(join(dir, 'both', 'summary.md'), 'utf8');
    expect(md.indexOf(`Result file ${join(dir, 'r.json')} · seed 11`)).toBeGreaterThan(0);
    expect(md.indexOf(`Result file ${rerun} · seed 12`)).toBeGreaterThan(md.indexOf('seed 11'));
    expect(readdirSync(join(dir, 'both', 'charts'))).toContain('r2-success-ratio.png');
  });

  it('bad input: exit 2, the message names the file, nothing is written', async () => {
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'Result: yes');
    const otherTool = join(dir, 'other.json');
    writeFileSync(otherTool, JSON.stringify({ tool: { name: 'k6', version: '0.50' }, designs: [] }));
    const notResult = join(dir, 'config.json');
    writeFileSync(notResult, JSON.stringify({ tool: { name: 'outagesim', version: '0.1.0' }, scenario: {} }));
    const cases: Array<[string, RegExp]> = [
      [notJson, /:1:\d+: not valid JSON/],
      [otherTool, /:1:\d+: tool\.name: written by "k6", not by outagesim/],
      [notResult, /:1:\d+: scenario\.name: /],
      [join(dir, 'absent.json'), /: cannot read the file/],
    ];
    for (const [file, why] of cases) {
      const out = join(dir, `never-${cases.findIndex((c) => c[0] === file)}`);
      // the good file first: a bad one anywhere stops the report before it writes
      const r = await cli(['report', join(dir, 'r.json'), file, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr.startsWith(relative(process.cwd(), file))).toBe(true);
      expect(r.stderr).toMatch(why);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('--report needs the whole run: refused with --shard', async () => {
    const r = await cli(['run', TINY, '--shard', '1/2', '--out', join(dir, 's.json'), '--report', join(dir, 'nope')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--report needs the whole run/);
    expect(existsSync(join(dir, 'nope'))).toBe(false);
  });
});

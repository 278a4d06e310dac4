/**
 * `check`'s outputs from its rows: the terminal table, JUnit XML (one test case per scenario ×
 * design × metric, a <failure> for each regression) and a Markdown comment for a pull request.
 * Each tolerance says where it came from (the metric's default, the scenario's check block, the
 * --tolerances file for every scenario or for this one).
 * Scenario and design names come from user files: they are escaped for XML and Markdown.
 */
import { table } from '../cli/format.js';
import { escapeMarkdown } from '../report/escape.js';
import { fails, type ScenarioCheck } from './check.js';
import type { CheckRow } from './judge.js';

const cell = (r: CheckRow, x: number | null): string => (x === null ? '-' : r.show(x));

function changeText(r: CheckRow): string {
  if (r.change === null) return '-';
  const sign = r.change > 0 ? '+' : r.change < 0 ? '-' : '±';
  const rel = r.baseline ? ` (${sign}${Math.abs((r.change / r.baseline) * 100).toFixed(1)}%)` : '';
  const ci = r.ci95 ? ` [CI ${r.showChange(r.ci95[0])} to ${r.showChange(r.ci95[1])}]` : '';
  return `${sign}${r.showChange(Math.abs(r.change))}${rel}${ci}`;
}

function verdictText(r: CheckRow): string {
  return r.verdict === 'regression' ? 'REGRESSION' : r.verdict === 'incomparable' ? 'INCOMPARABLE' : r.verdict;
}

/** The table `check` prints: every compared metric, failures first within each scenario. */
export function formatCheckTable(checks: ScenarioCheck[]): string {
  const rows: string[][] = [['scenario', 'design', 'metric', 'baseline', 'now', 'change', 'tolerance', 'tolerance from', 'verdict']];
  const notes: string[] = [];
  for (const c of checks) {
    const ordered = [...c.rows.filter(fails), ...c.rows.filter((r) => !fails(r))];
    for (const r of ordered) rows.push([c.scenario, r.design, r.label, cell(r, r.baseline), cell(r, r.now), changeText(r), r.tolerance_text || '-', r.tolerance_from || '-', verdictText(r)]);
    for (const n of c.notes) notes.push(`note: ${c.scenario}: ${n}`);
    for (const r of c.rows.filter((x) => x.verdict !== 'ok')) notes.push(`${verdictText(r)}: ${c.scenario} / ${r.design} / ${r.label}: ${r.reason}`);
  }
  const failed = checks.flatMap((c) => c.rows.filter(fails));
  const summary = failed.length === 0
    ? `check passed: ${checks.length} scenario(s), ${checks.reduce((a, c) => a + c.rows.length, 0)} metric(s) within tolerance`
    : `check FAILED: ${failed.length} metric(s) moved beyond tolerance or could not be compared: ${[...new Set(failed.map((r) => `${r.scenario}/${r.design}/${r.metric}`))].join(', ')}`;
  return [table(rows.map((r) => r.map(oneLine))), '', ...notes.map(oneLine), ...(notes.length ? [''] : []), oneLine(summary)].join('\n');
}

/** Control characters and line breaks from user-supplied names shown on one line. */
function oneLine(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** XML text/attribute escaping, dropping characters XML 1.0 cannot hold. */
export function xml(s: string): string {
  return s
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** JUnit XML: a <testsuite> per scenario, a <testcase> per design × metric. */
export function formatJunit(checks: ScenarioCheck[]): string {
  const total = checks.reduce((a, c) => a + c.rows.length, 0);
  const failures = checks.reduce((a, c) => a + c.rows.filter(fails).length, 0);
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="outagesim check" tests="${total}" failures="${failures}" errors="0">`];
  for (const c of checks) {
    const f = c.rows.filter(fails).length;
    out.push(`  <testsuite name="${xml(c.scenario)}" tests="${c.rows.length}" failures="${f}" errors="0" skipped="0">`);
    for (const r of c.rows) {
      const name = `${xml(r.design)} / ${xml(r.metric)}`;
      const summary = `baseline ${cell(r, r.baseline)}, now ${cell(r, r.now)}, change ${changeText(r)}, tolerance ${r.tolerance_text || '-'}${r.tolerance_from ? ` (${r.tolerance_from})` : ''}`;
      if (fails(r)) {
        out.push(`    <testcase classname="${xml(c.scenario)}" name="${name}">`);
        out.push(`      <failure message="${xml(`${r.verdict}: ${r.reason}`)}" type="${r.verdict}">${xml(summary)}</failure>`);
        out.push('    </testcase>');
      } else {
        out.push(`    <testcase classname="${xml(c.scenario)}" name="${name}"><system-out>${xml(`${r.verdict}: ${summary}`)}</system-out></testcase>`);
      }
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

/** Markdown inline text (the report's escaping, on one line): no HTML, table breaks, links, emphasis or code from user names. */
export function md(s: string): string {
  return escapeMarkdown(oneLine(s));
}

/** A pull-request comment: the verdict, what failed, and the full table folded. */
export function formatMarkdown(checks: ScenarioCheck[]): string {
  const failed = checks.flatMap((c) => c.rows.filter(fails));
  const head = failed.length === 0
    ? `### outagesim check: passed\n\nEvery metric of ${checks.length} scenario(s) is within its tolerance.`
    : `### outagesim check: ${failed.length} regression(s)\n`;
  const mdRow = (r: CheckRow) => `| ${md(r.scenario)} | ${md(r.design)} | ${md(r.label)} | ${md(cell(r, r.baseline))} | ${md(cell(r, r.now))} | ${md(changeText(r))} | ${md(r.tolerance_text || '-')} | ${md(r.tolerance_from || '-')} | ${md(verdictText(r))} |`;
  const header = '| scenario | design | metric | baseline | now | change | tolerance | tolerance from | verdict |\n|---|---|---|---:|---:|---:|---|---|---|';
  const out = [head];
  if (failed.length) out.push('', header, ...failed.map(mdRow), '', ...failed.map((r) => `- ${md(r.scenario)} / ${md(r.design)} / ${md(r.label)}: ${md(r.reason)}`));
  const notes = checks.flatMap((c) => c.notes.map((n) => `- ${md(c.scenario)}: ${md(n)}`));
  if (notes.length) out.push('', ...notes);
  out.push('', '<details><summary>All compared metrics</summary>', '', header, ...checks.flatMap((c) => c.rows.map(mdRow)), '', '</details>');
  return `${out.join('\n')}\n`;
}

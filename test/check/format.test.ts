import { describe, expect, it } from 'vitest';
import type { ScenarioCheck } from '../../src/check/check.js';
import { formatCheckTable, formatJunit, formatMarkdown, md, xml } from '../../src/check/format.js';
import type { CheckRow } from '../../src/check/judge.js';

const HOSTILE = 'x</testcase><script>alert(1)</script>|**bold**|`code`\n# heading';

function check(verdict: CheckRow['verdict']): ScenarioCheck {
  const row: CheckRow = {
    scenario: HOSTILE, design: HOSTILE, metric: 'rto_s', label: 'RTO mean', baseline: 60, now: 120, change: 60, ci95: [50, 70],
    tolerance: 6, tolerance_text: 'statistical 10% (6.0s)', tolerance_from: 'check block', verdict, reason: 'the 95% CI of the change lies beyond the tolerance',
    show: (x) => `${x}s`, showChange: (x) => `${x}s`,
  };
  return { scenario: HOSTILE, baseline_file: 'b.json', rows: [row], notes: [] };
}

describe('check outputs', () => {
  it('JUnit XML carries user names as inert text', () => {
    const out = formatJunit([check('regression')]);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('</testcase><script>');
    expect(out).toContain('&lt;script&gt;');
    expect(out.match(/<testcase /g)).toHaveLength(1);
    expect(out).toContain('failures="1"');
  });

  it('Markdown escapes table pipes, emphasis, code and HTML, and keeps each row on one line', () => {
    const out = formatMarkdown([check('regression')]);
    expect(out).not.toMatch(/<script>/);
    const rows = out.split('\n').filter((l) => l.startsWith('| x'));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.split(/(?<!\\)\|/).length).toBe(11);
    expect(md('a|b*c`d<e')).toBe('a\\|b\\*c\\`d\\<e');
    expect(xml('a<b&"c\u0001')).toBe('a&lt;b&amp;&quot;c');
  });

  it('the table lists failures with their reason and ends with the verdict naming the metric', () => {
    const out = formatCheckTable([check('regression')]);
    expect(out).toMatch(/REGRESSION/);
    expect(out).toMatch(/check FAILED: 1 metric\(s\).*\/rto_s$/);
    expect(out.split('\n')[1]).not.toContain('\n');
    const ok = formatCheckTable([check('ok')]);
    expect(ok).toMatch(/check passed/);
  });
});

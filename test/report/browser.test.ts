/**
 * The HTML report in a real browser: Debian's Chromium driven by playwright-core, network off.
 * Skipped, with the reason printed, only where no Chromium is installed (.ci/run installs it).
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chartLibraries } from '../../src/report/assets.js';
import { reportHtml } from '../../src/report/html.js';
import { parseDocumentText, readResultFile } from '../../src/report/load.js';
import { sections } from '../../src/report/section.js';
import type { SourcedResult } from '../../src/report/types.js';
import { cli } from '../support/cli.js';
import { shippedResult, withCostAndPhases } from './fixtures.js';
import { HOSTILE_SCENARIO, hostileResult } from './hostile.js';

const CHROMIUM = process.env['CHROMIUM'] ?? '/usr/bin/chromium';
const installed = existsSync(CHROMIUM);
const why = `no Chromium at ${CHROMIUM} (install it: apt-get install -y chromium, or set CHROMIUM=/path/to/chromium)`;
// CI installs Chromium (.ci/run), so there a missing browser fails the test instead of skipping it.
const skip = !installed && !process.env['CI'];
if (skip) console.warn(`browser test skipped: ${why}`);

describe.skipIf(skip)('HTML report in headless Chromium with the network off', () => {
  it('draws every chart as SVG, logs no error, requests nothing but the file, and runs no scenario string', async () => {
    if (!installed) throw new Error(`CI must run the browser test: ${why}`);
    const results = [
      { source: 'pool.json', result: withCostAndPhases(await shippedResult('pool-timeout-incident')) },
      { source: 'storm.json', result: await shippedResult('agent-retry-storm') },
      { source: 'hostile.json', result: await hostileResult() },
      // The committed Result of a scenario that autoscales: the autoscaling table and instances chart.
      readResultFile('scenarios/regional-evacuation.baseline.json') as SourcedResult,
    ];
    const secs = sections(results);
    const expected = secs.flatMap((s) => s.charts.map((c) => `${s.prefix}${c.id}`));
    expect(expected).toContain('r1-cost-vs-rto');
    expect(expected).toContain('r1-rto-phases');
    expect(expected).toContain('r1-cause');
    expect(expected).toContain('r2-attempts-by-class');
    expect(expected).toContain('r4-instances');
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-browser-'));
    writeFileSync(join(dir, 'report.html'), reportHtml(secs, chartLibraries()));

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const context = await browser.newContext({ offline: true });
      const page = await context.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(join(dir, 'report.html')).href;
      await page.goto(url);
      const drawn = await page.evaluate(() => (window as unknown as { reportReady: Promise<number> }).reportReady);
      expect(drawn).toBe(expected.length);
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('[data-chart]')].map((el) => ({ id: el.id, svgs: el.querySelectorAll('svg').length, marks: el.querySelectorAll('svg .mark-line path, svg .mark-area path, svg .mark-symbol path, svg .mark-rule line, svg .mark-rect path, svg .mark-tick path, svg .mark-text text').length })),
      );
      expect(charts.map((c) => c.id)).toEqual(expected);
      for (const c of charts) {
        expect(c.svgs, c.id).toBe(1);
        expect(c.marks, c.id).toBeGreaterThan(0);
      }
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
      expect(await page.evaluate(() => document.scripts.length)).toBe(5);
      expect(await page.locator('h2').allTextContents()).toContain(HOSTILE_SCENARIO);
      expect(await page.locator('#r4-result h3').allTextContents()).toContain('Autoscaling (mean over replications)');
    } finally {
      await browser.close();
    }
  });

  it('draws a sweep\'s CI-band charts and a sensitivity analysis\' tornado charts, offline, with no error', async () => {
    if (!installed) throw new Error(`CI must run the browser test: ${why}`);
    const sweep = await cli(['sweep', 'test/fixtures/pricing/tiny-priced.yaml', '--param', 'fault.duration', '--values', '1m,3m', '--replications', '2', '--workers', '1', '--quiet', '--json']);
    const sens = await cli(['sensitivity', 'test/fixtures/sensitivity/tiny-uncertain.yaml', '--replications', '1', '--workers', '1', '--quiet', '--json']);
    expect([sweep.code, sens.code]).toEqual([0, 0]);
    const secs = sections([parseDocumentText(sweep.stdout, 'sweep.json'), parseDocumentText(sens.stdout, 'sens.json')]);
    const expected = secs.flatMap((s) => s.charts.map((c) => `${s.prefix}${c.id}`));
    expect(expected).toEqual(expect.arrayContaining(['r1-sweep-rto', 'r1-sweep-availability', 'r1-sweep-monthly-cost', 'r1-sweep-total-cost', 'r2-tornado-rto-s']));
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-browser-study-'));
    writeFileSync(join(dir, 'report.html'), reportHtml(secs, chartLibraries()));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await (await browser.newContext({ offline: true })).newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      const url = pathToFileURL(join(dir, 'report.html')).href;
      await page.goto(url);
      expect(await page.evaluate(() => (window as unknown as { reportReady: Promise<number> }).reportReady)).toBe(expected.length);
      const charts = await page.evaluate(() =>
        [...document.querySelectorAll('[data-chart]')].map((el) => ({ id: el.id, marks: el.querySelectorAll('svg .mark-line path, svg .mark-area path, svg .mark-rect path, svg .mark-rule line').length })),
      );
      expect(charts.map((c) => c.id)).toEqual(expected);
      for (const c of charts) expect(c.marks, c.id).toBeGreaterThan(0);
      expect(problems).toEqual([]);
      expect(requests).toEqual([url]);
    } finally {
      await browser.close();
    }
  });
});

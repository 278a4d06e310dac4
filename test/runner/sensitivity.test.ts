import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const FILE = 'test/fixtures/sensitivity/tiny-uncertain.yaml';

describe('sensitivity', () => {
  it('ranks the parameters by their swing: the outage length moves RTO by its own change, concurrency by less', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-sens-'));
    const { code, stdout } = await cli(['sensitivity', FILE, '--workers', '1', '--quiet', '--json', '--report', dir]);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    const rto = doc.designs[0].metrics.find((m: { metric: string }) => m.metric === 'rto_s');
    expect(rto.ranked.map((r: { param: string }) => r.param)).toEqual(['fault.duration', 'system.services.api.concurrency']);
    // Common random numbers: the fault starts at the same time at low and high, so RTO moves by
    // about the 3 minutes between a 1-minute and a 4-minute outage (the SLO window adds a few seconds).
    expect(rto.ranked[0].swing).toBeGreaterThan(170);
    expect(rto.ranked[0].swing).toBeLessThan(190);
    expect(rto.ranked[1].swing).toBeLessThan(rto.ranked[0].swing / 10);
    // This scenario has no queue, control plane or idempotency: no business RTO to rank.
    expect(doc.designs[0].metrics.map((m: { metric: string }) => m.metric)).not.toContain('business_rto_s');
    const spec = JSON.parse(readFileSync(join(dir, 'specs', 'tornado-rto-s.vl.json'), 'utf8'));
    expect(spec.data.values[0].parameter).toBe('fault.duration');
    expect(spec.title.text).toContain('RTO mean');
  });

  it('ranks business RTO where the scenario tracks business recovery: the consumers move it, not the RTO', async () => {
    const { code, stdout } = await cli(['sensitivity', 'test/fixtures/sweep/outbox-backlog.yaml', '--workers', '1', '--quiet', '--json']);
    expect(code).toBe(0);
    const metrics = JSON.parse(stdout).designs[0].metrics as Array<{ metric: string; label: string; ranked: Array<{ at_low: number; at_high: number; swing: number }> }>;
    const business = metrics.find((m) => m.metric === 'business_rto_s')!;
    expect(business.label).toBe('business RTO mean');
    // One consumer drains the ~3,000 webhooks left by the outage in about 5 minutes, four in under one.
    expect(business.ranked[0]!.at_low - business.ranked[0]!.at_high).toBeGreaterThan(120);
    expect(metrics.find((m) => m.metric === 'rto_s')!.ranked[0]!.swing).toBe(0);
  });

  it('refuses a scenario without uncertain parameters, and a low value the field does not take (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-sens-bad-'));
    const none = await cli(['sensitivity', 'test/fixtures/runner/tiny.yaml', '--quiet']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no uncertain parameters');
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, readFileSync(FILE, 'utf8').replace('{ low: 3, high: 8 }', '{ low: -3, high: 8 }'));
    const refused = await cli(['sensitivity', bad, '--quiet']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('uncertain.system.services.api.concurrency.low');
    expect(readdirSync(dir)).toEqual(['bad.yaml']);
  });
});

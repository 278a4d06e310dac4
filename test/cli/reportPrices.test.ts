import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

describe('report --prices', () => {
  it('reprices an old result with another table, without simulating again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outagesim-reprice-'));
    const result = join(dir, 'r.json');
    expect((await cli(['run', 'scenarios/active-passive-failover.yaml', '--replications', '2', '--workers', '1', '--quiet', '--out', result])).code).toBe(0);
    const doubled = join(dir, 'doubled.yaml');
    const table = readFileSync('models/pricing/aws-on-demand.yaml', 'utf8')
      .replace('name: aws-on-demand', 'name: doubled')
      .replace(/(instance_hour:[\s\S]*?)(\n  #)/, (_m, block: string, tail: string) => `${block.replace(/(\d+\.\d+)/g, (x) => String(Number(x) * 2))}${tail}`);
    writeFileSync(doubled, table);
    const original = await cli(['report', result, '--out', join(dir, 'a'), '--quiet']);
    const repriced = await cli(['report', result, '--out', join(dir, 'b'), '--prices', doubled, '--quiet']);
    expect(original.code).toBe(0);
    expect(repriced.code).toBe(0);
    const a = readFileSync(join(dir, 'a', 'summary.md'), 'utf8');
    const b = readFileSync(join(dir, 'b', 'summary.md'), 'utf8');
    expect(a).toContain('aws-on-demand');
    expect(b).toContain('doubled');
    // Not just the table's name: the figures themselves changed.
    expect(b.replace(/doubled/g, 'aws-on-demand')).not.toBe(a);
    const bad = await cli(['report', result, '--out', join(dir, 'c'), '--prices', join(dir, 'none.yaml'), '--quiet']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('cannot read the price table');
  });
});

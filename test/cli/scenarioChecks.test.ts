/**
 * What the CLI does with a scenario the loader refuses or warns about: refusals exit 2 before
 * anything runs or is written.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const TINY = 'test/fixtures/runner/tiny.yaml';

/** tiny.yaml with one text replacement, written to a temporary file; returns its path. */
function variant(from: string, to: string): string {
  const text = readFileSync(TINY, 'utf8');
  expect(text).toContain(from);
  const file = join(mkdtempSync(join(tmpdir(), 'outagesim-checks-')), 'scenario.yaml');
  writeFileSync(file, text.replace(from, to));
  return file;
}

describe('a system that can never serve a request', () => {
  it('run exits 2 with the located reason and writes nothing', async () => {
    const file = variant('instances: { us-east: 4 }', 'instances: { us-east: 0 }');
    const out = join(file, '..', 'result.json');
    const { code, stdout, stderr } = await cli(['run', file, '--out', out, '--quiet']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`${relative(process.cwd(), file)}:12:18: system.services.api.instances: service api has no instances in any region, so it can never serve a request: client class web sends to it (give it at least one instance, e.g. { us-east: 2 })\n`);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a setting that cannot apply in its combination', () => {
  const from = 'web: { rate: 60/s, timeout: 2s, retries: 1 }';
  const to = 'web: { rate: 60/s, timeout: 2s, retries: 1, retry_delay: 1s, backoff: { base: 100ms } }';
  const warning = (file: string) =>
    `${relative(process.cwd(), file)}:16:49: warning: system.clients.web.retry_delay: ignored: backoff sets the wait before each retry (retry_delay applies only without backoff)\n`;

  it('validate prints the warning, located, and exits 0', async () => {
    const file = variant(from, to);
    const { code, stdout, stderr } = await cli(['validate', file]);
    expect(code).toBe(0);
    expect(stderr).toBe(warning(file));
    expect(stdout).toBe(`${file}: ok (2 designs: base, more-instances), 1 warning\n`);
  });

  it('run prints it on stderr and still runs', async () => {
    const file = variant(from, to);
    const { code, stdout, stderr } = await cli(['run', file, '--replication', '0', '--design', 'base']);
    expect(code).toBe(0);
    expect(stderr).toBe(warning(file));
    expect(stdout).toContain('base');
  });
});

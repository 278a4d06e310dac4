/** The `headroom` command: table, JSON document, breaches named, bad flags refused. */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const FIXTURE = 'test/fixtures/headroom/mmc-two-regions.yaml';

describe('outagesim headroom', () => {
  it('prints a table per design and names the regions that breach the SLO after a loss', async () => {
    const { code, stdout } = await cli(['headroom', FIXTURE]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/design fits[\s\S]*design thin/);
    expect(stdout).toMatch(/- a lost: breaches: api@b overloaded \(utilisation 160\.0%\)/);
    expect(stdout).toMatch(/design fits[\s\S]*- a lost: no region breaches the SLO/);
  });

  it('--json prints the headroom document with the static cases', async () => {
    const { code, stdout } = await cli(['headroom', FIXTURE, '--json']);
    expect(code).toBe(0);
    const doc = JSON.parse(stdout);
    expect(doc.format).toBe('outagesim-headroom');
    expect(doc.scenario).toMatchObject({ name: 'headroom-mmc', slo: { success_ratio: 0.95, latency_s: 1 } });
    expect(doc.designs[1].cases.map((c: { breaches: string[] }) => c.breaches)).toEqual([[], ['api@b'], ['api@a']]);
    expect(doc.simulation).toBeUndefined();
  });

  it('refuses a warm-up that does not end before the horizon (exit 2)', async () => {
    const { code, stderr } = await cli(['headroom', FIXTURE, '--simulate', '--horizon', '1m', '--warmup', '2m']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--warmup \(2m 00s\) must end before --horizon \(1m 00s\)/);
  });
});

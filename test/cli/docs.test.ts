import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

/** Every `npx outagesim <command> … --flag` in a doc, joined across folded YAML lines. */
function invocations(file: string): Array<{ command: string; flags: string[] }> {
  const text = readFileSync(file, 'utf8').replace(/\n\s+(--)/g, ' $1');
  return [...text.matchAll(/npx outagesim (\w+)([^\n]*)/g)].map((m) => ({ command: m[1]!, flags: [...m[2]!.matchAll(/(--[a-z-]+)/g)].map((f) => f[1]!) }));
}

describe('the worked CI set-ups in docs/ use only what the CLI provides', () => {
  for (const file of ['docs/github-actions.yml', 'docs/kubernetes-sweep-job.yaml']) {
    it(file, async () => {
      const calls = invocations(file);
      expect(calls.length).toBeGreaterThan(0);
      for (const { command, flags } of calls) {
        const help = await cli([command, '--help']);
        expect(help.code, `${command} is a command`).toBe(0);
        for (const f of flags) expect(help.stdout, `${command} ${f}`).toContain(f);
      }
    });
  }
});

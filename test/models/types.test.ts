import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('newRequest', () => {
  // A request's `value` is 1 until a fallback answers it degraded (0.5 here): V8 then widens the
  // field to a double and deprecates the objects' map. Requests made by an object literal kept
  // being born with the deprecated map and were migrated one by one at their first access (about
  // one per attempt, 2.5 times the CPU per attempt of llm-dependency); made by a constructor they
  // take the updated map. Counted with V8's own trace, so nothing here is timed.
  it('gives requests a map that a degraded answer does not leave behind', () => {
    const r = spawnSync(process.execPath, ['--trace-migration', '--import', 'tsx', 'test/support/migrations.ts', 'scenarios/llm-dependency.yaml', 'timeout-breaker-fallback'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // V8's trace has stdout to itself (it flushes in blocks, so a line of ours there could land
    // inside one of its lines); the child reports its attempts on stderr.
    const attempts = Number(/^attempts (\d+)$/m.exec(r.stderr)?.[1]);
    const migrations = r.stdout.split('[migrating]').length - 1;
    expect(attempts).toBeGreaterThan(10_000);
    // Objects made before the widening move once each (tens); the literal moved ~1 per attempt.
    expect(migrations).toBeLessThan(attempts / 100);
  });
});

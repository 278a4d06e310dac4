/**
 * Test runner settings. Tests never time anything, so a test's time limit is only a guard
 * against a hang: it is set far above what any test takes alone (the slowest take ~20 s), so
 * that `npm test` also passes on a loaded machine (issue 15: two CPU-bound processes beside it
 * on 2 cores made the 5 s default and the 30 s limits of the CLI tests fail). No test sets a
 * lower limit of its own: a per-test limit only makes that test the first to fail under load.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});

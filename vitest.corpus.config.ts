import { defineConfig } from 'vitest/config';

/**
 * `npm run test:corpus`: the published corpus end to end (test/corpus/), apart from `npm test`
 * because Prism and tsc on megabytes of vendors' documents take minutes. CI runs both (.ci/run).
 */
export default defineConfig({
  test: {
    name: 'corpus',
    include: ['test/corpus/**/*.test.ts'],
    // Safety nets against a hang, not budgets: each step waits on an event (an exit, a line).
    testTimeout: 900_000,
    hookTimeout: 900_000,
    maxWorkers: 2,
    // Temporary folders in memory, as for `npm test`.
    globalSetup: ['test/support/temporary-setup.ts'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Packed-package installs and Prism start-up are slow; a few tests need the headroom.
    testTimeout: 30_000,
    // Vitest's default is one worker per core minus one, so a single worker on this 2-core
    // machine; much of the suite waits on child processes (Prism, tsc, npm, Chromium), which the
    // second worker overlaps.
    maxWorkers: 2,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/contract/**'] },
      },
      {
        extends: true,
        // Only the contract tests pay for the Prism mocks.
        test: {
          name: 'contract',
          include: ['test/contract/**/*.test.ts'],
          globalSetup: ['test/contract/global-setup.ts'],
        },
      },
    ],
  },
});

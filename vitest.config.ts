import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Packed-package installs and Prism start-up are slow; a few tests need the headroom.
    testTimeout: 30_000,
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

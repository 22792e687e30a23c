import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Prism mocks and packed-package installs are slow to start; a few tests need the headroom.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/sequencer.js';

export default defineConfig({
  test: {
    // A safety net against a hang, not a time budget: every test waits on events (a process's exit,
    // a line printed, a port), never a fixed time. The slowest tests under this default take about
    // 10 s on an idle machine and three to four times that at a load average of 7-15 on 2 cores.
    testTimeout: 120_000,
    // Vitest's default is one worker per core minus one, so a single worker on this 2-core
    // machine. Much of the suite waits on child processes (Prism, tsc, npm, Chromium), which more
    // workers overlap, a little: measured interleaved on this machine, `npm test` took a median of
    // 60.6 s with 2 workers (5 runs) and 59.4 s with 3 (6 runs); 4 was slower.
    maxWorkers: 3,
    // Set-up starts Prism mocks and servers: seconds idle, many times that on a loaded machine.
    hookTimeout: 180_000,
    sequence: { sequencer: SlowFirstSequencer },
    // Three projects; `npx vitest run --project <name>` runs one (README, "Tests").
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          // test/corpus/ has its own config: `npm run test:corpus` (minutes of Prism and tsc).
          exclude: ['test/contract/**', 'test/conformance/**', 'test/packaging/**', 'test/corpus/**'],
          // Files share their worker's module cache: the pipeline's dependencies (two TypeScript
          // compilers, Redocly, openapi-typescript) load once per worker, not once per file.
          isolate: false,
        },
      },
      {
        extends: true,
        // The generated clients as a consumer uses them, against a Prism mock per API: the contract
        // tests, and the packaging tests that run each installed package against its API's mock.
        test: {
          name: 'client',
          include: ['test/contract/**/*.test.ts', 'test/packaging/**/*.test.ts'],
          globalSetup: ['test/contract/global-setup.ts'],
        },
      },
      {
        extends: true,
        // Spec conformance: the mocks reject a request that breaks each documented constraint. The
        // same set-up: run with the client project, both use the one set of mocks it starts.
        test: {
          name: 'conformance',
          include: ['test/conformance/**/*.test.ts'],
          globalSetup: ['test/contract/global-setup.ts'],
        },
      },
    ],
  },
});

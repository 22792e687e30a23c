import { fileURLToPath } from 'node:url';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { CLIENT, CONFORMANCE, INTEGRATION, OWN_CONFIG } from './test/projects.js';
import SlowFirstSequencer from './test/sequencer.js';

/** The run's temporary folders on the memory file system, when there is one: first, for the set-ups below too. */
const TEMPORARY = 'test/support/temporary-setup.ts';

/** The compiled command line and Prism's bundle, built once before the tests that run them. */
const BUILDS = 'test/support/builds-setup.ts';

/** TypeScript as the tests' modules and openapi-typescript import it. */
const TYPESCRIPT = fileURLToPath(new URL('test/support/typescript.ts', import.meta.url));

const CONTRACT_MOCKS = 'test/contract/global-setup.ts';
const PACKAGING_TARBALLS = 'test/packaging/global-setup.ts';

const PROJECTS: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: 'unit',
      include: ['test/**/*.test.ts'],
      exclude: [...INTEGRATION, ...CLIENT, ...CONFORMANCE, ...OWN_CONFIG],
      // Files share their worker's module cache: the pipeline's dependencies (two TypeScript
      // compilers, Redocly, openapi-typescript) load once per worker, not once per file.
      isolate: false,
      // The packaging set-up's folder: pack.test and tarball.test read one `npm pack` of the run.
      globalSetup: [TEMPORARY, PACKAGING_TARBALLS],
    },
  },
  {
    extends: true,
    // Whole commands and pipeline runs: processes (npm, Prism, Chromium, a cold generate) and
    // the pipeline on temporary projects.
    test: { name: 'integration', include: INTEGRATION, globalSetup: [TEMPORARY, BUILDS], isolate: false },
  },
  {
    extends: true,
    // The generated clients as a consumer uses them, against a Prism mock per API: the contract
    // tests, and the packaging tests that run each installed package against its API's mock.
    test: {
      name: 'client',
      include: CLIENT,
      globalSetup: [TEMPORARY, BUILDS, CONTRACT_MOCKS, PACKAGING_TARBALLS],
      isolate: false,
    },
  },
  {
    extends: true,
    // Spec conformance: the mocks reject a request that breaks each documented constraint. The
    // same set-up: run with the client project, both use the one set of mocks it starts.
    test: { name: 'conformance', include: CONFORMANCE, globalSetup: [TEMPORARY, CONTRACT_MOCKS] },
  },
];

/** Every file of the four projects, with every set-up, in one project. */
const EVERY_FILE: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'all',
    include: ['test/**/*.test.ts'],
    exclude: OWN_CONFIG,
    globalSetup: [TEMPORARY, BUILDS, CONTRACT_MOCKS, PACKAGING_TARBALLS],
    isolate: false,
  },
};

/**
 * Whether the command line asks for `all` (`npm test`). Only then is `all` the one project: a run of
 * some files (`npx vitest run test/cli/`) keeps the four, so a unit file starts no mocks.
 */
const picksAll = (): boolean =>
  process.argv.some(
    (arg, index, args) => arg === '--project=all' || (arg === '--project' && args[index + 1] === 'all'),
  );

export default defineConfig({
  resolve: {
    // TypeScript loaded by `require`, with V8's code cache, not imported as an ES module (why:
    // test/support/typescript.ts). openapi-typescript, which imports it, is transformed by vitest
    // like the sources, so that its imports of TypeScript lead there too.
    alias: [{ find: /^typescript$/, replacement: TYPESCRIPT }],
  },
  test: {
    server: { deps: { inline: ['openapi-typescript'] } },
    // A safety net against a hang, not a time budget: every test waits on events (a process's exit,
    // a line printed, a port), never a fixed time. The slowest tests under this default take about
    // 10 s on an idle machine and three to four times that at a load average of 7-15 on 2 cores.
    testTimeout: 120_000,
    // One worker per core (vitest's default leaves one core to itself: a single worker here). The
    // suite is CPU-bound once the mocks start beside the tests: measured back to back on this
    // 2-core machine, the run's processes given priority over other load, 2 workers took 77 s and
    // 109 CPU-s, 3 took 81 s and 111, 4 took 80 s and 112 (each worker loads its modules again).
    maxWorkers: 2,
    // Each worker imports TypeScript, Redocly and the rest once. Node 20 compiles every package
    // file of no declared type twice, first to detect ES module syntax, which the packages loaded
    // here do not use. No V8 flag here (--max-semi-space-size was one): V8 refuses a code cache
    // written under other flags, so every worker thread a test starts from the compiled command
    // line compiled its 20 MB bundle again (measured: 10 CPU-s more for four pipeline files).
    execArgv: ['--no-experimental-detect-module'],
    // Set-up starts Prism mocks and servers: seconds idle, many times that on a loaded machine.
    hookTimeout: 180_000,
    sequence: { sequencer: SlowFirstSequencer },
    setupFiles: ['test/support/equal-bytes.ts'],
    // Transformed test and source files are kept on disk between runs (node_modules/.experimental-
    // vitest-cache), keyed by content: `npm run test:unit` again takes about 10 s instead of 11.
    experimental: { fsModuleCache: true },
    // Four projects; `npx vitest run --project <name>` runs one (README, "Tests"), `npm run
    // test:unit` the first. Which file goes where: test/projects.ts. `npm test` (`--project all`)
    // runs them as one: vitest reuses a worker that is not isolated only for files of its own
    // project, so four meant seven workers, each loading TypeScript, Redocly and the rest again,
    // and seconds with a core idle at each change of project.
    projects: picksAll() ? [EVERY_FILE] : PROJECTS,
  },
});

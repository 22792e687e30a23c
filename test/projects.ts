/**
 * Which vitest project a test file belongs to, and the order files start in. A test file that
 * starts a process (npm, Prism, Chromium, a cold `generate`), runs the whole pipeline on a
 * temporary project, or reads the published corpus's vendor documents (test/corpus/documents/,
 * megabytes of text; petstore aside) belongs in INTEGRATION, so that the `unit` project stays the inner loop
 * (`npm run test:unit`, seconds); the `client` and `conformance` projects are their folders.
 */

/**
 * Whole commands and pipeline runs, slowest first. CPU seconds of each (its worker's, its threads'
 * and its child processes'), measured at a load average of 8 to 15 on this 2-core machine, which
 * about doubles them: import 21, lint-thread 20, generate 15, compiled 12 (two builds of the
 * command line), reference-docs 12, verify/npm-run 11, mock 6, compiled-worker 5, request-checks 5,
 * fixtures 5, broken-specs 4, command 4, determinism 4, diff 3.
 */
export const INTEGRATION = [
  'test/import/import.test.ts',
  'test/pipeline/orchestration/lint-thread.test.ts',
  'test/pipeline/orchestration/generate.test.ts',
  'test/cli/compiled.test.ts',
  'test/pipeline/docs/reference-docs.test.ts',
  'test/verify/npm-run.test.ts',
  'test/verify/mock.test.ts',
  'test/cli/compiled-worker.test.ts',
  'test/verify/request-checks.test.ts',
  'test/pipeline/fixtures.test.ts',
  'test/pipeline/broken-specs.test.ts',
  'test/pipeline/hostile-names.test.ts',
  'test/verify/command.test.ts',
  'test/pipeline/determinism.test.ts',
  'test/pipeline/orchestration/diff.test.ts',
  'test/verify/verify.test.ts',
  'test/pipeline/orchestration/watch.test.ts',
  'test/pipeline/orchestration/npm-run.test.ts',
  'test/pipeline/orchestration/noop.test.ts',
  'test/cli/noop.test.ts',
  // The published corpus's documents.
  'test/pipeline/load/loaded-before.test.ts',
  'test/pipeline/upgrade/upgrade-documents.test.ts',
  'test/pipeline/load/take-document.test.ts',
  'test/pipeline/types/discriminators-documents.test.ts',
];

/** The generated clients against a Prism mock per API, as built and as installed. */
export const CLIENT = ['test/contract/**/*.test.ts', 'test/packaging/**/*.test.ts'];

/** Each mock rejects a request that breaks each documented constraint. */
export const CONFORMANCE = ['test/conformance/**/*.test.ts'];

/** Not in `npm test`: the published corpus has a config of its own (`npm run test:corpus`, minutes). */
export const OWN_CONFIG = ['test/corpus/**'];

/**
 * The slowest files of the other projects, slowest first: a fresh clone (CI) has no durations
 * cached from an earlier run for vitest to order by.
 */
export const SLOW_FIRST = [
  // The longest file of all (a registry, every package published, installed and run: 25 s idle):
  // its project starts first, so that it does not start last.
  'test/packaging/release.test.ts',
  ...INTEGRATION,
  'test/packaging/install.test.ts',
  'test/packaging/errors-across-packages.test.ts',
  'test/packaging/commonjs.test.ts',
  'test/contract/published-shapes.test.ts',
  'test/contract/client.test.ts',
  'test/packaging/declarations.test.ts',
  'test/contract/discrepancies.test.ts',
  'test/conformance/constraints.test.ts',
  // unit, by the time each holds its worker (measured: its run, and before it the import of its
  // modules, which for the first file of a worker includes TypeScript, Redocly and the rest).
  // A file that does its work as it is imported (read-write.test's one program) counts that too:
  // vitest's cached durations leave it out, and started last it ran alone on one core.
  'test/changes/declarations.test.ts',
  'test/pipeline/orchestration/document-cache.test.ts',
  // Waits on timers (Retry-After, timeouts) more than it computes: beside the rest, not at the end.
  'test/runtime/faults.test.ts',
  'test/pipeline/vendor-shapes.test.ts',
  'test/pipeline/upgrade/upgrade.test.ts',
  // Waits for the run's one `npm pack`, a process beside the other worker.
  'test/publish/pack.test.ts',
  'test/lint/lint-stage.test.ts',
  'test/publish/tags.test.ts',
  'test/runtime/raw-client.test.ts',
  'test/pipeline/published-shapes.test.ts',
  'test/lint/example-rules.test.ts',
  'test/pipeline/types/read-write.test.ts',
  'test/runtime/properties.test.ts',
  // A process of its own (Node on an esbuild bundle), beside the tests that wait on timers.
  'test/runtime/timeout.test.ts',
  'test/pipeline/bundle/local.test.ts',
  'test/pipeline/types/discriminators.test.ts',
  'test/pipeline/types/conditionals.test.ts',
  'test/pipeline/runtime/runtime.test.ts',
  'test/shared/worker.test.ts',
  'test/verify/plan.test.ts',
];

/**
 * The order test files start in: within each project, the slowest first, so that neither worker is
 * left with a long file at the end. Vitest orders by the durations it cached on earlier runs; a
 * fresh clone (CI) has no cache, so the files known to be slow are named here.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Slowest first: each waits on child processes (Chromium, tsc, npm, Prism, the pipeline's CLI). */
const SLOW_FIRST = [
  'test/pipeline/docs/reference-docs.test.ts',
  'test/packaging/release.test.ts',
  'test/packaging/install.test.ts',
  'test/packaging/commonjs.test.ts',
  'test/pipeline/broken-specs.test.ts',
  'test/pipeline/determinism.test.ts',
  'test/verify/npm-run.test.ts',
  'test/verify/command.test.ts',
  'test/conformance/constraints.test.ts',
  'test/contract/client.test.ts',
  'test/pipeline/orchestration/npm-run.test.ts',
  'test/pipeline/fixtures.test.ts',
  'test/pipeline/orchestration/generate.test.ts',
];

const rank = (spec: TestSpecification): number => {
  const index = SLOW_FIRST.findIndex((file) => spec.moduleId.endsWith(file));
  return index === -1 ? SLOW_FIRST.length : index;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // Vitest keeps each project's files together; keep its project order, and its own order
    // among files of equal rank (Array.prototype.sort is stable).
    const projects = [...new Set(sorted.map((spec) => spec.project.name))];
    const project = (spec: TestSpecification) => projects.indexOf(spec.project.name);
    return sorted.sort((a, b) => project(a) - project(b) || rank(a) - rank(b));
  }
}

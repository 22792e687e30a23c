/**
 * The order test files start in: the projects whose slowest files are slowest first (so the many
 * short `unit` files fill the end, and neither core is left with a long file alone), and within
 * each project the slowest first. Vitest orders by the durations it cached on earlier runs; a
 * fresh clone (CI) has none, so the files known to be slow are named in `projects.ts`. A project's
 * files stay together: a worker that is not isolated is reused only for the next file of its project.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { SLOW_FIRST } from './projects.js';

const rank = (spec: TestSpecification): number => {
  const index = SLOW_FIRST.findIndex((file) => spec.moduleId.endsWith(file));
  return index === -1 ? SLOW_FIRST.length : index;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const projectRank = new Map<string, number>();
    for (const spec of sorted)
      projectRank.set(
        spec.project.name,
        Math.min(projectRank.get(spec.project.name) ?? Infinity, rank(spec)),
      );
    const project = (spec: TestSpecification) => projectRank.get(spec.project.name)!;
    // Array.prototype.sort is stable: vitest's own order among files of equal rank stays.
    return sorted.sort(
      (a, b) => project(a) - project(b) || a.project.name.localeCompare(b.project.name) || rank(a) - rank(b),
    );
  }
}

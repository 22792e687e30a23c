/**
 * The tasks a command may run in a worker thread (`src/shared/worker.ts`), by name: each imports
 * its stage when it runs.
 */
import type { ExampleLintInput } from '../pipeline/orchestration/example-lint.js';
import type { LintFindings } from '../pipeline/lint/index.js';

export interface Tasks {
  /** A published document's example rules, linted beside the rest (`example-lint.ts`). */
  'lint-examples': { input: ExampleLintInput; result: LintFindings };
}

export type TaskName = keyof Tasks;
export type TaskInput<Name extends TaskName> = Tasks[Name]['input'];
export type TaskResult<Name extends TaskName> = Tasks[Name]['result'];

const TASKS: { [Name in TaskName]: (input: TaskInput<Name>) => Promise<TaskResult<Name>> } = {
  'lint-examples': async (input) =>
    (await import('../pipeline/orchestration/example-lint.js')).lintExamples(input),
};

export function runTask<Name extends TaskName>(
  name: Name,
  input: TaskInput<Name>,
): Promise<TaskResult<Name>> {
  const task = TASKS[name];
  if (task === undefined) throw new Error(`no task ${JSON.stringify(name)}`);
  return task(input);
}

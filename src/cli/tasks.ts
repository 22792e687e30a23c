/**
 * The tasks a command may run in a worker thread (`src/shared/worker.ts`), by name: each imports
 * its stage when it runs.
 */
import type { BundledDocument, ExampleLintInput } from '../pipeline/orchestration/example-lint.js';
import type { LintFindings } from '../pipeline/lint/index.js';

export interface Tasks {
  /** A published document's example rules, linted beside the rest (`example-lint.ts`); sent the bundle. */
  'lint-examples': { input: ExampleLintInput; later: BundledDocument; result: LintFindings };
}

export type TaskName = keyof Tasks;
export type TaskInput<Name extends TaskName> = Tasks[Name]['input'];
export type TaskResult<Name extends TaskName> = Tasks[Name]['result'];
/** What the command sends a started task, in order (`RunningTask.send`). */
export type TaskInbox<Name extends TaskName> = () => Promise<Tasks[Name]['later']>;

const TASKS: {
  [Name in TaskName]: (input: TaskInput<Name>, inbox: TaskInbox<Name>) => Promise<TaskResult<Name>>;
} = {
  'lint-examples': async (input, inbox) =>
    (await import('../pipeline/orchestration/example-lint.js')).lintExamples(input, inbox),
};

export function runTask<Name extends TaskName>(
  name: Name,
  input: TaskInput<Name>,
  inbox: TaskInbox<Name>,
): Promise<TaskResult<Name>> {
  const task = TASKS[name];
  if (task === undefined) throw new Error(`no task ${JSON.stringify(name)}`);
  return task(input, inbox);
}

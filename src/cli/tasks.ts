/**
 * The tasks a command may run in a worker thread (`src/shared/worker.ts`), by name: each imports
 * its stage when it runs.
 */
import type { BundledDocument, LintThreadInput } from '../pipeline/orchestration/lint-thread.js';
import type { LintFindings } from '../pipeline/lint/index.js';

export interface Tasks {
  /** A large published document's lint, beside its upgrade (`lint-thread.ts`); sent the bundle. */
  'lint-published': { input: LintThreadInput; later: BundledDocument; result: LintFindings };
}

export type TaskName = keyof Tasks;
export type TaskInput<Name extends TaskName> = Tasks[Name]['input'];
export type TaskResult<Name extends TaskName> = Tasks[Name]['result'];
/** What the command sends a started task, in order (`RunningTask.send`). */
export type TaskInbox<Name extends TaskName> = () => Promise<Tasks[Name]['later']>;

const TASKS: {
  [Name in TaskName]: (input: TaskInput<Name>, inbox: TaskInbox<Name>) => Promise<TaskResult<Name>>;
} = {
  'lint-published': async (input, inbox) =>
    (await import('../pipeline/orchestration/lint-thread.js')).lintInThread(input, inbox),
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

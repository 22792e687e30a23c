/**
 * The tasks a command may run in a worker thread (`src/shared/worker.ts`), by name: each imports
 * its stage when it runs.
 */
import type { LintThreadHint, LintThreadInput, ToLintThread } from '../pipeline/orchestration/lint-thread.js';
import type { LintFindings } from '../pipeline/lint/index.js';

export interface Tasks {
  /** A large published document's lint, beside its upgrade (`lint-thread.ts`); sent the spec, then the bundle. */
  'lint-published': {
    input: LintThreadInput;
    later: ToLintThread;
    result: LintFindings;
    hint: LintThreadHint;
  };
}

export type TaskName = keyof Tasks;
export type TaskInput<Name extends TaskName> = Tasks[Name]['input'];
export type TaskResult<Name extends TaskName> = Tasks[Name]['result'];
/** What the command sends a started task, in order (`RunningTask.send`). */
export type TaskInbox<Name extends TaskName> = () => Promise<Tasks[Name]['later']>;

/** Each task's modules: loaded when it runs, or before (`loadTask`). */
const MODULES = {
  'lint-published': () => import('../pipeline/orchestration/lint-thread.js'),
} satisfies Record<TaskName, () => Promise<unknown>>;

const TASKS: {
  [Name in TaskName]: (input: TaskInput<Name>, inbox: TaskInbox<Name>) => Promise<TaskResult<Name>>;
} = {
  'lint-published': async (input, inbox) => (await MODULES['lint-published']()).lintInThread(input, inbox),
};

/** What a task prepares, in a thread started for it, before it is started (`loadTask`). */
const PREPARE: { [Name in TaskName]: (hint: Tasks[Name]['hint'] | undefined) => Promise<void> } = {
  'lint-published': async (hint) => (await MODULES['lint-published']()).prepareLint(hint),
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

/**
 * Loads a task's modules before it is started (a thread prepared for it: `prepareThread`), and
 * what it can prepare from `hint`, so that it starts working as soon as it is; resolves once done.
 */
export async function loadTask<Name extends TaskName>(
  name: Name,
  hint: Tasks[Name]['hint'] | undefined,
): Promise<void> {
  const prepare = PREPARE[name];
  if (prepare === undefined) throw new Error(`no task ${JSON.stringify(name)}`);
  await prepare(hint);
}

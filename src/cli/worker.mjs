/**
 * A worker thread's entry (`src/shared/worker.ts` starts it): runs the tasks of `main.ts`'s
 * `runTask` it is given, one after the other, and posts each one's result or error; a task reads
 * what the command sends it later from its inbox. The tasks come from the compiled bundles when
 * the command runs from them (their folder in `workerData.buildDir`), else from the sources
 * through tsx, loaded once for every task the thread runs.
 */
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {{ runTask(name: string, input: unknown, inbox: () => Promise<unknown>): Promise<unknown>; loadTask(name: string, hint: unknown): Promise<void> }} TaskModule */
/**
 * What the command sends (`ToThread` of `src/shared/worker.ts`).
 * @typedef {{ kind: 'task'; id: number; task: string; input: unknown } | { kind: 'later'; id: number; message: unknown } | { kind: 'load'; task: string; hint: unknown }} ToThread
 */

const { buildDir } = /** @type {{ buildDir?: string }} */ (workerData);
/** @type {ToThread[]} */
const received = [];
/** @type {((message: ToThread) => void) | undefined} */
let waiting;
// Listened to from the start: a message may arrive while the task's modules load. The listener
// keeps the thread alive between tasks; the command unreferences a thread it is not using.
parentPort?.on('message', (/** @type {ToThread} */ message) => {
  const reader = waiting;
  waiting = undefined;
  if (reader === undefined) received.push(message);
  else reader(message);
});
/** @returns {Promise<ToThread>} the next message the command sent, in order */
const next = () =>
  received.length > 0
    ? Promise.resolve(/** @type {ToThread} */ (received.shift()))
    : new Promise((resolve) => {
        waiting = resolve;
      });

/** @type {TaskModule} */
let cli;
if (buildDir === undefined) {
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport(new URL('./main.ts', import.meta.url).href, import.meta.url);
} else {
  const { loadCompiledCli } = await import('./compiled/launch.cjs');
  cli = /** @type {TaskModule} */ (loadCompiledCli(buildDir));
}

for (;;) {
  const message = await next();
  // A task to come: its modules loaded now, and what it can prepare, the task waiting for them if
  // it comes first. A task that cannot load says why when it runs.
  if (message.kind === 'load') {
    await cli.loadTask(message.task, message.hint).catch(() => undefined);
    continue;
  }
  // What was sent to a task that ended without reading it.
  if (message.kind !== 'task') continue;
  const { id, task, input } = message;
  /** @returns {Promise<unknown>} the next message sent to this task */
  const inbox = async () => {
    for (;;) {
      const later = await next();
      if (later.kind === 'later' && later.id === id) return later.message;
    }
  };
  try {
    parentPort?.postMessage({ kind: 'result', id, value: await cli.runTask(task, input, inbox) });
  } catch (error) {
    parentPort?.postMessage({ kind: 'error', id, error: cloneable(error) });
  }
}

/**
 * An error as the command can be sent it: an Error's class, message and stack cross threads, a
 * thrown value that cannot (a function in it) as its text.
 * @param {unknown} error
 */
function cloneable(error) {
  try {
    return structuredClone(error);
  } catch {
    return new Error(String(error));
  }
}

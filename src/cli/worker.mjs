/**
 * A worker thread's entry (`src/shared/worker.ts` starts it): runs one task of `main.ts`'s
 * `runTask` and posts its result; the task reads what the command sends it later from its inbox.
 * The tasks come from the compiled bundles when the command runs from them (their folder in
 * `workerData.buildDir`), else from the sources through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {{ runTask(name: string, input: unknown, inbox: () => Promise<unknown>): Promise<unknown> }} TaskModule */

const { buildDir, task, input } = /** @type {{ buildDir?: string; task: string; input: unknown }} */ (
  workerData
);
/** @type {unknown[]} */
const received = [];
/** @type {((message: unknown) => void)[]} */
const waiting = [];
// Listened to from the start: a message may arrive while the task's modules load.
parentPort?.on('message', (message) => {
  const reader = waiting.shift();
  if (reader === undefined) received.push(message);
  else reader(message);
});
/** The next message the command sent, in order. */
const inbox = () =>
  received.length > 0
    ? Promise.resolve(received.shift())
    : new Promise((resolve) => {
        waiting.push(resolve);
      });
/** @type {TaskModule} */
let cli;
if (buildDir === undefined) {
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport(new URL('./main.ts', import.meta.url).href, import.meta.url);
} else {
  const { loadCompiledCli } = await import('./compiled/launch.mjs');
  cli = /** @type {TaskModule} */ (loadCompiledCli(buildDir));
}
const result = await cli.runTask(task, input, inbox);
parentPort?.postMessage(result);
// The listener above would keep the thread alive.
parentPort?.removeAllListeners('message');

/**
 * A worker thread's entry (`src/shared/worker.ts` starts it): runs one task of `main.ts`'s
 * `runTask` and posts its result. The tasks come from the compiled bundles when the command runs
 * from them (their folder in `workerData.buildDir`), else from the sources through tsx.
 */
import { parentPort, workerData } from 'node:worker_threads';

/** @typedef {{ runTask(name: string, input: unknown): Promise<unknown> }} TaskModule */

const { buildDir, task, input } = /** @type {{ buildDir?: string; task: string; input: unknown }} */ (
  workerData
);
/** @type {TaskModule} */
let cli;
if (buildDir === undefined) {
  const { tsImport } = await import('tsx/esm/api');
  cli = await tsImport(new URL('./main.ts', import.meta.url).href, import.meta.url);
} else {
  const { loadCompiledCli } = await import('./compiled/launch.mjs');
  cli = /** @type {TaskModule} */ (loadCompiledCli(buildDir));
}
parentPort?.postMessage(await cli.runTask(task, input));

/**
 * Work a command hands to a second thread: a task of `src/cli/tasks.ts`, run by a worker thread
 * (`src/cli/worker.mjs`) from the same code as the command, compiled or not. Its input, what it is
 * sent later and its result cross threads by structured clone: plain data.
 */
import { Worker } from 'node:worker_threads';

/** Set by `src/cli/compiled/launch.mjs`: the folder of the bundles the command runs from. */
const BUILD_GLOBAL = '__cliBuild';

export interface RunningTask<T, Later = never> {
  /** Rejects when the task throws or the thread dies. */
  result: Promise<T>;
  /**
   * Hands the task what it waits for once started (its `inbox`): a thread started early loads
   * its modules while this one makes what it needs.
   */
  send(message: Later): void;
  /** Ends the thread, done or not. */
  stop(): Promise<void>;
}

/** The folder of the compiled bundles this command runs from; undefined when it runs from the sources. */
export function runningBuild(): string | undefined {
  const dir = (globalThis as Record<string, unknown>)[BUILD_GLOBAL];
  return typeof dir === 'string' ? dir : undefined;
}

/** Starts `task` (a name `src/cli/tasks.ts` lists, whose input and result types it gives) on `input`. */
export function startTask<Input, Result, Later = never>(
  task: string,
  input: Input,
): RunningTask<Result, Later> {
  const buildDir = runningBuild();
  const worker = new Worker(new URL('../cli/worker.mjs', import.meta.url), {
    workerData: { task, input, ...(buildDir === undefined ? {} : { buildDir }) },
  });
  const result = new Promise<Result>((resolve, reject) => {
    worker.once('message', (value: Result) => resolve(value));
    worker.once('error', reject);
    worker.once('exit', (code) =>
      reject(new Error(`the ${task} thread stopped (exit code ${code}) before its result`)),
    );
  });
  // Whoever stops the task early has no use for why it failed.
  result.catch(() => undefined);
  return {
    result,
    send: (message) => worker.postMessage(message),
    stop: async () => {
      await worker.terminate();
    },
  };
}

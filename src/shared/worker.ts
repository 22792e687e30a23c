/**
 * Work a command hands to a second thread: a task of `src/cli/tasks.ts`, run by a worker thread
 * (`src/cli/worker.mjs`) from the same code as the command, compiled or not. Its input and result
 * cross threads by structured clone: plain data.
 */
import { Worker } from 'node:worker_threads';

/** Set by `src/cli/compiled/launch.mjs`: the folder of the bundles the command runs from. */
const BUILD_GLOBAL = '__cliBuild';

export interface RunningTask<T> {
  /** Rejects when the task throws or the thread dies. */
  result: Promise<T>;
  /** Ends the thread, done or not. */
  stop(): Promise<void>;
}

/** Starts `task` (a name `src/cli/tasks.ts` lists, whose input and result types it gives) on `input`. */
export function startTask<Input, Result>(task: string, input: Input): RunningTask<Result> {
  const buildDir = (globalThis as Record<string, unknown>)[BUILD_GLOBAL];
  const worker = new Worker(new URL('../cli/worker.mjs', import.meta.url), {
    workerData: { task, input, ...(typeof buildDir === 'string' ? { buildDir } : {}) },
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
    stop: async () => {
      await worker.terminate();
    },
  };
}

/**
 * Work a command hands to a second thread: a task of `src/cli/tasks.ts`, run by a worker thread
 * (`src/cli/worker.mjs`) from the same code as the command, compiled or not. Its input, what it is
 * sent later and its result cross threads by structured clone: plain data.
 *
 * A thread whose task is done waits for the next one, unreferenced (it keeps no process alive):
 * its start, loading the command's modules (about 0.3 s of CPU from the compiled bundles, a second
 * through tsx), is paid once per process, not once per task. `generate --watch` lints each large
 * published document it rebuilds in the same thread, and so do the tests.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';

/** Below this many bytes of spec, a thread's start-up (about 0.3 s) costs more than its work saves. */
const WORTH_A_THREAD_BYTES = 1_000_000;

/** Whether a spec of `bytes` is worth work in a second thread: large, and a second core to run it. */
export function worthAThread(bytes: number): boolean {
  return bytes >= WORTH_A_THREAD_BYTES && availableParallelism() > 1;
}

/** Set by `src/cli/compiled/launch.cjs`: the folder of the bundles the command runs from. */
const BUILD_GLOBAL = '__cliBuild';

export interface RunningTask<T, Later = never> {
  /** Rejects when the task throws or the thread dies. */
  result: Promise<T>;
  /**
   * Hands the task what it waits for once started (its `inbox`): a thread started early loads
   * its modules while this one makes what it needs.
   */
  send(message: Later): void;
  /** Ends the task if it is still running, and its thread with it (a thread whose task is done waits for the next). */
  stop(): Promise<void>;
}

/** What a thread and the command say to each other (`src/cli/worker.mjs` has the other side). */
export type ToThread =
  | { kind: 'task'; id: number; task: string; input: unknown }
  | { kind: 'later'; id: number; message: unknown }
  | { kind: 'load'; task: string; hint: unknown };
export type FromThread =
  { kind: 'result'; id: number; value: unknown } | { kind: 'error'; id: number; error: unknown };

/** The folder of the compiled bundles this command runs from; undefined when it runs from the sources. */
export function runningBuild(): string | undefined {
  const dir = (globalThis as Record<string, unknown>)[BUILD_GLOBAL];
  return typeof dir === 'string' ? dir : undefined;
}

/** Threads whose task is done, by the build they load their modules from ('' for the sources). */
const idle = new Map<string, Worker[]>();
let lastTaskId = 0;

/** Starts `task` (a name `src/cli/tasks.ts` lists, whose input and result types it gives) on `input`. */
export function startTask<Input, Result, Later = never>(
  task: string,
  input: Input,
): RunningTask<Result, Later> {
  const buildDir = runningBuild();
  const key = buildDir ?? '';
  const worker = idle.get(key)?.pop() ?? startThread(buildDir);
  worker.ref();
  const id = ++lastTaskId;
  const post = (message: ToThread) => worker.postMessage(message);
  let settled = false;
  const result = new Promise<Result>((resolve, reject) => {
    const listeners = {
      message: (reply: FromThread) => {
        if (reply.id !== id) return;
        settled = true;
        worker.off('message', listeners.message);
        worker.off('error', listeners.error);
        worker.off('exit', listeners.exit);
        // Its task done, the thread waits for the next, keeping no process alive.
        worker.unref();
        idle.set(key, [...(idle.get(key) ?? []), worker]);
        if (reply.kind === 'result') resolve(reply.value as Result);
        else reject(reply.error);
      },
      error: reject,
      exit: (code: number) =>
        reject(new Error(`the ${task} thread stopped (exit code ${code}) before its result`)),
    };
    worker.on('message', listeners.message);
    worker.once('error', listeners.error);
    worker.once('exit', listeners.exit);
  });
  // Whoever stops the task early has no use for why it failed.
  result.catch(() => undefined);
  post({ kind: 'task', id, task, input });
  return {
    result,
    // Once the task is done, the thread may be another task's: tagged, the message is dropped there.
    send: (message) => post({ kind: 'later', id, message }),
    stop: async () => {
      // A task still running cannot be called off: its thread goes with it.
      if (!settled) await worker.terminate();
    },
  };
}

/**
 * Starts a thread for a task to come, unless one waits already: it loads the command's modules,
 * and those of `task` when named, which prepares with `hint` what it can before it is started
 * (`loadTask` of `src/cli/tasks.ts`), while the command reads what it will hand the task (`import`
 * of a large document: its lint thread, loading Redocly and parsing the document once the task
 * started, began its lint about 0.3 s after the bundle it waits for), and `startTask` takes it.
 * Unreferenced, as a thread waiting for a task is: it keeps no process alive.
 */
export function prepareThread(task?: string, hint?: unknown): void {
  const buildDir = runningBuild();
  const key = buildDir ?? '';
  if ((idle.get(key)?.length ?? 0) > 0) return;
  const worker = startThread(buildDir);
  worker.unref();
  if (task !== undefined) worker.postMessage({ kind: 'load', task, hint } satisfies ToThread);
  idle.set(key, [...(idle.get(key) ?? []), worker]);
}

function startThread(buildDir: string | undefined): Worker {
  // Loaded here, not as this module loads: node:worker_threads loads all of Node's streams, a few
  // CPU-ms of every command that imports this module and starts no thread (a spec broken in its
  // first line).
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const worker = new Worker(new URL('../cli/worker.mjs', import.meta.url), {
    workerData: buildDir === undefined ? {} : { buildDir },
  });
  // A task's listeners say why its thread died; one that dies waiting is no longer offered.
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    const key = buildDir ?? '';
    idle.set(
      key,
      (idle.get(key) ?? []).filter((waiting) => waiting !== worker),
    );
  });
  return worker;
}

/** Ends every thread waiting for a task (a test file that started them, before it ends); resolves with how many. */
export async function stopIdleThreads(): Promise<number> {
  const threads = [...idle.values()].flat();
  idle.clear();
  await Promise.all(threads.map((worker) => worker.terminate()));
  return threads.length;
}

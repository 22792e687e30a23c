/** Failures the tests make up (a file system that refuses a call), and the ones they catch. */
import { NODE_FS, type WriteFs } from '../../src/pipeline/write/index.js';

/** The error Node gives a file-system call that may not touch `path`. */
export function eperm(call: string, path: unknown): Error {
  return Object.assign(new Error(`EPERM: operation not permitted, ${call} '${String(path)}'`), {
    code: 'EPERM',
  });
}

/**
 * The write stage's file system, with `hook(n, call, args)` asked first about each mutating call
 * (numbered from 1): a promise it returns stands in for the real call (a rejection fails it, one
 * that never settles is a process killed there).
 */
export function hookedFs(hook: (n: number, call: string, args: unknown[]) => Promise<unknown> | void): {
  fs: WriteFs;
  calls: () => number;
} {
  let count = 0;
  const fs = Object.fromEntries(
    Object.entries(NODE_FS).map(([name, real]) => [
      name,
      (...args: unknown[]) => {
        count += 1;
        return hook(count, name, args) ?? (real as (...a: unknown[]) => Promise<unknown>)(...args);
      },
    ]),
  ) as unknown as WriteFs;
  return { fs, calls: () => count };
}

/** What `promise` rejects with; the test fails if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

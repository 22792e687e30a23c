/** The tests' temporary folders. */
import { rm } from 'node:fs/promises';

/**
 * Removes a temporary folder and everything in it, retrying while something still writes there (a
 * browser's profile, a child process on its way out), which makes `rm` fail with ENOTEMPTY or EBUSY.
 */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
}

/**
 * Puts the run's temporary folders in memory: a folder of its own in `/dev/shm` (tmpfs) becomes
 * TMPDIR for every set-up, worker and child process after this one, and is removed when the run
 * ends. The tests create and delete tens of thousands of files (projects, copies of the
 * repository, installs); on a disk file system that is system time, most of it the journal and
 * the discards of deleted blocks: 29-48 CPU-s of a run's 111-134 on this machine, 17 in memory.
 * Where there is no tmpfs at /dev/shm, or TMPDIR is set already, nothing changes.
 */
import { accessSync, constants, statfsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { removeDir } from './files.js';

const SHM = '/dev/shm';
/** statfs(2)'s magic number of a tmpfs. */
const TMPFS_MAGIC = 0x01021994;

export default async function setup(): Promise<() => Promise<void>> {
  if (process.env['TMPDIR'] !== undefined || !isWritableTmpfs(SHM)) return async () => undefined;
  const dir = await mkdtemp(join(SHM, 'vitest-'));
  process.env['TMPDIR'] = dir;
  return async () => {
    delete process.env['TMPDIR'];
    await removeDir(dir);
  };
}

function isWritableTmpfs(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return statfsSync(path).type === TMPFS_MAGIC;
  } catch {
    return false;
  }
}

/** Questions about the file system that several stages and commands ask. */
import { lstat, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** Every file under `dir`, relative and `/`-separated, sorted; `[]` when `dir` does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether something (a file, a folder, a link) is at `path`. */
export async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch {
    return false;
  }
}

/** Questions about the file system that several stages and commands ask. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
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

/**
 * Whether the file at `path` starts with `head` and ends with `tail`, reading only those bytes (a
 * reference page is megabytes; its banner and end are what say it is whole). False when it cannot
 * be read.
 */
export async function fileHasEnds(path: string, head: string, tail: string): Promise<boolean> {
  const [start, end] = [Buffer.from(head), Buffer.from(tail)];
  // Synchronous: five calls on one file, each a thread-pool round trip otherwise (a no-op
  // `generate` checks every package's page so).
  let fd;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const { size } = fstatSync(fd);
    if (size < start.length + end.length) return false;
    const read = (bytes: Buffer, position: number): boolean => {
      const buffer = Buffer.alloc(bytes.length);
      return readSync(fd, buffer, 0, bytes.length, position) === bytes.length && buffer.equals(bytes);
    };
    return read(start, 0) && read(end, size - end.length);
  } catch {
    return false;
  } finally {
    closeSync(fd);
  }
}

/** Questions about the file system that several stages and commands ask. */
import { lstat, open, readdir } from 'node:fs/promises';
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
  let file;
  try {
    file = await open(path);
  } catch {
    return false;
  }
  try {
    const { size } = await file.stat();
    if (size < start.length + end.length) return false;
    const read = async (bytes: Buffer, position: number): Promise<boolean> => {
      const buffer = Buffer.alloc(bytes.length);
      const { bytesRead } = await file.read(buffer, 0, bytes.length, position);
      return bytesRead === bytes.length && buffer.equals(bytes);
    };
    return (await read(start, 0)) && (await read(end, size - end.length));
  } catch {
    return false;
  } finally {
    await file.close();
  }
}

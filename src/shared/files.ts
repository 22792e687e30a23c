/** Questions about the file system that several stages and commands ask. */
import { closeSync, fstatSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import { relative } from 'node:path';

/** Every file under `dir`, relative and `/`-separated, sorted; `[]` when `dir` does not exist. */
export async function listFiles(dir: string): Promise<string[]> {
  let entries;
  try {
    // Synchronous: Node 20's recursive `readdir` of fs/promises took 3x the CPU time, and a
    // no-op `generate` lists the generator's sources and every package so.
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  // One `relative` per folder, not per file: it resolves both paths each time.
  const prefixes = new Map<string, string>();
  const prefixOf = (parent: string): string => {
    let prefix = prefixes.get(parent);
    if (prefix === undefined) {
      const folder = relative(dir, parent).split('\\').join('/');
      prefix = folder === '' ? '' : `${folder}/`;
      prefixes.set(parent, prefix);
    }
    return prefix;
  };
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => `${prefixOf(entry.parentPath)}${entry.name}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The bytes of the file at `path`; undefined when it cannot be read. Synchronous: each read of
 * fs/promises is four thread-pool round trips (open, stat, read, close), which cost more CPU than
 * reading a small file (a fifth of a small package's build, where the pipeline reads many).
 */
export function readFileOrUndefined(path: string): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch {
    return undefined;
  }
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

/**
 * The sha256 of files, remembered between runs: a file whose size, times and inode are as recorded
 * is not read again (the rule of `file-stat.cjs`, settling included). Deciding that nothing needs
 * generating hashed some 300 files (the generator's sources and every package's files), most of a
 * no-op run's own time; stat-ing them is a tenth.
 */
import { readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { settledBy, statKey } from './file-stat.cjs';
import { sha256 } from './hash.js';

/** Changes when the record's shape does. */
const FORMAT = 1;

export interface FileHashes {
  /** The sha256 of the file's bytes; undefined when it cannot be read. */
  hash(path: string): string | undefined;
  /**
   * The sha256 of `bytes`, just read from the file at `path` (stat-ed after the read, so that a
   * change made since shows in its stat): the recorded one while its stat is as recorded.
   */
  hashRead(path: string, bytes: Uint8Array): string;
}

/** Every file read and hashed, nothing remembered. */
export const HASH_EVERY_FILE: FileHashes = { hash: readAndHash, hashRead: (_path, bytes) => sha256(bytes) };

export interface RememberedHashes extends FileHashes {
  /** Writes the record when a hash was added or dropped since it was read; never throws. */
  save(): Promise<void>;
}

/** Path → `[stat key, sha256]`. */
type Entries = Record<string, [string, string]>;

/**
 * Hashes remembered in the record at `recordPath` (a JSON file; missing, unreadable or kept for
 * another `scope` is empty). A run that asks about fewer files (`--force` asks about none of the
 * packages') keeps the others' entries; a record for another scope (the tests' temporary projects
 * share the generator's cache folder) is replaced, so none grows without end, but for the entries
 * of files under `sharedDir`, which every scope reads alike (the generator's sources: some 200
 * files each run of a temporary project hashed again).
 */
export function rememberedHashes(recordPath: string, scope: string, sharedDir?: string): RememberedHashes {
  const recorded = readRecord(recordPath, scope, sharedDir);
  const entries: Entries = { ...recorded };
  let changed = false;
  /** The hash `compute` gives of the file at `path`, or the recorded one while its stat is as recorded. */
  const remembered = <T extends string | undefined>(path: string, compute: () => T): T => {
    const now = Date.now();
    let stat;
    try {
      stat = statSync(path);
    } catch {
      forget(path);
      return compute();
    }
    if (!stat.isFile()) {
      forget(path);
      return compute();
    }
    const key = statKey(stat);
    const known = recorded[path];
    if (Array.isArray(known) && known[0] === key && typeof known[1] === 'string') return known[1] as T;
    const hash = compute();
    if (hash !== undefined && settledBy(stat, now)) {
      entries[path] = [key, hash];
      changed = true;
    } else {
      forget(path);
    }
    return hash;
  };
  return {
    hash: (path) => remembered(path, () => readAndHash(path)),
    hashRead: (path, bytes) => remembered(path, () => sha256(bytes)),
    async save() {
      if (!changed) return;
      const temporary = `${recordPath}.${process.pid}`;
      try {
        await mkdir(dirname(recordPath), { recursive: true });
        await writeFile(temporary, JSON.stringify({ format: FORMAT, scope, files: entries }));
        await rename(temporary, recordPath);
      } catch {
        await rm(temporary, { force: true }).catch(() => undefined);
      }
    },
  };

  /** Drops the entry of a file that is gone, or changed too recently to be recorded again. */
  function forget(path: string): void {
    if (!Object.hasOwn(entries, path)) return;
    delete entries[path];
    changed = true;
  }
}

function readRecord(path: string, scope: string, sharedDir: string | undefined): Entries {
  try {
    const record = JSON.parse(readFileSync(path, 'utf8')) as {
      format?: unknown;
      scope?: unknown;
      files?: unknown;
    };
    if (record.format !== FORMAT) return {};
    if (typeof record.files !== 'object' || record.files === null || Array.isArray(record.files)) return {};
    const files = record.files as Entries;
    if (record.scope === scope) return files;
    if (sharedDir === undefined) return {};
    const prefix = `${sharedDir}${sep}`;
    return Object.fromEntries(Object.entries(files).filter(([file]) => file.startsWith(prefix)));
  } catch {
    return {};
  }
}

/**
 * Read synchronously: a thread-pool round trip for each open, stat, read and close of a small
 * file took longer than the read (3x under load).
 */
function readAndHash(path: string): string | undefined {
  try {
    return sha256(readFileSync(path));
  } catch {
    return undefined;
  }
}

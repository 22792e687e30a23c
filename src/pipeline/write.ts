/**
 * Stage 6, write: bring a package directory to exactly the built files. Only files whose bytes
 * differ are written (each through a temporary file and a rename, so a reader never sees half a
 * file), files the package no longer has are removed, and the manifest goes last: a run that
 * dies half-way leaves a package `--check` reports as stale rather than one that looks fresh.
 */
import { mkdir, readdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { listPackageFiles, MANIFEST_FILE } from './manifest.js';

export interface WriteResult {
  written: string[];
  removed: string[];
}

export async function writePackage(
  dir: string,
  files: Map<string, Buffer>,
  manifest: Buffer,
): Promise<WriteResult> {
  const result: WriteResult = { written: [], removed: [] };
  const wanted = new Map([...files, [MANIFEST_FILE, manifest]]);

  for (const file of await listPackageFiles(dir)) {
    if (!wanted.has(file)) {
      await rm(join(dir, file));
      result.removed.push(file);
    }
  }
  await removeEmptyDirs(dir);

  for (const [file, bytes] of [...files, [MANIFEST_FILE, manifest] as const]) {
    const path = join(dir, file);
    const current = await readFile(path).catch(() => undefined);
    if (current !== undefined && current.equals(bytes)) continue;
    await mkdir(dirname(path), { recursive: true });
    const temporary = `${path}.${process.pid}.tmp`;
    await writeFile(temporary, bytes);
    await rename(temporary, path);
    result.written.push(file);
  }
  return result;
}

/** Removes a generated package whose spec is gone. */
export async function removePackage(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}

async function removeEmptyDirs(dir: string): Promise<boolean> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return false;
  }
  let empty = true;
  for (const entry of entries) {
    if (entry.isDirectory() && (await removeEmptyDirs(join(dir, entry.name)))) {
      await rmdir(join(dir, entry.name));
    } else {
      empty = false;
    }
  }
  return empty;
}

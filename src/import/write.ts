/**
 * Writes an import whole or not at all: the API's folder is staged complete beside the others
 * (hidden, so no command takes it for an API) and swapped in by renaming, then `redocly.yaml` is
 * replaced by renaming a complete copy; if that fails, the old folder is put back. The folder's
 * other files (notes, overlays the entry does not list) are carried over.
 */
import { cp, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { exists } from '../shared/files.js';

export interface ImportWrite {
  /** `specs/published/<api>`. */
  dir: string;
  /** Files to write in it, by relative path. */
  files: Map<string, Buffer>;
  /** Files of the old folder to leave out (the document it replaces). */
  remove: string[];
  configPath: string;
  configText: string;
}

export async function writeImport({
  dir,
  files,
  remove,
  configPath,
  configText,
}: ImportWrite): Promise<void> {
  const staging = join(dirname(dir), `.${basename(dir)}.importing`);
  const previous = join(dirname(dir), `.${basename(dir)}.previous`);
  const configStaging = `${configPath}.importing`;
  await rm(staging, { recursive: true, force: true });
  await rm(previous, { recursive: true, force: true });
  try {
    if (await exists(dir)) await cp(dir, staging, { recursive: true });
    else await mkdir(staging, { recursive: true });
    for (const file of remove) await rm(join(staging, file), { force: true });
    for (const [file, bytes] of files) {
      await mkdir(dirname(join(staging, file)), { recursive: true });
      await writeFile(join(staging, file), bytes);
    }
    await writeFile(configStaging, configText);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    await rm(configStaging, { force: true });
    throw error;
  }
  const hadFolder = await exists(dir);
  if (hadFolder) await rename(dir, previous);
  try {
    await rename(staging, dir);
    await rename(configStaging, configPath);
  } catch (error) {
    await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    if (hadFolder) await rename(previous, dir).catch(() => undefined);
    await rm(staging, { recursive: true, force: true });
    await rm(configStaging, { force: true });
    throw error;
  }
  await rm(previous, { recursive: true, force: true });
}

/**
 * A folder for the tarballs of `generated/` that the packaging tests install (`packedPackages` in
 * consumer.ts): the first worker to need them packs the packages into it, once for the run, and
 * every packaging file of every worker reads them; the same for the projects they are installed
 * into, each package alone and every package together (`installedAlone`, `installedTogether`).
 * Removed when the run ends.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { removeDir } from '../support/files.js';

declare module 'vitest' {
  export interface ProvidedContext {
    packagingTarballs: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), 'packaging-tarballs-'));
  project.provide('packagingTarballs', dir);
  return () => removeDir(dir);
}

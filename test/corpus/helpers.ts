/** The corpus tests' projects and commands, run in-process as a user runs them. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { handleImport } from '../../src/import/index.js';
import type { GenerateOverrides } from '../../src/pipeline/orchestration/context.js';
import {
  generate,
  PROJECT_ROOT,
  runInProject,
  temporaryProject,
  writeProjectConfig,
  type RunResult,
} from '../pipeline/helpers.js';

export const CORPUS = new URL('./documents/', import.meta.url);
/** The real runtime: the consumer compiles against the package as it ships. */
export const RUNTIME = join(PROJECT_ROOT, 'src', 'runtime');

/** A project with nothing but the repository's rules (no APIs) and `vendor/<file>`. */
export async function projectWith(file: string, bytes: Buffer): Promise<string> {
  const root = await temporaryProject({});
  await writeProjectConfig(root, []);
  await mkdir(join(root, 'vendor'));
  await writeFile(join(root, 'vendor', file), bytes);
  return root;
}

/**
 * `npm run import -- <source> --name <name> [--overlay <overlay>]` in `root` (a relative path
 * starts there), with the real runtime unless `overrides` say otherwise: a replaced document's
 * change report compares with a package built with the same one.
 */
export const runImport = (
  root: string,
  source: string,
  name: string,
  { overlay, ...overrides }: GenerateOverrides & { overlay?: string | undefined } = {},
): Promise<RunResult> =>
  runInProject(
    root,
    (ctx) => handleImport({ source, name, cwd: root, ...(overlay === undefined ? {} : { overlay }) }, ctx),
    { runtimeDir: RUNTIME, ...overrides },
  );

/** `npm run generate` in `root`, with its own config and the real runtime. */
export const generateIn = (root: string) =>
  generate(root, { configPath: join(root, 'redocly.yaml'), runtimeDir: RUNTIME });

/** The corpus tests' projects and commands, run in-process as a user runs them. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { handleImport } from '../../src/import/index.js';
import { resolveContext } from '../../src/pipeline/orchestration/context.js';
import { describeError, exitCodeOf } from '../../src/shared/exit-codes.js';
import {
  generate,
  PROJECT_ROOT,
  temporaryProject,
  writeProjectConfig,
  type RunResult,
} from '../pipeline/helpers.js';

export const CORPUS = new URL('../../../shared/corpus/', import.meta.url);
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

/** `npm run import -- <source> --name <name>` in `root` (a relative source starts there). */
export async function runImport(root: string, source: string, name: string): Promise<RunResult> {
  const lines: string[] = [];
  const errors: string[] = [];
  const ctx = resolveContext({
    rootDir: root,
    runtimeDir: RUNTIME,
    color: false,
    reporter: {
      info: (line) => void lines.push(line),
      error: (line) => void (errors.push(line), lines.push(line)),
    },
  });
  let code: number;
  try {
    code = await handleImport({ source, name, cwd: root }, ctx);
  } catch (error) {
    errors.push(describeError(error));
    lines.push(describeError(error));
    code = exitCodeOf(error);
  }
  return { code, info: lines, errors, output: lines.join('\n') };
}

/** `npm run generate` in `root`, with its own config and the real runtime. */
export const generateIn = (root: string) =>
  generate(root, { configPath: join(root, 'redocly.yaml'), runtimeDir: RUNTIME });

/**
 * A throw-away copy of the repository for the suites that run `npm run generate`: its sources,
 * specs, configs and generated packages copied (so runs rewrite nothing in the repository, and
 * measure one snapshot of the generator while other people edit theirs), `node_modules` linked.
 * The copy's `src/` is its own, so the pipeline there generates from the copy's specs into the
 * copy's `generated/` (its root is found from its own location).
 */
import { cp, mkdtemp, readdir, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { BenchError } from './measure.js';

/** What a copy holds: what `npm run generate` reads, and the packages it checks against. */
const COPIED = ['src', 'scripts', 'specs', 'generated', 'package.json', 'tsconfig.json', 'redocly.yaml'];

export interface Workspace {
  dir: string;
  remove(): Promise<void>;
}

export async function createWorkspace(rootDir: string, prefix: string): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${prefix}-`));
  try {
    for (const entry of COPIED) await cp(join(rootDir, entry), join(dir, entry), { recursive: true });
    await symlink(join(rootDir, 'node_modules'), join(dir, 'node_modules'), 'dir');
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw new BenchError(`cannot copy the repository to ${dir}: ${(error as Error).message}`);
  }
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** A fresh empty folder (a cwd where no `redocly.yaml` or `package.json` is found). */
export async function createScratchDir(prefix: string): Promise<Workspace> {
  const dir = await mkdtemp(join(tmpdir(), `bench-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** The generated package folders of a workspace or repository, by name. */
export async function packageNames(rootDir: string): Promise<string[]> {
  const entries = await readdir(join(rootDir, 'generated'), { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * The entry file of an installed package's command (`tsx`, `tsc`, `openapi-typescript`), found
 * through its package.json so that neither `npx` nor PATH is involved (and timed).
 */
export function binPath(rootDir: string, packageName: string, bin: string): string {
  const require = createRequire(join(rootDir, 'package.json'));
  let manifestPath: string;
  try {
    manifestPath = require.resolve(`${packageName}/package.json`);
  } catch (error) {
    throw new BenchError(`${packageName} is not installed (${(error as Error).message}); run \`npm ci\``);
  }
  const manifest = require(manifestPath) as { bin?: string | Record<string, string> };
  const entry = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[bin];
  if (entry === undefined) throw new BenchError(`${packageName}'s package.json names no \`${bin}\` command`);
  return join(dirname(manifestPath), entry);
}

/**
 * What package.json's `name` script runs, as a command and its arguments: `exec node <args>` gives
 * this Node and `<args>`, so that suites time the command users run, without npm (and follow the
 * script when it changes).
 */
export async function scriptCommand(dir: string, name: string): Promise<{ command: string; args: string[] }> {
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const script = manifest.scripts?.[name];
  const words = script?.trim().split(/\s+/) ?? [];
  if (words[0] === 'exec') words.shift();
  if (words[0] !== 'node' || words.some((word) => /["'$`\\|&;<>]/.test(word))) {
    throw new BenchError(
      `package.json's \`${name}\` script is ${JSON.stringify(script)}: the bench runs \`[exec] node <plain arguments>\` only`,
    );
  }
  return { command: process.execPath, args: words.slice(1) };
}

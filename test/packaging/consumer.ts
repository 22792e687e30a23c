/**
 * A consumer of a packed package, as a person sets one up: `npm pack`, a fresh project with
 * `"type": "module"` that installs only the tarball, strict compiler options, the repository's own
 * `tsc` (the consumer installs no TypeScript: same compiler, one install less), then `node`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, watch } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { inject } from 'vitest';
import { CONSUMER_COMPILER_OPTIONS } from '../../src/bench/consumer-compiler-options.js';
import { typeCheckingHost } from '../support/type-check.js';

/** The repository's `generated/` folder. */
export const GENERATED = fileURLToPath(new URL('../../generated/', import.meta.url));

/** The packages in `generated/`, found rather than listed: a new API gets its packaging tests. */
export const packageNames = readdirSync(GENERATED, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(GENERATED, entry.name, 'package.json')))
  .map((entry) => entry.name)
  .sort();

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * A safety net: a hung npm or server should fail the test, not stall it. Far above a command's
 * time on a loaded machine (a strict tsc run took over 60 s at load average 20).
 */
const COMMAND_TIMEOUT_MS = 300_000;

/**
 * Runs a command to its end; never rejects for a non-zero exit (the caller decides what that means).
 * @param env the command's environment (default: this process's)
 */
export function run(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string | undefined> = process.env,
): Promise<CommandResult> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, {
      cwd,
      timeout: COMMAND_TIMEOUT_MS,
      env: { ...env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** `run`, rejecting with the command, its folder and everything it printed unless it exits with 0. */
export async function mustRun(
  command: string,
  args: string[],
  cwd: string,
  env?: Record<string, string | undefined>,
): Promise<string> {
  const result = await run(command, args, cwd, env);
  if (result.code !== 0) {
    throw new Error(
      `\`${[command, ...args].join(' ')}\` (in ${cwd}) exited with ${result.code}:\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

/** Packs every folder of `packageDirs` into `destination` with one npm call; the tarball path per folder. */
export async function packPackages(packageDirs: string[], destination: string): Promise<Map<string, string>> {
  // Absolute: npm reads a bare `generated/x` as a GitHub shorthand.
  const specs = packageDirs.map((dir) => resolve(dir));
  const output = await mustRun(
    'npm',
    ['pack', ...specs, '--pack-destination', destination, '--json', '--ignore-scripts'],
    process.cwd(),
  );
  const packed = JSON.parse(output) as { filename: string }[];
  if (packed.length !== packageDirs.length)
    throw new Error(`npm pack made ${packed.length} tarballs for ${packageDirs.length} folders:\n${output}`);
  return new Map(packageDirs.map((dir, index) => [dir, join(destination, packed[index]!.filename)]));
}

/**
 * openapi-fetch and every package it depends on, as installed in the repository's node_modules
 * (the versions the lock file pins): their folders, openapi-fetch first.
 */
export async function runtimeDependencies(): Promise<string[]> {
  const root = fileURLToPath(new URL('../../node_modules/', import.meta.url));
  const seen = new Set<string>();
  const visit = async (name: string): Promise<void> => {
    if (seen.has(name)) return;
    seen.add(name);
    const manifest = JSON.parse(await readFile(join(root, name, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys(manifest.dependencies ?? {})) await visit(dependency);
  };
  await visit('openapi-fetch');
  return [...seen].map((name) => join(root, name));
}

let packed: Promise<Map<string, string>> | undefined;

/**
 * Every package of `generated/` packed once per run, in the run's folder for them (the client
 * project's set-up, `global-setup.ts`), with openapi-fetch and its dependencies from node_modules
 * in the same `npm pack` (the release test's registry serves them): the tarball per folder. The
 * first worker to ask packs them; the others wait for what it writes. The files only read them.
 */
function packedOnce(): Promise<Map<string, string>> {
  return (packed ??= oncePerRun('packed', async () => {
    const dirs = [...packageNames.map((name) => join(GENERATED, name)), ...(await runtimeDependencies())];
    return [...(await packPackages(dirs, inject('packagingTarballs')))];
  }).then((tarballs) => new Map(tarballs)));
}

/** The tarball of each package of `generated/`, per package folder, in `packageNames` order. */
export async function packedPackages(): Promise<Map<string, string>> {
  const all = await packedOnce();
  return new Map(packageNames.map((name) => join(GENERATED, name)).map((dir) => [dir, all.get(dir)!]));
}

/** The tarballs of openapi-fetch and its dependencies (`runtimeDependencies`), per folder. */
export async function packedDependencies(): Promise<Map<string, string>> {
  const all = await packedOnce();
  return new Map((await runtimeDependencies()).map((dir) => [dir, all.get(dir)!]));
}

let installed: Promise<string> | undefined;

/**
 * The run's consumer projects, installed once per run by one `npm install` (one npm process, not
 * one per project): `consumer-<api>` with only that package's tarball (install.test.ts), and
 * `together` with every package (`installedTogether`). Each project is a workspace of one root,
 * installed with `--install-strategy=shallow`: a workspace's dependencies all sit in its own
 * node_modules, as npm's default (hoisted) layout puts them in a project of its own, and the
 * root's node_modules holds nothing but links to the workspaces, so no project sees another's
 * packages. The first worker to ask installs them; the others wait for it. Their root folder.
 */
function installedProjects(): Promise<string> {
  return (installed ??= oncePerRun('installed', async () => {
    const root = join(inject('packagingTarballs'), 'installed');
    const tarballs = await packedPackages();
    // As `npm install <tarball>` records it in the project's package.json.
    const dependency = (name: string) => {
      const manifest = JSON.parse(readFileSync(join(GENERATED, name, 'package.json'), 'utf8')) as {
        name: string;
      };
      return [manifest.name, `file:${tarballs.get(join(GENERATED, name))!}`] as const;
    };
    const projects: Record<string, Record<string, string>> = {
      ...Object.fromEntries(
        packageNames.map((name) => [`consumer-${name}`, Object.fromEntries([dependency(name)])]),
      ),
      together: Object.fromEntries(packageNames.map(dependency)),
    };
    for (const [folder, dependencies] of Object.entries(projects)) {
      await mkdir(join(root, folder), { recursive: true });
      await writeJson(join(root, folder, 'package.json'), {
        name: `packaging-${folder}`,
        private: true,
        type: 'module',
        dependencies,
      });
    }
    await writeJson(join(root, 'package.json'), {
      name: 'packaging-consumers',
      private: true,
      workspaces: Object.keys(projects),
    });
    await npmInstall(root, [], 'shallow');
    return root;
  }));
}

/**
 * A project of the run with only the package of `generated/<name>` installed from its tarball
 * (`installedProjects`): its folder.
 */
export async function installedAlone(name: string): Promise<string> {
  return join(await installedProjects(), `consumer-${name}`);
}

/**
 * A project of the run with every package of `generated/` installed from its tarball
 * (`installedProjects`, npm's hoisted layout; `"type": "module"`): the files that use all
 * packages at once from an application read it, each in a folder of its own in the project (a
 * CommonJS consumer's folder says so in a package.json of its own). Its folder.
 */
export async function installedTogether(): Promise<string> {
  return join(await installedProjects(), 'together');
}

async function writeJson(path: string, value: unknown): Promise<void> {
  await writeFile(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** What the worker that did a piece of the run's work writes for the others: its result, or why there is none. */
type OnceResult<T> = { value: T } | { error: string };

/**
 * `work`, done by the first worker of the run to ask for `name`; the others wait for the result it
 * writes into the run's folder (a value JSON can hold).
 */
async function oncePerRun<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = inject('packagingTarballs');
  const resultFile = join(dir, `${name}.json`);
  let result: OnceResult<T>;
  try {
    // mkdir is atomic: exactly one worker of the run creates it, and does the work.
    await mkdir(join(dir, `${name}.lock`));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    result = JSON.parse(await whenWritten(resultFile)) as OnceResult<T>;
    if ('error' in result) throw new Error(`another worker failed (${name}): ${result.error}`);
    return result.value;
  }
  const working = work();
  result = await working.then(
    (value) => ({ value }),
    (error: Error) => ({ error: error.message }),
  );
  // Renamed into place: a waiting worker never reads half a file.
  await writeFile(`${resultFile}.part`, JSON.stringify(result));
  await rename(`${resultFile}.part`, resultFile);
  return working;
}

/** The text of `path` once it exists: a watch on its folder, no timer. */
function whenWritten(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let done = false;
    const watcher = watch(dirname(path), (_event, name) => {
      if (name === basename(path)) look();
    });
    const finish = (settle: () => void) => {
      if (done) return;
      done = true;
      watcher.close();
      settle();
    };
    const look = () =>
      readFile(path, 'utf8').then(
        (text) => finish(() => resolve(text)),
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') finish(() => reject(error));
        },
      );
    watcher.on('error', (error) => finish(() => reject(error)));
    // Written before the watch began: read now.
    look();
  });
}

/**
 * A fresh project in `dir` with only `tarballs` installed from it, npm's cache first.
 * @param tarballs tarballs, or `name@version` specs for a registry
 * @param layout `linked`: as pnpm lays it out, each package's own dependencies out of the
 *   project's sight (npm's `--install-strategy=linked`); `hoisted`: npm's default, where they are
 *   not
 * @param type the project's `"type"`
 * @param env npm's environment, where its configuration comes from (default: this process's)
 */
export async function installProject(
  dir: string,
  tarballs: string[],
  {
    layout = 'hoisted',
    type = 'module',
    env,
  }: {
    layout?: 'hoisted' | 'linked';
    type?: 'module' | 'commonjs';
    env?: Record<string, string | undefined>;
  } = {},
): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeJson(join(dir, 'package.json'), { name: 'packaging-consumer', private: true, type });
  await npmInstall(dir, tarballs, layout, env);
}

/** `npm install <specs>` in the project `dir`, npm's cache first. */
async function npmInstall(
  dir: string,
  specs: string[],
  layout: 'hoisted' | 'linked' | 'shallow',
  env?: Record<string, string | undefined>,
): Promise<void> {
  // --prefix: under `npm test`, npm's own environment names the repository as the local prefix.
  await mustRun(
    'npm',
    [
      'install',
      ...specs,
      '--prefix',
      dir,
      `--install-strategy=${layout}`,
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--ignore-scripts',
    ],
    dir,
    env,
  );
}

/** Writes each of `files` (names relative to `dir`) into `dir`. */
export async function writeFiles(dir: string, files: Record<string, string>): Promise<void> {
  await Promise.all(Object.entries(files).map(([file, text]) => writeFile(join(dir, file), text)));
}

export interface Diagnostic {
  /** As tsc prints it, relative to the folder compiled: `consumer-diga/sample.ts`. */
  file: string;
  line: number;
  code: number;
  message: string;
}

/**
 * Compiles `files` (relative to `root`, from any of the consumer projects under it) as one
 * program, as `tsc -p <root>` does (the tsconfig.json it reads is written there), with `options`
 * over the strict consumer's, and returns its error diagnostics as tsc prints them. Each file still
 * resolves imports from its own project's node_modules; one program checks openapi-fetch's
 * declarations once (tsc merges identical name@version copies) instead of once per consumer.
 * JavaScript is emitted whatever the diagnostics, so one run both checks the `wrong-*.ts` files and
 * builds the samples. In this process, with the repository's TypeScript: a tsc process per compile
 * cost a second of CPU more, loading the compiler and parsing its lib files again.
 */
export async function compileTogether(
  root: string,
  files: string[],
  options: Record<string, unknown> = {},
): Promise<Diagnostic[]> {
  const tsconfig = { compilerOptions: { ...CONSUMER_COMPILER_OPTIONS, ...options }, files };
  const configPath = join(root, 'tsconfig.json');
  await writeFile(configPath, `${JSON.stringify(tsconfig, null, 2)}\n`);
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(`tsc -p ${root}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    },
  })!;
  const program = ts.createProgram({
    rootNames: parsed.fileNames,
    options: parsed.options,
    host: typeCheckingHost(parsed.options),
    configFileParsingDiagnostics: ts.getConfigFileParsingDiagnostics(parsed),
  });
  const emitted = program.emit();
  const errors = ts
    .sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics])
    .filter((diagnostic) => diagnostic.category === ts.DiagnosticCategory.Error);
  return errors.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    // An error of no file (a bad option, a missing input) belongs to no consumer: it stops the run.
    if (diagnostic.file === undefined || diagnostic.start === undefined)
      throw new Error(`tsc -p ${root}: error TS${diagnostic.code}: ${message}`);
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    // As tsc prints it: relative to the folder compiled.
    return { file: relative(root, diagnostic.file.fileName), line: line + 1, code: diagnostic.code, message };
  });
}

/**
 * Runs every entry given in turn in one node process, as `node <file> <args>` runs each alone: the
 * file loaded (`require()` for CommonJS, `import()` for an ES module, `.mjs`) with `process.argv`
 * set as node sets it, then left to run until the event loop is empty, when the next one starts. A
 * line per entry: what it printed with `console.log`, and what it threw, if anything.
 */
const RUN_EACH_SOURCE = `// Written by test/packaging/consumer.ts (runEach): one node process for several entries.
const { format } = require('node:util');
const { pathToFileURL } = require('node:url');
const entries = JSON.parse(process.argv[2]);
const node = process.argv[0];
const log = console.log;
let index = -1;
let current;
console.log = (...values) => current.lines.push(format(...values));
const fail = (error) => {
  current.error = String((error && error.stack) || error);
};
const next = () => {
  if (current !== undefined) log(JSON.stringify(current));
  index += 1;
  if (index === entries.length) return;
  const [file, ...args] = entries[index];
  current = { file, lines: [] };
  process.argv = [node, file, ...args];
  try {
    if (file.endsWith('.mjs')) import(pathToFileURL(file).href).catch(fail);
    else require(file);
  } catch (error) {
    fail(error);
  }
};
process.on('uncaughtException', fail);
process.on('beforeExit', next);
next();
`;

/**
 * Runs each of `entries` (absolute paths, with their arguments) as `runJsonLines` runs one, all in
 * one node process started in `dir` (a node start-up, and the loading of what they share, once
 * rather than once per entry): per entry, its stdout's JSON values, or its own error.
 */
export async function runEach(
  dir: string,
  entries: { file: string; args: string[] }[],
): Promise<Map<string, Promise<unknown[]>>> {
  const runner = join(dir, 'run-each.cjs');
  await writeFile(runner, RUN_EACH_SOURCE);
  const output = await mustRun(
    process.execPath,
    [runner, JSON.stringify(entries.map(({ file, args }) => [file, ...args]))],
    dir,
  );
  const results = new Map(
    output
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { file: string; lines: string[]; error?: string })
      .map((result) => [result.file, result]),
  );
  return new Map(
    entries.map(({ file }) => {
      const result = results.get(file);
      const values = async () => {
        if (result === undefined) throw new Error(`node ${file} did not run:\n${output}`);
        if (result.error !== undefined)
          throw new Error(
            `node ${file} failed: ${result.error}\n--- printed ---\n${result.lines.join('\n')}`,
          );
        return jsonLines(file, dir, result.lines.join('\n'));
      };
      const promise = values();
      promise.catch(() => undefined);
      return [file, promise];
    }),
  );
}

/** Runs `entry` with node in `dir`; its stdout, one JSON value per line. */
export async function runJsonLines(dir: string, entry: string, args: string[]): Promise<unknown[]> {
  return jsonLines(entry, dir, await mustRun(process.execPath, [entry, ...args], dir));
}

/** What `entry` printed, one JSON value per line. */
function jsonLines(entry: string, dir: string, output: string): unknown[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        throw new Error(
          `node ${entry} (in ${dir}) printed a line that is not JSON: ${line}\n--- all output ---\n${output}`,
        );
      }
    });
}

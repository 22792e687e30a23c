/**
 * Shared set-up of the pipeline tests: temporary projects (specs + generated tree) run through
 * `handleGenerate` in-process, with the repository's Redocly config and a stub runtime.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import {
  copyFile,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  readlink,
  rename,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { readPackageModel } from '../../src/model/package-model.js';
import type { GenerateContext, GenerateOverrides } from '../../src/pipeline/orchestration/context.js';
import type { CompiledRuntime } from '../../src/pipeline/runtime/index.js';
import { afterAll, beforeAll } from 'vitest';
import { BUILD_GLOBAL } from '../../src/cli/compiled/build.mjs';
import { compiledBuild } from '../../src/cli/compiled/launch.cjs';
import { listFiles } from '../../src/shared/files.js';
import { stopIdleThreads } from '../../src/shared/worker.js';
import { removeDir } from '../support/files.js';
import { typeCheckingHost } from '../support/type-check.js';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PROJECT_CONFIG = join(PROJECT_ROOT, 'redocly.yaml');
export const HERE = fileURLToPath(new URL('.', import.meta.url));

const temporaryDirs: string[] = [];
/** Removes every folder `temporaryDir` made; test files call it in `afterAll`. */
export async function removeTemporaryDirs(): Promise<void> {
  stubRuntime = undefined;
  await Promise.all(temporaryDirs.splice(0).map(removeDir));
}

/** In the run's memory folder where there is one (test/support/temporary-setup.ts sets TMPDIR). */
export async function temporaryDir(prefix = 'pipeline-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  temporaryDirs.push(dir);
  return dir;
}

/**
 * A stand-in for `src/runtime/index.ts` with just the surface generated packages use, so the
 * fixture snapshots describe the pipeline's output and not the runtime's current error classes.
 */
export const STUB_RUNTIME_INDEX = `export type { RawClient, RawResult } from './raw-client.js';

export interface ClientOptions {
  baseUrl?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** Every failed call of the stub. */
export class StubApiError extends Error {}
`;

/** A stand-in for `src/runtime/client.ts`: the factory generated packages call. */
export const STUB_RUNTIME_CLIENT = `import type { ApiDescription } from './api-description.js';
import type { ClientOptions } from './index.js';

export function createApiClient(api: ApiDescription, options: ClientOptions): { api: ApiDescription; options: ClientOptions } {
  return { api, options };
}
`;

/**
 * The worker threads the pipeline starts in the calling test file (a large published document's
 * example lint) run from the command line's compiled bundles, as under `npm run` (built before the
 * run by test/support/builds-setup.ts, with their code caches), not from the sources through tsx:
 * about a second of CPU less for each. Other files share the test worker: put back after the file.
 */
export function threadsFromCompiledBuild(): void {
  const threads = globalThis as Record<string, unknown>;
  beforeAll(async () => {
    threads[BUILD_GLOBAL] = await compiledBuild(PROJECT_ROOT);
  });
  afterAll(async () => {
    delete threads[BUILD_GLOBAL];
    // The file's threads wait for its next task (src/shared/worker.ts): no other file has one.
    await stopIdleThreads();
  });
}

let repositoryRuntimeCompiled: Promise<CompiledRuntime> | undefined;
/**
 * The repository's runtime (src/runtime) compiled as `npm run generate` compiles it: read from the
 * run's cache (`.cache/generate/runtime/`, keyed by the generator's sources) where a run or another
 * test file left it, instead of transpiling every module again (about a second of CPU).
 */
export function repositoryRuntime(): Promise<CompiledRuntime> {
  return (repositoryRuntimeCompiled ??= (async () => {
    const { resolveContext } = await import('../../src/pipeline/orchestration/context.js');
    const { generatorHash } = await import('../../src/pipeline/orchestration/manifest.js');
    const { createRunResources } = await import('../../src/pipeline/orchestration/build.js');
    const ctx = resolveContext({ rootDir: PROJECT_ROOT });
    return createRunResources(ctx, (path) => path, await generatorHash(ctx)).runtime();
  })());
}

let stubRuntime: Promise<string> | undefined;
/**
 * The real runtime's modules, which `operations.js` and `index.js` import by name (`auth.ts`'s
 * scheme constructors, `body.ts`'s serialisers, `response.ts`'s readers, the `raw-client.ts` the
 * client's declaration extends), with the stub `index.ts` and `client.ts` in place of the real
 * ones, in a folder of its own (`stubRuntimeDirWith`).
 */
export function stubRuntimeDir(): Promise<string> {
  return (stubRuntime ??= stubRuntimeDirWith({}));
}

/**
 * The stub runtime with `replaced` files (name → content) in place of its own, in a folder named
 * by its content (`.cache/test/runtime-stub-<hash>/` of the repository), the same for every test
 * file, worker and run: the pipeline compiles a runtime once per folder and content and keeps it in
 * `.cache/generate/`, where a new folder per file or per run cost half a second to two seconds each.
 */
export async function stubRuntimeDirWith(replaced: Record<string, string>): Promise<string> {
  const files = new Map<string, string | Buffer>();
  for (const file of (await readdir(join(PROJECT_ROOT, 'src/runtime'))).sort()) {
    if (file !== 'index.ts' && file !== 'client.ts')
      files.set(file, await readFile(join(PROJECT_ROOT, 'src/runtime', file)));
  }
  files.set('index.ts', STUB_RUNTIME_INDEX);
  files.set('client.ts', STUB_RUNTIME_CLIENT);
  for (const [file, content] of Object.entries(replaced)) files.set(file, content);
  const hash = createHash('sha256');
  for (const [file, content] of files) hash.update(`${file}\0`).update(content).update('\0');
  const dir = join(PROJECT_ROOT, '.cache', 'test', `runtime-stub-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  // Written beside it and renamed into place: another worker may be writing the same folder.
  const partial = `${dir}.${process.pid}`;
  await mkdir(partial, { recursive: true });
  await Promise.all([...files].map(([file, content]) => writeFile(join(partial, file), content)));
  try {
    await rename(partial, dir);
  } catch (error) {
    await removeDir(partial);
    if (!existsSync(dir)) throw error;
  }
  return dir;
}

/**
 * A project folder with `specs/<file>` for each entry (files may sit in sub-folders), and the
 * repository's `node_modules` linked in so generated packages resolve `openapi-fetch`.
 */
export async function temporaryProject(specs: Record<string, string | Buffer>): Promise<string> {
  const root = await temporaryDir();
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  for (const [file, content] of Object.entries(specs)) {
    await mkdir(dirname(join(root, 'specs', file)), { recursive: true });
    await writeFile(join(root, 'specs', file), content);
  }
  return root;
}

/**
 * A copy of this repository (generator, scripts, specs, committed packages) at `root`, with its
 * `node_modules` linked: `npm run` and `scripts/cli.cjs` there generate into the copy. With
 * `compiledCli`, the repository's compiled command line comes along (`.cache/cli/`, built here first
 * if stale), as a checkout whose cache is up to date has it: the copy's sources are the same, so
 * `scripts/cli.cjs` there runs it instead of building its own (seconds of esbuild each).
 */
export async function copyOfRepository(root: string, options: { compiledCli?: boolean } = {}): Promise<void> {
  await mkdir(root, { recursive: true });
  const build = options.compiledCli ? compiledBuild(PROJECT_ROOT) : undefined;
  await Promise.all([
    ...['src', 'scripts', 'specs', 'generated'].map((dir) =>
      copyTree(join(PROJECT_ROOT, dir), join(root, dir)),
    ),
    ...['package.json', 'redocly.yaml'].map((file) => copyFile(join(PROJECT_ROOT, file), join(root, file))),
  ]);
  await symlink(join(PROJECT_ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  if (build) {
    const dir = await build;
    const copy = join(root, relative(PROJECT_ROOT, dir));
    await copyTree(dir, copy);
    await writeFile(join(dirname(copy), 'latest'), basename(dir));
  }
}

/**
 * `redocly.yaml` in the project itself: the repository's rules (its plugin by absolute path) and
 * an `apis` entry for each name given, `root: specs/<name>.yaml`. Resolves the config's path.
 */
export async function writeProjectConfig(root: string, apis: string[]): Promise<string> {
  const rules = (await readFile(PROJECT_CONFIG, 'utf8'))
    .replace('./src/redocly/plugin.js', join(PROJECT_ROOT, 'src/redocly/plugin.js'))
    .replace(/^apis:[\s\S]*$/m, '');
  const entries = apis.map((name) => `  ${name}:\n    root: specs/${name}.yaml\n`).join('');
  const path = join(root, 'redocly.yaml');
  await writeFile(path, `${rules}apis:\n${entries}`);
  return path;
}

export interface RunResult {
  code: number;
  info: string[];
  errors: string[];
  /** info and errors in order, one string. */
  output: string;
}

/** `handleGenerate` on `root` with the repository's config and the stub runtime, output collected. */
export async function generate(root: string, overrides: GenerateOverrides = {}): Promise<RunResult> {
  const info: string[] = [];
  const errors: string[] = [];
  const all: string[] = [];
  // Loaded on first use: the pipeline pulls in two TypeScript compilers, Redocly and
  // openapi-typescript, which the tests that only spawn processes or compile the runtime skip.
  const { resolveContext } = await import('../../src/pipeline/orchestration/context.js');
  const { handleGenerate } = await import('../../src/pipeline/orchestration/generate.js');
  const ctx = resolveContext({
    rootDir: root,
    configPath: PROJECT_CONFIG,
    runtimeDir: await stubRuntimeDir(),
    color: false,
    // Each page costs a second of build-docs; test/pipeline/docs/ covers them.
    docs: false,
    reporter: {
      info: (line) => void (info.push(line), all.push(line)),
      error: (line) => void (errors.push(line), all.push(line)),
    },
    ...overrides,
  });
  const code = await handleGenerate(ctx);
  return { code, info, errors, output: all.join('\n') };
}

/**
 * A command's work (`handleImport`, `handleDiff`) run in-process on the project at `root`, with the
 * stub runtime unless `overrides` say otherwise, its output collected and a thrown error printed
 * and turned into an exit code as the command line does (`error: …` for wrong usage, exit 2).
 */
export async function runInProject(
  root: string,
  work: (ctx: GenerateContext) => Promise<number>,
  overrides: GenerateOverrides = {},
): Promise<RunResult> {
  const info: string[] = [];
  const errors: string[] = [];
  const all: string[] = [];
  const { resolveContext } = await import('../../src/pipeline/orchestration/context.js');
  const { describeError, exitCodeOf } = await import('../../src/shared/exit-codes.js');
  const ctx = resolveContext({
    rootDir: root,
    runtimeDir: await stubRuntimeDir(),
    color: false,
    reporter: {
      info: (line) => void (info.push(line), all.push(line)),
      error: (line) => void (errors.push(line), all.push(line)),
    },
    ...overrides,
  });
  let code: number;
  try {
    code = await work(ctx);
  } catch (error) {
    const message = describeError(error);
    errors.push(message);
    all.push(message);
    code = exitCodeOf(error);
  }
  return { code, info, errors, output: all.join('\n') };
}

/**
 * Every file under `dir` with its bytes, for byte-for-byte comparisons. Read synchronously: each of
 * fs/promises' reads is four thread-pool round trips, which cost more CPU than reading the file.
 */
export async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const tree = new Map<string, Buffer>();
  for (const file of await listFiles(dir)) tree.set(file, readFileSync(join(dir, file)));
  return tree;
}

/**
 * Copies the folder `from` to `to` (into it, if it exists), symbolic links as links. What `cp -r`
 * does, with a `readdir` per folder and a `copyFile` per file: `fs.cp` stats every source, its
 * destination and their parents first: copying the generator's sources (200 files, as
 * noop.test.ts copies them for each test) took it 1.8 times the CPU.
 */
export async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  await Promise.all(
    (await readdir(from, { withFileTypes: true })).map(async (entry) => {
      const [source, target] = [join(from, entry.name), join(to, entry.name)];
      if (entry.isDirectory()) await copyTree(source, target);
      else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
      else await copyFile(source, target);
    }),
  );
}

/**
 * Type-checks `rootNames` (and what they import) under strict settings stricter than the
 * repository's, with every declaration file checked but TypeScript's own lib files (which need no
 * re-checking and were most of the time) and the installed packages': the generated `.d.ts` files
 * are what is under test. openapi-fetch's declarations, a second of CPU to check, are checked
 * under the strict consumer's options by test/packaging/install.test.ts. Returns the diagnostics,
 * formatted.
 */
export function typecheck(rootNames: string[], { checkJs = false } = {}): string[] {
  const options: ts.CompilerOptions = {
    // The repository's own typecheck checks generated JavaScript too (tsconfig.json: checkJs).
    allowJs: checkJs,
    checkJs,
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    noImplicitOverride: true,
    noEmit: true,
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    resolveJsonModule: true,
    verbatimModuleSyntax: true,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    types: [],
  };
  const program = ts.createProgram({
    rootNames,
    options,
    host: typeCheckingHost(options),
  });
  const checked = program.getSourceFiles().filter((file) => !program.isSourceFileFromExternalLibrary(file));
  const diagnostics = ts.sortAndDeduplicateDiagnostics([
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...checked.flatMap((file) => [
      ...program.getSyntacticDiagnostics(file),
      ...program.getSemanticDiagnostics(file),
    ]),
  ]);
  return diagnostics.map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (diagnostic.file === undefined || diagnostic.start === undefined) return message;
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${diagnostic.file.fileName}:${line + 1}:${character + 1}: ${message}`;
  });
}

/**
 * A consumer module for a generated package: creates the client with every credential and
 * touches each operation method, so the declarations are exercised as a user would.
 */
export async function writeConsumer(
  packageDir: string,
  apiName: string,
  path = join(packageDir, 'consumer.mts'),
): Promise<string> {
  const api = await readPackageModel(packageDir);
  const Name = apiName.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
  const credentials = Object.values(api.securitySchemes).map(
    (scheme) =>
      `${JSON.stringify(scheme.credential)}: ${scheme.type === 'http' && scheme.scheme === 'basic' ? "{ username: 'user', password: 'secret' }" : "'secret'"}`,
  );
  let from = relative(dirname(path), join(packageDir, 'index.js')).split('\\').join('/');
  if (!from.startsWith('.')) from = `./${from}`;
  await writeFile(
    path,
    [
      `import { create${Name}Client, type ${Name}Client, type ${Name}ClientOptions } from '${from}';`,
      `const options: ${Name}ClientOptions = { ${credentials.join(', ')} };`,
      `export const client: ${Name}Client = create${Name}Client(options);`,
      `export const methods = [${api.operations
        .map((operation) => `client[${JSON.stringify(operation.operationId)}]`)
        .join(', ')}];`,
      '',
    ].join('\n'),
  );
  return path;
}

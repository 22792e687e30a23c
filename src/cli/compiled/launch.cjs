/**
 * Runs the command line from its compiled bundles (`build.mjs`), kept in `.cache/cli/` and rebuilt
 * when a source file they were built from, the installed packages or Node change: a cold
 * `npm run generate` then starts without a TypeScript loader and without parsing its packages.
 * Each bundle runs with V8's code cache, written beside it by the first run that lacks one (and
 * `cli.cjs`'s again by the first to build a package, if a run that built none wrote it). When the
 * bundles cannot be built (a source that does not compile), the sources run through tsx, which
 * reports the problem as before. A `generate` that the no-op record answers (`noop-record.cjs`) is
 * answered from it, without loading the bundles: by `scripts/cli.cjs` before this module loads
 * (`noop-answer.cjs`), or here once a file whose stat changed has been hashed.
 *
 * CommonJS, as everything it requires until a bundle runs, so that a command that imports no ES
 * module (a spec broken in its first line, `--help`) never starts Node's ES-module loader. Importing
 * this module as an ES module cost about 30 CPU-ms and 490 page faults on its own, though in a whole
 * run much of that (fs/promises, the URL parser) is loaded by the bundle anyway: some 6 CPU-ms of
 * the broken spec's run, measured side by side. `build.mjs` (and esbuild) are imported only to build.
 */
const { readFileSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { mkdir, readdir, rename, rm, writeFile } = require('node:fs/promises');
const Module = require('node:module');
const { basename, join, relative, resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const vm = require('node:vm');
const { settledBy, statKey } = require('../../shared/file-stat.cjs');
const { recordedNoop } = require('../../shared/noop-record.cjs');
const { IMPORT_GLOBAL } = require('../../bundle/globals.cjs');
const { BUILD_GLOBAL, isHeavy } = require('./bundles.cjs');
const { INPUTS_FILE, LATEST_FILE, printNoop } = require('./noop-answer.cjs');

const { createRequire } = Module;

const ROOT_DIR = resolve(__dirname, '../../..');

const KEEP_OLD_BUILDS_MS = 3_600_000;

/**
 * @typedef {{ main(argv: readonly string[]): Promise<number> }} CliModule
 * @typedef {'build' | 'light'} CacheKind what the run that wrote a code cache did: built a package (loaded `vendor.cjs`), or not
 * @typedef {{ script: import('node:vm').Script; path: string; cached: CacheKind | undefined; rejected: string | undefined }} LoadedScript
 */

/**
 * `main(argv)` of `src/cli/main.ts`, compiled; resolves the exit code.
 * @param {readonly string[]} argv
 * @param {{ rootDir?: string; cacheDir?: string }} [options]
 * @returns {Promise<number>}
 */
async function runCompiled(argv, options = {}) {
  const rootDir = options.rootDir ?? ROOT_DIR;
  let dir;
  try {
    dir = await compiledBuild(rootDir, options.cacheDir);
  } catch {
    return runSources(rootDir, argv);
  }
  // Only `generate` records a no-op: other commands do not read the record at every start.
  const noop = argv[0] === 'generate' ? recordedNoop(rootDir, argv, basename(dir)) : undefined;
  if (noop !== undefined) {
    printNoop(noop);
    return 0;
  }
  /** @type {LoadedScript[]} */
  const loaded = [];
  // Where a worker thread of this command loads the same bundles from (`src/cli/worker.mjs`).
  /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis))[BUILD_GLOBAL] = dir;
  const cli = loadCli(dir, loaded);
  const code = await /** @type {CliModule} */ (cli).main(argv);
  await saveCodeCaches(loaded);
  return code;
}

/**
 * The folder of a build of `rootDir`'s sources as they are: the last one if still fresh, else a new
 * one. Rejects when the sources do not compile.
 * @param {string} rootDir
 * @param {string} [cacheDir] `.cache/cli/` of `rootDir` by default
 * @returns {Promise<string>}
 */
async function compiledBuild(rootDir, cacheDir = join(rootDir, '.cache', 'cli')) {
  return (await freshBuild(rootDir, cacheDir)) ?? (await rebuild(rootDir, cacheDir));
}

/**
 * The folder of the last build when every input is as it was built from, else undefined. A file
 * whose stat is as recorded (`file-stat.cjs`) is taken as unchanged; another is hashed, and its
 * stat recorded once it has settled, so that the next run need not hash it again.
 * @param {string} rootDir
 * @param {string} cacheDir
 */
function freshBuild(rootDir, cacheDir) {
  // Synchronous, and without `join` for each of some 170 files: every command starts here.
  try {
    const now = Date.now();
    const dir = lastBuild(cacheDir);
    if (dir === undefined) return undefined;
    /** @type {Inputs} */
    const recorded = JSON.parse(readFileSync(join(dir, INPUTS_FILE), 'utf8'));
    if (recorded.node !== process.version) return undefined;
    let settled = false;
    for (const [file, input] of Object.entries(recorded.files)) {
      const path = `${rootDir}/${file}`;
      const stat = statOf(path, now);
      if (stat === input.stat && stat !== UNSETTLED) continue;
      if (hashOf(path) !== input.sha256) return undefined;
      if (stat === UNSETTLED) continue;
      input.stat = stat;
      settled = true;
    }
    if (settled) saveInputs(dir, recorded);
    return dir;
  } catch {
    return undefined;
  }
}

/**
 * @typedef {{ node: string; files: Record<string, { stat: string; sha256: string }> }} Inputs
 */

/**
 * What a build depends on: Node's version, and the stat and hash of each source file it was built
 * from, of npm's record of the installed packages and of the modules that build it.
 * @param {string} rootDir
 * @param {{ file: string; sha256?: string }[]} sources project-relative paths, each with the hash
 *   of the bytes the build read when it read them itself
 * @param {number} started when the build began to read them
 * @returns {Inputs}
 */
function inputsOf(rootDir, sources, started) {
  const builders = [
    './build.mjs',
    './bundles.cjs',
    './launch.cjs',
    './noop-answer.cjs',
    '../../bundle/globals.cjs',
    '../../bundle/rewrites.mjs',
  ].map((file) => relative(rootDir, resolve(__dirname, file)).split('\\').join('/'));
  /** @type {Map<string, string | undefined>} */
  const files = new Map(sources.map(({ file, sha256 }) => [file, sha256]));
  for (const file of ['node_modules/.package-lock.json', ...builders])
    if (!files.has(file)) files.set(file, undefined);
  return {
    node: process.version,
    files: Object.fromEntries(
      [...files].map(([file, sha256]) => [
        file,
        // A file changed since the build read it is unsettled by `started`: its stat never matches.
        { stat: statOf(join(rootDir, file), started), sha256: sha256 ?? hashOf(join(rootDir, file)) },
      ]),
    ),
  };
}

/** The stat of a file that had not settled: it never matches, so the file is hashed. */
const UNSETTLED = '(unsettled)';

/**
 * The file's stat key as of `time` (`UNSETTLED` for a file changed shortly before).
 * @param {string} path
 * @param {number} time
 */
function statOf(path, time) {
  try {
    const stat = statSync(path);
    return settledBy(stat, time) ? statKey(stat) : UNSETTLED;
  } catch {
    return '(missing)';
  }
}

/** @param {string} path */
function hashOf(path) {
  try {
    // Required here: node:crypto takes longer to load than a fresh build takes to check.
    const { createHash } = require('node:crypto');
    return createHash('sha256').update(readFileSync(path)).digest('hex');
  } catch {
    return '(missing)';
  }
}

/**
 * Writes a build's inputs again with the stats of files hashed since (a rename: a concurrent run
 * reads the old record or the new); one that cannot be written is skipped.
 * @param {string} dir
 * @param {Inputs} inputs
 */
function saveInputs(dir, inputs) {
  const temporary = join(dir, `${INPUTS_FILE}.${process.pid}`);
  try {
    writeFileSync(temporary, JSON.stringify(inputs));
    renameSync(temporary, join(dir, INPUTS_FILE));
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * Builds into a new folder, then points `latest` at it (a rename: concurrent runs each see a whole
 * build) and removes older builds.
 * @param {string} rootDir
 * @param {string} cacheDir
 */
async function rebuild(rootDir, cacheDir) {
  await mkdir(cacheDir, { recursive: true });
  const id = `${Date.now().toString(36)}-${process.pid}`;
  const dir = join(cacheDir, id);
  await mkdir(dir);
  try {
    const started = Date.now();
    const { buildCompiledCli } = await import('./build.mjs');
    const sources = await buildCompiledCli(rootDir, dir, lastBuild(cacheDir));
    await writeFile(join(dir, INPUTS_FILE), JSON.stringify(inputsOf(rootDir, sources, started)));
    await writeFile(join(cacheDir, `${LATEST_FILE}.${id}`), id);
    await rename(join(cacheDir, `${LATEST_FILE}.${id}`), join(cacheDir, LATEST_FILE));
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  // An older build may still be running (a mock started before the sources changed loads
  // vendor.cjs when it first needs it): only builds an hour old go.
  for (const entry of await readdir(cacheDir)) {
    const built = /^([0-9a-z]+)-\d+$/.exec(entry)?.[1];
    if (built !== undefined && entry !== id && Date.now() - parseInt(built, 36) > KEEP_OLD_BUILDS_MS)
      await rm(join(cacheDir, entry), { recursive: true, force: true });
  }
  return dir;
}

/**
 * The folder of the last build, stale or not, if any.
 * @param {string} cacheDir
 */
function lastBuild(cacheDir) {
  try {
    return join(cacheDir, readFileSync(join(cacheDir, LATEST_FILE), 'utf8').trim());
  } catch {
    return undefined;
  }
}

/**
 * The exports of `cli.cjs` built in `dir`, for a worker thread of a command run from it: its code
 * caches read, none written.
 * @param {string} dir
 * @returns {unknown}
 */
function loadCompiledCli(dir) {
  return loadCli(dir, []);
}

/**
 * `cli.cjs`, whose `require` of a heavy package loads `vendor.cjs` (once, where it is first
 * needed) and initialises that package.
 * @param {string} dir
 * @param {LoadedScript[]} loaded
 * @returns {unknown}
 */
function loadCli(dir, loaded) {
  installImportGlobal();
  const nodeRequire = createRequire(join(dir, 'cli.cjs'));
  /** @type {Record<string, () => unknown> | undefined} */
  let vendor;
  const require = Object.assign(
    (/** @type {string} */ id) => {
      if (!isHeavy(id)) return nodeRequire(id);
      vendor ??= /** @type {Record<string, () => unknown>} */ (
        runBundle(dir, 'vendor.cjs', createRequire(join(dir, 'vendor.cjs')), loaded)
      );
      return /** @type {() => unknown} */ (vendor[id])();
    },
    { resolve: nodeRequire.resolve, cache: nodeRequire.cache },
  );
  return runBundle(dir, 'cli.cjs', require, loaded);
}

/**
 * Runs one CommonJS bundle as Node would, with its code cache when there is one; resolves its
 * exports.
 * @param {string} dir
 * @param {string} name
 * @param {(id: string) => unknown} require
 * @param {LoadedScript[]} loaded
 * @returns {unknown}
 */
function runBundle(dir, name, require, loaded) {
  const path = join(dir, name);
  /** @type {Buffer | undefined} */
  let cachedData;
  /** @type {CacheKind | undefined} */
  let kind;
  for (const each of CACHE_KINDS) {
    try {
      cachedData = readFileSync(cachePathOf(path, each));
      kind = each;
      break;
    } catch {
      // None of this kind.
    }
  }
  // The build wrote it in ASCII, already wrapped as Node wraps a module (`build.mjs`'s `writeLoadable`).
  const script = new vm.Script(readFileSync(path, 'latin1'), {
    filename: path,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const rejected =
    script.cachedDataRejected === true && kind !== undefined ? cachePathOf(path, kind) : undefined;
  loaded.push({ script, path, cached: script.cachedDataRejected === false ? kind : undefined, rejected });
  const module = new Module(path);
  module.filename = path;
  script.runInThisContext()(module.exports, require, module, path, dir);
  return module.exports;
}

/** A package's `import(x)`, rewritten by the build: Node's own import, and `import.meta.resolve`. */
function installImportGlobal() {
  const global = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (globalThis));
  if (global[IMPORT_GLOBAL] !== undefined) return;
  global[IMPORT_GLOBAL] = Object.assign((/** @type {string} */ specifier) => import(specifier), {
    resolve: (/** @type {string} */ parentUrl, /** @type {string} */ specifier) =>
      pathToFileURL(createRequire(parentUrl).resolve(specifier)).href,
  });
}

/**
 * A code cache holds the functions compiled when it was written: one written by a run that built
 * no package (`generate` with nothing to do, `--help`) lacks the build's, which every later build
 * would compile again. Both kinds are kept; a bundle runs with the build's when there is one.
 * @type {readonly CacheKind[]}
 */
const CACHE_KINDS = ['build', 'light'];

/**
 * @param {string} path the bundle's
 * @param {CacheKind} kind
 */
function cachePathOf(path, kind) {
  return kind === 'build' ? `${path}.cache` : `${path}.light.cache`;
}

/**
 * Writes the code cache of every bundle run without one (or whose cache V8 refused), or with one
 * written by a run that built nothing when this one built a package, now that the command has run
 * and its functions are compiled. A cache that cannot be written is skipped.
 * @param {LoadedScript[]} loaded
 */
async function saveCodeCaches(loaded) {
  /** @type {CacheKind} */
  const kind = loaded.some(({ path }) => path.endsWith('vendor.cjs')) ? 'build' : 'light';
  for (const { script, path, cached, rejected } of loaded) {
    if (cached === 'build' || cached === kind) continue;
    // A cache V8 refuses (another Node, other V8 flags) would be read first again, and refused.
    const cachePath = cachePathOf(path, kind);
    const temporary = `${cachePath}.${process.pid}`;
    try {
      if (rejected !== undefined) await rm(rejected, { force: true });
      await writeFile(temporary, script.createCachedData());
      await rename(temporary, cachePath);
    } catch {
      await rm(temporary, { force: true });
    }
  }
}

/**
 * The sources through tsx's loader, as before the bundles: for a source that does not compile,
 * whose error tsx reports in its own words.
 * @param {string} rootDir
 * @param {readonly string[]} argv
 * @returns {Promise<number>}
 */
async function runSources(rootDir, argv) {
  const { tsImport } = await import('tsx/esm/api');
  const { main } = await tsImport(
    pathToFileURL(join(rootDir, 'src/cli/main.ts')).href,
    pathToFileURL(__filename).href,
  );
  return main(argv);
}

module.exports = { compiledBuild, loadCompiledCli, runCompiled };

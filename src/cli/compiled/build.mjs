/**
 * The command line compiled for a fast cold start (plain JavaScript: it runs before any
 * TypeScript loader). Two CommonJS bundles, built with esbuild into one folder of `.cache/cli/`:
 *
 * - `cli.cjs`: `src/cli/main.ts` and everything it imports, light packages included, each module
 *   initialised on first use as in the sources (`await import()` stays lazy);
 * - `vendor.cjs`: the heavy packages (TypeScript, ts-morph, Redocly, openapi-typescript), which
 *   `cli.cjs` requires by name and which are initialised, like the rest, only when a build needs them.
 *
 * Both are CommonJS so that `launch.cjs` can run them with V8's code cache (Node 20 has no cache for
 * ES modules): loading them then costs reading the bytecode instead of parsing 25 MB of JavaScript.
 * Three rewrites keep the bundles equivalent to the sources: `import.meta.url` in `src/` becomes the
 * source file's URL, `__dirname`/`__filename` in packages their own folder and file (TypeScript finds
 * its lib files so), and a package's dynamic `import(x)` becomes `__cliImport(x)`, a real import made
 * by the launcher (V8 drops the import callback of code read from a cache; Redocly loads the
 * project's lint plugin so). Those paths are relative to the bundle's own folder: a build copied or
 * moved with its repository runs that repository's sources, not the ones it was built from.
 */
import { copyFile, link, readFile, realpath, writeFile } from 'node:fs/promises';
import Module from 'node:module';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  asciiOnly,
  IMPORT_GLOBAL,
  packagesPlugin,
  PATH_HELPERS,
  relativeTo,
} from '../../bundle/rewrites.mjs';
import { BUILD_GLOBAL, HEAVY_PACKAGES, isHeavy } from './bundles.cjs';

export { BUILD_GLOBAL, HEAVY_PACKAGES, IMPORT_GLOBAL, isHeavy };

/** Resolved by Node at run time: prettier and @hey-api/openapi-ts (the bench's, ES modules), esbuild (a native binary). */
const EXTERNAL = ['prettier', 'esbuild', '@hey-api/openapi-ts'];

const LOADERS = { '.ts': 'ts', '.js': 'js', '.mjs': 'js', '.cjs': 'js', '.json': 'json' };

/** What a build's `vendor.cjs` was made from (`vendorKey`), beside it. */
const VENDOR_KEY_FILE = 'vendor.key';

/**
 * Builds both bundles into `outDir`, taking `vendor.cjs` from `previousDir` when it was made from
 * the same. Resolves the project-relative files `cli.cjs` was built from (what decides whether it
 * is stale, with the installed packages), each source with the sha256 of the bytes it was built
 * from (the others are not read here: esbuild reads them).
 * @param {string} rootDir the generator's repository
 * @param {string} outDir an empty folder
 * @param {string} [previousDir] the last build, a sibling of `outDir`
 * @returns {Promise<{ file: string; sha256?: string }[]>}
 */
export async function buildCompiledCli(rootDir, outDir, previousDir) {
  const { build } = await import('esbuild');
  const common = {
    bundle: true,
    platform: /** @type {const} */ ('node'),
    format: /** @type {const} */ ('cjs'),
    target: 'node20',
    absWorkingDir: rootDir,
    logLevel: /** @type {const} */ ('silent'),
    legalComments: /** @type {const} */ ('none'),
    metafile: true,
    banner: { js: PATH_HELPERS },
  };
  /** @type {Map<string, Promise<Buffer>>} */
  const read = new Map();
  // One after the other: the sources' bundle first, which fails fast on a source that does not compile.
  const cli = await build({
    ...common,
    entryPoints: [join(rootDir, 'src/cli/main.ts')],
    outfile: join(outDir, 'cli.cjs'),
    external: [...HEAVY_PACKAGES, ...EXTERNAL],
    plugins: [sourcesPlugin(rootDir, outDir, read), packagesPlugin(outDir)],
    write: false,
  });
  await writeLoadable(join(outDir, 'cli.cjs'), cli);
  // Each heavy package, or module of one, that the sources import: what `vendor.cjs` provides.
  const modules = [
    ...new Set(
      Object.values(cli.metafile?.outputs ?? {}).flatMap((output) =>
        output.imports.filter((each) => each.external && isHeavy(each.path)).map((each) => each.path),
      ),
    ),
  ].sort();
  const key = await vendorKey(rootDir, modules);
  const reused =
    (previousDir !== undefined && (await reuseVendor(previousDir, outDir, key))) ||
    (await reuseLinkedVendor(rootDir, outDir, key));
  if (!reused) {
    const vendor = await build({
      ...common,
      stdin: {
        contents: `module.exports = {\n${modules.map((name) => `  ${JSON.stringify(name)}: () => require(${JSON.stringify(name)}),`).join('\n')}\n};\n`,
        resolveDir: rootDir,
        sourcefile: 'vendor.cjs',
        loader: 'js',
      },
      outfile: join(outDir, 'vendor.cjs'),
      // A quarter less to read at every start; names are kept, so stack traces still say where.
      minifyWhitespace: true,
      external: EXTERNAL,
      plugins: [packagesPlugin(outDir)],
      write: false,
    });
    await writeLoadable(join(outDir, 'vendor.cjs'), vendor);
  }
  await writeFile(join(outDir, VENDOR_KEY_FILE), key);
  // The sources, and the repository's other files they import (the bench's generated client): a
  // build that outlived a regeneration measured the client as it was. Packages are npm's record.
  const { createHash } = await import('node:crypto');
  /** @type {{ file: string; sha256?: string }[]} */
  const inputs = [];
  for (const input of Object.keys(cli.metafile?.inputs ?? {})) {
    if (input.startsWith('src:')) {
      const path = input.slice('src:'.length);
      const bytes = await /** @type {Promise<Buffer>} */ (read.get(path));
      inputs.push({
        file: relative(rootDir, path),
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    } else if (!input.includes(':') && !/(^|[\\/])node_modules[\\/]/.test(input))
      inputs.push({ file: input });
  }
  return inputs
    .map((input) => ({ ...input, file: input.file.split('\\').join('/') }))
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * Writes a bundle esbuild made (`write: false`) as `launch.cjs` compiles it, as it is: in ASCII, and
 * already wrapped as Node wraps a module. Read as Latin-1, that is one copy of its bytes, which V8
 * holds as a one-byte string; decoded from UTF-8 and wrapped as it loaded, a bundle with a character
 * beyond ASCII (a few comments and regular expressions) became a two-byte string copied once more
 * to be compiled: for `cli.cjs` some 700 page faults and 20 CPU-ms of every start.
 * @param {string} path
 * @param {{ outputFiles?: { text: string }[] }} result
 */
async function writeLoadable(path, result) {
  await writeFile(path, Module.wrap(asciiOnly(/** @type {string} */ (result.outputFiles?.[0]?.text))));
}

/**
 * What `vendor.cjs` is made from: the heavy modules the sources import, the installed packages
 * (where they are: the bundle names their files by path, and npm's record of them), the modules
 * that build it, and Node's version.
 * @param {string} rootDir
 * @param {string[]} modules
 */
async function vendorKey(rootDir, modules) {
  const { createHash } = await import('node:crypto');
  const packages = await realpath(join(rootDir, 'node_modules')).catch(() => '(missing)');
  const hash = createHash('sha256').update(`${process.version}\0${packages}\0${modules.join('\n')}\0`);
  const builders = [
    import.meta.url,
    new URL('./bundles.cjs', import.meta.url),
    new URL('../../bundle/globals.cjs', import.meta.url),
    new URL('../../bundle/rewrites.mjs', import.meta.url),
  ].map((url) => fileURLToPath(url));
  for (const file of [join(rootDir, 'node_modules/.package-lock.json'), ...builders])
    hash.update(await readFile(file).catch(() => '(missing)')).update('\0');
  return hash.digest('hex');
}

/**
 * Takes the previous build's `vendor.cjs`, and its code cache, when it was made from the same
 * (`key`): a change to the sources then bundles `cli.cjs` alone (a build was three quarters
 * vendor, some 4 CPU-s), and the next command that builds a package starts from the vendor's
 * code cache. The same text: paths in it are relative to its folder, a sibling of `outDir`.
 * Resolves whether it did.
 * @param {string} previousDir
 * @param {string} outDir
 * @param {string} key
 */
async function reuseVendor(previousDir, outDir, key) {
  try {
    if ((await readFile(join(previousDir, VENDOR_KEY_FILE), 'utf8')) !== key) return false;
    await linkOrCopy(join(previousDir, 'vendor.cjs'), join(outDir, 'vendor.cjs'));
  } catch {
    return false; // an older build, or one removed meanwhile: built again
  }
  // Written whole or not at all (a rename): none yet is no reason to build.
  await linkOrCopy(join(previousDir, 'vendor.cjs.cache'), join(outDir, 'vendor.cjs.cache')).catch(
    () => undefined,
  );
  return true;
}

/**
 * A file of another build in `to`: a second name for it where the file system allows, else a copy
 * (15 MB written for each rebuild). Either way the same bytes for as long as the build is kept: a
 * bundle is never written again once built, and a code cache is replaced by a rename, which
 * leaves the other build's name on the file it had.
 * @param {string} from
 * @param {string} to
 */
async function linkOrCopy(from, to) {
  await link(from, to).catch(() => copyFile(from, to));
}

/**
 * The last `vendor.cjs` of the checkout whose `node_modules` this one links to (a copy of the
 * repository, a worktree), taken when it was made from the same (`key`, which holds where the
 * packages really are): a first build then bundles `cli.cjs` alone. Its paths, relative to its
 * folder, lead through the link to the same files, when they all lead into `node_modules/` (not
 * so for a package linked from elsewhere, which is then bundled again). Without its code cache:
 * that checkout's runs wrote it, and the first run of this build that builds a package writes
 * this one's. Resolves whether it did.
 * @param {string} rootDir
 * @param {string} outDir
 * @param {string} key
 */
async function reuseLinkedVendor(rootDir, outDir, key) {
  const packages = await realpath(join(rootDir, 'node_modules')).catch(() => undefined);
  const owner = packages === undefined ? undefined : dirname(packages);
  if (
    packages === undefined ||
    owner === undefined ||
    basename(packages) !== 'node_modules' ||
    owner === (await realpath(rootDir).catch(() => rootDir))
  )
    return false;
  try {
    const cacheDir = join(owner, '.cache', 'cli');
    const linked = join(cacheDir, (await readFile(join(cacheDir, 'latest'), 'utf8')).trim());
    if ((await readFile(join(linked, VENDOR_KEY_FILE), 'utf8')) !== key) return false;
    const vendor = join(linked, 'vendor.cjs');
    // Its paths are ASCII where they match the prefix: read as Latin-1, a copy of the bytes.
    if (!pathsInto((await readFile(vendor)).toString('latin1'), '../../../node_modules/')) return false;
    await linkOrCopy(vendor, join(outDir, 'vendor.cjs'));
    return true;
  } catch {
    return false; // no build there, or one removed meanwhile: built again
  }
}

/**
 * Whether every path a bundle names relative to its folder (`packagesPlugin`) starts with `prefix`.
 * @param {string} text
 * @param {string} prefix
 */
function pathsInto(text, prefix) {
  for (const [, path] of text.matchAll(/__cliPath\("((?:[^"\\]|\\.)*)"\)/g))
    if (!(/** @type {string} */ (path).startsWith(prefix))) return false;
  return true;
}

/**
 * The repository's own modules, in a namespace of their own: esbuild then gives their imports of
 * packages the interop of the TypeScript sources (`__esModule` honoured), whatever `"type"`
 * package.json declares, and `import.meta.url` is the source file's. Each file is read once, for
 * the imports that name it and for its text; its bytes are kept in `read`, by path.
 * @param {string} rootDir
 * @param {string} outDir
 * @param {Map<string, Promise<Buffer>>} read
 * @returns {import('esbuild').Plugin}
 */
function sourcesPlugin(rootDir, outDir, read) {
  const srcDir = join(rootDir, 'src');
  /** @param {string} path */
  const bytesOf = (path) => {
    let bytes = read.get(path);
    if (bytes === undefined) {
      bytes = readFile(path);
      read.set(path, bytes);
    }
    return bytes;
  };
  /**
   * `./x.js` written for a `./x.ts` source, as TypeScript's NodeNext resolution allows.
   * @param {string} path
   */
  const sourceFile = async (path) => {
    if (!path.endsWith('.js')) return path;
    const ts = `${path.slice(0, -'.js'.length)}.ts`;
    return (await bytesOf(ts).then(
      () => true,
      () => false,
    ))
      ? ts
      : path;
  };
  return {
    name: 'sources',
    setup(build) {
      // Only the imports of the repository's modules: a package's own are esbuild's to resolve.
      build.onResolve({ filter: /^\.\.?\//, namespace: 'src' }, async (args) => {
        const path = await sourceFile(resolve(args.resolveDir, args.path));
        return path.startsWith(srcDir) ? { path, namespace: 'src' } : { path };
      });
      build.onResolve({ filter: /^\// }, async (args) =>
        args.kind === 'entry-point' ? { path: await sourceFile(args.path), namespace: 'src' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'src' }, async (args) => {
        const text = (await bytesOf(args.path)).toString('utf8');
        const url = relativeTo('__cliUrl', outDir, args.path);
        return {
          contents: text
            .replaceAll('import.meta.url', url)
            .replaceAll('import.meta.resolve(', `${IMPORT_GLOBAL}.resolve(${url}, `)
            // A dynamic import of an external package: Node's own (see the module comment).
            .replace(
              /\bimport\((?=\s*['"](?:prettier|esbuild|@hey-api\/openapi-ts)['"])/g,
              `${IMPORT_GLOBAL}(`,
            ),
          loader: loaderOf(args.path),
          resolveDir: dirname(args.path),
        };
      });
    },
  };
}

/** @param {string} path */
function loaderOf(path) {
  return /** @type {import('esbuild').Loader} */ (
    LOADERS[/** @type {keyof typeof LOADERS} */ (extname(path))] ?? 'js'
  );
}

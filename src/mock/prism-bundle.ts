/**
 * Prism's command line bundled into one CommonJS file, `.cache/prism-cli/<key>/index.cjs`, which
 * `prism-launch.cjs` runs with V8's code cache (`prism-load.cjs`, which a process serving several
 * documents loads too): a Prism process then starts on a quarter of the CPU (measured side by side
 * at a load average of 18: 0.37 CPU-s against 1.46 from its package, most of which went to finding
 * and compiling its 3,000 modules). Built on first use with the compiled command line's rewrites
 * (`src/bundle/rewrites.mjs`: packages' `__dirname` relative to the bundle); the key is Node's
 * version, the installed packages and the modules that build and load it.
 * Where it cannot be built, Prism runs from its package as before.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'esbuild';
import { asciiOnly, packagesPlugin, PATH_HELPERS, relativeTo } from '../bundle/rewrites.mjs';
import { PROJECT_ROOT } from './spec-source.js';

const require = createRequire(import.meta.url);

/** Prism's own entry point, `prism` of its package. */
function prismBin(): string {
  return join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
}

/** The module of Prism's command line that starts a server for a document. */
function prismServer(): string {
  return join(dirname(prismBin()), 'util', 'createServer.js');
}

/** Runs a bundle with its code cache (`node prism-launch.cjs <bundle> <prism args>`). */
const LAUNCHER = fileURLToPath(new URL('./prism-launch.cjs', import.meta.url));
const LOADER = fileURLToPath(new URL('./prism-load.cjs', import.meta.url));
const REWRITES_MODULE = fileURLToPath(new URL('../bundle/rewrites.mjs', import.meta.url));
const THIS_MODULE = fileURLToPath(import.meta.url);

let entry: Promise<string[]> | undefined;

/**
 * What `node` runs as Prism, before Prism's arguments: the launcher and the bundle, built first if
 * there is none for this key, or Prism's entry point when the bundle cannot be built. Once per process.
 */
export function prismEntry(): Promise<string[]> {
  return (entry ??= bundled().then(
    (bundle) => [LAUNCHER, bundle],
    () => [prismBin()],
  ));
}

async function bundled(): Promise<string> {
  const hash = createHash('sha256').update(`${process.version}\0`);
  for (const file of [
    join(PROJECT_ROOT, 'node_modules/.package-lock.json'),
    REWRITES_MODULE,
    THIS_MODULE,
    LOADER,
  ])
    hash.update(await readFile(file)).update('\0');
  const cacheDir = join(PROJECT_ROOT, '.cache', 'prism-cli');
  const dir = join(cacheDir, hash.digest('hex').slice(0, 16));
  const bundle = join(dir, 'index.cjs');
  if (existsSync(bundle)) return bundle;
  // Built beside it and renamed into place: another process may be building the same.
  const partial = `${dir}.${process.pid}`;
  await mkdir(partial, { recursive: true });
  try {
    await build(join(partial, 'index.cjs'));
    await rename(partial, dir);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(bundle)) throw error;
  }
  await removeOldBundles(cacheDir, dir);
  return bundle;
}

/** The bundles of other keys (packages since updated), an hour old: a Prism may still be loading a newer one. */
async function removeOldBundles(cacheDir: string, keep: string): Promise<void> {
  for (const entry of await readdir(cacheDir)) {
    const path = join(cacheDir, entry);
    const modified = await stat(path).then(
      (info) => info.mtimeMs,
      () => Date.now(),
    );
    if (path !== keep && Date.now() - modified > 3_600_000) await rm(path, { recursive: true, force: true });
  }
}

async function build(outfile: string): Promise<void> {
  const { build } = await import('esbuild');
  const { outputFiles } = await build({
    // Its command line, and the function that serves a document, for a process that serves several
    // (the contract tests' mocks): the packages' modules run when first required, not as it loads.
    stdin: {
      contents: [
        `exports.main = () => require(${JSON.stringify(prismBin())});`,
        `exports.createSingleProcessPrism = (options) => require(${JSON.stringify(prismServer())}).createSingleProcessPrism(options);`,
      ].join('\n'),
      resolveDir: dirname(prismBin()),
      loader: 'js',
    },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    legalComments: 'none',
    minifyWhitespace: true,
    banner: { js: PATH_HELPERS },
    // Its UMD build calls `require` through a factory's parameter, which a bundler cannot follow.
    alias: { 'jsonc-parser': require.resolve('jsonc-parser/lib/esm/main.js') },
    plugins: [
      lazyFakerLocales(dirname(outfile)),
      lazyPostmanCollection(),
      lodashFpMethods(),
      packagesPlugin(dirname(outfile)),
    ],
    write: false,
  });
  // Written as the function Node's loader would wrap it in (`prism-load.cjs` compiles it as it is):
  // wrapped as it loads, the 5.5 MB text was copied once more into V8's heap, a tenth of the pages
  // a Prism start touches.
  await writeFile(outfile, Module.wrap(asciiOnly(outputFiles[0]!.text)));
}

/** Faker's locale that Prism uses unless a spec's `x-json-schema-faker` names another. */
const DEFAULT_LOCALE = 'en';

/**
 * Faker's table of locales, each loaded on first use: Faker reads only its locale and fallback
 * (`en` unless a spec sets `x-json-schema-faker.locale`), yet its table requires all 59 as it loads,
 * which made half of the bundle and a quarter of a Prism's start-up CPU. `en` stays in the bundle;
 * another is required from its package's folder when a spec asks for it.
 */
function lazyFakerLocales(outDir: string): Plugin {
  return {
    name: 'lazy-faker-locales',
    setup(build) {
      build.onLoad(
        { filter: /[\\/]@faker-js[\\/]faker[\\/]dist[\\/]cjs[\\/]locales[\\/]index\.js$/ },
        async (args) => {
          const names = [...(await readFile(args.path, 'utf8')).matchAll(/require\("\.\/(\w+)"\)/g)].map(
            (match) => match[1]!,
          );
          if (!names.includes(DEFAULT_LOCALE)) throw new Error(`no ${DEFAULT_LOCALE} among Faker's locales`);
          const folder = relativeTo('__cliPath', outDir, dirname(args.path));
          const contents = `const locales = {};
for (const name of ${JSON.stringify(names)})
  Object.defineProperty(locales, name, {
    enumerable: true,
    configurable: true,
    get() {
      const value = (name === ${JSON.stringify(DEFAULT_LOCALE)} ? require("./${DEFAULT_LOCALE}") : require(${folder} + "/" + name)).default;
      Object.defineProperty(locales, name, { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
  });
module.exports = { __esModule: true, default: locales };`;
          return { contents, loader: 'js', resolveDir: dirname(args.path) };
        },
      );
    },
  };
}

/**
 * `postman-collection`, required when Prism first reads a Postman collection rather than as it
 * loads: Prism reads collections as well as OpenAPI documents, and `@stoplight/http-spec` requires
 * the package as it loads (its own lodash and Faker with it), a sixth of the modules' start-up CPU
 * in every Prism that serves an OpenAPI document. Its one use, `Collection`, is read at call time.
 */
function lazyPostmanCollection(): Plugin {
  const namespace = 'lazy-postman-collection';
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: /^postman-collection$/ }, (args) =>
        /[\\/]@stoplight[\\/]http-spec[\\/]postman[\\/]util\.js$/.test(args.importer)
          ? { path: args.resolveDir, namespace }
          : undefined,
      );
      build.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: `Object.defineProperty(exports, "Collection", {
  enumerable: true,
  get: () => require("postman-collection").Collection,
});`,
        loader: 'js',
        resolveDir: args.path,
      }));
    },
  };
}

/**
 * `lodash/fp` as the methods a module uses of it, each from its own module (`lodash/fp/merge`, the
 * same conversion of the same function): Prism's server and its security validator use one
 * method each, and the whole of `lodash/fp` converts all 300 as it loads, the largest module
 * start-up of a Prism (about 50 ms CPU, a twelfth of the whole start). A module that uses it any
 * other way than `<name>.<method>` is given the whole.
 */
function lodashFpMethods(): Plugin {
  const namespace = 'lodash-fp-methods';
  return {
    name: namespace,
    setup(build) {
      build.onResolve({ filter: /^lodash\/fp$/ }, async (args) => {
        if (!/[\\/]node_modules[\\/]/.test(args.importer)) return undefined;
        const methods = fpMethodsUsed(await readFile(args.importer, 'utf8'));
        if (methods === undefined) return undefined;
        for (const method of methods) {
          const found = await build.resolve(`lodash/fp/${method}`, {
            resolveDir: args.resolveDir,
            kind: 'require-call',
          });
          if (found.errors.length > 0) return undefined;
        }
        return { path: args.importer, namespace, pluginData: methods };
      });
      build.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: (args.pluginData as string[])
          .map((method) => `exports.${method} = require("lodash/fp/${method}");`)
          .join('\n'),
        loader: 'js',
        resolveDir: dirname(args.path),
      }));
    },
  };
}

/**
 * The methods of `lodash/fp` that a CommonJS module's text reads, when it binds the module to one
 * name (`const fp_1 = require("lodash/fp");`) and reads nothing of it but methods; else undefined.
 */
export function fpMethodsUsed(text: string): string[] | undefined {
  const binding = /\b(?:const|let|var)\s+([\w$]+)\s*=\s*require\(["']lodash\/fp["']\);/.exec(text);
  if (!binding) return undefined;
  const name = binding[1]!.replace(/\$/g, '\\$');
  const rest = text.slice(binding.index + binding[0].length);
  const methods = [...rest.matchAll(new RegExp(`(?<![\\w$.])${name}(?![\\w$])(?:\\.([\\w$]+))?`, 'g'))].map(
    (use) => use[1],
  );
  if (methods.length === 0 || methods.some((method) => method === undefined || !/^[a-zA-Z]+$/.test(method)))
    return undefined;
  return [...new Set(methods as string[])].sort();
}

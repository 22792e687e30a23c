/**
 * TypeScript for the test workers (vitest.config.ts points `typescript` here), loaded as a CommonJS
 * module with V8's code cache beside it in `.cache/test/typescript/`, written by the first load that
 * finds none or one V8 refuses (another Node, another TypeScript). Imported as an ES module, Node
 * would first scan its 9 MB whole for the names it exports (cjs-module-lexer, about as long as the
 * compile) and read it twice, in every worker. The one module object of the process either way:
 * a later `require('typescript')` gets it from Node's cache.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

type TypeScript = typeof import('typescript');

const require = createRequire(import.meta.url);
const CACHE = fileURLToPath(new URL('../../.cache/test/typescript/', import.meta.url));

function load(): TypeScript {
  const path = require.resolve('typescript');
  const loaded = require.cache[path];
  if (loaded?.loaded) return loaded.exports as TypeScript;
  const { version } = require('typescript/package.json') as { version: string };
  const cachePath = join(CACHE, `${version}-${statSync(path).size}-${process.version}.cache`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    // None yet.
  }
  const script = new Script(Module.wrap(readFileSync(path, 'utf8')), {
    filename: path,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const module = new Module(path);
  module.filename = path;
  require.cache[path] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void)(
      module.exports,
      createRequire(path),
      module,
      path,
      dirname(path),
    );
  } catch (error) {
    delete require.cache[path];
    throw error;
  }
  module.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected) {
    // Once the start-up code has run and is compiled; a cache that cannot be written is skipped.
    setImmediate(() => {
      const temporary = `${cachePath}.${process.pid}`;
      try {
        mkdirSync(CACHE, { recursive: true });
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cachePath);
      } catch {
        rmSync(temporary, { force: true });
      }
    });
  }
  return module.exports as TypeScript;
}

const ts = load();
export default ts;

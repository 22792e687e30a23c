// Loads Prism's bundle (prism-bundle.ts: a CommonJS module, written already wrapped in the function
// Node's loader wraps one in) as Node loads a CommonJS module, with V8's code cache beside it
// (`<bundle>.cache`), written by the first load that finds none or one V8 refuses (another Node,
// other flags). Its exports: `main()`, Prism's command line, and `createSingleProcessPrism`.
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, resolve } = require('node:path');
const vm = require('node:vm');

/**
 * @param {string} path
 * @returns {{ main(): void; createSingleProcessPrism(options: object): Promise<unknown> }}
 */
function loadPrismBundle(path) {
  const bundle = resolve(path);
  const cachePath = `${bundle}.cache`;
  /** @type {Buffer | undefined} */
  let cachedData;
  try {
    cachedData = readFileSync(cachePath);
  } catch {
    // None yet.
  }
  // The build writes it in ASCII and already wrapped: read as Latin-1 it is one copy (decoding
  // UTF-8 is not), which V8 holds as a one-byte string and compiles as it is (wrapping it here made
  // a second 5.5 MB copy, and checking that it is ASCII read it once more).
  const text = readFileSync(bundle, 'latin1');
  const script = new vm.Script(text, {
    filename: bundle,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const module_ = new Module(bundle);
  module_.filename = bundle;
  // A package's dynamic `import(x)`, rewritten by the bundler (rewrites.mjs): Node's own.
  Object.assign(globalThis, { __cliImport: (/** @type {string} */ specifier) => import(specifier) });
  script.runInThisContext()(module_.exports, Module.createRequire(bundle), module_, bundle, dirname(bundle));
  if (cachedData === undefined || script.cachedDataRejected) {
    // Once the start-up code has run and is compiled; a cache that cannot be written is skipped.
    setImmediate(() => {
      const temporary = `${cachePath}.${process.pid}`;
      try {
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cachePath);
      } catch {
        rmSync(temporary, { force: true });
      }
    });
  }
  return module_.exports;
}

module.exports = { loadPrismBundle };

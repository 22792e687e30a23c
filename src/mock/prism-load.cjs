// Loads Prism's bundle (prism-bundle.ts) as Node loads a CommonJS module, with V8's code cache beside
// it (`<bundle>.cache`), written by the first load that finds none or one V8 refuses (another Node,
// other flags). Its exports: `main()`, Prism's command line, and `createSingleProcessPrism`.
const { isAscii } = require('node:buffer');
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
  // The build writes it in ASCII, which read as Latin-1 is a copy (UTF-8 decoding is not), and
  // which V8 holds as a one-byte string; a bundle written otherwise is decoded as UTF-8.
  const bytes = readFileSync(bundle);
  const text = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const script = new vm.Script(Module.wrap(text), {
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

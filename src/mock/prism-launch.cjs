// `node prism-launch.cjs <bundle> <prism args>`: runs Prism's bundle (prism-bundle.ts) as Node runs a
// CommonJS main module, with V8's code cache beside it (`<bundle>.cache`), written by the first run
// that finds none or one V8 refuses (another Node, other flags).
const { readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, resolve } = require('node:path');
const vm = require('node:vm');

const bundle = resolve(/** @type {string} */ (process.argv[2]));
// Prism reads its arguments after the script's path: the bundle's, as if node ran it.
process.argv.splice(1, 1);
const cachePath = `${bundle}.cache`;
/** @type {Buffer | undefined} */
let cachedData;
try {
  cachedData = readFileSync(cachePath);
} catch {
  // None yet.
}
// Its first line is the `#!` line of Prism's entry point, which only a script's very start may hold.
const script = new vm.Script(Module.wrap(readFileSync(bundle, 'utf8').replace(/^#!.*/, '')), {
  filename: bundle,
  ...(cachedData === undefined ? {} : { cachedData }),
});
const module_ = new Module(bundle);
module_.filename = bundle;
// A package's dynamic `import(x)`, rewritten by the bundler (build.mjs): Node's own.
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

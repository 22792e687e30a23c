/**
 * The global a bundle's rewritten `import(x)` calls (`rewrites.mjs`), which whoever runs the bundle
 * defines (`src/cli/compiled/launch.cjs`, `src/mock/prism-load.cjs`). CommonJS: the command line's
 * launcher reads it before anything of Node's ES-module loader starts.
 */
const IMPORT_GLOBAL = '__cliImport';

module.exports = { IMPORT_GLOBAL };

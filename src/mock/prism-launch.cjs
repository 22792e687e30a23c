// `node prism-launch.cjs <bundle> <prism args>`: runs Prism's command line from its bundle
// (prism-bundle.ts), loaded with V8's code cache (prism-load.cjs).
const { loadPrismBundle } = require('./prism-load.cjs');

const bundle = /** @type {string} */ (process.argv[2]);
// Prism reads its arguments after the script's path: the bundle's, as if node ran it.
process.argv.splice(1, 1);
loadPrismBundle(bundle).main();

/**
 * What the build of the command line (`build.mjs`) and its launcher (`launch.cjs`) agree on: which
 * packages go into `vendor.cjs`, and the global through which a worker thread finds the bundles.
 * CommonJS, as the launcher is: it reads this before anything of Node's ES-module loader starts.
 */

/** Packages bundled into `vendor.cjs`: what only building a package needs, seconds of start-up. */
const HEAVY_PACKAGES = ['typescript', 'ts-morph', '@redocly/openapi-core', 'openapi-typescript'];

/**
 * A heavy package or one of its modules (`openapi-typescript/dist/lib/ts.js`).
 * @param {string} id
 */
function isHeavy(id) {
  return HEAVY_PACKAGES.some((name) => id === name || id.startsWith(`${name}/`));
}

/** The global holding the folder of the bundles a command runs from (read by `src/shared/worker.ts`). */
const BUILD_GLOBAL = '__cliBuild';

module.exports = { BUILD_GLOBAL, HEAVY_PACKAGES, isHeavy };

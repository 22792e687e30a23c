/**
 * `npm run generate | diff | mock | verify | bench`: the command line compiled once into
 * `.cache/cli/` and run from there (src/cli/compiled/), without a TypeScript loader. CommonJS, as
 * the launcher is, so that Node's ES-module loader starts only when something imports an ES module:
 * a `generate` that the no-op record answers is answered here before the launcher loads
 * (src/cli/compiled/noop-answer.cjs); anything else runs through the launcher.
 */
const { printNoop, recordedAnswer } = require('../src/cli/compiled/noop-answer.cjs');

const argv = process.argv.slice(2);
const noop = recordedAnswer(argv);
if (noop !== undefined) printNoop(noop);
else
  require('../src/cli/compiled/launch.cjs')
    .runCompiled(argv)
    .then((/** @type {number} */ code) => {
      process.exitCode = code;
    });

/**
 * `npm run generate | diff | mock | verify | bench`: the command line compiled once into
 * `.cache/cli/` and run from there (src/cli/compiled/), without a TypeScript loader. CommonJS: a
 * `generate` that the no-op record answers is answered here before Node's ES-module loader starts
 * (src/cli/compiled/noop-answer.cjs); anything else imports the launcher.
 */
const { printNoop, recordedAnswer } = require('../src/cli/compiled/noop-answer.cjs');

const argv = process.argv.slice(2);
const noop = recordedAnswer(argv);
if (noop !== undefined) printNoop(noop);
else
  import('../src/cli/compiled/launch.mjs').then(async ({ runCompiled }) => {
    process.exitCode = await runCompiled(argv);
  });

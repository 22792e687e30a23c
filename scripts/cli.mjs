/**
 * `npm run generate | diff | mock | verify | bench`: the command line compiled once into
 * `.cache/cli/` and run from there (src/cli/compiled/), without a TypeScript loader.
 */
import { runCompiled } from '../src/cli/compiled/launch.mjs';

process.exitCode = await runCompiled(process.argv.slice(2));

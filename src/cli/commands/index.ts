/**
 * Every command of `npm run`, a module each. Adding one is its module and its line here, and its
 * script in package.json (`exec node scripts/cli.cjs <name>`).
 */
export { generate } from './generate.js';
export { diff } from './diff.js';
export { importCommand } from './import.js';
export { mock } from './mock.js';
export { verify } from './verify.js';
export { bench } from './bench.js';
export { release } from './release.js';

/**
 * Builds, once before any test, what the tests' processes would otherwise each build at the same
 * time on a first run (a fresh clone): the compiled command line (`npm run` in the repository and
 * the copies that take it along) and Prism's bundle (every mock and verify). Each only if stale.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compiledBuild } from '../../src/cli/compiled/launch.cjs';
import { prismEntry } from '../../src/mock/prism-bundle.js';
import { PROJECT_ROOT } from '../../src/mock/spec-source.js';

export default async function setup(): Promise<void> {
  // Sources that do not compile: `scripts/cli.cjs` runs them through tsx, and the tests say why.
  // The caches are written while Prism's bundle builds, if it does.
  await Promise.all([compiledBuild(PROJECT_ROOT).then(writeCodeCaches, () => undefined), prismEntry()]);
}

/**
 * The code caches of a new build, as a first `npm run generate` leaves them: without them, every
 * process and worker thread that builds a package from the build, or from a copy of the
 * repository that takes it along, compiles its 20 MB of packages again (about 3 CPU-s of 4 for a
 * one-package `generate`, a dozen times a run). Nothing is written but the caches (`--check`).
 */
async function writeCodeCaches(build: string): Promise<void> {
  if (existsSync(join(build, 'vendor.cjs.cache'))) return;
  await promisify(execFile)(
    process.execPath,
    [join(PROJECT_ROOT, 'scripts/cli.cjs'), 'generate', '--check', '--force', '--no-docs'],
    { cwd: PROJECT_ROOT, env: { ...process.env, NO_COLOR: '1' } },
  ).catch(() => undefined); // a stale package (exit 1) still leaves the caches
}

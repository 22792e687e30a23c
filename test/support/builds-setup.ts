/**
 * Builds, once before any test, what the tests' processes would otherwise each build at the same
 * time on a first run (a fresh clone): the compiled command line (`npm run` in the repository and
 * the copies that take it along) and Prism's bundle (every mock and verify). Each only if stale.
 */
import { compiledBuild } from '../../src/cli/compiled/launch.mjs';
import { prismEntry } from '../../src/mock/prism-bundle.js';
import { PROJECT_ROOT } from '../../src/mock/spec-source.js';

export default async function setup(): Promise<void> {
  // Sources that do not compile: `scripts/cli.mjs` runs them through tsx, and the tests say why.
  await Promise.all([compiledBuild(PROJECT_ROOT).catch(() => undefined), prismEntry()]);
}

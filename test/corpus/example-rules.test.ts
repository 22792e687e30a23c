/**
 * Redocly's example rules with examples interpreted (src/pipeline/lint/examples/) give, on each
 * published document of the corpus and on GitHub's description, the problems Redocly's own rules
 * give: the same examples flagged, with the same messages at the same places, in the same order.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { resolveBenchContext } from '../../src/bench/context.js';
import { githubSpec } from '../../src/bench/suites/github-spec.js';
import { exampleProblems } from '../lint/example-problems.js';
import { CORPUS } from './helpers.js';

const problemsOf = async (path: string, interpreted: boolean) =>
  exampleProblems(await readFile(path, 'utf8'), path, { interpreted });

const documents = (await readdir(CORPUS)).filter((file) => /\.(json|ya?ml)$/.test(file));

it.each(documents)('%s: the problems of Redocly’s example rules', async (file) => {
  const path = fileURLToPath(new URL(file, CORPUS));
  expect(await problemsOf(path, true)).toEqual(await problemsOf(path, false));
});

it("GitHub's description: the problems of Redocly's example rules", async () => {
  const bench = resolveBenchContext();
  const spec = await githubSpec(bench.cacheDir, bench.githubPackage);
  const interpreted = await problemsOf(spec.path, true);
  expect(interpreted.length).toBeGreaterThan(1_000);
  expect(interpreted).toEqual(await problemsOf(spec.path, false));
});

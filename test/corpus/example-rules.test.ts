/**
 * Redocly's example rules with examples interpreted (src/pipeline/lint/examples/) give, on each
 * published document of the corpus and on GitHub's description, the problems Redocly's own rules
 * give: the same examples flagged, with the same messages at the same places, in the same order.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { BaseResolver, createConfig, lintDocument, makeDocumentFromString } from '@redocly/openapi-core';
import { expect, it } from 'vitest';
import { resolveBenchContext } from '../../src/bench/context.js';
import { githubSpec } from '../../src/bench/suites/github-spec.js';
import { withInterpretedExamples } from '../../src/pipeline/lint/examples/rules.js';
import { CORPUS } from './helpers.js';

const RULES = [
  'no-invalid-media-type-examples',
  'no-invalid-parameter-examples',
  'no-invalid-schema-examples',
];

async function problemsOf(path: string, interpreted: boolean): Promise<string[]> {
  const config = await createConfig({
    rules: Object.fromEntries(RULES.map((rule) => [rule, 'warn'])),
  } as never);
  const document = makeDocumentFromString(await readFile(path, 'utf8'), path);
  const problems = await lintDocument({
    document,
    config: interpreted ? withInterpretedExamples(config) : config,
    externalRefResolver: new BaseResolver(),
  });
  return problems.map((problem) =>
    JSON.stringify([
      problem.ruleId,
      problem.message,
      problem.location[0]?.pointer,
      problem.location[0]?.reportOnKey,
      problem.from?.pointer,
      problem.suggest,
    ]),
  );
}

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

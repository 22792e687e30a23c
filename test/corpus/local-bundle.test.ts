/**
 * The published corpus and GitHub's description through the bundle stage, each as Redocly's own
 * `bundle` makes it (test/pipeline/bundle/local.test.ts has the rules and the specs): every one of
 * them is one file of local `$ref`s, left unbundled (`BundledSpec.local`); GitHub's has one example
 * written as a `$ref`, which Redocly replaces by its target.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { resolveBenchContext } from '../../src/bench/context.js';
import { githubSpec } from '../../src/bench/suites/github-spec.js';
import { loadRedoclyConfig } from '../../src/pipeline/bundle/index.js';
import { PROJECT_ROOT } from '../pipeline/helpers.js';
import { bundledAsRedocly } from '../pipeline/bundle/redocly-bundle.js';
import { CORPUS } from './helpers.js';

const config = () => loadRedoclyConfig(join(PROJECT_ROOT, 'redocly.yaml'), 'redocly.yaml');

it('each document of the corpus is bundled as Redocly bundles it, unbundled', async () => {
  const dir = fileURLToPath(CORPUS);
  const documents = (await readdir(dir)).filter((file) => /\.(json|yaml)$/.test(file));
  expect(documents.length).toBeGreaterThan(0);
  for (const file of documents) {
    const bundled = await bundledAsRedocly(join(dir, file), await config());
    expect(bundled.local, file).toBeDefined();
  }
});

it("GitHub's description is bundled as Redocly bundles it, unbundled", async () => {
  const bench = resolveBenchContext();
  const spec = await githubSpec(bench.cacheDir, bench.githubPackage);
  const bundled = await bundledAsRedocly(spec.path, await config());
  expect(bundled.local?.inlined.map(({ ref }) => ref)).toEqual([
    '#/components/examples/deployment-protection-rules',
  ]);
});

/**
 * GitHub's REST description (13 MB of OpenAPI 3.0 JSON, from the npm package `@octokit/openapi`,
 * fetched with `npm pack` into `.cache/bench/` as the bench does) imports and generates through the
 * same commands as any vendor's document.
 */
import { afterAll, expect, it } from 'vitest';
import { resolveBenchContext } from '../../src/bench/context.js';
import { githubSpec } from '../../src/bench/suites/github-spec.js';
import { removeTemporaryDirs, temporaryProject, writeProjectConfig } from '../pipeline/helpers.js';
import { generateIn, runImport } from './helpers.js';

afterAll(removeTemporaryDirs);

it("GitHub's description imports and generates", async () => {
  const bench = resolveBenchContext();
  const spec = await githubSpec(bench.cacheDir, bench.githubPackage);
  const root = await temporaryProject({});
  await writeProjectConfig(root, []);

  const imported = await runImport(root, spec.path, 'github');
  expect(imported.code, imported.output).toBe(0);
  expect(imported.output).toContain(`${spec.operations} operations`);

  const generated = await generateIn(root);
  expect(generated.code, generated.output).toBe(0);
  expect(generated.output).toMatch(/✔ \[1\/1\] github +new at 1\.0\.0/);
  expect((await generateIn(root)).output).toMatch(/✔ 0 generated, 1 unchanged; no file changed/);
});

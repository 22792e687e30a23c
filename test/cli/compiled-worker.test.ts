/**
 * A command's worker thread (src/shared/worker.ts) under the compiled command line: `node
 * scripts/cli.cjs import` of a large document in a copy of the repository lints it in a
 * thread that loads the same bundles from `.cache/cli/` (test/cli/compiled.test.ts has the rest of
 * the launcher; test/pipeline/orchestration/lint-thread.test.ts the thread's findings).
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { lintBeside } from '../../src/pipeline/orchestration/lint-thread.js';
import type { LoadedSpec } from '../../src/pipeline/load/index.js';
import { CORPUS } from '../corpus/helpers.js';
import { copyOfRepository, removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);

/**
 * Petstore made large in bytes, not in work: 1.5 MB of description (a vendor's document of that
 * size spends seconds in lint and upgrade, which test/corpus/ covers), one response example that
 * is no list and no 4XX response (two of the thread's findings).
 */
async function largePetstore(): Promise<Buffer> {
  const document = parse(await readFile(new URL('petstore.yaml', CORPUS), 'utf8'));
  document.info.description = 'A pet store, described at length. '.repeat(45_000);
  document.paths['/pets'].get.responses['200'].content['application/json'].example = { not: 'a list' };
  return Buffer.from(JSON.stringify(document, null, 2));
}

it("a large document's examples are linted in a thread run from the compiled bundles", async ({ signal }) => {
  const root = join(await temporaryDir('compiled-worker-'), 'checkout');
  // The repository's build taken along (with its code caches), as a checkout whose cache is up to
  // date has it: building another would be seconds of esbuild that test/cli/compiled.test.ts has.
  await copyOfRepository(root, { compiledCli: true });
  const bytes = await largePetstore();
  expect(lintBeside({ bytes } as LoadedSpec), 'large enough for a thread of its own').toBe(true);
  const document = join(root, 'petstore.json');
  await writeFile(document, bytes);

  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [join(root, 'scripts/cli.cjs'), 'import', document, '--name', 'petstore'],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' }, signal },
  );
  expect(stderr).toBe('');
  // The thread's findings (warnings are counted per rule).
  expect(stdout).toMatch(/warning no-invalid-media-type-examples: \d+×/);
  expect(stdout).toMatch(/warning operation-4xx-response: \d+×/);
  expect(stdout).toContain('✔ wrote specs/published/petstore/openapi.json');
});

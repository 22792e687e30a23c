/**
 * A command's worker thread (src/shared/worker.ts) under the compiled command line: `node
 * scripts/cli.cjs import` of a large document in a copy of the repository lints it in a
 * thread that loads the same bundles from `.cache/cli/`, and `generate` emits its contract checks
 * in one (test/cli/compiled.test.ts has the rest of the launcher; test/pipeline/orchestration/
 * lint-thread.test.ts and checks-thread.test.ts the threads' results and errors).
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeApi } from '../../src/model/index.js';
import { emitChecks } from '../../src/pipeline/emit/checks/index.js';
import { lintBeside } from '../../src/pipeline/orchestration/lint-thread.js';
import type { LoadedSpec } from '../../src/pipeline/load/index.js';
import { bundledSource, codeBanner } from '../../src/shared/banner.js';
import { listFiles } from '../../src/shared/files.js';
import type { JsonObject } from '../../src/shared/openapi.js';
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

it("a large document's examples are linted, and its checks emitted, in threads run from the compiled bundles", async ({
  signal,
}) => {
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

  // Generated from the document import kept: its checks emitted in a thread, and what this thread
  // emits from the package's openapi.json and its API model, file for file.
  const generated = await promisify(execFile)(
    process.execPath,
    [join(root, 'scripts/cli.cjs'), 'generate', 'petstore', '--no-docs'],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' }, signal },
  );
  expect(generated.stderr).toBe('');
  const packageDir = join(root, 'generated/petstore');
  const openapiJson = await readFile(join(packageDir, 'openapi.json'));
  const bundled = JSON.parse(openapiJson.toString('utf8')) as JsonObject;
  const file = 'specs/published/petstore/openapi.json';
  const { files } = emitChecks(
    { model: describeApi('petstore', bundled, () => ({ file })), document: bundled, file },
    codeBanner(bundledSource(file, openapiJson)),
  );
  const written = await listFiles(join(packageDir, 'checks'));
  expect(written.map((path) => `checks/${path}`).sort()).toEqual([...files.keys()].sort());
  for (const [path, text] of files) expect(await readFile(join(packageDir, path), 'utf8'), path).toBe(text);
});

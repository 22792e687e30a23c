/**
 * A command's worker thread (src/shared/worker.ts) under the compiled command line: `node
 * scripts/cli.mjs import` of a large document in a copy of the repository lints its examples in a
 * thread that loads the same bundles from `.cache/cli/` (test/cli/compiled.test.ts has the rest of
 * the launcher; test/pipeline/orchestration/example-lint.test.ts the thread's findings).
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { CORPUS } from '../corpus/helpers.js';
import { copyOfRepository, removeTemporaryDirs, temporaryDir } from '../pipeline/helpers.js';

afterAll(removeTemporaryDirs);

it("a large document's examples are linted in a thread run from the compiled bundles", async ({ signal }) => {
  const root = join(await temporaryDir('compiled-worker-'), 'checkout');
  // The repository's build taken along (with its code caches), as a checkout whose cache is up to
  // date has it: building another would be seconds of esbuild that test/cli/compiled.test.ts has.
  await copyOfRepository(root, { compiledCli: true });
  const document = fileURLToPath(new URL('elevenlabs.json', CORPUS));

  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [join(root, 'scripts/cli.mjs'), 'import', document, '--name', 'elevenlabs'],
    { cwd: root, env: { ...process.env, NO_COLOR: '1' }, signal },
  );
  expect(stderr).toBe('');
  // The thread's findings, among the other rules' (warnings are counted per rule).
  expect(stdout).toMatch(/warning no-invalid-media-type-examples: \d+×/);
  expect(stdout).toMatch(/warning operation-4xx-response: \d+×/);
  expect(stdout).toContain('✔ wrote specs/published/elevenlabs/openapi.json');
});

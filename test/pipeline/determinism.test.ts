/**
 * Determinism: a copy of the project (generator, specs, committed packages) in another folder,
 * started from another working directory under another time zone and locale, regenerates every
 * package (`--force`) byte-identical to the committed `generated/` (manifests included), which
 * another run made elsewhere. A real process through `scripts/cli.cjs generate`, what `npm run
 * generate` runs (the compiled command line, the repository's build copied along), since time zone and locale
 * are fixed when a process starts.
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { listFiles } from '../../src/shared/files.js';
import { DOCS_DIR } from '../../src/pipeline/write/package-folder.js';
import { copyOfRepository, PROJECT_ROOT, removeTemporaryDirs, temporaryDir } from './helpers.js';

const run = promisify(execFile);
afterAll(removeTemporaryDirs);

/** Every package's files with their bytes: all but the reference pages, which are not committed. */
async function packages(dir: string): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const file of await listFiles(dir)) {
    if (file.split('/')[1] !== DOCS_DIR) files.set(file, await readFile(join(dir, file)));
  }
  return files;
}

// A cold process generating every package: about 10 s on an idle machine, three to four times that
// on a loaded one. The bound (after the test) is a safety net; the test waits on the process, which
// the test's signal ends if the bound is reached.
it('a run elsewhere, in another time zone and locale, reproduces the committed packages', async ({
  signal,
}) => {
  const root = join(await temporaryDir('det-'), 'some', 'checkout');
  // The packages come along: their versions and changelogs carry on from what is committed.
  await copyOfRepository(root, { compiledCli: true });

  const { stdout } = await run(
    process.execPath,
    // Without the reference pages: they are not committed, and test/pipeline/docs/ checks their determinism.
    [join(root, 'scripts', 'cli.cjs'), 'generate', '--force', '--no-docs'],
    {
      cwd: join(root, 'specs'),
      env: {
        ...process.env,
        TZ: 'Pacific/Chatham',
        LANG: 'tr_TR.UTF-8',
        LC_ALL: 'tr_TR.UTF-8',
        NO_COLOR: '1',
      },
      signal,
    },
  );
  // Every API's package, however many there are of either kind.
  const transcribed = (await readdir(join(root, 'specs'))).filter((file) => file.endsWith('.yaml')).length;
  const published = (await readdir(join(root, 'specs', 'published')).catch(() => [])).length;
  const apis = transcribed + published;
  expect(stdout).toMatch(new RegExp(`\\b${apis} generated, 0 unchanged`));

  const [committed, regenerated] = await Promise.all([
    packages(join(PROJECT_ROOT, 'generated')),
    packages(join(root, 'generated')),
  ]);
  expect([...regenerated.keys()]).toEqual([...committed.keys()]);
  expect(committed.size).toBeGreaterThan(40);
  for (const [file, bytes] of committed) expect(regenerated.get(file)?.equals(bytes), file).toBe(true);
  // Nothing machine-specific leaks into the output.
  const text = [...regenerated.values()].map((bytes) => bytes.toString('utf8')).join('\n');
  expect(text).not.toContain(root);
  expect(text).not.toContain(PROJECT_ROOT);
}, 300_000);

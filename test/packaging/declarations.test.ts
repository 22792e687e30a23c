/**
 * Every generated package installed together into one project laid out as pnpm lays it out (npm's
 * `--install-strategy=linked`): a package's own dependencies, openapi-fetch among them, are out of
 * the project's sight. A library module per package exports what it builds with the package, all
 * inferred, and tsc writes its declarations: each type must be named through the package itself,
 * or tsc fails with TS2742 ("cannot be named without a reference to .store/openapi-fetch…").
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  compileTogether,
  installProject,
  packedPackages,
  writeFiles,
  type Diagnostic,
  GENERATED,
  packageNames,
} from './consumer.js';
import { librarySource } from './sample-code.js';
import { planSample } from './sample-plan.js';
import { removeDir } from '../support/files.js';

let workDir = '';
let diagnostics: Promise<Diagnostic[]>;

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'packaging-declarations-'));
  const dirs = packageNames.map((name) => join(GENERATED, name));
  const project = join(workDir, 'consumer');
  const tarballs = await packedPackages();
  await installProject(project, [...tarballs.values()], { layout: 'linked' });
  const files = Object.fromEntries(
    await Promise.all(
      packageNames.map(async (name, index) => [
        `lib-${name}.ts`,
        librarySource(await planSample(dirs[index]!)),
      ]),
    ),
  );
  await writeFiles(project, files);
  diagnostics = compileTogether(
    workDir,
    Object.keys(files).map((file) => `consumer/${file}`),
    // The packages' .d.ts files are checked by install.test.ts; declarations are what is at stake.
    { declaration: true, emitDeclarationOnly: true, outDir: 'declarations', skipLibCheck: true },
  );
  diagnostics.catch(() => undefined);
});

afterAll(async () => {
  if (workDir) await removeDir(workDir);
});

describe('all packages in one pnpm-style project', { timeout: 120_000 }, () => {
  it.each(packageNames)('%s: a library over it compiles with declaration: true', async (name) => {
    expect((await diagnostics).filter((d) => d.file === `consumer/lib-${name}.ts`)).toEqual([]);
  });
});

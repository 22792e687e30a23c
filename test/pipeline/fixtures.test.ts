/**
 * Whole outputs: every folder under `fixtures/` is the `specs/` folder of a project (add a folder,
 * get a test). Each generated file is compared with its snapshot under
 * `__snapshots__/<fixture>/<api>/` (the runtime, compiled from another module, and the manifest,
 * which hashes the generator's sources, are left out), and all packages type-check under strict
 * settings with a consumer module using each, their operations tables checked as JavaScript.
 */
import { readdirSync } from 'node:fs';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generate,
  HERE,
  readTree,
  removeTemporaryDirs,
  temporaryProject,
  typecheck,
  writeConsumer,
  type RunResult,
} from './helpers.js';

const FIXTURES = join(HERE, 'fixtures');
const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const runs = new Map<string, { root: string; result: RunResult; apis: string[] }>();

beforeAll(async () => {
  for (const fixture of fixtures) {
    const root = await temporaryProject({});
    await cp(join(FIXTURES, fixture), join(root, 'specs'), { recursive: true });
    const result = await generate(root);
    const apis = result.code === 0 ? readdirSync(join(root, 'generated')).sort() : [];
    runs.set(fixture, { root, result, apis });
  }
});
afterAll(removeTemporaryDirs);

describe.each(fixtures)('fixture %s', (fixture) => {
  it('generates its snapshot', async () => {
    const { root, result, apis } = runs.get(fixture)!;
    expect(result.code, result.output).toBe(0);
    expect(apis.length).toBeGreaterThan(0);
    for (const api of apis) {
      for (const [file, bytes] of await readTree(join(root, 'generated', api))) {
        if (file.startsWith('runtime/') || file === '.generated.json') continue;
        await expect(bytes.toString('utf8')).toMatchFileSnapshot(
          join('__snapshots__', fixture, api, `${file}.snap`),
        );
      }
    }
  });

  it('records every input file in the manifest, referenced ones included', async () => {
    const { root, apis } = runs.get(fixture)!;
    const specFiles = readdirSync(join(root, 'specs'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(root.length + 1))
      .sort();
    const inputs = new Set<string>();
    for (const api of apis) {
      const manifest = JSON.parse(await readFile(join(root, 'generated', api, '.generated.json'), 'utf8'));
      for (const input of Object.keys(manifest.inputs)) inputs.add(input);
    }
    expect([...inputs].sort()).toEqual(specFiles);
  });
});

it('every fixture package type-checks, used by a consumer module', async () => {
  const roots: string[] = [];
  for (const { root, apis } of runs.values()) {
    for (const api of apis) {
      const dir = join(root, 'generated', api);
      roots.push(
        await writeConsumer(dir, api),
        join(dir, 'index.d.ts'),
        join(dir, 'types.d.ts'),
        join(dir, 'operations.js'),
      );
    }
  }
  expect(roots.length).toBeGreaterThan(0);
  expect(typecheck(roots, { checkJs: true })).toEqual([]);
});

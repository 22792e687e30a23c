/**
 * `handleGenerate` in-process on temporary projects: incremental runs, `--check` (manifest and
 * byte comparison), `--force`, one API by name, orphaned packages, and the progress lines.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, cp, mkdir, readdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GenerateOverrides } from '../../../src/pipeline/orchestration/context.js';
import { releaseNote } from '../../../src/pipeline/orchestration/generate.js';
import type { WriteFs } from '../../../src/pipeline/write/index.js';
import { eperm, hookedFs } from '../../support/failures.js';
import {
  copyTree,
  generate,
  HERE,
  readTree,
  removeTemporaryDirs,
  STUB_RUNTIME_INDEX,
  stubRuntimeDirWith,
  temporaryProject,
  writeProjectConfig,
} from '../helpers.js';

const PING = join(HERE, 'fixtures', 'minimal', 'ping.yaml');
const SHOP = join(HERE, 'fixtures', 'kitchen-sink', 'shop.yaml');

/** A project with two APIs, generated once; each test works on a copy. */
let pristine: string;

beforeAll(async () => {
  pristine = await temporaryProject({ 'ping.yaml': await readFile(PING), 'shop.yaml': await readFile(SHOP) });
  const result = await generate(pristine);
  expect(result.code, result.output).toBe(0);
});
afterAll(removeTemporaryDirs);

async function copyOfPristine(): Promise<string> {
  return copyOfProject(pristine);
}

/** A project of its own with `from`'s specs and packages (and its redocly.yaml, if it has one). */
async function copyOfProject(from: string): Promise<string> {
  const root = await temporaryProject({});
  await rm(join(root, 'specs'), { recursive: true, force: true });
  await copyTree(join(from, 'specs'), join(root, 'specs'));
  await copyTree(join(from, 'generated'), join(root, 'generated'));
  if (existsSync(join(from, 'redocly.yaml')))
    await copyFile(join(from, 'redocly.yaml'), join(root, 'redocly.yaml'));
  return root;
}

/** A modification time a test can set again exactly. */
const WHOLE_SECOND = 1_700_000_000;

/** Changes to a copy of the pristine project; some need the run to see the project differently. */
const edits: Record<string, (root: string) => Promise<GenerateOverrides | void>> = {
  'nothing changed': async () => {},
  'the ping spec changed': async (root) => {
    const path = join(root, 'specs', 'ping.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('summary: Ping', 'summary: Ping it'));
  },
  'both specs changed': async (root) => {
    for (const [spec, from, to] of [
      ['ping.yaml', 'summary: Ping', 'summary: Ping it'],
      ['shop.yaml', 'summary: Health check', 'summary: Health check, again'],
    ] as const) {
      const path = join(root, 'specs', spec);
      await writeFile(path, (await readFile(path, 'utf8')).replace(from, to));
    }
  },
  'an output file was edited': async (root) => {
    await writeFile(join(root, 'generated', 'shop', 'index.js'), '// edited\n');
  },
  'an output file was edited, its size and modification time kept': async (root) => {
    const path = join(root, 'generated', 'shop', 'index.js');
    const text = await readFile(path, 'utf8');
    await writeFile(
      path,
      text.replace(/[a-z]/, (letter) => (letter === 'a' ? 'b' : 'a')),
    );
    await utimes(path, WHOLE_SECOND, WHOLE_SECOND);
  },
  'an output file is missing': async (root) => {
    await rm(join(root, 'generated', 'shop', 'types.d.ts'));
  },
  'the ping spec changed, and a declaration file appeared in its package': async (root) => {
    await edits['the ping spec changed']!(root);
    await writeFile(join(root, 'generated', 'ping', 'extra.d.ts'), 'export type Extra = string;\n');
  },
  'an extra file appeared': async (root) => {
    await writeFile(join(root, 'generated', 'ping', 'notes.txt'), 'hand-written\n');
  },
  'the manifest is unreadable': async (root) => {
    await writeFile(join(root, 'generated', 'ping', '.generated.json'), '{ not json');
  },
  'a spec has no package yet': async (root) => {
    await rm(join(root, 'generated', 'ping'), { recursive: true });
  },
  'an operation was added to ping': async (root) => {
    const path = join(root, 'specs', 'ping.yaml');
    const added =
      "    post:\n      operationId: pingBack\n      summary: Ping back\n      responses:\n        '200':\n          description: Pong.\n";
    await writeFile(path, `${await readFile(path, 'utf8')}${added}`);
  },
  'ping’s operation moved to another path': async (root) => {
    const path = join(root, 'specs', 'ping.yaml');
    await writeFile(path, (await readFile(path, 'utf8')).replace('  /ping:', '  /ping/v2:'));
  },
  'the ping spec was deleted': async (root) => {
    await rm(join(root, 'specs', 'ping.yaml'));
  },
  'the manifest is JSON of another shape': async (root) => {
    await writeFile(join(root, 'generated', 'ping', '.generated.json'), '{ "generator": "x" }\n');
  },
  'the generator changed': async (root) => {
    // The openapi-fetch range the packages depend on is part of the generator, as its sources are.
    const rootPackageJson = join(root, 'package.json');
    await writeFile(rootPackageJson, '{ "dependencies": { "openapi-fetch": "^9.9.9" } }\n');
    return { rootPackageJson };
  },
  'a package was copied for a new API': async (root) => {
    await cp(join(root, 'specs', 'ping.yaml'), join(root, 'specs', 'pong.yaml'));
    await cp(join(root, 'generated', 'ping'), join(root, 'generated', 'pong'), { recursive: true });
  },
  'a file the manifest records as input is gone': async (root) => {
    const path = join(root, 'generated', 'ping', '.generated.json');
    const manifest = JSON.parse(await readFile(path, 'utf8'));
    manifest.inputs['specs/shared/gone.yaml'] = manifest.inputs['specs/ping.yaml'];
    await writeFile(path, `${JSON.stringify(manifest, null, 2)}\n`);
  },
};

describe('discovering the specs', () => {
  it.each<[string, { given: (root: string) => Promise<void>; want: { code: number; lines: string[] } }]>([
    [
      'no spec at all: an error, and the packages stay',
      {
        given: async (root) => {
          for (const spec of ['ping.yaml', 'shop.yaml']) await rm(join(root, 'specs', spec));
          await mkdir(join(root, 'specs', 'history'));
          await cp(PING, join(root, 'specs', 'history', 'ping-0.9.0.yaml'));
        },
        want: { code: 1, lines: ['specs: no APIs found: no *.yaml specs, nor folders in published/'] },
      },
    ],
    [
      'a folder named like a spec is no API',
      {
        given: (root) => mkdir(join(root, 'specs', 'shared.yaml')),
        want: { code: 0, lines: ['· [1/2] ping  unchanged', '· [2/2] shop  unchanged'] },
      },
    ],
    [
      'a hidden spec (a draft, an editor’s copy) is no API, as for --watch',
      {
        given: (root) => cp(PING, join(root, 'specs', '.draft.yaml')),
        want: { code: 0, lines: ['· [1/2] ping  unchanged', '· [2/2] shop  unchanged'] },
      },
    ],
    [
      'APIs in name order, not in file name order (ping-beta.yaml sorts before ping.yaml)',
      {
        given: async (root) => {
          const spec = await readFile(PING, 'utf8');
          await writeFile(
            join(root, 'specs', 'ping-beta.yaml'),
            spec.replace('title: Ping API', 'title: Ping beta'),
          );
        },
        want: {
          code: 0,
          lines: [
            '· [1/3] ping       unchanged',
            '✔ [2/3] ping-beta  new at 1.0.0',
            '· [3/3] shop       unchanged',
          ],
        },
      },
    ],
    [
      'a published API folder without its document',
      {
        given: async (root) => {
          await mkdir(join(root, 'specs', 'published', 'pets'), { recursive: true });
        },
        want: {
          code: 1,
          lines: [
            'specs/published/pets: holds no openapi.json or openapi.yaml: a published API is imported with `npm run import -- <file> --name pets`',
          ],
        },
      },
    ],
    [
      'a published API folder with two documents',
      {
        given: async (root) => {
          await mkdir(join(root, 'specs', 'published', 'pets'), { recursive: true });
          await cp(PING, join(root, 'specs', 'published', 'pets', 'openapi.yaml'));
          await writeFile(join(root, 'specs', 'published', 'pets', 'openapi.json'), '{}');
        },
        want: {
          code: 1,
          lines: [
            'specs/published/pets: holds both openapi.json and openapi.yaml: keep the one `redocly.yaml` names',
          ],
        },
      },
    ],
    [
      'a published API named like a transcribed one',
      {
        given: async (root) => {
          await mkdir(join(root, 'specs', 'published', 'ping'), { recursive: true });
          await cp(PING, join(root, 'specs', 'published', 'ping', 'openapi.yaml'));
        },
        want: {
          code: 1,
          lines: [
            'specs/published/ping: the API ping is also specs/ping.yaml: one name, one API (rename or remove one)',
          ],
        },
      },
    ],
    [
      'a published API folder whose name is no package name',
      {
        given: async (root) => {
          await mkdir(join(root, 'specs', 'published', 'Pets'), { recursive: true });
          await cp(PING, join(root, 'specs', 'published', 'Pets', 'openapi.yaml'));
        },
        want: {
          code: 1,
          lines: [
            'specs/published/Pets: "Pets" cannot name an API: use lower-case letters, digits and dashes (it becomes the package name)',
          ],
        },
      },
    ],
    [
      'an OpenAPI document in JSON at the top of specs/ is not skipped in silence',
      {
        given: (root) =>
          writeFile(join(root, 'specs', 'pets.json'), '{\n  "openapi": "3.0.3",\n  "info": {}\n}\n'),
        want: {
          code: 1,
          lines: [
            "specs/pets.json: an OpenAPI document in JSON is read only as a vendor's published one: import it with `npm run import -- specs/pets.json --name pets` (it moves to specs/published/pets/); a spec we transcribe is specs/pets.yaml",
          ],
        },
      },
    ],
    [
      'every misplaced document and clashing name at once, not one per run',
      {
        given: async (root) => {
          await writeFile(join(root, 'specs', 'pets.json'), '{\n  "openapi": "3.0.3",\n  "info": {}\n}\n');
          await cp(PING, join(root, 'specs', 'store.yml'));
          await mkdir(join(root, 'specs', 'published', 'ping'), { recursive: true });
          await cp(PING, join(root, 'specs', 'published', 'ping', 'openapi.yaml'));
        },
        want: {
          code: 1,
          lines: [
            "specs/pets.json: an OpenAPI document in JSON is read only as a vendor's published one: import it with `npm run import -- specs/pets.json --name pets` (it moves to specs/published/pets/); a spec we transcribe is specs/pets.yaml",
            "specs/store.yml: not read from here: if it is a vendor's published document, import it with `npm run import -- specs/store.yml --name store` (it moves to specs/published/store/); if we transcribed it, rename it specs/store.yaml",
            'specs/published/ping: the API ping is also specs/ping.yaml: one name, one API (rename or remove one)',
          ],
        },
      },
    ],
    [
      'a JSON fragment at the top of specs/ (no `openapi` field) is no API',
      {
        given: (root) => writeFile(join(root, 'specs', 'shared.json'), '{ "Pet": { "type": "object" } }\n'),
        want: { code: 0, lines: ['· [1/2] ping  unchanged', '· [2/2] shop  unchanged'] },
      },
    ],
  ])('%s', async (_, { given, want }) => {
    const root = await copyOfPristine();
    await given(root);
    const before = await readTree(join(root, 'generated'));

    const result = await generate(root);

    expect(result.code, result.output).toBe(want.code);
    expect(
      result.output
        .split('\n')
        .slice(0, want.lines.length)
        .map((line) => line.replace(/ +\(\d+ ms\)$/, '')),
    ).toEqual(want.lines);
    if (want.code !== 0) expect(await readTree(join(root, 'generated'))).toEqual(before);
  });
});

describe('--check', () => {
  it.each<[string, { given: string; want: { code: number; stale: RegExp[] } }]>([
    ['up to date', { given: 'nothing changed', want: { code: 0, stale: [] } }],
    [
      'a changed spec',
      {
        given: 'the ping spec changed',
        want: { code: 1, stale: [/ping +stale: specs\/ping\.yaml changed/] },
      },
    ],
    [
      'an edited output',
      { given: 'an output file was edited', want: { code: 1, stale: [/shop +stale: index\.js was edited/] } },
    ],
    [
      'a missing output',
      {
        given: 'an output file is missing',
        want: { code: 1, stale: [/shop +stale: types\.d\.ts is missing/] },
      },
    ],
    [
      'an extra file',
      {
        given: 'an extra file appeared',
        want: { code: 1, stale: [/ping +stale: notes\.txt is not generated/] },
      },
    ],
    [
      'a broken manifest',
      {
        given: 'the manifest is unreadable',
        want: { code: 1, stale: [/ping +stale: no readable \.generated\.json/] },
      },
    ],
    [
      'a missing package',
      {
        given: 'a spec has no package yet',
        want: { code: 1, stale: [/ping +stale: no readable \.generated\.json/] },
      },
    ],
    [
      'a manifest of another shape',
      {
        given: 'the manifest is JSON of another shape',
        want: { code: 1, stale: [/ping +stale: no readable \.generated\.json/] },
      },
    ],
    [
      'a changed generator',
      {
        given: 'the generator changed',
        want: {
          code: 1,
          stale: [/ping +stale: the generator changed/, /shop +stale: the generator changed/],
        },
      },
    ],
    [
      'a package copied from another API',
      {
        given: 'a package was copied for a new API',
        want: { code: 1, stale: [/pong +stale: generated from another spec than specs\/pong\.yaml/] },
      },
    ],
    [
      'a missing input',
      {
        given: 'a file the manifest records as input is gone',
        want: { code: 1, stale: [/ping +stale: specs\/shared\/gone\.yaml is missing/] },
      },
    ],
  ])('%s', async (_, { given, want }) => {
    const root = await copyOfPristine();
    const overrides = await edits[given]!(root);
    const before = await readTree(join(root, 'generated'));

    const result = await generate(root, { mode: 'check', ...overrides });

    expect(result.code, result.output).toBe(want.code);
    for (const pattern of want.stale) expect(result.output).toMatch(pattern);
    expect(result.info.filter((line) => line.includes('stale:'))).toHaveLength(want.stale.length);
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });

  // The hashes of settled files are remembered between runs (src/shared/file-hashes.ts): the
  // clock is set ahead so that every file counts as settled, and the first run records them all.
  describe('with the hashes of the first run remembered', () => {
    afterEach(() => {
      vi.useRealTimers();
    });
    it.each<[string, { given: string; want: RegExp[] }]>([
      ['up to date', { given: 'nothing changed', want: [] }],
      [
        'a changed spec',
        { given: 'the ping spec changed', want: [/ping +stale: specs\/ping\.yaml changed/] },
      ],
      [
        'an edited output',
        { given: 'an output file was edited', want: [/shop +stale: index\.js was edited/] },
      ],
      [
        'an output edited to the same size, its modification time set back',
        {
          given: 'an output file was edited, its size and modification time kept',
          want: [/shop +stale: index\.js was edited/],
        },
      ],
      [
        'a missing output',
        { given: 'an output file is missing', want: [/shop +stale: types\.d\.ts is missing/] },
      ],
      [
        'an extra file',
        { given: 'an extra file appeared', want: [/ping +stale: notes\.txt is not generated/] },
      ],
      [
        'a broken manifest',
        { given: 'the manifest is unreadable', want: [/ping +stale: no readable \.generated\.json/] },
      ],
    ])('%s', async (_, { given, want }) => {
      const root = await copyOfPristine();
      const cacheDir = join(root, '.cache');
      await utimes(join(root, 'generated', 'shop', 'index.js'), WHOLE_SECOND, WHOLE_SECOND);
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 60_000);
      expect((await generate(root, { mode: 'check', cacheDir })).code).toBe(0);
      const record = JSON.parse(await readFile(join(cacheDir, 'file-hashes.json'), 'utf8'));
      expect(Object.keys(record.files)).toEqual(
        expect.arrayContaining([
          join(root, 'specs', 'ping.yaml'),
          join(root, 'generated', 'shop', 'index.js'),
        ]),
      );
      const overrides = await edits[given]!(root);

      const result = await generate(root, { mode: 'check', cacheDir, ...overrides });

      expect(result.code, result.output).toBe(want.length === 0 ? 0 : 1);
      for (const pattern of want) expect(result.output).toMatch(pattern);
      expect(result.info.filter((line) => line.includes('stale:'))).toHaveLength(want.length);
    });
  });

  // Each change is made to agree with shop's manifest: only regenerating can tell. The manifest
  // records what was released, so the package regenerated differs from it in a file: a patch
  // release, whose CHANGELOG.md and package.json differ too.
  it.each<[string, { given: { file: string; text?: string }; want: RegExp }]>([
    [
      'an edited file',
      {
        given: { file: 'README.md', text: 'edited\n' },
        want: /shop: CHANGELOG\.md differs; README\.md differs; package\.json differs; \.generated\.json differs$/m,
      },
    ],
    [
      'a missing file',
      {
        given: { file: 'types.d.ts' },
        want: /shop: CHANGELOG\.md differs; package\.json differs; types\.d\.ts is missing; \.generated\.json differs$/m,
      },
    ],
    [
      'an extra file',
      {
        given: { file: 'notes.txt', text: 'hand-written\n' },
        want: /shop: CHANGELOG\.md differs; package\.json differs; \.generated\.json differs; notes\.txt is not generated$/m,
      },
    ],
  ])('with --force compares freshly generated bytes: %s', async (_, { given, want }) => {
    const root = await copyOfPristine();
    const manifest = join(root, 'generated', 'shop', '.generated.json');
    const recorded = JSON.parse(await readFile(manifest, 'utf8'));
    const file = join(root, 'generated', 'shop', given.file);
    if (given.text === undefined) {
      await rm(file);
      delete recorded.files[given.file];
    } else {
      await writeFile(file, given.text);
      recorded.files[given.file] = createHash('sha256').update(given.text).digest('hex');
    }
    await writeFile(manifest, `${JSON.stringify(recorded, null, 2)}\n`);

    expect((await generate(root, { mode: 'check' })).code).toBe(0);
    const forced = await generate(root, { mode: 'check', force: true });
    expect(forced.code, forced.output).toBe(1);
    expect(forced.output).toMatch(want);
  });

  it('with --force fails when a package does not build, though the others are up to date', async () => {
    const root = await copyOfPristine();
    await writeFile(join(root, 'specs', 'ping.yaml'), 'openapi: 3.1.0\ninfo:\n  title: "Ping\n');

    const forced = await generate(root, { mode: 'check', force: true });

    expect(forced.code, forced.output).toBe(1);
    expect(forced.errors).toContain('✖ 1 of 2 failed');
  });
});

describe('a spec that does not load', () => {
  it('stops the run at the first: the other stale APIs are neither read nor built', async () => {
    const root = await copyOfPristine();
    await writeFile(join(root, 'specs', 'ping.yaml'), 'openapi: 3.1.0\ninfo:\n  title: "Ping\n');

    const forced = await generate(root, { force: true });

    expect(forced.code, forced.output).toBe(1);
    expect(forced.info).toEqual([expect.stringMatching(/^✖ \[1\/2\] ping +does not load$/)]);
    expect(forced.errors).toEqual([
      expect.stringMatching(/^specs\/ping\.yaml:3:\d+: /),
      '✖ 1 of 2 APIs failed: nothing in generated/ was changed',
    ]);
  });
});

describe('incremental generation', () => {
  it.each<[string, { given: string; want: { lines: RegExp[]; summary: RegExp } }]>([
    [
      'nothing to do',
      {
        given: 'nothing changed',
        want: {
          lines: [/^· \[1\/2\] ping +unchanged$/, /^· \[2\/2\] shop +unchanged$/],
          summary: /0 generated, 2 unchanged; no file changed/,
        },
      },
    ],
    [
      'only the changed API is rebuilt',
      {
        given: 'the ping spec changed',
        want: {
          // The summary is a documentation change: the line says so, with the versions.
          lines: [
            /^✔ \[1\/2\] ping +1\.0\.0 → 1\.0\.1: 1 documentation \(\d+ ms\)$/,
            /^· \[2\/2\] shop +unchanged$/,
          ],
          summary: /1 generated, 1 unchanged; \d+ files written, 0 removed/,
        },
      },
    ],
    [
      'an added operation is a minor release, and the line says so',
      {
        given: 'an operation was added to ping',
        want: {
          lines: [
            /^✔ \[1\/2\] ping +1\.0\.0 → 1\.1\.0: \d+ additive \(\d+ ms\)$/,
            /^· \[2\/2\] shop +unchanged$/,
          ],
          summary: /1 generated, 1 unchanged; \d+ files written, 0 removed/,
        },
      },
    ],
    [
      'a moved operation is a major release, and the line says so',
      {
        given: 'ping’s operation moved to another path',
        want: {
          lines: [
            /^✔ \[1\/2\] ping +1\.0\.0 → 2\.0\.0: \d+ breaking(, \d+ \w+)* \(\d+ ms\)$/,
            /^· \[2\/2\] shop +unchanged$/,
          ],
          summary: /1 generated, 1 unchanged; \d+ files written, 0 removed/,
        },
      },
    ],
    [
      // Its types cannot be compared with what consumers got: the run says why it does not.
      'a hand-made declaration file: the version follows the spec, and a warning says why',
      {
        given: 'the ping spec changed, and a declaration file appeared in its package',
        want: {
          lines: [
            /^✔ \[1\/2\] ping +1\.0\.0 → 1\.0\.1: 1 documentation \(\d+ ms\)$/,
            /^ {2}warning: generated\/ping\/extra\.d\.ts not as the manifest recorded them \(edited, added or removed by hand\): the version follows the spec's changes only, not the public types'$/,
            /^· \[2\/2\] shop +unchanged$/,
          ],
          summary: /1 generated, 1 unchanged; \d+ files written, 1 removed/,
        },
      },
    ],
    [
      'a new package says its first version',
      {
        given: 'a spec has no package yet',
        want: {
          lines: [/^✔ \[1\/2\] ping +new at 1\.0\.0 \(\d+ ms\)$/, /^· \[2\/2\] shop +unchanged$/],
          summary: /1 generated, 1 unchanged; \d+ files written, 0 removed/,
        },
      },
    ],
    [
      'an edited output is restored',
      {
        given: 'an output file was edited',
        want: {
          lines: [/^· \[1\/2\] ping +unchanged$/, /^✔ \[2\/2\] shop +\(\d+ ms\)$/],
          summary: /1 generated, 1 unchanged; 1 file written, 0 removed/,
        },
      },
    ],
    [
      'an extra file is removed',
      {
        given: 'an extra file appeared',
        want: {
          lines: [/^✔ \[1\/2\] ping +\(\d+ ms\)$/, /^· \[2\/2\] shop +unchanged$/],
          summary: /1 generated, 1 unchanged; 0 files written, 1 removed/,
        },
      },
    ],
    [
      'a deleted spec’s package is removed, its files counted',
      {
        given: 'the ping spec was deleted',
        want: {
          lines: [/^· \[1\/1\] shop +unchanged$/],
          // Every file of generated/ping but its (uncommitted) docs.
          summary: /0 generated, 1 unchanged; 0 files written, [1-9]\d* removed/,
        },
      },
    ],
  ])('%s', async (_, { given, want }) => {
    const root = await copyOfPristine();
    await edits[given]!(root);

    const result = await generate(root);

    expect(result.code, result.output).toBe(0);
    expect(result.info.slice(0, want.lines.length)).toEqual(
      want.lines.map((line) => expect.stringMatching(line)),
    );
    expect(result.info.at(-1)).toMatch(want.summary);
    expect((await generate(root, { mode: 'check' })).code).toBe(0);
  });

  it('writes only the files whose bytes changed', async () => {
    const root = await copyOfPristine();
    const before = await readTree(join(root, 'generated'));
    await edits['the ping spec changed']!(root);

    const result = await generate(root);
    const after = await readTree(join(root, 'generated'));

    expect(result.code, result.output).toBe(0);
    const changed = [...after.keys()].filter((file) => !before.get(file)?.equals(after.get(file)!));
    // The summary changes the types and the operations table, and is a documentation change: a
    // patch release with its changelog entry. The runtime and the other package stay as they were.
    expect(changed).toEqual(
      expect.arrayContaining([
        'ping/.generated.json',
        'ping/operations.js',
        'ping/types.d.ts',
        'ping/index.d.ts',
        'ping/package.json',
        'ping/CHANGELOG.md',
      ]),
    );
    expect(changed.filter((file) => file.startsWith('shop/') || file.startsWith('ping/runtime/'))).toEqual(
      [],
    );
    const version = (file: Map<string, Buffer>) =>
      JSON.parse(file.get('ping/package.json')!.toString()).version;
    expect([version(before), version(after)]).toEqual(['1.0.0', '1.0.1']);
    expect(after.get('ping/CHANGELOG.md')!.toString()).toMatch(/## 1\.0\.1\n[\s\S]*summary[\s\S]*## 1\.0\.0/);
  });

  it('a spec whose info.version alone changed is a patch release, never the same version twice', async () => {
    const root = await copyOfPristine();
    const spec = join(root, 'specs', 'ping.yaml');
    const text = await readFile(spec, 'utf8');
    const bumped = text.replace(/^(  version: )(.+)$/m, '$1"9.9.9"');
    expect(bumped).not.toBe(text);
    await writeFile(spec, bumped);

    expect((await generate(root)).code).toBe(0);
    const pkg = JSON.parse(await readFile(join(root, 'generated', 'ping', 'package.json'), 'utf8'));
    const changelog = await readFile(join(root, 'generated', 'ping', 'CHANGELOG.md'), 'utf8');
    expect(pkg.version).toBe('1.0.1');
    expect(changelog).toMatch(/## 1\.0\.1\n[\s\S]*- `info`: `version` changed from `[^`]+` to `9\.9\.9`/);
  });

  it('a spec edit that changes only comments and layout changes no file of the package but its manifest', async () => {
    const root = await copyOfPristine();
    const spec = join(root, 'specs', 'ping.yaml');
    const before = await readTree(join(root, 'generated'));
    await writeFile(spec, `# A comment a maintainer added.\n\n${await readFile(spec, 'utf8')}`);

    const result = await generate(root);
    expect(result.code, result.output).toBe(0);
    const after = await readTree(join(root, 'generated'));
    const changed = [...after.keys()].filter(
      (file) => !after.get(file)!.equals(before.get(file) ?? Buffer.of()),
    );
    // The manifest records the spec's new bytes, so the next run is a no-op; the package itself,
    // version and banners included, is what it was: the bundled document did not change.
    expect(changed).toEqual(['ping/.generated.json']);
    expect((await generate(root)).info.at(-1)).toMatch(/0 generated, 2 unchanged/);
  });

  it('each release keeps the changelog entries before it', async () => {
    const root = await copyOfPristine();
    const spec = join(root, 'specs', 'ping.yaml');
    for (const summary of ['Ping it', 'Ping it again']) {
      await writeFile(spec, (await readFile(spec, 'utf8')).replace(/summary: .*/, `summary: ${summary}`));
      expect((await generate(root)).code).toBe(0);
    }
    const changelog = await readFile(join(root, 'generated', 'ping', 'CHANGELOG.md'), 'utf8');
    expect(changelog.match(/^## .*/gm)).toEqual(['## 1.0.2', '## 1.0.1', '## 1.0.0']);
  });

  it('--force rebuilds everything, byte-identical', async () => {
    const root = await copyOfPristine();
    const before = await readTree(join(root, 'generated'));
    const result = await generate(root, { force: true });
    expect(result.code, result.output).toBe(0);
    expect(result.info.at(-1)).toMatch(/2 generated, 0 unchanged; no file changed/);
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });

  // Whatever changed them: the stub runtime stands for a generator change, the spec is the same.
  it.each<[string, { index: string; want: { version: string; lines: string[] } }]>([
    [
      'an export removed: a major release',
      {
        index: STUB_RUNTIME_INDEX.replace(/\/\*\* Every failed call[^]*?\{\}\n/, ''),
        want: {
          version: '2.0.0',
          lines: [
            "The spec did not change; the generator changed the package's public types (the `export` entries).",
            '- `export StubApiError`: no longer exported (a class)',
          ],
        },
      },
    ],
    [
      'an export added: a minor release',
      {
        index: `${STUB_RUNTIME_INDEX}export interface RetryInfo { attempt: number }\n`,
        want: { version: '1.1.0', lines: ['- `export RetryInfo`: newly exported (an interface)'] },
      },
    ],
    [
      'an option added: a minor release',
      {
        index: STUB_RUNTIME_INDEX.replace('baseUrl?: string;', 'baseUrl?: string;\n  validate?: boolean;'),
        want: {
          version: '1.1.0',
          lines: [
            '- `export ClientOptions`: new optional properties: every value written for it still fits',
            '- `export PingClientOptions`: new optional properties: every value written for it still fits',
          ],
        },
      },
    ],
    [
      // The types are the same, the shipped runtime is not: one version never has two contents.
      'a comment only: a patch release',
      {
        index: `// A maintainer's note.\n${STUB_RUNTIME_INDEX}`,
        want: {
          version: '1.0.1',
          lines: [
            "The spec and the package's public types did not change; the generator changed files the package ships, so the version moves on: one version never has two contents.",
            // Each runtime file's banner names its source, here in a folder of its own.
            'Changed: `runtime/api-description.js`, `runtime/auth.js`, `runtime/body.js`, `runtime/checks.js`, `runtime/client.js`, `runtime/context.js`, `runtime/contract.js`, `runtime/decode.js`, `runtime/errors.d.ts`, `runtime/errors.js`, `runtime/explain.js`, `runtime/index.d.ts`, `runtime/index.js`, `runtime/options.js`, `runtime/params.js`, `runtime/query.js`, `runtime/raw-client.d.ts`, `runtime/raw-client.js`, `runtime/report.js`, `runtime/request.js`, `runtime/response.js`, `runtime/retry.js`, `runtime/secrets.js`, `runtime/send.js`, `runtime/timeout.js`, `runtime/validation.js`.',
            'No changes to the API contract or its documentation.',
          ],
        },
      },
    ],
  ])("the generator's change to the public types: %s", async (_name, { index, want }) => {
    const root = await copyOfPristine();
    const runtimeDir = await stubRuntimeDirWith({ 'index.ts': index });

    const result = await generate(root, { runtimeDir, force: true, apis: ['ping'] });
    expect(result.code, result.output).toBe(0);
    const pkg = JSON.parse(await readFile(join(root, 'generated', 'ping', 'package.json'), 'utf8'));
    const changelog = (await readFile(join(root, 'generated', 'ping', 'CHANGELOG.md'), 'utf8')).split('\n');
    expect(pkg.version).toBe(want.version);
    for (const line of want.lines) expect(changelog, changelog.join('\n')).toContain(line);
    // The next run finds nothing more to release.
    const again = await generate(root, { runtimeDir, force: true, apis: ['ping'] });
    expect(JSON.parse(await readFile(join(root, 'generated', 'ping', 'package.json'), 'utf8')).version).toBe(
      want.version,
    );
    expect(again.code).toBe(0);
  });

  it('keeps the version of an existing package', async () => {
    const root = await copyOfPristine();
    const path = join(root, 'generated', 'ping', 'package.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"version": "1.0.0"', '"version": "1.4.2"'));
    expect((await generate(root)).code).toBe(0);
    expect(JSON.parse(await readFile(path, 'utf8')).version).toBe('1.4.2');
  });
});

/** The real file system, but `hook` decides first: an error fails the call, `'kill'` never returns. */
function injectedFs(hook: (call: string, args: unknown[]) => Error | 'kill' | undefined): WriteFs {
  return hookedFs((_, call, args) => {
    const what = hook(call, args);
    if (what === 'kill') return new Promise(() => {});
    if (what !== undefined) return Promise.reject(what);
  }).fs;
}

/** `hook` until it has failed a call once. */
function once<T>(
  hook: (call: string, args: unknown[]) => T | undefined,
): (call: string, args: unknown[]) => T | undefined {
  let done = false;
  return (call, args) => {
    if (done) return undefined;
    const what = hook(call, args);
    done = what !== undefined;
    return what;
  };
}

const endsWith = (path: unknown, suffix: string) => String(path).split('\\').join('/').endsWith(suffix);

/** Files and folders under `generated/` a run may leave behind: temporary files, work folders. */
async function leftovers(root: string): Promise<string[]> {
  const entries = await readdir(join(root, 'generated'), { recursive: true });
  return entries.filter((entry) => /(^|\/)\.generate-|\.tmp$/.test(entry.split('\\').join('/')));
}

describe('writing', () => {
  it.each<[string, { given: (call: string, args: unknown[]) => Error | undefined; want: string }]>([
    [
      'a file of the second package cannot be written',
      {
        given: (call, args) =>
          call === 'writeFile' && endsWith(args[0], '/shop/CHANGELOG.md')
            ? eperm('open', args[0])
            : undefined,
        want: '✖ cannot write generated/shop/CHANGELOG.md: EPERM: operation not permitted: nothing in generated/ was changed',
      },
    ],
    [
      'the second package cannot be swapped in, after the first was',
      {
        // Only the swap fails: undoing it renames to the same place, and must succeed.
        given: once((call, args) =>
          call === 'rename' && endsWith(args[1], 'generated/shop') ? eperm('rename', args[0]) : undefined,
        ),
        want: '✖ cannot replace generated/shop: EPERM: operation not permitted: nothing in generated/ was changed',
      },
    ],
  ])('%s: one line, and nothing in generated/ changes', async (_, { given, want }) => {
    const root = await copyOfPristine();
    await edits['both specs changed']!(root);
    const before = await readTree(join(root, 'generated'));

    const result = await generate(root, { fs: injectedFs(given) });

    expect(result.code, result.output).toBe(1);
    expect(result.errors).toEqual([want]);
    expect(await readTree(join(root, 'generated'))).toEqual(before);
    expect(await leftovers(root)).toEqual([]);
  });

  it('a failed swap whose undoing fails too says so, and the next run puts every package right', async () => {
    const root = await copyOfPristine();
    await edits['both specs changed']!(root);
    // shop's swap fails; then so does putting ping's new folder back, the first step of undoing.
    const fs = injectedFs((call, args) =>
      call === 'rename' &&
      (endsWith(args[1], 'generated/shop') ||
        (endsWith(args[0], 'generated/ping') && !endsWith(args[1], '/old/ping')))
        ? eperm('rename', args[0])
        : undefined,
    );

    const result = await generate(root, { fs });

    expect(result.code, result.output).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^✖ cannot replace generated\/shop: EPERM\b.*; undoing .* failed too/);
    expect(result.errors[0]).toContain('the next `npm run generate` puts that right');
    expect((await generate(root)).code).toBe(0);
    expect((await generate(root, { mode: 'check' })).code).toBe(0);
    expect(await leftovers(root)).toEqual([]);
  });

  it('a package another run is replacing is not taken back: one line saying what to do', async () => {
    const root = await copyOfPristine();
    // Another process (this test's parent) moved ping away and has not put its new folder in place.
    const work = join(root, 'generated', `.generate-${process.ppid}`);
    await mkdir(join(work, 'old'), { recursive: true });
    await rename(join(root, 'generated', 'ping'), join(work, 'old', 'ping'));

    const result = await generate(root);

    expect(result.code, result.output).toBe(1);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(/^✖ generated\/ping is missing: /);
    expect(result.errors[0]).toContain(
      `move generated/.generate-${process.ppid}/old/ping back to generated/ping`,
    );
  });

  it('a generated/ that cannot be created is one line', async () => {
    const root = await copyOfPristine();
    await writeFile(join(root, 'not-a-folder'), 'a file\n');

    const result = await generate(root, { outDir: join(root, 'not-a-folder', 'generated') });

    expect(result.code, result.output).toBe(1);
    expect(result.errors).toEqual([
      '✖ cannot write not-a-folder/generated/: ENOTDIR: not a directory: nothing in not-a-folder/generated/ was changed',
    ]);
  });

  it.each<[string, (call: string, args: unknown[]) => boolean]>([
    [
      'while its new CHANGELOG.md is written',
      (call, args) => call === 'writeFile' && endsWith(args[0], '/ping/CHANGELOG.md'),
    ],
    [
      'between moving the old package away and the new one in',
      (call, args) => call === 'rename' && endsWith(args[1], 'generated/ping'),
    ],
    ['after the last swap', (call, args) => call === 'rename' && endsWith(args[1], '.done')],
  ])('a run killed %s: the next run ships the version bump with its changelog', async (_, killAt) => {
    const root = await copyOfPristine();
    await edits['both specs changed']!(root);
    let killed!: () => void;
    const stopped = new Promise<void>((resolve) => (killed = resolve));
    const fs = injectedFs((call, args) => (killAt(call, args) ? (killed(), 'kill') : undefined));
    void generate(root, { fs });
    await stopped;

    const result = await generate(root);

    expect(result.code, result.output).toBe(0);
    const version = JSON.parse(
      await readFile(join(root, 'generated', 'ping', 'package.json'), 'utf8'),
    ).version;
    const changelog = await readFile(join(root, 'generated', 'ping', 'CHANGELOG.md'), 'utf8');
    expect([version, /^## (\S+)/m.exec(changelog)?.[1]]).toEqual(['1.0.1', '1.0.1']);
    expect((await generate(root, { mode: 'check' })).code).toBe(0);
    expect(await leftovers(root)).toEqual([]);
  });

  it('keeps the reference page of a package it replaces without rendering it (--no-docs)', async () => {
    const root = await copyOfPristine();
    const page = join(root, 'generated', 'ping', 'docs', 'index.html');
    await mkdir(join(root, 'generated', 'ping', 'docs'));
    await writeFile(page, '<html>rendered earlier</html>\n');
    await edits['the ping spec changed']!(root);

    const result = await generate(root, { docs: false });

    expect(result.code, result.output).toBe(0);
    expect(result.info.at(-1)).toMatch(/1 generated, 1 unchanged/);
    expect(await readFile(page, 'utf8')).toBe('<html>rendered earlier</html>\n');
  });
});

describe('history replay (specs/history/<api>-<version>.yaml)', () => {
  /** The minimal spec under another title: replaying it is a documentation change, a patch. */
  const older = (title: string, version = '0.0.1') =>
    readFileSync(PING, 'utf8')
      .replace('title: Ping API', `title: ${title}`)
      .replace('version: 0.1.0', `version: ${version}`);

  it('replays an API’s history, and not the history of an API whose name starts with its own', async () => {
    const ping = await readFile(PING, 'utf8');
    const root = await temporaryProject({
      'ping.yaml': ping,
      'ping-beta.yaml': ping.replace('title: Ping API', 'title: Ping beta'),
      'history/ping-0.9.0.yaml': older('Ping API, before'),
      // 1.9.0 before 1.10.0: versions compare as numbers, not as text.
      'history/ping-beta-1.9.0.yaml': older('Ping beta, before', '1.9.0'),
      'history/ping-beta-1.10.0.yaml': older('Ping beta, later', '1.10.0'),
    });

    const result = await generate(root);

    expect(result.code, result.output).toBe(0);
    const version = async (api: string) =>
      JSON.parse(await readFile(join(root, 'generated', api, 'package.json'), 'utf8')).version;
    // Each replayed revision changes the title: a documentation change, a patch release.
    expect([await version('ping'), await version('ping-beta')]).toEqual(['1.0.1', '1.0.2']);
    const changelog = await readFile(join(root, 'generated', 'ping-beta', 'CHANGELOG.md'), 'utf8');
    expect(changelog.match(/^(First release|Generated from)\b.*/gm)).toEqual([
      'Generated from the `ping-beta` spec, revision `0.1.0`.',
      'Generated from the `ping-beta` spec, revision `1.10.0`.',
      'First release, generated from the `ping-beta` spec, revision `1.9.0`.',
    ]);
  });

  it.each<[string, { given: Record<string, string>; want: string[] }]>([
    [
      'a history file that is not YAML',
      {
        given: { 'history/ping-0.9.0.yaml': 'openapi: 3.1.0\ninfo:\n  title: "Ping\n' },
        want: ['specs/history/ping-0.9.0.yaml:3:10: invalid YAML: Missing closing "quote'],
      },
    ],
    [
      'history file names without a version',
      {
        given: { 'history/ping-v1.yaml': older('v1'), 'history/ping-1.0.yaml': older('1.0') },
        want: [
          'specs/history/ping-1.0.yaml: not a history file name: expected ping-<major>.<minor>.<patch>.yaml, e.g. ping-1.0.0.yaml',
          'specs/history/ping-v1.yaml: not a history file name: expected ping-<major>.<minor>.<patch>.yaml, e.g. ping-1.0.0.yaml',
        ],
      },
    ],
  ])('%s: an error naming the file', async (_, { given, want }) => {
    const root = await temporaryProject({ 'ping.yaml': await readFile(PING), ...given });

    const result = await generate(root);

    expect(result.code, result.output).toBe(1);
    expect(result.errors.slice(0, -1).sort()).toEqual(want);
    expect(result.output).not.toMatch(/internal error/);
    expect(await readTree(join(root, 'generated'))).toEqual(new Map());
  });
});

describe('a package whose history cannot be read', () => {
  it.each<[string, { given: (dir: string) => Promise<void>; want: string }]>([
    [
      'openapi.json is missing',
      {
        given: (dir) => rm(join(dir, 'openapi.json')),
        want: 'generated/ping/openapi.json: cannot read it (ENOENT: no such file or directory), and the next version is computed from it',
      },
    ],
    [
      'openapi.json is not JSON',
      {
        given: (dir) => writeFile(join(dir, 'openapi.json'), '{ "openapi": '),
        want: 'generated/ping/openapi.json: cannot read it (Unexpected end of JSON input), and the next version is computed from it',
      },
    ],
    [
      'openapi.json is not a document',
      {
        given: (dir) => writeFile(join(dir, 'openapi.json'), '[]\n'),
        want: 'generated/ping/openapi.json: cannot read it (not an OpenAPI document), and the next version is computed from it',
      },
    ],
    [
      'CHANGELOG.md is missing',
      {
        given: (dir) => rm(join(dir, 'CHANGELOG.md')),
        want: 'generated/ping/CHANGELOG.md: cannot read it (ENOENT: no such file or directory), and the next entry goes on top of it',
      },
    ],
  ])('%s: an error saying what to do, and nothing changes', async (_, { given, want }) => {
    const root = await copyOfPristine();
    await edits['the ping spec changed']!(root);
    await given(join(root, 'generated', 'ping'));
    const before = await readTree(join(root, 'generated'));

    const result = await generate(root);

    expect(result.code, result.output).toBe(1);
    const file = want.slice(0, want.indexOf(':'));
    expect(result.errors[0]).toBe(
      `${want}: restore it with \`git checkout -- ${file}\`, or delete generated/ping to start over at 1.0.0`,
    );
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });
});

describe('a package whose package.json cannot be read', () => {
  it.each<[string, { given: string; want: string }]>([
    [
      'not JSON',
      {
        given: '{ "version": ',
        want: 'generated/ping/package.json: not valid JSON (Unexpected end of JSON input); delete it to start over at 1.0.0',
      },
    ],
    [
      'no version',
      {
        given: '{ "name": "@voice-agent-sdks/ping" }\n',
        want: 'generated/ping/package.json: has no `version`; delete it to start over at 1.0.0',
      },
    ],
    // The change classifier's own error: it was "internal error" and a stack.
    [
      'a version that is not semver',
      {
        given: '{ "version": "banana" }\n',
        want: 'generated/ping/package.json: current version "banana" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 1.4.0)',
      },
    ],
  ])('%s: an error saying what to do, not a package starting over', async (_, { given, want }) => {
    const root = await copyOfPristine();
    await edits['the ping spec changed']!(root);
    await writeFile(join(root, 'generated', 'ping', 'package.json'), given);
    const before = await readTree(join(root, 'generated'));

    const result = await generate(root);

    expect(result.code, result.output).toBe(1);
    expect(result.errors[0]).toBe(want);
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });
});

describe('selecting APIs', () => {
  it('regenerates only the named API', async () => {
    const root = await copyOfPristine();
    await edits['the ping spec changed']!(root);
    await edits['an output file was edited']!(root);

    const result = await generate(root, { apis: ['shop'] });

    expect(result.code, result.output).toBe(0);
    expect(result.info[0]).toMatch(/^✔ \[1\/1\] shop/);
    expect((await generate(root, { mode: 'check' })).output).toMatch(
      /ping +stale: specs\/ping\.yaml changed/,
    );
  });

  it('names the known APIs when asked for an unknown one: wrong usage, exit 2', async () => {
    const root = await copyOfPristine();
    const result = await generate(root, { apis: ['dgia'] });
    expect(result.code).toBe(2);
    expect(result.errors).toEqual(['error: unknown API "dgia": known APIs are ping, shop']);
  });

  it.each<[string, { given: { apis: string[]; handMade?: string }; want: string[] }]>([
    [
      'a run naming one API leaves the package of a deleted spec alone',
      { given: { apis: ['shop'] }, want: ['ping', 'shop'] },
    ],
    [
      'a full run leaves a folder without a manifest alone: it was not generated',
      { given: { apis: [], handMade: 'notes' }, want: ['notes', 'shop'] },
    ],
  ])('%s', async (_, { given, want }) => {
    const root = await copyOfPristine();
    await rm(join(root, 'specs', 'ping.yaml'));
    if (given.handMade !== undefined) {
      await mkdir(join(root, 'generated', given.handMade));
      await writeFile(join(root, 'generated', given.handMade, 'README.md'), 'hand-written\n');
    }

    const result = await generate(root, { apis: given.apis });

    expect(result.code, result.output).toBe(0);
    expect((await readdir(join(root, 'generated'))).sort()).toEqual(want);
  });

  it('removes the package of a deleted spec on a full run, and reports it in --check', async () => {
    const root = await copyOfPristine();
    await rm(join(root, 'specs', 'ping.yaml'));

    const check = await generate(root, { mode: 'check' });
    expect(check.code).toBe(1);
    expect(check.output).toMatch(/generated\/ping has no spec any more \(specs\/ping\.yaml\)/);

    const result = await generate(root);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/✔ removed generated\/ping: its spec is gone/);
    expect(
      [...(await readTree(join(root, 'generated'))).keys()].some((file) => file.startsWith('ping/')),
    ).toBe(false);
  });
});

describe('redocly.yaml lists every API, and only APIs that have a spec', () => {
  /** `redocly.yaml:<line>:<column>` of the first line of the config matching `pattern`. */
  const positionOf = async (configPath: string, pattern: RegExp): Promise<string> => {
    const lines = (await readFile(configPath, 'utf8')).split('\n');
    const line = lines.findIndex((text) => pattern.test(text));
    return `redocly.yaml:${line + 1}:${lines[line]!.search(pattern) + 1}`;
  };

  it.each<
    [
      string,
      {
        given: { listed: string[]; removed: string[] };
        want: { at: RegExp; says: string[] };
      },
    ]
  >([
    [
      'a spec removed, its entry kept',
      {
        given: { listed: ['ping', 'shop'], removed: ['ping.yaml'] },
        want: {
          at: /specs\/ping\.yaml/,
          says: ['apis.ping.root: specs/ping.yaml does not exist', 'restore the spec with git'],
        },
      },
    ],
    [
      'a spec without an entry',
      {
        given: { listed: ['shop'], removed: [] },
        want: {
          at: /^apis:/,
          says: ['specs/ping.yaml is not listed in `apis`', 'add `ping: { root: specs/ping.yaml }`'],
        },
      },
    ],
  ])('%s: one error in redocly.yaml, and nothing in generated/ changes', async (_, { given, want }) => {
    const root = await copyOfPristine();
    const configPath = await writeProjectConfig(root, given.listed);
    for (const spec of given.removed) await rm(join(root, 'specs', spec));
    const before = await readTree(join(root, 'generated'));

    for (const mode of ['check', 'write'] as const) {
      const result = await generate(root, { configPath, mode });
      expect(result.code, result.output).toBe(1);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]!.startsWith(`${await positionOf(configPath, want.at)}: `), result.output).toBe(
        true,
      );
      for (const words of want.says) expect(result.errors[0]).toContain(words);
    }
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });

  it('an entry that is not a mapping is left to Redocly to report, in --check too', async () => {
    const root = await copyOfPristine();
    const configPath = await writeProjectConfig(root, ['shop']);
    await writeFile(configPath, `${await readFile(configPath, 'utf8')}  ping: specs/ping.yaml\n`);

    // --check reads no config with Redocly: the entry is not one, so ping is not listed.
    for (const [mode, want] of [
      ['check', /^redocly\.yaml:\d+:1: specs\/ping\.yaml is not listed in `apis`/],
      [
        'write',
        /^redocly\.yaml:\d+:9: invalid Redocly config: Expected type `ConfigApisProperties` \(object\)/,
      ],
    ] as const) {
      const result = await generate(root, { configPath, mode });
      expect(result.code, result.output).toBe(1);
      expect(result.errors[0]).toMatch(want);
      expect(result.output).not.toMatch(/internal error/);
    }
  });

  it('a redocly.yaml that is not YAML is not read for its entries: --check calls the packages stale', async () => {
    const root = await copyOfPristine();
    const configPath = await writeProjectConfig(root, ['ping', 'shop']);
    const text = await readFile(configPath, 'utf8');
    // An unclosed quote: read on regardless, ping's root would swallow shop's entry.
    await writeFile(configPath, text.replace('root: specs/ping.yaml', 'root: "specs/ping.yaml'));

    const result = await generate(root, { configPath, mode: 'check' });

    expect(result.code, result.output).toBe(1);
    expect(result.errors).toEqual(['✖ 2 packages are stale: run `npm run generate`']);
  });

  it('removing a spec and its entry removes the package', async () => {
    const root = await copyOfPristine();
    const configPath = await writeProjectConfig(root, ['shop']);
    await rm(join(root, 'specs', 'ping.yaml'));

    const result = await generate(root, { configPath });

    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/removed generated\/ping: its spec is gone/);
    expect(await readdir(join(root, 'generated'))).toEqual(['shop']);
  });

  it("applies the decorators of an API's own entry to its package, as `redocly bundle` does", async () => {
    const root = await copyOfPristine();
    const configPath = await writeProjectConfig(root, ['ping', 'shop']);
    await writeFile(
      configPath,
      (await readFile(configPath, 'utf8')).replace(
        '    root: specs/ping.yaml\n',
        '    root: specs/ping.yaml\n    decorators:\n      info-override:\n        title: Ping, decorated\n',
      ),
    );

    const result = await generate(root, { configPath });

    expect(result.code, result.output).toBe(0);
    const title = async (api: string) =>
      JSON.parse(await readFile(join(root, 'generated', api, 'openapi.json'), 'utf8')).info.title;
    expect([await title('ping'), await title('shop')]).toEqual(['Ping, decorated', 'Shop API']);
  });
});

describe('a change to redocly.yaml makes stale only the APIs it applies to', () => {
  /**
   * The pristine project with a redocly.yaml of its own listing both APIs, generated with it (its
   * config hash is another: both packages are built again), once for the rows below.
   */
  let configured: Promise<string> | undefined;
  const copyOfConfigured = async (): Promise<string> => {
    const from = await (configured ??= (async () => {
      const root = await copyOfPristine();
      const configPath = await writeProjectConfig(root, ['ping', 'shop']);
      const first = await generate(root, { configPath });
      expect(first.code, first.output).toBe(0);
      return root;
    })());
    return copyOfProject(from);
  };

  const replaceIn = async (path: string, from: string, to: string) => {
    const text = await readFile(path, 'utf8');
    expect(text).toContain(from);
    await writeFile(path, text.replace(from, to));
  };

  it.each<[string, { given: (root: string, configPath: string) => Promise<void>; want: RegExp[] }]>([
    [
      'an entry added for a new API',
      {
        given: async (root, configPath) => {
          await writeFile(
            join(root, 'specs', 'pong.yaml'),
            (await readFile(PING, 'utf8')).replace('/ping', '/pong'),
          );
          await writeFile(
            configPath,
            `${await readFile(configPath, 'utf8')}  pong:\n    root: specs/pong.yaml\n`,
          );
        },
        want: [
          /^· \[1\/3\] ping +up to date$/,
          /^✖ \[2\/3\] pong +stale: no readable/,
          /^· \[3\/3\] shop +up to date$/,
        ],
      },
    ],
    [
      'a rule changed in one API’s entry',
      {
        given: (_root, configPath) =>
          replaceIn(
            configPath,
            '  ping:\n    root: specs/ping.yaml\n',
            '  ping:\n    root: specs/ping.yaml\n    rules:\n      operation-summary: off\n',
          ),
        want: [
          /^✖ \[1\/2\] ping +stale: redocly\.yaml changed for this API$/,
          /^· \[2\/2\] shop +up to date$/,
        ],
      },
    ],
    [
      'a top-level rule changed',
      {
        given: (_root, configPath) => replaceIn(configPath, 'info-license: off', 'info-license: warn'),
        want: [
          /^✖ \[1\/2\] ping +stale: redocly\.yaml changed for this API$/,
          /^✖ \[2\/2\] shop +stale: redocly\.yaml changed for this API$/,
        ],
      },
    ],
  ])('%s', async (_, { given, want }) => {
    const root = await copyOfConfigured();
    const configPath = join(root, 'redocly.yaml');

    await given(root, configPath);
    const check = await generate(root, { configPath, mode: 'check' });

    expect(check.info.filter((line) => /^\S \[/.test(line))).toEqual(
      want.map((line) => expect.stringMatching(line)),
    );
  });
});

describe('progress output', () => {
  it.each<[string, { given: { color: boolean }; want: RegExp }]>([
    ['plain without a TTY', { given: { color: false }, want: /^· \[1\/2\] ping +unchanged$/ }],
    [
      'coloured on a TTY',
      { given: { color: true }, want: /^\u001b\[2m·\u001b\[0m \[1\/2\] ping +unchanged$/ },
    ],
  ])('%s', async (_, { given, want }) => {
    const result = await generate(pristine, given);
    expect(result.info[0]).toMatch(want);
  });
});

describe('what every API needs', () => {
  it.each<
    [
      string,
      { given: { config: string; files?: Record<string, string> }; want: { line: string; matching: RegExp } },
    ]
  >([
    [
      'a Redocly config that is not YAML',
      {
        given: { config: 'apis:\n  ping: [\n' },
        // js-yaml's ` in "/abs/path/redocly.yaml" (3:1)` becomes the position.
        want: {
          line: 'redocly.yaml:3:1: cannot load the Redocly config: ',
          matching: /deficient indentation$/,
        },
      },
    ],
    [
      'a Redocly config extending what does not exist',
      {
        given: { config: 'extends:\n  - recommended-strikt\n' },
        want: {
          line: 'redocly.yaml: cannot load the Redocly config: ',
          matching: /recommended-strikt: there is no such built-in config/,
        },
      },
    ],
    [
      'a Redocly config that fails validation',
      {
        given: { config: 'extends:\n  - recommended\nrules:\n  info-licence: off\n' },
        want: {
          line: 'redocly.yaml:4:3: invalid Redocly config: ',
          matching: /Property `info-licence` is not expected here/,
        },
      },
    ],
    [
      'a Redocly config extending a file that fails validation',
      {
        given: {
          config: 'extends:\n  - recommended\n  - ./shared/rules.yaml\n',
          files: { 'shared/rules.yaml': 'rules:\n  info-licence: off\n' },
        },
        want: {
          line: 'shared/rules.yaml:2:3: invalid Redocly config: ',
          matching: /Property `info-licence` is not expected here/,
        },
      },
    ],
  ])('%s: reported once, naming the config, and nothing written', async (_, { given, want }) => {
    const root = await copyOfPristine();
    await edits['the ping spec changed']!(root);
    const configPath = join(root, 'redocly.yaml');
    await writeFile(configPath, given.config);
    for (const [file, text] of Object.entries(given.files ?? {})) {
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), text);
    }
    const before = await readTree(join(root, 'generated'));

    const result = await generate(root, { configPath, force: true });

    expect(result.code).toBe(1);
    expect(result.errors).toHaveLength(2);
    expect(result.errors[0]!.startsWith(want.line), result.errors[0]).toBe(true);
    expect(result.errors[0]).toMatch(want.matching);
    expect(result.errors[0]).not.toContain(root);
    expect(result.errors[1]).toBe('✖ redocly.yaml does not load: nothing in generated/ was changed');
    expect(await readTree(join(root, 'generated'))).toEqual(before);
  });

  // What every package takes from it is part of the generator, so both packages are stale, and both fail.
  it.each<[string, { given: string; want: string }]>([
    [
      'an openapi-fetch range',
      {
        given: '{ "dependencies": {} }\n',
        want: '`dependencies["openapi-fetch"]` is missing: generated packages depend on it',
      },
    ],
    [
      'a repository',
      {
        given: '{ "dependencies": { "openapi-fetch": "^0.17.0" }, "repository": { "type": "git" } }\n',
        want: '`repository` (a git URL) is missing: every package names it, and `npm publish --provenance` checks it',
      },
    ],
  ])(
    'a root package.json without %s: an error naming it, and nothing written',
    async (_, { given, want }) => {
      const root = await copyOfPristine();
      const rootPackageJson = join(root, 'package.json');
      await writeFile(rootPackageJson, given);
      const before = await readTree(join(root, 'generated'));

      const result = await generate(root, { rootPackageJson });

      expect(result.code).toBe(1);
      expect(result.errors[0]).toBe(`${rootPackageJson}: ${want}`);
      expect(result.errors.at(-1)).toBe('✖ 2 of 2 APIs failed: nothing in generated/ was changed');
      expect(await readTree(join(root, 'generated'))).toEqual(before);
    },
  );
});

describe('releaseNote: what a build means for consumers, on its progress line', () => {
  const change = (kind: 'breaking' | 'additive' | 'docs') => ({ kind, location: 'x', message: 'y' });
  it.each<[string, { given: Parameters<typeof releaseNote>[0]; want: string }]>([
    ['a new package', { given: { version: '1.0.0', changes: [] }, want: 'new at 1.0.0 ' }],
    ['the same version', { given: { from: '1.2.0', version: '1.2.0', changes: [] }, want: '' }],
    [
      'changes of the contract, by kind',
      {
        given: {
          from: '1.2.0',
          version: '2.0.0',
          changes: [change('additive'), change('breaking'), change('additive')],
        },
        want: '1.2.0 → 2.0.0: 1 breaking, 2 additive ',
      },
    ],
    [
      'files the generator changed',
      {
        given: {
          from: '2.0.0',
          version: '2.0.1',
          changes: [],
          shippedFiles: ['LICENSE', 'README.md', 'package.json'],
        },
        want: '2.0.0 → 2.0.1: 3 files changed by the generator ',
      },
    ],
    [
      'one file',
      {
        given: { from: '2.0.0', version: '2.0.1', changes: [], shippedFiles: ['runtime/retry.js'] },
        want: '2.0.0 → 2.0.1: 1 file changed by the generator ',
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(releaseNote(given)).toBe(want);
  });
});

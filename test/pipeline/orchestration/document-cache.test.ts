/**
 * A published document's front stages kept between commands (src/pipeline/orchestration/document-cache.ts):
 * read back when nothing they depend on changed, made again when anything did, never kept when
 * lint fails; the API model beside it likewise. A stored entry is told apart from a fresh result
 * by a title changed inside it.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { loadRedoclyConfig } from '../../../src/pipeline/bundle/index.js';
import {
  loadPublished,
  prepareDocument,
  type PreparedDocument,
} from '../../../src/pipeline/orchestration/document.js';
import {
  readCachedModel,
  storeCachedModel,
  type DocumentCache,
  type DocumentCacheSlot,
} from '../../../src/pipeline/orchestration/document-cache.js';
import { loadedVersion } from '../../../src/pipeline/orchestration/document-cache-entry.js';
import { describeApi } from '../../../src/model/index.js';
import type { ApiModel } from '../../../src/model/types.js';
import type { ApiLocation } from '../../../src/pipeline/orchestration/layout.js';
import { displayPathFor } from '../../../src/shared/display.js';
import { openapiJsonText } from '../../../src/shared/openapi.js';
import { CORPUS } from '../../corpus/helpers.js';
import { PROJECT_ROOT, removeTemporaryDirs, temporaryProject, writeProjectConfig } from '../helpers.js';

afterAll(removeTemporaryDirs);

const PETSTORE = await readFile(new URL('petstore.yaml', CORPUS), 'utf8');
const OVERLAY = `overlay: 1.0.0
info: { title: fix, version: 1.0.0 }
actions:
  - target: $.info
    update: { description: As it behaves. }
`;
const TITLE = 'Swagger Petstore';
const STORED_TITLE = 'Read back from the cache';

interface Project {
  root: string;
  api: ApiLocation;
  configPath: string;
  cache: DocumentCache;
}

async function setUp(): Promise<Project> {
  const root = await temporaryProject({
    'published/pets/openapi.yaml': PETSTORE,
    'published/pets/overlays/fix.yaml': OVERLAY,
  });
  const configPath = await writeProjectConfig(root, []);
  await writeEntry(configPath, 'warn');
  return {
    root,
    api: { name: 'pets', kind: 'published', specPath: join(root, 'specs/published/pets/openapi.yaml') },
    configPath,
    cache: {
      dir: join(root, '.cache'),
      generator: 'g1',
      plugins: join(PROJECT_ROOT, 'src/redocly'),
    },
  };
}

/** The pets entry, with its overlay and `operation-summary` at `severity`. */
async function writeEntry(configPath: string, severity: string): Promise<void> {
  const text = (await readFile(configPath, 'utf8')).replace(/\napis:\n[\s\S]*$/, '\napis:\n');
  await writeFile(
    configPath,
    `${text}  pets:\n    root: specs/published/pets/openapi.yaml\n    extends: [voice-agent-sdks/published]\n` +
      `    overlays: [specs/published/pets/overlays/fix.yaml]\n    rules:\n      operation-summary: ${severity}\n`,
  );
}

/** The front stages of the pets document, as `generate` runs them (or `import`, under another name). */
async function prepare(
  project: Project,
  options: { cache?: DocumentCache; specName?: string } = {},
): Promise<PreparedDocument> {
  const projectDisplay = displayPathFor(project.root);
  const display = (path: string) =>
    path === project.api.specPath && options.specName !== undefined ? options.specName : projectDisplay(path);
  const config = await loadRedoclyConfig(project.configPath, 'redocly.yaml');
  return prepareDocument(
    project.api,
    {
      config: async () => config,
      configPath: project.configPath,
      display,
      cache: options.cache ?? project.cache,
    },
    await loadPublished(project.api, display),
  );
}

/** Changes the title inside the stored entry: a result with this title was read back. */
async function markEntry(project: Project): Promise<void> {
  const path = join(project.cache.dir, 'documents', 'pets.json');
  const text = await readFile(path, 'utf8');
  expect(text).toContain(JSON.stringify(TITLE));
  await writeFile(path, text.replace(JSON.stringify(TITLE), JSON.stringify(STORED_TITLE)));
}

const titleOf = (prepared: PreparedDocument) => (prepared.document.info as { title: string }).title;

describe('the front stages of a published document, kept between commands', () => {
  it.each<
    [
      string,
      {
        between: (project: Project) => Promise<unknown>;
        cache?: (project: Project) => DocumentCache;
        read: boolean;
      },
    ]
  >([
    ['nothing changed: read back', { between: async () => {}, read: true }],
    [
      "the spec's bytes changed (a trailing newline): made again",
      { between: (p) => writeFile(p.api.specPath, `${PETSTORE}\n`), read: false },
    ],
    [
      "an overlay's bytes changed: made again",
      {
        between: (p) =>
          writeFile(
            join(p.root, 'specs/published/pets/overlays/fix.yaml'),
            OVERLAY.replace('As it', 'How it'),
          ),
        read: false,
      },
    ],
    [
      "the entry's document is no ASCII (a byte of it changed): made again",
      {
        between: async (p) => {
          const path = join(p.cache.dir, 'documents', 'pets.json');
          const entry = await readFile(path);
          const at = entry.indexOf(STORED_TITLE, entry.indexOf(0x0a));
          entry[at] = 0xff;
          await writeFile(path, entry);
        },
        read: false,
      },
    ],
    [
      "a rule's severity changed: made again",
      { between: (p) => writeEntry(p.configPath, 'off'), read: false },
    ],
    [
      'another generator: made again',
      { between: async () => {}, cache: (p) => ({ ...p.cache, generator: 'g2' }), read: false },
    ],
    [
      'the plugin outside the folder the generator hashes: made again',
      {
        between: async () => {},
        cache: (p) => ({ ...p.cache, plugins: join(p.root, 'elsewhere') }),
        read: false,
      },
    ],
  ])('%s', async (_, { between, cache, read }) => {
    const project = await setUp();
    const first = await prepare(project);
    await markEntry(project);
    await between(project);

    const second = await prepare(project, { cache: cache?.(project) });

    expect(titleOf(second)).toBe(read ? STORED_TITLE : TITLE);
    expect(second.notes).toEqual(first.notes);
    expect(second.dependencies).toEqual(first.dependencies);
    expect({ ...second.document, info: undefined }).toEqual({ ...first.document, info: undefined });
  });

  it("is read back with its text in UTF-8, the package's openapi.json", async () => {
    const project = await setUp();
    await prepare(project);
    await markEntry(project);

    const read = await prepare(project);

    expect(titleOf(read)).toBe(STORED_TITLE);
    expect(read.text).toBeDefined();
    expect(read.bytes?.equals(Buffer.from(read.text!))).toBe(true);
  });

  it("is read back under the spec's other name, its notes naming the file as this command does", async () => {
    const project = await setUp();
    const imported = await prepare(project, { specName: 'vendor/pets.yaml' });
    expect(imported.notes.join('\n')).toContain('the first at vendor/pets.yaml:');
    await markEntry(project);

    const generated = await prepare(project);

    expect(titleOf(generated)).toBe(STORED_TITLE);
    expect(generated.notes).toEqual(
      imported.notes.map((note) =>
        note.replaceAll('vendor/pets.yaml:', 'specs/published/pets/openapi.yaml:'),
      ),
    );
    expect(generated.dependencies).toEqual(imported.dependencies);
  });

  it("gives a document read back with its text, the package's openapi.json, which parses to it", async () => {
    const project = await setUp();
    const made = await prepare(project);
    expect(made.text).toBeUndefined();
    await markEntry(project);

    const read = await prepare(project);

    expect(titleOf(read)).toBe(STORED_TITLE);
    expect(read.text).toBe(openapiJsonText(read.document));
    expect(JSON.parse(read.text!)).toEqual(read.document);
    expect({ ...read.document, info: undefined }).toEqual({ ...made.document, info: undefined });
  });

  it('keeps no document that fails lint, and says why again on the next run', async () => {
    const project = await setUp();
    await writeFile(
      project.api.specPath,
      PETSTORE.replace("$ref: '#/components/schemas/Pets'", "$ref: '#/components/schemas/Missing'"),
    );

    for (let run = 0; run < 2; run += 1) {
      await expect(prepare(project)).rejects.toThrow(/no-unresolved-refs/);
    }
    await expect(readFile(join(project.cache.dir, 'documents', 'pets.json'))).rejects.toThrow(/ENOENT/);
  });

  it('makes an entry that cannot be read again, and replaces it', async () => {
    const project = await setUp();
    const first = await prepare(project);
    const path = join(project.cache.dir, 'documents', 'pets.json');
    await writeFile(path, '{"key": "truncated');

    const second = await prepare(project);

    expect([second.document, second.notes, second.dependencies]).toEqual([
      first.document,
      first.notes,
      first.dependencies,
    ]);
    expect((await readFile(path, 'utf8')).split('\n')[0]).toMatch(/^\{"key":"[0-9a-f]{64}"/);
  });

  it("says in which version the spec's bytes loaded, for these bytes and this generator only", async () => {
    const project = await setUp();
    const { spec } = await prepare(project);
    const asked = (apiName: string, generator: string, sha256: string) =>
      loadedVersion(project.cache.dir, apiName, generator, sha256);

    expect(spec.version).toBe('3.0');
    expect(await asked('pets', 'g1', spec.sha256)).toBe('3.0');
    expect(await asked('pets', 'g2', spec.sha256)).toBeUndefined();
    expect(await asked('pets', 'g1', '0'.repeat(64))).toBeUndefined();
    expect(await asked('other', 'g1', spec.sha256)).toBeUndefined();
    // An entry without its header line says nothing.
    await writeFile(join(project.cache.dir, 'documents', 'pets.json'), '{"key": "truncated');
    expect(await asked('pets', 'g1', spec.sha256)).toBeUndefined();
  });
});

/** Changes the title inside the stored model: a model with this title was read back. */
async function markModel(project: Project): Promise<void> {
  const path = join(project.cache.dir, 'documents', 'pets.model');
  const stored = deserialize(await readFile(path)) as { key: string; model: ApiModel };
  expect(stored.model.title).toBe(TITLE);
  await writeFile(path, serialize({ ...stored, model: { ...stored.model, title: STORED_TITLE } }));
}

describe("the API model, kept beside the published document's entry", () => {
  it('is read back as described, fields left undefined included', async () => {
    const project = await setUp();
    const described = await (await prepare(project)).model();

    const read = await (await prepare(project)).model();

    expect(read).not.toBe(described);
    expect(read).toStrictEqual(described);
    const first = await prepare(project);
    expect(read).toStrictEqual(describeApi('pets', first.document, first.spec.locate));
  });

  it.each<[string, { between: (project: Project) => Promise<unknown>; read: boolean }]>([
    ['nothing changed: read back', { between: async () => {}, read: true }],
    [
      "the spec's bytes changed: described again",
      { between: (p) => writeFile(p.api.specPath, `${PETSTORE}\n`), read: false },
    ],
    [
      'the entry cannot be read: described again',
      {
        between: (p) => writeFile(join(p.cache.dir, 'documents', 'pets.model'), 'not V8 data'),
        read: false,
      },
    ],
  ])('%s', async (_, { between, read }) => {
    const project = await setUp();
    await (await prepare(project)).model();
    await markModel(project);
    await between(project);

    const model = await (await prepare(project)).model();

    expect(model.title).toBe(read ? STORED_TITLE : TITLE);
  });

  it('is read only for its key and its API', async () => {
    const project = await setUp();
    const prepared = await prepare(project);
    const model = describeApi('pets', prepared.document, prepared.spec.locate);
    const slot: DocumentCacheSlot = {
      path: join(project.cache.dir, 'documents', 'pets.json'),
      key: 'k1',
      inputs: [project.api.specPath],
      loaded: { sha256: prepared.spec.sha256, version: prepared.spec.version, generator: 'g1' },
    };
    await storeCachedModel(slot, model);

    expect(await readCachedModel(slot, 'pets')).toStrictEqual(model);
    expect(await readCachedModel({ ...slot, key: 'k2' }, 'pets')).toBeUndefined();
    expect(await readCachedModel(slot, 'other')).toBeUndefined();
  });
});

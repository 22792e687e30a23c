/**
 * The bundle stage leaves a document unbundled when Redocly's `bundle` would change nothing in it
 * but replace `$ref`s where a scalar is expected (src/pipeline/bundle/local.ts): what forces the
 * bundle, one thing at a time, and the specs and fixtures each made as Redocly makes them (the
 * published corpus and GitHub's description: test/corpus/local-bundle.test.ts).
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRedoclyConfig } from '../../../src/pipeline/bundle/index.js';
import { PROJECT_ROOT } from '../helpers.js';
import { bundledAsRedocly } from './redocly-bundle.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-bundle-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

type Json = Record<string, unknown>;

/** A document whose bundle changes nothing: local `$ref`s to a schema and an example. */
const base = (): Json => ({
  openapi: '3.0.3',
  info: { title: 'Pets', version: '1.0.0' },
  paths: {
    '/pets': {
      get: {
        operationId: 'listPets',
        responses: {
          '200': {
            description: 'The pets',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Pet' },
                examples: { one: { $ref: '#/components/examples/One' } },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Pet: { type: 'object', properties: { name: { type: 'string' }, kind: { type: 'string' } } },
      Cat: { allOf: [{ $ref: '#/components/schemas/Pet' }] },
      Alias: { $ref: '#/components/schemas/Pet' },
    },
    examples: { One: { summary: 'One pet', value: { name: 'Tom' } } },
  },
});

const media = (document: Json): Json =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (document as any).paths['/pets'].get.responses['200'].content['application/json'];
const schemas = (document: Json): Json =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (document as any).components.schemas;

interface Row {
  name: string;
  change?: (document: Json) => void;
  /** redocly.yaml beyond `extends: [minimal]`; `apis.api` is the document's entry. */
  config?: string;
  /** Other files of the project. */
  files?: Record<string, string>;
  /** The `$ref`s replaced by their targets, when the document is not bundled; undefined when it is. */
  inlined: number | undefined;
}

const ROWS: Row[] = [
  { name: 'local $refs only', inlined: 0 },
  {
    name: 'a discriminator mapping to schemas by name',
    change: (document) => {
      schemas(document).Cat = {
        oneOf: [{ $ref: '#/components/schemas/Pet' }],
        discriminator: { propertyName: 'kind', mapping: { pet: '#/components/schemas/Pet', cat: 'Cat' } },
      };
    },
    inlined: 0,
  },
  {
    name: 'an example written as a $ref (replaced by its target)',
    change: (document) => {
      schemas(document).Pet = {
        ...(schemas(document).Pet as Json),
        example: { $ref: '#/components/examples/One' },
      };
    },
    inlined: 1,
  },
  {
    name: 'a $ref inside an extension (replaced by its target)',
    change: (document) => {
      document['x-meta'] = { pet: { $ref: '#/components/schemas/Pet' } };
    },
    inlined: 1,
  },
  {
    name: 'a $ref to another file',
    change: (document) => {
      schemas(document).Owner = { $ref: 'owner.json#/Owner' };
    },
    files: { 'owner.json': JSON.stringify({ Owner: { type: 'object' } }) },
    inlined: undefined,
  },
  {
    name: 'an overlay',
    config: 'apis:\n  api:\n    root: ./openapi.json\n    overlays: [./fix.yaml]\n',
    files: {
      'fix.yaml':
        'overlay: 1.0.0\ninfo: { title: Fix, version: 1.0.0 }\nactions:\n  - target: $.info\n    update: { description: Fixed }\n',
    },
    inlined: undefined,
  },
  { name: 'a decorator', config: 'decorators:\n  remove-x-internal: on\n', inlined: undefined },
  {
    name: 'the remove-unused-components decorator',
    config: 'decorators:\n  remove-unused-components: on\n',
    inlined: undefined,
  },
  {
    name: 'no components',
    change: (document) => {
      delete document.components;
      media(document).schema = { type: 'object' };
      delete media(document).examples;
    },
    inlined: undefined,
  },
  {
    name: "an example's externalValue",
    change: (document) => {
      media(document).examples = { one: { externalValue: 'one.json' } };
    },
    files: { 'one.json': '{"name":"Tom"}' },
    inlined: undefined,
  },
  {
    name: 'a discriminator mapping to a schema inside another',
    change: (document) => {
      schemas(document).Cat = {
        oneOf: [{ $ref: '#/components/schemas/Pet' }],
        discriminator: {
          propertyName: 'kind',
          mapping: { name: '#/components/schemas/Pet/properties/name' },
        },
      };
    },
    inlined: undefined,
  },
  {
    name: 'a discriminator mapping to a schema that is a $ref',
    change: (document) => {
      schemas(document).Cat = {
        oneOf: [{ $ref: '#/components/schemas/Pet' }],
        discriminator: { propertyName: 'kind', mapping: { pet: '#/components/schemas/Alias' } },
      };
    },
    inlined: undefined,
  },
  {
    name: 'an example $ref with a key beside it',
    change: (document) => {
      schemas(document).Pet = {
        ...(schemas(document).Pet as Json),
        example: { $ref: '#/components/examples/One', summary: 'Tom' },
      };
    },
    inlined: undefined,
  },
  {
    name: 'a $ref to what is not there',
    change: (document) => {
      media(document).schema = { $ref: '#/components/schemas/Missing' };
    },
    inlined: undefined,
  },
  {
    name: 'a $ref to a node of another type',
    change: (document) => {
      media(document).schema = { $ref: '#/components/examples/One' };
    },
    inlined: undefined,
  },
  {
    name: 'a $ref through another $ref',
    change: (document) => {
      media(document).schema = { $ref: '#/components/schemas/Alias/properties/name' };
    },
    inlined: undefined,
  },
];

describe('the bundle stage', () => {
  it.each(ROWS.map((row) => [row.name, row] as const))('with %s', async (name, row) => {
    const root = join(dir, name.replace(/\W+/g, '-'));
    await mkdir(root, { recursive: true });
    const document = base();
    row.change?.(document);
    const specPath = join(root, 'openapi.json');
    await writeFile(specPath, JSON.stringify(document, null, 2));
    for (const [file, text] of Object.entries(row.files ?? {})) await writeFile(join(root, file), text);
    const configPath = join(root, 'redocly.yaml');
    await writeFile(configPath, `extends:\n  - minimal\n${row.config ?? ''}`);
    const config = await loadRedoclyConfig(configPath, 'redocly.yaml');

    const bundled = await bundledAsRedocly(specPath, config);

    expect(bundled.local?.inlined.length).toBe(row.inlined);
  });
});

/** The OpenAPI documents under `dir` (of the project) whose file name matches `name`: not the files they reference. */
async function documentsIn(dir: string, name: RegExp): Promise<string[]> {
  const entries = await readdir(join(PROJECT_ROOT, dir), { recursive: true, withFileTypes: true });
  const documents: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !name.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    if (/^openapi:/m.test(await readFile(path, 'utf8'))) documents.push(path);
  }
  return documents.sort();
}

describe('the specs and the fixtures', () => {
  it('are each bundled as Redocly bundles them, unbundled where that changes nothing', async () => {
    const config = await loadRedoclyConfig(join(PROJECT_ROOT, 'redocly.yaml'), 'redocly.yaml');
    const documents = [
      ...(await documentsIn('specs', /\.yaml$/)),
      ...(await documentsIn('test/pipeline/fixtures', /\.yaml$/)),
      ...(await documentsIn('test/lint/fixtures', /^openapi\.yaml$/)),
    ];
    const local: string[] = [];
    for (const specPath of documents) {
      if ((await bundledAsRedocly(specPath, config)).local) local.push(specPath);
    }
    const relative = (path: string) =>
      path.slice(fileURLToPath(new URL('../../../', import.meta.url)).length);
    // Every spec is one file of local `$ref`s; the multi-file fixture's is not.
    expect(local.map(relative)).toEqual(
      expect.arrayContaining([
        'specs/cozmo.yaml',
        'specs/diga.yaml',
        'specs/trillet.yaml',
        'specs/voicebip.yaml',
        'specs/history/cozmo-1.0.0.yaml',
      ]),
    );
    expect(local.map(relative)).not.toContain('test/pipeline/fixtures/multi-file/voice.yaml');
    expect(local.length).toBeGreaterThan(documents.length / 2);
  });
});

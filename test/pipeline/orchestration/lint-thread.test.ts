/**
 * A large published document linted in a worker thread (src/pipeline/orchestration/lint-thread.ts)
 * while this one upgrades and describes it: the prepared document, its notes, its errors and its
 * API model are those of one thread doing all in turn, for clean documents, documents with
 * overlays, and documents refused by the lint (its example rules, its other rules, or both) or by
 * the API model.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundleSpec, loadRedoclyConfig } from '../../../src/pipeline/bundle/index.js';
import { PipelineResolver } from '../../../src/pipeline/bundle/resolver.js';
import {
  lintInThread,
  prepareLint,
  type LintThreadHint,
  type ToLintThread,
} from '../../../src/pipeline/orchestration/lint-thread.js';
import { loadPublished, prepareDocument } from '../../../src/pipeline/orchestration/document.js';
import type { ApiLocation } from '../../../src/pipeline/orchestration/layout.js';
import { displayPathFor } from '../../../src/shared/display.js';
import { sha256 } from '../../../src/shared/hash.js';
import { CORPUS } from '../../corpus/helpers.js';
import {
  removeTemporaryDirs,
  temporaryProject,
  threadsFromCompiledBuild,
  writeProjectConfig,
} from '../helpers.js';

// The threads run from the compiled bundles, as under `npm run`.
threadsFromCompiledBuild();
afterAll(removeTemporaryDirs);

const corpus = (file: string) => readFile(new URL(file, CORPUS), 'utf8');

/** Petstore whose listPets response example is no list, and whose Pets schema `$ref`s nothing. */
async function brokenPetstore(unresolved: boolean): Promise<string> {
  const document = parse(await corpus('petstore.yaml'));
  const listPets = document.paths['/pets'].get;
  listPets.responses['200'].content['application/json'].example = { not: 'a list' };
  if (unresolved) document.components.schemas.Pets.items = { $ref: '#/components/schemas/Missing' };
  return JSON.stringify(document, null, 2);
}

/** Petstore whose createPets takes listPets' operationId. */
async function duplicateOperationId(): Promise<string> {
  const document = parse(await corpus('petstore.yaml'));
  document.paths['/pets'].post.operationId = 'listPets';
  return JSON.stringify(document, null, 2);
}

const OVERLAY = `overlay: 1.0.0
info: { title: fix, version: 1.0.0 }
actions:
  - target: $.info
    update: { description: As it behaves. }
`;

interface Row {
  file: string;
  document: () => Promise<string>;
  /** Extra lines of the `apis` entry. */
  entry?: string;
  overlay?: boolean;
  /** What the refusal names, when the document is refused. */
  refused?: string[];
  /** What the API model's refusal names, when the model refuses it. */
  refusedModel?: string;
}

/** The document prepared with its examples linted beside the other rules, then in one thread. */
async function prepareBoth(row: Row): Promise<[unknown, unknown]> {
  const root = await temporaryProject({
    [`published/api/${row.file}`]: await row.document(),
    'published/api/overlays/fix.yaml': OVERLAY,
  });
  const configPath = await writeProjectConfig(root, []);
  const text = await readFile(configPath, 'utf8');
  await writeFile(
    configPath,
    `${text.replace(/\napis:\n[\s\S]*$/, '\napis:\n')}  api:\n    root: specs/published/api/${row.file}\n` +
      `    extends: [voice-agent-sdks/published]\n` +
      (row.overlay ? '    overlays: [specs/published/api/overlays/fix.yaml]\n' : '') +
      (row.entry ?? ''),
  );
  const api: ApiLocation = {
    name: 'api',
    kind: 'published',
    specPath: join(root, 'specs/published/api', row.file),
  };
  const display = displayPathFor(root);
  const config = await loadRedoclyConfig(configPath, 'redocly.yaml');
  // Loaded once: the same input to both ways of preparing it (Twilio's YAML takes a second to parse).
  const loaded = await loadPublished(api, display);
  const run = (lintBeside: boolean) =>
    prepareDocument(api, { config: async () => config, configPath, display, lintBeside }, loaded).then(
      async ({ document, notes, dependencies, model }) => ({
        document,
        notes,
        dependencies,
        // Described while the examples are linted beside, else after: the same model, or refusal.
        model: await model().catch((error: Error) => ({ refused: error.message })),
      }),
      (error: Error) => ({ refused: error.message }),
    );
  return [await run(true), await run(false)];
}

describe('examples linted in a worker thread', () => {
  it.each<[string, Row]>([
    [
      'petstore with an overlay',
      { file: 'openapi.yaml', document: () => corpus('petstore.yaml'), overlay: true },
    ],
    [
      // Its bytes sent to the thread before the bundle, which then comes whole: the thread's parse unused.
      'petstore in JSON with an overlay',
      {
        file: 'openapi.json',
        document: async () => JSON.stringify(parse(await corpus('petstore.yaml')), null, 2),
        overlay: true,
      },
    ],
    [
      "ElevenLabs' description (JSON, warnings of many rules)",
      { file: 'openapi.json', document: () => corpus('elevenlabs.json') },
    ],
    ["Twilio's description (YAML)", { file: 'openapi.yaml', document: () => corpus('twilio-api.yaml') }],
    [
      'an example that breaks its schema, as a warning',
      { file: 'openapi.json', document: () => brokenPetstore(false) },
    ],
    [
      'refused by the examples alone',
      {
        file: 'openapi.json',
        document: () => brokenPetstore(false),
        entry: '    rules:\n      no-invalid-media-type-examples: error\n',
        refused: ['no-invalid-media-type-examples'],
      },
    ],
    [
      'refused by the API model (a duplicate operationId), once the lint is in',
      { file: 'openapi.json', document: () => duplicateOperationId(), refusedModel: 'listPets' },
    ],
    [
      'refused by the other rules alone',
      { file: 'openapi.json', document: () => brokenPetstore(true), refused: ['no-unresolved-refs'] },
    ],
    [
      'refused by both',
      {
        file: 'openapi.json',
        document: () => brokenPetstore(true),
        entry: '    rules:\n      no-invalid-media-type-examples: error\n',
        refused: ['no-invalid-media-type-examples', 'no-unresolved-refs'],
      },
    ],
  ])('%s: the same as in one thread', async (_, row) => {
    const [beside, inThread] = await prepareBoth(row);
    // Compared by Node first: vitest's deep equality took a tenth of a second on each large
    // document, and reports a difference the same way when there is one.
    if (!isDeepStrictEqual(beside, inThread)) expect(beside).toEqual(inThread);
    if (row.refused === undefined) expect(beside).toHaveProperty('notes');
    if (row.refusedModel === undefined) expect(beside).not.toHaveProperty('model.refused');
    else expect(beside).toMatchObject({ model: { refused: expect.stringContaining(row.refusedModel) } });
    for (const rule of row.refused ?? []) {
      expect(beside).toMatchObject({ refused: expect.stringContaining(`error ${rule}`) });
    }
  });
});

describe("the spec's file read and parsed before the task starts", () => {
  it.each<[string, (specs: string) => LintThreadHint | undefined]>([
    ['the spec itself', (specs) => ({ specPath: join(specs, 'published/api/openapi.json') })],
    ['another JSON file (the spec changed since)', (specs) => ({ specPath: join(specs, 'other.json') })],
    ['a YAML file', (specs) => ({ specPath: join(specs, 'petstore.yaml') })],
    ['no file there', (specs) => ({ specPath: join(specs, 'missing.json') })],
    ['no file named', () => ({})],
  ])('prepared from %s: the findings of a task that parses the bytes it is told of', async (_, hint) => {
    const json = await brokenPetstore(false);
    const root = await temporaryProject({
      'published/api/openapi.json': json,
      // Without the broken example: its findings are not the spec's.
      'other.json': JSON.stringify(parse(await corpus('petstore.yaml')), null, 2),
      'petstore.yaml': await corpus('petstore.yaml'),
    });
    const configPath = await writeProjectConfig(root, []);
    const text = await readFile(configPath, 'utf8');
    await writeFile(
      configPath,
      `${text.replace(/\napis:\n[\s\S]*$/, '\napis:\n')}  api:\n    root: specs/published/api/openapi.json\n` +
        '    extends: [voice-agent-sdks/published]\n',
    );
    const specPath = join(root, 'specs/published/api/openapi.json');
    const config = await loadRedoclyConfig(configPath, 'redocly.yaml');
    const bundled = await bundleSpec(specPath, config, (path) => path, {
      resolver: new PipelineResolver(config.resolve),
      lintFollows: true,
    });
    expect(bundled.local, 'bundled as the spec is (the thread parses the bytes)').toBeDefined();
    const bytes = await readFile(specPath);
    const lint = () => {
      const messages: ToLintThread[] = [
        { spec: { sha256: sha256(bytes) } },
        {
          absoluteRef: bundled.bundle.source.absoluteRef,
          mimeType: bundled.bundle.source.mimeType,
          inlined: bundled.local!.inlined,
        },
      ];
      return lintInThread(
        {
          specPath,
          configPath,
          configText: config.document?.source.body ?? '',
          ignore: config.ignore,
        },
        async () => messages.shift()!,
      );
    };
    const want = await lint();
    expect(want.warnings.length + want.errors.length, 'findings to compare').toBeGreaterThan(0);
    prepareLint(hint(join(root, 'specs')));
    const got = await lint();
    if (!isDeepStrictEqual(got, want)) expect(got).toEqual(want);
    // Taken by the first task: the next parses what it is sent.
    const again = await lint();
    if (!isDeepStrictEqual(again, want)) expect(again).toEqual(want);
  });

  it('a spec whose bytes changed after the command read them is not linted in their place', async () => {
    const root = await temporaryProject({ 'published/api/openapi.json': await corpus('petstore.yaml') });
    const specPath = join(root, 'specs/published/api/openapi.json');
    const read = await readFile(specPath);
    await writeFile(specPath, `${read.toString('utf8')}\n`);
    prepareLint({ specPath });
    const messages: ToLintThread[] = [{ spec: { sha256: sha256(read) } }];
    await expect(
      lintInThread({ specPath, configPath: undefined, configText: '', ignore: {} }, async () =>
        messages.shift()!,
      ),
    ).rejects.toThrow(`${specPath} changed while it was read: run the command again`);
  });
});

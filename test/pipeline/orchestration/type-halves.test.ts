/**
 * A large document's types made in two halves (src/pipeline/orchestration/type-halves.ts) print
 * byte for byte what one transform prints, and declare the same names: for every spec of the
 * repository and of the types fixtures, every corpus document (upgraded to 3.1 as import does), and
 * the shapes where the halves differ from one transform (helper types both declare, no operations,
 * path items under `components`). The operations' half runs here, in this thread, as the worker
 * runs it (test/cli/compiled-worker.test.ts runs it in the compiled command line's thread).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { bundleSpec, loadRedoclyConfig } from '../../../src/pipeline/bundle/index.js';
import { operationTypes, typesOf, type TypeThread } from '../../../src/pipeline/orchestration/type-halves.js';
import type { LoadedSpec } from '../../../src/pipeline/load/index.js';
import { printTypes, type PrintedTypes } from '../../../src/pipeline/postprocess/index.js';
import { generateTypeNodes } from '../../../src/pipeline/types/index.js';
import { upgradeDocument } from '../../../src/pipeline/upgrade/index.js';
import { displayPathFor } from '../../../src/shared/display.js';
import { GenerateError } from '../../../src/shared/errors.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { CORPUS } from '../../corpus/helpers.js';
import { oneOperationSpec } from '../../support/spec-builder.js';
import { HERE, PROJECT_CONFIG, PROJECT_ROOT } from '../helpers.js';

const spec = { locate: (pointer: string) => ({ file: 'spec.json', pointer }), displayPath: 'spec.json' };

/** A thread that runs the operations' half here, on its own copy of the document, as the worker does. */
function inThisThread(): TypeThread & { sent: number } {
  const thread = {
    sent: 0,
    result: Promise.reject(new Error('not sent the document')) as TypeThread['result'],
    send(document: JsonObject) {
      thread.sent += 1;
      const copy = structuredClone(document);
      thread.result = operationTypes(async () => copy);
    },
    stop: async () => undefined,
  };
  thread.result.catch(() => undefined);
  return thread;
}

/** The types printed in one transform and in two halves (or what each threw), and whether it was split. */
async function bothWays(document: JsonObject) {
  const one = await generateTypeNodes(document, spec.locate, spec.displayPath).then(
    printTypes,
    (error: unknown) => error,
  );
  const thread = inThisThread();
  const two = await typesOf(document, spec as unknown as LoadedSpec, thread)
    .printed()
    .catch((error: unknown) => error);
  return { one, two, split: thread.sent === 1 };
}

const yamlSpecs = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => join(dir, entry.name));

const display = displayPathFor(PROJECT_ROOT);
const config = await loadRedoclyConfig(PROJECT_CONFIG, 'redocly.yaml');
const repositorySpecs = [
  ...yamlSpecs(join(PROJECT_ROOT, 'specs')),
  ...readdirSync(join(HERE, 'fixtures'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => yamlSpecs(join(HERE, 'fixtures', entry.name))),
];
const corpusFiles = readdirSync(fileURLToPath(CORPUS)).filter((file) => /\.(json|yaml)$/.test(file));

describe('two halves print what one transform prints', () => {
  it('has documents to compare', () => {
    expect(repositorySpecs.length).toBeGreaterThan(3);
    expect(corpusFiles.length).toBeGreaterThan(4);
  });

  it.each(repositorySpecs.map((path) => [display(path), path]))('%s', async (_name, path) => {
    const { document } = await bundleSpec(path, config, display);
    const { one, two, split } = await bothWays(document);
    expect(split).toBe(true);
    expect(two).toEqual(one);
  });

  it.each(corpusFiles)('corpus: %s', async (file) => {
    const text = readFileSync(new URL(file, CORPUS), 'utf8');
    const parsed = (file.endsWith('.json') ? JSON.parse(text) : parse(text)) as JsonObject;
    const { document } = upgradeDocument(parsed, (pointer) => ({ file, pointer }));
    const { one, two } = await bothWays(document);
    if (one instanceof Error) {
      // Vapi's `BackoffPlan`, which openapi-typescript refuses: the same error, placed the same.
      expect(two).toBeInstanceOf(GenerateError);
      expect((two as Error).message).toBe(one.message);
    } else {
      expect((two as PrintedTypes).text.length).toBeGreaterThan(1000);
      expect(two).toEqual(one);
    }
  });
});

/** An operation whose 200 response is `schema`. */
const returning = (schema: JsonObject) => ({
  operation: {
    responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
  },
});

/** A `WithRequired` helper: an `allOf` of a `$ref` with `required` names of the referenced schema. */
const withRequired = (name: string): JsonObject => ({
  allOf: [{ $ref: `#/components/schemas/${name}` }],
  required: ['id'],
});

const SHAPES: [string, JsonObject, { split: boolean; contains?: string[] }][] = [
  [
    'a helper type declared by both halves is declared once, where the operations need it first',
    oneOperationSpec({
      ...returning(withRequired('Pet')),
      document: {
        components: {
          schemas: {
            Pet: { type: 'object', properties: { id: { type: 'string' } } },
            Owner: withRequired('Pet'),
          },
        },
      },
    }),
    { split: true, contains: ['type WithRequired'] },
  ],
  [
    'a helper type only the components need',
    oneOperationSpec({
      document: {
        components: {
          schemas: {
            Pet: { type: 'object', properties: { id: { type: 'string' } } },
            Owner: withRequired('Pet'),
          },
        },
      },
    }),
    { split: true, contains: ['type WithRequired'] },
  ],
  [
    'no operations: the placeholder, once',
    {
      openapi: '3.1.0',
      info: { title: 't', version: '1' },
      components: { schemas: { A: { type: 'string' } } },
    },
    { split: true, contains: ['export type operations = Record<string, never>;'] },
  ],
  [
    'path items under components: made in one thread',
    oneOperationSpec({
      document: {
        components: {
          pathItems: {
            Ping: { get: { operationId: 'ping', responses: { '204': { description: 'none' } } } },
          },
        },
      },
    }),
    { split: false },
  ],
];

describe('where the halves differ from one transform', () => {
  it.each(SHAPES)('%s', async (_name, document, expected) => {
    const { one, two, split } = await bothWays(document);
    expect(split).toBe(expected.split);
    expect(two).toEqual(one);
    for (const text of expected.contains ?? [])
      expect((two as PrintedTypes).text.split(text)).toHaveLength(2);
  });
});

describe('a transform that fails', () => {
  /** openapi-typescript refuses an object whose `enum` lists strings (Vapi's `BackoffPlan.type`). */
  const refused = { type: 'object', properties: { type: { type: 'object', enum: ['fixed'] } } };
  const broken = (where: ('operations' | 'components')[]): JsonObject =>
    oneOperationSpec({
      ...(where.includes('operations') ? returning(refused) : {}),
      document: {
        components: { schemas: where.includes('components') ? { Broken: refused } : {} },
      },
    });

  it.each([[['operations']], [['components']], [['operations', 'components']]] as const)(
    'in %j: the error one transform reports, placed',
    async (where) => {
      const { one, two, split } = await bothWays(broken([...where]));
      expect(split).toBe(true);
      expect(one).toBeInstanceOf(GenerateError);
      expect(two).toBeInstanceOf(GenerateError);
      expect((two as GenerateError).message).toBe((one as GenerateError).message);
      expect((one as GenerateError).message).toContain(
        where[0] === 'operations' ? '#/paths/' : '#/components/schemas/Broken',
      );
    },
  );
});

/**
 * The types stage calls openapi-typescript's transform directly instead of `openapiTS()` (which
 * would parse, lint and bundle the already bundled document again): its output must stay byte for
 * byte `openapiTS()`'s with the same options, and the stage's own doc comments (constraints) must
 * change nothing but comments. Every spec of the repository and of every fixture folder is a case
 * (add a spec, get a test).
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { describe, expect, it } from 'vitest';
import { bundleSpec, loadRedoclyConfig } from '../../../src/pipeline/bundle/index.js';
import { displayPathFor } from '../../../src/shared/display.js';
import { generateTypes, OPENAPI_TS_OPTIONS, transformDocument } from '../../../src/pipeline/types/index.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { oneOperationSpec } from '../../support/spec-builder.js';
import { HERE, PROJECT_CONFIG, PROJECT_ROOT } from '../helpers.js';

function topLevelSpecs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.yaml'))
    .map((entry) => join(dir, entry.name));
}

const specs = [
  ...topLevelSpecs(join(PROJECT_ROOT, 'specs')),
  ...readdirSync(join(HERE, 'fixtures'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => topLevelSpecs(join(HERE, 'fixtures', entry.name))),
]
  .map((path) => relative(PROJECT_ROOT, path))
  .sort();

const display = displayPathFor(PROJECT_ROOT);
const config = await loadRedoclyConfig(PROJECT_CONFIG, 'redocly.yaml');

describe('generateTypes', () => {
  it('has specs to compare', () => {
    expect(specs.length).toBeGreaterThan(3);
  });

  it.each(specs)('%s: prints what openapiTS() prints', async (spec) => {
    const { document } = await bundleSpec(join(PROJECT_ROOT, spec), config, display);
    const want = astToString(
      await openapiTS(structuredClone(document) as unknown as OpenAPI3, OPENAPI_TS_OPTIONS),
    );
    expect(astToString(transformDocument(structuredClone(document)))).toBe(want);
    const withoutComments = (text: string) => text.replace(/^\s*\/\*\*[\s\S]*?\*\/\n/gm, '');
    const got = await generateTypes(document, () => ({ file: spec }), spec);
    expect(withoutComments(got)).toBe(withoutComments(want));
  });
});

describe('bytes are a Blob', () => {
  /** The type openapi-typescript's transform, with the stage's options, prints for a property's schema. */
  async function typeOf(schema: JsonObject): Promise<string> {
    const document = oneOperationSpec({
      document: { components: { schemas: { Upload: { type: 'object', properties: { value: schema } } } } },
    });
    const types = await generateTypes(document, () => ({ file: 'spec' }), 'spec');
    return /value\?: (.*);/.exec(types)![1]!;
  }
  it.each<[string, { given: JsonObject; want: string }]>([
    ["`format: binary` (OpenAPI 3.0's way)", { given: { type: 'string', format: 'binary' }, want: 'Blob' }],
    [
      'a `contentMediaType` that is not text (3.1)',
      { given: { type: 'string', contentMediaType: 'audio/mpeg' }, want: 'Blob' },
    ],
    [
      'nullable bytes',
      {
        given: { type: ['string', 'null'], contentMediaType: 'application/octet-stream' },
        want: 'Blob | null',
      },
    ],
    [
      'base64: a string',
      { given: { type: 'string', contentEncoding: 'base64', contentMediaType: 'image/png' }, want: 'string' },
    ],
    [
      'a string holding JSON: a string',
      { given: { type: 'string', contentMediaType: 'application/json' }, want: 'string' },
    ],
    [
      'a string of text: a string',
      { given: { type: 'string', contentMediaType: 'text/html' }, want: 'string' },
    ],
    ['`format: byte` (base64): a string', { given: { type: 'string', format: 'byte' }, want: 'string' }],
  ])('%s', async (_name, { given, want }) => {
    expect(await typeOf(given)).toBe(want);
  });
});

describe('a $ref openapi-typescript would print as a type that does not exist', () => {
  it.each<[string, { given: JsonObject; want: RegExp }]>([
    [
      "into a schema's `definitions` (Codat's)",
      {
        given: {
          A: {
            type: 'object',
            definitions: { id: { type: 'string' } },
            properties: { value: { $ref: '#/components/schemas/A/definitions/id' } },
          },
        },
        want: /value\?: string;/,
      },
    ],
    [
      "a parameter's schema",
      {
        given: { A: { type: 'object', properties: { value: { $ref: '#/components/parameters/P/schema' } } } },
        want: /value\?: number;/,
      },
    ],
    [
      'one that refers back to itself: `unknown` where it recurs',
      {
        given: {
          A: {
            type: 'object',
            definitions: {
              node: {
                type: 'object',
                properties: { next: { $ref: '#/components/schemas/A/definitions/node' } },
              },
            },
            properties: { value: { $ref: '#/components/schemas/A/definitions/node' } },
          },
        },
        want: /value\?: \{\s*next\?: \{\s*next\?: unknown;/,
      },
    ],
    [
      "into a response's schema under paths (Telstra's)",
      {
        given: {
          A: {
            type: 'object',
            properties: {
              value: {
                $ref: '#/paths/~1a~1{id}/patch/responses/200/content/application~1json/schema/properties/next',
              },
            },
          },
        },
        want: /value\?: string;/,
      },
    ],
    [
      'a property of a schema component: kept, openapi-typescript prints it',
      {
        given: {
          B: { type: 'object', properties: { id: { type: 'boolean' } } },
          A: { type: 'object', properties: { value: { $ref: '#/components/schemas/B/properties/id' } } },
        },
        want: /value\?: components\["schemas"\]\["B"\]\["id"\];/,
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const document = oneOperationSpec({
      operation: {
        responses: {
          '200': {
            description: 'ok',
            content: {
              'application/json': { schema: { type: 'object', properties: { next: { type: 'string' } } } },
            },
          },
        },
      },
      document: {
        components: {
          schemas: given,
          parameters: { P: { name: 'p', in: 'query', schema: { type: 'integer' } } },
        },
      },
    });
    // Lent to the transform, and given back as it was.
    const lent = JSON.stringify(document);
    const types = await generateTypes(document, () => ({ file: 'spec' }), 'spec');
    expect(JSON.stringify(document)).toBe(lent);
    expect(types).toMatch(want);
    expect(types).not.toMatch(/\["(definitions|schema)"\]/);
  });
});

describe('a request body sent as given is typed as what is sent', () => {
  const OBJECT = { type: 'object', properties: { Status: { type: 'string' } } };
  it.each<[string, { given: [string, JsonObject]; want: string }]>([
    ["XML described as an object (S3's): text", { given: ['application/xml', OBJECT], want: 'string' }],
    [
      "bytes described as an object (Chrome Policy's upload): a Blob",
      { given: ['application/octet-stream', OBJECT], want: 'Blob' },
    ],
    ['a string schema: kept', { given: ['text/plain', { type: 'string', enum: ['a'] }], want: '"a"' }],
    ['a schema naming no type: kept, unknown', { given: ['application/octet-stream', {}], want: 'unknown' }],
    ['JSON: the schema', { given: ['application/json', OBJECT], want: '{\n' }],
  ])('%s', async (_name, { given: [mediaType, schema], want }) => {
    const document = oneOperationSpec({
      operation: { requestBody: { content: { [mediaType]: { schema } } } },
    });
    // Lent to the transform, and given back as it was.
    const lent = JSON.stringify(document);
    const types = await generateTypes(document, () => ({ file: 'spec' }), 'spec');
    expect(JSON.stringify(document)).toBe(lent);
    const type = new RegExp(`"${mediaType.replace('/', '\\/')}": ([^;]*)`).exec(types)?.[1];
    expect(type?.startsWith(want) ? want : type).toBe(want);
  });
});

describe('a GET or HEAD request body, which fetch cannot send (interactivebrokers, 28 documents of the directory)', () => {
  it.each(['get', 'head'])('%s: no body in the types', async (method) => {
    const document = oneOperationSpec({
      method,
      path: '/a',
      operation: {
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'string' } } } },
      },
    });
    const lent = JSON.stringify(document);
    const types = await generateTypes(document, () => ({ file: 'spec' }), 'spec');
    expect(JSON.stringify(document)).toBe(lent);
    expect(types).toMatch(/updateA: \{\n\s+parameters: \{[^]*?\};\n\s+requestBody\?: never;/);
  });
});

describe('additionalProperties beside properties', () => {
  it.each<[string, { given: JsonObject; want: string }]>([
    [
      "of a type a declared property is not (Azure's `{ type: object }` beside a string): unknown",
      {
        given: {
          type: 'object',
          required: ['type'],
          properties: { type: { type: 'string', enum: ['Managed'] } },
          additionalProperties: { type: 'object' },
        },
        want: '[key: string]: unknown;',
      },
    ],
    [
      'of every declared property’s type: kept',
      {
        given: {
          type: 'object',
          properties: { a: { type: 'string' } },
          additionalProperties: { type: 'string' },
        },
        want: '[key: string]: string;',
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const document = oneOperationSpec({ document: { components: { schemas: { Runtime: given } } } });
    // Lent to the transform, and given back as it was.
    const lent = JSON.stringify(document);
    const types = await generateTypes(document, () => ({ file: 'spec' }), 'spec');
    expect(JSON.stringify(document)).toBe(lent);
    expect(types).toContain(want);
  });
});

/**
 * The upgrade stage: no field loses its nullability, and 3.0's numeric bounds keep their meaning,
 * judged by what matters: whether the upgraded 3.1 schema (JSON Schema 2020-12, as Prism and the
 * generated types read it) accepts `null` and the values it accepted before. The published
 * corpus's documents: upgrade-documents.test.
 */
import { describe, expect, it } from 'vitest';
import { upgradeDocument } from '../../../src/pipeline/upgrade/index.js';
import { getAtPointer, type JsonObject } from '../../../src/shared/openapi.js';
import { locate, validatorFor } from './helpers.js';

/** A one-schema document of the given version, with a `Pet` to refer to. */
function documentWith(openapi: string, schema: unknown): JsonObject {
  return {
    openapi,
    info: { title: 't', version: '1' },
    paths: {
      '/pets': {
        get: {
          parameters: [{ name: 'q', in: 'query', schema: structuredClone(schema) }],
          responses: {
            '200': {
              description: 'OK',
              content: { 'application/json': { schema: structuredClone(schema) } },
            },
          },
        },
      },
    },
    components: {
      schemas: {
        S: structuredClone(schema) as JsonObject,
        Pet: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
        Kind: { type: 'string', enum: ['cat', 'dog'] },
      },
    },
  };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** Nullable schemas as vendors write them in 3.0, each with a value it accepts besides null. */
const NULLABLE: [string, { schema: unknown; accepts: unknown }][] = [
  ['a typed field', { schema: { type: 'string', nullable: true }, accepts: 'x' }],
  [
    'an enum, which 3.1 would close to its values',
    { schema: { type: 'string', enum: ['a', 'b'], nullable: true }, accepts: 'a' },
  ],
  ['beside a $ref', { schema: { ...ref('Pet'), nullable: true }, accepts: { name: 'Rex' } }],
  [
    'beside a $ref with a description',
    { schema: { ...ref('Pet'), nullable: true, description: 'd' }, accepts: { name: 'Rex' } },
  ],
  [
    'beside a $ref and a type (siblings 3.0 ignores)',
    { schema: { type: 'object', ...ref('Pet'), nullable: true }, accepts: { name: 'Rex' } },
  ],
  [
    'an allOf beside a type',
    { schema: { type: 'object', allOf: [ref('Pet')], nullable: true }, accepts: { name: 'Rex' } },
  ],
  ['an allOf of one $ref', { schema: { allOf: [ref('Pet')], nullable: true }, accepts: { name: 'Rex' } }],
  [
    'an allOf of two',
    { schema: { allOf: [ref('Pet'), { type: 'object' }], nullable: true }, accepts: { name: 'Rex' } },
  ],
  ['a oneOf', { schema: { oneOf: [ref('Pet'), { type: 'integer' }], nullable: true }, accepts: 3 }],
  ['an anyOf', { schema: { anyOf: [ref('Kind'), { type: 'integer' }], nullable: true }, accepts: 'cat' }],
  ['an enum by $ref', { schema: { allOf: [ref('Kind')], nullable: true }, accepts: 'dog' }],
  ['an untyped field', { schema: { nullable: true, description: 'anything' }, accepts: 1 }],
  ['array items', { schema: { type: 'array', items: { type: 'integer', nullable: true } }, accepts: [1] }],
  [
    'a property',
    {
      schema: { type: 'object', properties: { age: { type: 'integer', nullable: true } } },
      accepts: { age: 1 },
    },
  ],
];

/** Where each schema above sits in `documentWith`, as the nullable value it must accept there. */
const PLACES: [string, { pointer: string; nullAt: (value: unknown) => unknown }][] = [
  ['a component', { pointer: '#/components/schemas/S', nullAt: () => null }],
  ['a query parameter', { pointer: '#/paths/~1pets/get/parameters/0/schema', nullAt: () => null }],
  [
    'a response body',
    { pointer: '#/paths/~1pets/get/responses/200/content/application~1json/schema', nullAt: () => null },
  ],
];

/** The null the schema's nullable part must accept: the instance itself, an item, or a property. */
function withNull(schema: unknown, accepts: unknown): unknown {
  const s = schema as JsonObject;
  if (s.type === 'array') return [null];
  if (s.type === 'object' && s.properties) return { age: null };
  void accepts;
  return null;
}

describe.each(['3.0.3', '3.1.0'])('OpenAPI %s', (openapi) => {
  describe.each(NULLABLE)('nullable %s', (_, { schema, accepts }) => {
    it.each(PLACES)('in %s: accepts null and what it accepted before', (__, { pointer }) => {
      const { document } = upgradeDocument(documentWith(openapi, structuredClone(schema)), locate);
      expect(document.openapi).toMatch(/^3\.1\./);
      const valid = validatorFor(document);
      expect(valid(pointer, withNull(schema, accepts))).toBe(true);
      expect(valid(pointer, accepts)).toBe(true);
      // And no 3.0 keyword is left for a 3.1 reader to ignore.
      expect(JSON.stringify(getAtPointer(document, pointer))).not.toContain('nullable');
    });
  });

  it.each<[string, { schema: JsonObject; accepts: number[]; refuses: number[] }]>([
    [
      'exclusiveMinimum: true',
      { schema: { type: 'number', minimum: 1, exclusiveMinimum: true }, accepts: [1.5], refuses: [1] },
    ],
    [
      'exclusiveMaximum: true',
      { schema: { type: 'number', maximum: 5, exclusiveMaximum: true }, accepts: [4.5], refuses: [5] },
    ],
    [
      'exclusiveMinimum: false',
      { schema: { type: 'number', minimum: 1, exclusiveMinimum: false }, accepts: [1], refuses: [0] },
    ],
  ])('boolean %s keeps its bound', (_, { schema, accepts, refuses }) => {
    const { document } = upgradeDocument(documentWith(openapi, schema), locate);
    const valid = validatorFor(document);
    for (const value of accepts) expect(valid('#/components/schemas/S', value)).toBe(true);
    for (const value of refuses) expect(valid('#/components/schemas/S', value)).toBe(false);
  });
});

describe('OpenAPI 3.1 with 3.0 keywords', () => {
  it('is read as 3.0 means it, and a note counts the keywords and names the first place', () => {
    const document = documentWith('3.1.0', { type: 'string', nullable: true });
    (document.components as { schemas: JsonObject }).schemas.N = {
      type: 'integer',
      minimum: 0,
      exclusiveMinimum: true,
    };
    const { notes } = upgradeDocument(document, locate);
    expect(notes).toEqual([
      expect.stringMatching(
        /^OpenAPI 3\.0 keywords in a 3\.1 document, read as 3\.0 means them \(nullable 3×, exclusiveMinimum 1×; first at spec\.yaml:1:\d+\)/,
      ),
    ]);
  });

  it('a clean 3.1 document is left as it is, without notes', () => {
    const document = documentWith('3.1.0', { type: ['string', 'null'] });
    const before = structuredClone(document);
    const { document: after, notes } = upgradeDocument(document, locate);
    expect(after).toEqual(before);
    expect(notes).toEqual([]);
  });
});

describe('parameters described by content', () => {
  const uuid = { type: 'string', format: 'uuid' };
  const parameter = (content: JsonObject, extra: JsonObject = {}) => ({
    name: 'id',
    in: 'path',
    required: true,
    content,
    ...extra,
  });
  /** Each row: a parameter as written, and as the stages after the upgrade read it. */
  const rows: [string, { given: JsonObject; want: JsonObject }][] = [
    [
      '`*/*` of a string, as Telnyx writes its ids: the schema, its example taken along',
      {
        given: parameter({ '*/*': { schema: uuid, example: '3c90c3cc-0d44-4b50-8888-8dd25736052a' } }),
        want: {
          name: 'id',
          in: 'path',
          required: true,
          schema: uuid,
          example: '3c90c3cc-0d44-4b50-8888-8dd25736052a',
        },
      },
    ],
    [
      '`text/plain` with a charset, of a string behind a $ref',
      {
        given: parameter({ 'Text/Plain; charset=utf-8': { schema: { $ref: '#/components/schemas/Id' } } }),
        want: { name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/Id' } },
      },
    ],
    [
      "the parameter's own example wins over the media type's",
      {
        given: parameter({ '*/*': { schema: uuid, example: 'b' } }, { example: 'a' }),
        want: { name: 'id', in: 'path', required: true, schema: uuid, example: 'a' },
      },
    ],
    [
      '`application/json` of a string: kept (its text would be the JSON, quotes and all)',
      {
        given: parameter({ 'application/json': { schema: uuid } }),
        want: parameter({ 'application/json': { schema: uuid } }),
      },
    ],
    [
      '`*/*` of an integer: kept',
      {
        given: parameter({ '*/*': { schema: { type: 'integer' } } }),
        want: parameter({ '*/*': { schema: { type: 'integer' } } }),
      },
    ],
    [
      'two media types: kept',
      {
        given: parameter({ 'text/plain': { schema: uuid }, '*/*': { schema: uuid } }),
        want: parameter({ 'text/plain': { schema: uuid }, '*/*': { schema: uuid } }),
      },
    ],
  ];

  it.each(['3.0.3', '3.1.0'])('in OpenAPI %s', (openapi) => {
    const document = documentWith(openapi, { type: 'string' });
    const schemas = (document.components as { schemas: JsonObject }).schemas;
    schemas.Id = { type: 'string' };
    const operation = (document.paths as Record<string, Record<string, JsonObject>>)['/pets']!.get!;
    operation.parameters = rows.map(([, { given }]) => structuredClone(given));
    (document.components as JsonObject).parameters = { Id: structuredClone(rows[0]![1].given) };

    const { document: upgraded, notes } = upgradeDocument(document, locate);

    // The 3.0 upgrader writes a parameter's `example` as `examples` (3.1 has both): the example is
    // compared in 3.1 only.
    const read = (parameter: unknown) => {
      const { example: _, examples: __, ...rest } = parameter as JsonObject;
      return openapi.startsWith('3.0.') ? rest : parameter;
    };
    const parameters = getAtPointer(upgraded, '#/paths/~1pets/get/parameters') as unknown[];
    expect(parameters.map(read)).toEqual(rows.map(([, { want }]) => read(want)));
    expect(read(getAtPointer(upgraded, '#/components/parameters/Id'))).toEqual(read(rows[0]![1].want));
    expect(notes).toEqual([
      expect.stringMatching(
        /^4 parameters described by `text\/plain` or `\*\/\*` content of a string, read as `schema` \(first at spec\.yaml:1:\d+\)/,
      ),
    ]);
  });
});

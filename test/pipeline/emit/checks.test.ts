/**
 * The contract checks' compiler (`src/pipeline/emit/checks/`) keyword by keyword: each row a schema,
 * values it must accept and values it must refuse with a rule at a pointer. Every row's verdicts
 * are first held against Ajv (2020-12, with ajv-formats), so a row cannot encode a wrong reading
 * of JSON Schema; then the compiled checks, run as the client runs them, must agree, and each
 * violation must name the keyword's pointer in the document.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { describeApi } from '../../../src/model/index.js';
import { getAtPointer, type JsonObject } from '../../../src/shared/openapi.js';
import {
  operationChecks,
  requestViolations,
  responseViolations,
} from '../../../src/verify/contract-checks.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

type Refusal = [value: unknown, rule: string, pointer: string];
interface Row {
  schema: unknown;
  components?: Record<string, unknown>;
  accepts: unknown[];
  refuses: Refusal[];
}

const S = '#/components/schemas';
const rows: [string, Row][] = [
  [
    'type with null',
    { schema: { type: ['string', 'null'] }, accepts: ['a', null], refuses: [[1, 'type', '']] },
  ],
  [
    'integer, not 1.5',
    {
      schema: { type: 'integer' },
      accepts: [1, -3, 1e3],
      refuses: [
        [1.5, 'type', ''],
        ['1', 'type', ''],
      ],
    },
  ],
  ['number takes integers', { schema: { type: 'number' }, accepts: [1, 1.5], refuses: [[true, 'type', '']] }],
  [
    'integer or null, not 1.5',
    {
      schema: { type: ['integer', 'null'] },
      accepts: [1, null, 2e3],
      refuses: [
        [1.5, 'type', ''],
        ['1', 'type', ''],
      ],
    },
  ],
  [
    'number or string',
    {
      schema: { type: ['string', 'number'] },
      accepts: ['a', 1, 1.5],
      refuses: [
        [true, 'type', ''],
        [null, 'type', ''],
      ],
    },
  ],
  [
    'enum',
    {
      schema: { enum: ['a', 1, null] },
      accepts: ['a', 1, null],
      refuses: [
        ['b', 'enum', ''],
        [2, 'enum', ''],
      ],
    },
  ],
  [
    'enum of objects',
    { schema: { enum: [{ a: [1] }] }, accepts: [{ a: [1] }], refuses: [[{ a: [2] }, 'enum', '']] },
  ],
  [
    "members named as Object.prototype's are the body's own",
    {
      schema: {
        type: 'object',
        required: ['constructor'],
        properties: {
          constructor: { type: 'string' },
          toString: { type: 'integer' },
          ['__proto__']: { type: 'string' },
        },
        dependentRequired: { valueOf: ['hasOwnProperty'] },
      },
      accepts: [{ constructor: 'x' }, { constructor: 'x', toString: 1 }],
      refuses: [
        [{}, 'required', '/constructor'],
        [{ constructor: 'x', toString: 'a' }, 'type', '/toString'],
        [{ constructor: 'x', valueOf: 1 }, 'required', '/hasOwnProperty'],
      ],
    },
  ],
  [
    "a property named __proto__ is checked, and present only as the body's own",
    {
      schema: { type: 'object', required: ['__proto__'], properties: { ['__proto__']: { type: 'string' } } },
      accepts: [JSON.parse('{"__proto__":"x"}')],
      // Not `{"__proto__": 1}`, which Ajv 8 lets through (its checks leave the property out):
      // test/pipeline/hostile-names.test.ts holds the client to refusing it.
      refuses: [[{}, 'required', '/__proto__']],
    },
  ],
  [
    'const and enum of objects with a key __proto__ ask for that key',
    {
      schema: {
        properties: {
          const: { const: JSON.parse('{"__proto__":{}}') },
          enum: { enum: [JSON.parse('{"__proto__":{}}'), 1] },
        },
      },
      accepts: [JSON.parse('{"const":{"__proto__":{}},"enum":{"__proto__":{}}}')],
      refuses: [
        [{ const: {} }, 'const', '/const'],
        [{ const: { x: {} } }, 'const', '/const'],
        [{ enum: {} }, 'enum', '/enum'],
      ],
    },
  ],
  ['const', { schema: { const: 'byom' }, accepts: ['byom'], refuses: [['byo', 'const', '']] }],
  [
    'bounds',
    {
      schema: { minimum: 0, maximum: 1 },
      accepts: [0, 1, 0.5, 'not a number'],
      refuses: [
        [-0.1, 'minimum', ''],
        [1.5, 'maximum', ''],
      ],
    },
  ],
  [
    'exclusive bounds and multipleOf',
    {
      schema: { exclusiveMinimum: 0, exclusiveMaximum: 10, multipleOf: 0.1 },
      accepts: [0.5, 9.9],
      refuses: [
        [0, 'exclusiveMinimum', ''],
        [10, 'exclusiveMaximum', ''],
        [0.35, 'multipleOf', ''],
      ],
    },
  ],
  [
    'lengths count code points',
    {
      schema: { type: 'string', minLength: 2, maxLength: 3 },
      accepts: ['ab', '😀😀😀', 'abc'],
      refuses: [
        ['a', 'minLength', ''],
        ['😀😀😀😀', 'maxLength', ''],
      ],
    },
  ],
  [
    'pattern',
    {
      schema: { pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' },
      accepts: ['09:30', 5],
      refuses: [['24:00', 'pattern', '']],
    },
  ],
  [
    'format uuid',
    {
      schema: { format: 'uuid' },
      accepts: ['3c90c3cc-0d44-4b50-8888-8dd25736052a', 7],
      refuses: [['3c90c3cc-0d44-4b50-8888', 'format', '']],
    },
  ],
  [
    'format date-time: a day that exists, an offset',
    {
      schema: { format: 'date-time' },
      accepts: [
        '2024-02-29T23:59:59Z',
        '2023-11-07T05:31:56.5+05:30',
        '2024-12-31t23:59:59z',
        '2024-04-30 10:00:00+02',
      ],
      refuses: [
        ['2023-02-29T00:00:00Z', 'format', ''],
        ['2024-04-31T00:00:00Z', 'format', ''],
        ['2024-01-32T00:00:00Z', 'format', ''],
        ['2024-01-39T00:00:00Z', 'format', ''],
        ['2024-01-00T00:00:00Z', 'format', ''],
        ['2024-13-01T00:00:00Z', 'format', ''],
        ['2023-11-07T05:31:56', 'format', ''],
        ['yesterday', 'format', ''],
      ],
    },
  ],
  [
    'format date',
    {
      schema: { format: 'date' },
      accepts: ['2000-02-29', '2024-01-31', '2024-07-31', '2024-08-31', '2024-10-31', '2024-12-31'],
      refuses: [
        ['1900-02-29', 'format', ''],
        ['2023-02-29', 'format', ''],
        ['2024-04-31', 'format', ''],
        ['2024-06-31', 'format', ''],
        ['2024-09-31', 'format', ''],
        ['2024-11-31', 'format', ''],
        ['2024-13-01', 'format', ''],
        ['2024-00-10', 'format', ''],
        ['2024-01-00', 'format', ''],
        ['2024-01-32', 'format', ''],
        ['2024-01-35', 'format', ''],
        ['2024-01-39', 'format', ''],
        ['2024-01-40', 'format', ''],
      ],
    },
  ],
  [
    'format uri',
    {
      schema: { format: 'uri' },
      accepts: ['https://hooks.example.com/v?x=1'],
      refuses: [['not a uri', 'format', '']],
    },
  ],
  [
    'format email',
    { schema: { format: 'email' }, accepts: ['a.b@example.com'], refuses: [['a@', 'format', '']] },
  ],
  [
    'formats named like members of every object (`constructor`, `toString`) are unknown formats: not checked',
    {
      schema: {
        type: 'array',
        prefixItems: [{ format: 'constructor' }, { format: 'toString' }, { format: '__proto__' }],
      },
      accepts: [['x', 'y', 'z']],
      refuses: [[{}, 'type', '']],
    },
  ],
  [
    'required and properties',
    {
      schema: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'string' }, n: { type: 'integer' } },
      },
      accepts: [{ id: 'x' }, { id: 'x', n: 1, other: true }],
      refuses: [
        [{}, 'required', '/id'],
        [{ id: 'x', n: 'one' }, 'type', '/n'],
      ],
    },
  ],
  [
    'required names first among the properties, and properties after them',
    {
      schema: {
        type: 'object',
        required: ['a', 'b'],
        properties: { a: { type: 'string' }, b: { type: 'integer' }, c: { type: 'boolean' } },
      },
      accepts: [
        { a: 'x', b: 1 },
        { a: 'x', b: 1, c: true, d: null },
      ],
      refuses: [
        [{ a: 'x' }, 'required', '/b'],
        [{ b: 1, c: true }, 'required', '/a'],
        [{ a: 'x', b: 1, c: 'yes' }, 'type', '/c'],
        [{ a: 1, b: 1 }, 'type', '/a'],
      ],
    },
  ],
  [
    'required names not first among the properties',
    {
      schema: {
        type: 'object',
        required: ['b'],
        properties: { a: { type: 'string' }, b: { type: 'integer' } },
      },
      accepts: [{ b: 1 }, { a: 'x', b: 1 }],
      refuses: [
        [{ a: 'x' }, 'required', '/b'],
        [{ a: 1, b: 1 }, 'type', '/a'],
      ],
    },
  ],
  [
    'additionalProperties false, keys escaped in the pointer',
    {
      schema: { properties: { a: {} }, patternProperties: { '^x-': {} }, additionalProperties: false },
      accepts: [{ a: 1, 'x-b': 2 }],
      refuses: [[{ 'a/b~c': 1 }, 'additionalProperties', '/a~1b~0c']],
    },
  ],
  [
    'additionalProperties as a schema',
    {
      schema: { additionalProperties: { type: 'number' } },
      accepts: [{ a: 1 }],
      refuses: [[{ a: 'x' }, 'type', '/a']],
    },
  ],
  [
    'unevaluatedProperties through $ref and allOf',
    {
      schema: { allOf: [{ $ref: `${S}/Base` }], properties: { b: {} }, unevaluatedProperties: false },
      components: { Base: { properties: { a: { type: 'string' } } } },
      accepts: [{ a: 'x', b: 1 }],
      refuses: [
        [{ a: 'x', c: 1 }, 'unevaluatedProperties', '/c'],
        [{ a: 1 }, 'type', '/a'],
      ],
    },
  ],
  [
    'unevaluatedProperties counts only the branches that hold',
    {
      schema: {
        anyOf: [
          { properties: { kind: { const: 'a' }, a: {} }, required: ['kind'] },
          { properties: { kind: { const: 'b' }, b: {} }, required: ['kind'] },
        ],
        unevaluatedProperties: false,
      },
      accepts: [
        { kind: 'a', a: 1 },
        { kind: 'b', b: 1 },
      ],
      refuses: [[{ kind: 'a', b: 1 }, 'unevaluatedProperties', '/b']],
    },
  ],
  [
    'if/then (voicebip: webhook_url when byom)',
    {
      schema: {
        properties: { ai_provider: { type: 'string' }, webhook_url: { type: 'string', format: 'uri' } },
        if: { properties: { ai_provider: { const: 'byom' } }, required: ['ai_provider'] },
        then: { required: ['webhook_url'] },
      },
      accepts: [{ ai_provider: 'openai' }, { ai_provider: 'byom', webhook_url: 'https://a.b/c' }],
      refuses: [[{ ai_provider: 'byom' }, 'required', '/webhook_url']],
    },
  ],
  [
    'if/then/else',
    {
      schema: { if: { type: 'string' }, then: { minLength: 2 }, else: { minimum: 5 } },
      accepts: ['ab', 5],
      refuses: [
        ['a', 'minLength', ''],
        [4, 'minimum', ''],
      ],
    },
  ],
  [
    'oneOf: exactly one',
    {
      schema: { oneOf: [{ type: 'integer' }, { minimum: 2 }] },
      accepts: [1, 2.5],
      refuses: [
        [3, 'oneOf', ''],
        [1.5, 'oneOf', ''],
      ],
    },
  ],
  [
    'anyOf',
    {
      schema: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      accepts: ['a', null],
      refuses: [[1, 'anyOf', '']],
    },
  ],
  ['not', { schema: { not: { type: 'null' } }, accepts: [1], refuses: [[null, 'not', '']] }],
  [
    'allOf',
    {
      schema: { allOf: [{ type: 'object' }, { required: ['a'] }] },
      accepts: [{ a: 1 }],
      refuses: [
        [{}, 'required', '/a'],
        [[], 'type', ''],
      ],
    },
  ],
  [
    '$ref and recursion',
    {
      schema: { $ref: `${S}/Node` },
      components: {
        Node: {
          type: 'object',
          properties: {
            value: { type: 'integer' },
            children: { type: 'array', items: { $ref: `${S}/Node` } },
          },
        },
      },
      accepts: [{ value: 1, children: [{ value: 2, children: [] }] }],
      refuses: [
        [{ value: 1, children: [{ children: [{ value: 'x' }] }] }, 'type', '/children/0/children/0/value'],
      ],
    },
  ],
  [
    'items, prefixItems and array sizes',
    {
      schema: {
        type: 'array',
        prefixItems: [{ type: 'string' }],
        items: { type: 'integer' },
        minItems: 1,
        maxItems: 3,
        uniqueItems: true,
      },
      accepts: [['a'], ['a', 1, 2]],
      refuses: [
        [[], 'minItems', ''],
        [[1], 'type', '/0'],
        [['a', 1.5], 'type', '/1'],
        [['a', 1, 1], 'uniqueItems', ''],
        [['a', 1, 2, 3], 'maxItems', ''],
      ],
    },
  ],
  [
    'contains',
    {
      schema: { contains: { const: 1 }, maxContains: 1 },
      accepts: [[1, 2]],
      refuses: [
        [[2], 'contains', ''],
        [[1, 1], 'maxContains', ''],
      ],
    },
  ],
  [
    'object sizes, propertyNames, dependentRequired',
    {
      schema: {
        minProperties: 1,
        maxProperties: 2,
        propertyNames: { pattern: '^[a-z]+$' },
        dependentRequired: { a: ['b'] },
      },
      accepts: [{ a: 1, b: 2 }, { c: 1 }],
      refuses: [
        [{}, 'minProperties', ''],
        [{ A: 1 }, 'pattern', '/A'],
        [{ a: 1 }, 'required', '/b'],
        [{ b: 1, c: 2, d: 3 }, 'maxProperties', ''],
      ],
    },
  ],
  [
    'false',
    { schema: { properties: { never: false } }, accepts: [{}], refuses: [[{ never: 1 }, 'false', '/never']] },
  ],
];

/** A document with one operation that sends and answers `schema`. */
function documentFor({ schema, components = {} }: Row): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'Rows', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/x': {
        post: {
          operationId: 'row',
          requestBody: { content: { 'application/json': { schema } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } },
        },
      },
    },
    components: { schemas: components },
  };
}

const target = { method: 'POST', path: '/x', operationId: 'row' };

// ownProperties: a body's members are its own (Ajv otherwise reads `toString` and the like
// through Object.prototype). One Ajv for every row, each row's document under an id of its own:
// an Ajv of its own per row compiled the meta-schema and the formats again.
const ajv = addFormats(new Ajv2020({ strict: false, allErrors: true, ownProperties: true }));

describe.each(rows.map((row, index) => [row[0], row[1], index] as const))('%s', (_name, row, index) => {
  const document = documentFor(row);
  ajv.addSchema({ ...document, $id: `doc-${index}.json` });
  const oracle = ajv.getSchema(
    `doc-${index}.json#/paths/~1x/post/responses/200/content/application~1json/schema`,
  )!;
  const checks = operationChecks(
    document,
    describeApi('rows', document, () => ({ file: 'rows.yaml' })),
    'rows.yaml',
  ).get('row')!;
  const response = (value: unknown) => responseViolations(checks, target, 200, 'application/json', value);

  it.each(row.accepts.map((value) => [JSON.stringify(value), value]))(
    'accepts %s, as Ajv does',
    (_v, value) => {
      expect(oracle(value)).toBe(true);
      expect(response(value)).toEqual([]);
    },
  );

  it.each(
    row.refuses.map(([value, rule, pointer]) => [JSON.stringify(value), value, rule, pointer] as const),
  )(
    'refuses %s, as Ajv does, naming the rule, where it is and where it is written',
    async (_v, value, rule, pointer) => {
      expect(oracle(value)).toBe(false);
      for (const violations of [response(value), await requestViolations(checks, target, { body: value })]) {
        const found = violations.find((each) => each.rule === rule && each.pointer === pointer);
        expect(found, JSON.stringify(violations)).toBeDefined();
        // The schema pointer leads to the keyword in the document (a rule named after its keyword).
        const at = found!.schema.replace(/^openapi\.json#/, '#');
        expect(getAtPointer(document, at), at).toBeDefined();
        // Never the value: only its type.
        expect(found!.got).toMatch(/^(string|number|integer|boolean|null|array|object|absent)$/);
      }
    },
  );
});

it('refuses to compile a pattern JavaScript cannot run, naming the file and the pattern', () => {
  const document = documentFor({ schema: { type: 'string', pattern: '(' }, accepts: [], refuses: [] });
  expect(() =>
    operationChecks(
      document,
      describeApi('rows', document, () => ({ file: 'rows.yaml' })),
      'rows.yaml',
    ),
  ).toThrow(/rows\.yaml.*the pattern "\(" is not a regular expression JavaScript can run/);
});

describe('what a type rule expects, in words', () => {
  // A number's mask holds the integer bit too (an integer is a number): named once.
  it.each([
    [{ type: 'number' }, 'a', 'number'],
    [{ type: 'integer' }, 1.5, 'integer'],
    [{ type: ['integer', 'null'] }, 'a', 'integer or null'],
    [{ type: ['number', 'integer'] }, 'a', 'number'],
    [{ type: ['string', 'number', 'null'] }, true, 'string or number or null'],
    [{ type: 'object' }, [], 'object'],
  ] as const)('%j given %j expects %s', (schema, value, expected) => {
    const document = documentFor({ schema, accepts: [], refuses: [] });
    const checks = operationChecks(
      document,
      describeApi('rows', document, () => ({ file: 'rows.yaml' })),
      'rows.yaml',
    ).get('row')!;
    const violations = responseViolations(checks, target, 200, 'application/json', value);
    expect(violations.map((v) => [v.rule, v.expected])).toEqual([['type', expected]]);
  });
});

describe('readOnly and writeOnly', () => {
  const row: Row = {
    schema: { $ref: `${S}/Thing` },
    components: {
      Thing: {
        type: 'object',
        required: ['id', 'secret', 'created', 'owner'],
        properties: {
          id: { type: 'string', readOnly: true },
          secret: { type: 'string', writeOnly: true },
          // Through a `$ref`, and beside one.
          created: { $ref: `${S}/Stamp` },
          owner: { $ref: `${S}/Id`, readOnly: true },
        },
      },
      Stamp: { type: 'string', readOnly: true },
      Id: { type: 'string' },
    },
    accepts: [],
    refuses: [],
  };
  const document = documentFor(row);
  const checks = operationChecks(
    document,
    describeApi('rows', document, () => ({ file: 'rows.yaml' })),
    'rows.yaml',
  ).get('row')!;

  it('does not require a readOnly property in a request, nor a writeOnly one in a response', async () => {
    expect(
      responseViolations(checks, target, 200, 'application/json', { id: 'x', created: 't', owner: 'o' }),
    ).toEqual([]);
    expect(await requestViolations(checks, target, { body: { secret: 'x' } })).toEqual([]);
    expect((await requestViolations(checks, target, { body: { id: 'x' } })).map((v) => v.pointer)).toEqual([
      '/secret',
    ]);
  });
});

describe('media types of a response', () => {
  // 200 documents JSON and a family; 4XX is a `$ref`'d response, whose pointer the checks spell;
  // default takes anything.
  const document: JsonObject = {
    openapi: '3.1.0',
    info: { title: 'Media', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com' }],
    paths: {
      '/x/{id}': {
        get: {
          operationId: 'media',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            '200': {
              description: 'ok',
              content: {
                'application/json': { schema: { type: 'object', required: ['id'] } },
                'text/*': { schema: { type: 'string' } },
              },
            },
            '4XX': { $ref: '#/components/responses/Problem' },
            default: { description: 'other', content: { '*/*': {} } },
          },
        },
      },
    },
    components: {
      responses: {
        Problem: {
          description: 'problem',
          content: { 'application/problem+json': { schema: { type: 'object', required: ['title'] } } },
        },
      },
    },
  };
  const checks = operationChecks(
    document,
    describeApi('media', document, () => ({ file: 'media.yaml' })),
    'media.yaml',
  ).get('media')!;
  const at = { method: 'GET', path: '/x/{id}', operationId: 'media' };
  const OPERATION = 'openapi.json#/paths/~1x~1{id}/get';

  it.each([
    ['the documented type as sent', 200, 'application/json', { id: 'a' }, []],
    ['its parameters and case aside', 200, 'Application/JSON; charset=utf-8', { id: 'a' }, []],
    ['a type of a documented family', 200, 'text/plain', undefined, []],
    [
      "the documented type, its body broken, pointed at in the component's schema",
      200,
      'application/json',
      {},
      [['body', '/id', 'required', `${OPERATION}/responses/200/content/application~1json/schema/required/0`]],
    ],
    [
      'a type not documented, listed, and the body checked by the JSON type',
      200,
      'application/xml',
      {},
      [
        [
          'header',
          '/content-type',
          'content-type',
          `${OPERATION}/responses/200/content`,
          'application/json or text/*',
        ],
        ['body', '/id', 'required', `${OPERATION}/responses/200/content/application~1json/schema/required/0`],
      ],
    ],
    [
      "a $ref'd response's type not documented, at the component",
      404,
      'text/html',
      undefined,
      [
        [
          'header',
          '/content-type',
          'content-type',
          'openapi.json#/components/responses/Problem/content',
          'application/problem+json',
        ],
      ],
    ],
    ['any type where */* is documented', 500, 'image/png', undefined, []],
  ] as const)('%s', (_name, status, contentType, body, want) => {
    const violations = responseViolations(checks, at, status, contentType, body);
    expect(
      violations.map((v) => [
        v.in,
        v.pointer,
        v.rule,
        v.schema,
        ...(v.rule === 'content-type' ? [v.expected] : []),
      ]),
    ).toEqual(want);
    for (const { schema } of violations)
      expect(getAtPointer(document, schema.replace(/^openapi\.json/, ''))).toBeDefined();
  });
});

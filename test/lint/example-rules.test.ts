/**
 * Redocly's three example rules with examples interpreted (src/pipeline/lint/examples/) against
 * Redocly's own (Ajv with Redocly's options, the oracle): the same problems, in the same order,
 * with the same messages and places, for each keyword the interpreter knows, in OpenAPI 3.0 (Ajv's
 * draft 4 with `nullable`) and 3.1 (draft 2020-12), in requests and responses; and which schemas
 * the interpreter takes itself, so that a row tests it rather than Redocly's rule behind it.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SchemaInterpreter, type Verdict } from '../../src/pipeline/lint/examples/validator.js';
import { exampleProblems } from './example-problems.js';

type Version = '3.0' | '3.1';

interface Row {
  versions?: Version[];
  schema: Record<string, unknown>;
  /** Each checked as a request body, a response, a query parameter and the schema's own `example`. */
  examples: unknown[];
  /** Schemas `#/components/schemas/<name>` the row's schema references. */
  components?: Record<string, unknown>;
  /** How many problems Redocly reports for the row (3.0's count when the versions differ). */
  problems: number | 'some';
  /** Taken by the interpreter (true), reported as Ajv's compile error (its words), or Redocly's (false). */
  interpreted?: Verdict;
  /** The rules' `allowAdditionalProperties`. @default false */
  allowAdditionalProperties?: boolean;
}

function documentOf(row: Row, version: Version): string {
  const openapi = version === '3.0' ? '3.0.3' : '3.1.0';
  const examples = Object.fromEntries(row.examples.map((value, i) => [`e${i}`, { value }]));
  return stringify({
    openapi,
    info: { title: 'examples', version: '1.0.0', license: { name: 'MIT' } },
    paths: {
      '/things': {
        post: {
          operationId: 'post',
          parameters: [{ name: 'q', in: 'query', schema: row.schema, examples }],
          requestBody: { content: { 'application/json': { schema: row.schema, examples } } },
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: row.schema, examples } } },
          },
        },
      },
    },
    components: {
      schemas: {
        ...row.components,
        Example: row.examples.length > 0 ? { ...row.schema, example: row.examples[0] } : row.schema,
      },
    },
  });
}

function problemsOf(row: Row, version: Version, interpreted: boolean): Promise<string[]> {
  return exampleProblems(documentOf(row, version), '/examples.yaml', {
    interpreted,
    allowAdditionalProperties: row.allowAdditionalProperties ?? false,
  });
}

/** The interpreter's verdict on the row's schema, its `$ref`s resolved in the row's components. */
function verdictOf(row: Row, version: Version): Verdict {
  const components = row.components ?? {};
  const interpreter = new SchemaInterpreter(version === '3.0' ? 'draft4' : '2020', {}, ({ $ref }) => {
    const name = $ref.replace('#/components/schemas/', '');
    return Object.hasOwn(components, name)
      ? { node: components[name], location: { source: { absoluteRef: '/examples.yaml' } } as never }
      : { node: undefined };
  });
  return interpreter.verdict(row.schema, '/examples.yaml');
}

const person = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' }, age: { type: 'integer', minimum: 0 } },
};

const TABLE: [string, Row][] = [
  ['type: string', { schema: { type: 'string' }, examples: ['a', 1, null], problems: 'some' }],
  ['type: integer', { schema: { type: 'integer' }, examples: [1, 1.5, '1'], problems: 'some' }],
  ['type: number', { schema: { type: 'number' }, examples: [1.5, true], problems: 'some' }],
  ['type: boolean', { schema: { type: 'boolean' }, examples: [false, 'false'], problems: 'some' }],
  [
    'type: array',
    { schema: { type: 'array', items: { type: 'string' } }, examples: [['a'], [1], 'a'], problems: 'some' },
  ],
  ['type: object', { schema: person, examples: [{ name: 'a' }, [], 'a'], problems: 'some' }],
  [
    'a list of types',
    {
      versions: ['3.1'],
      schema: { type: ['string', 'null'], maxLength: 2 },
      examples: [null, 'abc', 3],
      problems: 'some',
    },
  ],
  [
    'nullable',
    {
      versions: ['3.0'],
      schema: { type: 'string', nullable: true, enum: ['a', null] },
      examples: [null, 'a', 'b', 1],
      problems: 'some',
    },
  ],
  [
    'nullable without a type: refused by Ajv for every example',
    {
      versions: ['3.0'],
      schema: { nullable: true, allOf: [{ $ref: '#/components/schemas/Person' }] },
      components: { Person: person },
      examples: [{ name: 'a' }, 1],
      problems: 'some',
      interpreted: '"nullable" cannot be used without "type"',
    },
  ],
  [
    'enum',
    {
      schema: { enum: ['a', 'b', 1, { x: 1 }] },
      examples: ['a', 1, { x: 1 }, 'c', { x: 2 }],
      problems: 'some',
    },
  ],
  [
    'const',
    {
      versions: ['3.1'],
      schema: { const: { a: [1] } },
      examples: [{ a: [1] }, { a: [2] }],
      problems: 'some',
    },
  ],
  [
    'formats',
    {
      schema: {
        type: 'object',
        properties: {
          when: { type: 'string', format: 'date-time' },
          day: { type: 'string', format: 'date' },
          mail: { type: 'string', format: 'email' },
          id: { type: 'string', format: 'uuid' },
          link: { type: 'string', format: 'uri' },
          small: { type: 'integer', format: 'int32' },
          unknown: { type: 'string', format: 'colour' },
        },
      },
      examples: [
        {
          when: '2024-01-01T00:00:00Z',
          day: '2024-01-01',
          mail: 'a@b.co',
          id: '8f0e4f5c-8d0b-4b1a-9d55-3a6f6f0b7b1e',
        },
        {
          when: 'yesterday',
          day: '2024-13-40',
          mail: 'nobody',
          id: 'x',
          link: 'not a uri',
          small: 2 ** 40,
          unknown: '',
        },
      ],
      problems: 'some',
    },
  ],
  [
    'string lengths (in code points) and patterns',
    {
      schema: { type: 'string', minLength: 2, maxLength: 3, pattern: '^[a-z😀]+$' },
      examples: ['😀😀', 'a', 'abcd', 'A1'],
      problems: 'some',
    },
  ],
  [
    'numbers: limits and multiples (OpenAPI 3.0: exclusive as a flag)',
    {
      versions: ['3.0'],
      schema: { type: 'number', minimum: 0, maximum: 1, exclusiveMaximum: true, multipleOf: 0.25 },
      examples: [0, 0.5, 1, -1, 0.3],
      problems: 'some',
    },
  ],
  [
    'numbers: limits and multiples (OpenAPI 3.1: exclusive as a bound)',
    {
      versions: ['3.1'],
      schema: { type: 'number', exclusiveMinimum: 0, maximum: 1, multipleOf: 0.25 },
      examples: [0, 0.5, 1.5, 0.3],
      problems: 'some',
    },
  ],
  [
    'array sizes and unique items',
    {
      schema: { type: 'array', minItems: 1, maxItems: 3, uniqueItems: true, items: { type: 'integer' } },
      examples: [[1], [], [1, 2, 3, 4], [1, 2, 1], [3, 3]],
      problems: 'some',
    },
  ],
  [
    'unique objects',
    {
      schema: { type: 'array', uniqueItems: true },
      examples: [
        [{ a: 1 }, { a: 1 }],
        [[1], [2]],
        ['1', 1],
      ],
      problems: 'some',
    },
  ],
  [
    'object sizes and required properties',
    {
      schema: { ...person, minProperties: 1, maxProperties: 2 },
      examples: [{ name: 'a' }, {}, { name: 'a', age: 1, extra: 1 }, { age: -1 }],
      problems: 'some',
    },
  ],
  [
    'properties no schema names: refused by default (Redocly forces unevaluatedProperties)',
    { schema: person, examples: [{ name: 'a', extra: 1, 'a/b~c': 2 }], problems: 'some' },
  ],
  [
    '… allowed by allowAdditionalProperties',
    {
      schema: person,
      examples: [{ name: 'a', extra: 1 }, { extra: 1 }],
      problems: 'some',
      allowAdditionalProperties: true,
    },
  ],
  [
    'properties: {}, and none',
    {
      schema: {
        type: 'object',
        properties: { inner: { type: 'object', properties: {} }, free: { type: 'object' } },
      },
      examples: [{ inner: { a: 1 }, free: { b: 2 } }],
      problems: 'some',
    },
  ],
  [
    'additionalProperties: false, a schema, true',
    {
      schema: {
        type: 'object',
        properties: {
          closed: { type: 'object', properties: { a: {} }, additionalProperties: false },
          typed: { type: 'object', additionalProperties: { type: 'integer' } },
          open: { type: 'object', properties: { a: {} }, additionalProperties: true },
        },
      },
      examples: [{ closed: { a: 1, b: 2 }, typed: { x: 1, y: 'y' }, open: { a: 1, b: 2 } }],
      problems: 'some',
    },
  ],
  [
    'readOnly and writeOnly: refused in a request and a response, and not required there',
    {
      schema: {
        type: 'object',
        required: ['id', 'secret'],
        properties: { id: { type: 'string', readOnly: true }, secret: { type: 'string', writeOnly: true } },
      },
      examples: [{ id: 'a' }, { secret: 'b' }, { id: 'a', secret: 'b' }, {}],
      problems: 'some',
    },
  ],
  [
    'allOf: branches share the object; a branch does not refuse the others’ properties',
    {
      schema: {
        allOf: [
          { $ref: '#/components/schemas/Person' },
          { type: 'object', properties: { role: { type: 'string' } } },
        ],
      },
      components: { Person: person },
      examples: [{ name: 'a', role: 'b' }, { name: 'a', role: 1, extra: 1 }, { role: 'b' }],
      problems: 'some',
    },
  ],
  [
    'allOf beside properties: the branches’ properties are evaluated',
    {
      schema: {
        type: 'object',
        properties: { role: { type: 'string' } },
        allOf: [{ $ref: '#/components/schemas/Person' }, { properties: { team: { type: 'string' } } }],
      },
      components: { Person: person },
      examples: [{ name: 'a', role: 'b', team: 'c' }, { name: 1, extra: true }, { role: 'b' }],
      problems: 'some',
    },
  ],
  [
    'anyOf: errors of every branch when none passes, none when one does',
    {
      schema: {
        anyOf: [
          { $ref: '#/components/schemas/Person' },
          { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] },
          { type: 'string' },
        ],
      },
      components: { Person: person },
      examples: ['a', { name: 'a' }, { id: 1 }, { id: 'x', extra: 1 }, 1],
      problems: 'some',
    },
  ],
  [
    'anyOf beside properties: the passing branches’ properties are evaluated',
    {
      schema: {
        type: 'object',
        properties: { kind: { type: 'string' } },
        anyOf: [
          { properties: { a: { type: 'string' } }, required: ['a'] },
          { properties: { b: { type: 'integer' } }, required: ['b'] },
        ],
      },
      examples: [
        { kind: 'x', a: 'a' },
        { kind: 'x', a: 1, b: 2 },
        { kind: 'x', a: 1, b: 'b' },
      ],
      problems: 'some',
    },
  ],
  [
    'oneOf: none, one and two passing',
    {
      schema: {
        oneOf: [
          { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
          { type: 'object', properties: { b: { type: 'string' } }, required: ['b'] },
          { type: 'integer' },
        ],
      },
      examples: [{ a: 'x' }, { a: 'x', b: 'y' }, { c: 1 }, 1, 1.5],
      problems: 'some',
    },
  ],
  [
    'oneOf of references, in a list (Ajv keeps a variable from one item to the next)',
    {
      schema: {
        type: 'array',
        items: {
          type: 'object',
          properties: { id: { type: 'integer' } },
          oneOf: [{ $ref: '#/components/schemas/Person' }, { $ref: '#/components/schemas/Robot' }],
        },
      },
      components: {
        Person: person,
        Robot: { type: 'object', required: ['serial'], properties: { serial: { type: 'string' } } },
      },
      examples: [
        [
          { id: 1, name: 'a' },
          { id: 2, serial: 'x', extra: 1 },
          { id: 3, name: 'b', serial: 'y' },
          { id: 4 },
        ],
      ],
      problems: 'some',
    },
  ],
  [
    'a reference whose evaluated properties are known only as it runs: merged when it passes',
    {
      schema: {
        type: 'object',
        properties: { x: { type: 'string' } },
        allOf: [{ $ref: '#/components/schemas/Shape' }],
      },
      components: {
        Shape: {
          type: 'object',
          properties: { a: { type: 'string' } },
          anyOf: [{ properties: { b: { type: 'integer' } } }, { required: ['c'] }],
        },
      },
      examples: [
        { x: 'x', a: 'a', b: 2 },
        { x: 'x', a: 1, b: 2 },
      ],
      problems: 'some',
    },
  ],
  [
    'a $ref with a description beside it',
    {
      versions: ['3.1'],
      schema: {
        type: 'object',
        properties: { who: { $ref: '#/components/schemas/Person', description: 'who' } },
      },
      components: { Person: person },
      examples: [{ who: { name: 'a' } }, { who: { age: 'x' } }],
      problems: 'some',
    },
  ],
  [
    'a discriminator: Redocly’s rule',
    {
      schema: {
        oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
        discriminator: { propertyName: 'kind' },
      },
      components: {
        Cat: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['cat'] } } },
        Dog: { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['dog'] } } },
      },
      examples: [{ kind: 'cat' }, { kind: 'cow' }, { kind: 1 }],
      problems: 'some',
      interpreted: false,
    },
  ],
  [
    'not: Redocly’s rule',
    { schema: { not: { type: 'string' } }, examples: [1, 'a'], problems: 'some', interpreted: false },
  ],
  [
    'a cycle of references: Redocly’s rule',
    {
      schema: { $ref: '#/components/schemas/Tree' },
      components: {
        Tree: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } },
        },
      },
      examples: [{ children: [{ children: [] }, { leaf: 1 }] }],
      problems: 'some',
      interpreted: false,
    },
  ],
  ['valid examples', { schema: person, examples: [{ name: 'a', age: 3 }], problems: 0 }],
];

describe('example rules interpreted, against Redocly’s', () => {
  const rows = TABLE.flatMap(([name, row]) =>
    (row.versions ?? (['3.0', '3.1'] as Version[])).map(
      (version) => [`${name} (OpenAPI ${version})`, row, version] as const,
    ),
  );
  it.each(rows)('%s', async (_, row, version) => {
    const [redocly, interpreted] = await Promise.all([
      problemsOf(row, version, false),
      problemsOf(row, version, true),
    ]);
    expect(interpreted).toEqual(redocly);
    if (row.problems === 'some') expect(redocly.length).toBeGreaterThan(0);
    else expect(redocly).toHaveLength(row.problems);
    expect(verdictOf(row, version)).toBe(row.interpreted ?? true);
  });
});

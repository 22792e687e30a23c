/**
 * How verify reads a parameter's text as the spec types it, per location, style and explode: the
 * readings the request checks choose from (the typed ones first, the text itself last).
 */
import { describe, expect, it } from 'vitest';
import { parameterReadings } from '../../src/verify/parameter-values.js';
import type { JsonObject } from '../../src/shared/openapi.js';

const document: JsonObject = {
  components: {
    schemas: {
      Count: { type: 'integer', minimum: 0 },
      Flags: { type: 'array', items: { type: 'boolean' } },
    },
  },
};

const path = (schema: unknown, more: JsonObject = {}) => ({ in: 'path', name: 'p', schema, ...more });
const query = (schema: unknown, more: JsonObject = {}) => ({ in: 'query', name: 'q', schema, ...more });
const header = (schema: unknown, more: JsonObject = {}) => ({ in: 'header', name: 'H', schema, ...more });

describe('parameterReadings', () => {
  const rows: [string, { given: [JsonObject, string | string[]]; want: unknown[] | undefined }][] = [
    ['an integer', { given: [path({ type: 'integer' }), '42'], want: [42, '42'] }],
    [
      'a negative number with an exponent',
      { given: [path({ type: 'number' }), '-1.5e3'], want: [-1500, '-1.5e3'] },
    ],
    ['text that is no number, as itself', { given: [path({ type: 'integer' }), 'abc'], want: ['abc'] }],
    ['a number past JSON’s grammar, as itself', { given: [path({ type: 'integer' }), '042'], want: ['042'] }],
    ['a string, also as the number it looks like', { given: [path({ type: 'string' }), '42'], want: ['42'] }],
    ['a boolean', { given: [query({ type: 'boolean' }), 'true'], want: [true, 'true'] }],
    ['a type list', { given: [query({ type: ['integer', 'string'] }), '7'], want: [7, '7'] }],
    [
      'null from an empty value, when allowed',
      { given: [query({ type: ['integer', 'null'] }), ''], want: [null, ''] },
    ],
    [
      'null from its name, when allowed',
      { given: [path({ type: ['integer', 'null'] }), 'null'], want: [null, 'null'] },
    ],
    ['through a $ref', { given: [path({ $ref: '#/components/schemas/Count' }), '3'], want: [3, '3'] }],
    ['a schema that names no type: the text as it came', { given: [path({ minimum: 5 }), '3'], want: ['3'] }],
    ['an enum of integers without a type', { given: [query({ enum: [1, 2] }), '2'], want: [2, '2'] }],
    [
      'allOf of a $ref and a description',
      {
        given: [path({ allOf: [{ $ref: '#/components/schemas/Count' }, { description: 'n' }] }), '3'],
        want: [3, '3'],
      },
    ],
    [
      'anyOf with a branch that names no type: the text',
      { given: [query({ anyOf: [{ type: 'integer' }, { minLength: 1 }] }), '3'], want: ['3'] },
    ],
    [
      'oneOf branches',
      {
        given: [query({ oneOf: [{ type: 'integer' }, { type: 'boolean' }] }), 'false'],
        want: [false, 'false'],
      },
    ],
    [
      'a path array (simple), items typed',
      {
        given: [path({ type: 'array', items: { type: 'integer' } }), '1,2,x'],
        want: [
          [1, 2, 'x'],
          ['1', '2', 'x'],
        ],
      },
    ],
    [
      'a query array, form exploded (the default): one pair is one item',
      { given: [query({ type: 'array', items: { type: 'integer' } }), '1,2'], want: [['1,2']] },
    ],
    [
      'a query array, form not exploded',
      {
        given: [query({ type: 'array', items: { type: 'integer' } }, { explode: false }), '1,2'],
        want: [
          [1, 2],
          ['1', '2'],
        ],
      },
    ],
    [
      'a query array, spaceDelimited',
      {
        given: [
          query({ type: 'array', items: { type: 'number' } }, { style: 'spaceDelimited', explode: false }),
          '1 2.5',
        ],
        want: [
          [1, 2.5],
          ['1', '2.5'],
        ],
      },
    ],
    [
      'a query array, pipeDelimited, items through a $ref',
      {
        given: [
          query({ $ref: '#/components/schemas/Flags' }, { style: 'pipeDelimited', explode: false }),
          'true|false',
        ],
        want: [
          [true, false],
          ['true', 'false'],
        ],
      },
    ],
    [
      'a header array, spaces after the commas dropped',
      {
        given: [header({ type: 'array', items: { type: 'integer' } }), '1, 2'],
        want: [
          [1, 2],
          ['1', '2'],
        ],
      },
    ],
    ['an empty array', { given: [query({ type: 'array' }, { explode: false }), ''], want: [[]] }],
    [
      'a path object, not exploded',
      {
        given: [path({ type: 'object', properties: { n: { type: 'integer' } } }), 'n,5,s,x'],
        want: [
          { n: 5, s: 'x' },
          { n: '5', s: 'x' },
        ],
      },
    ],
    [
      'a header object, exploded',
      {
        given: [
          header({ type: 'object', properties: { n: { type: 'integer' } } }, { explode: true }),
          'n=5,s=a=b',
        ],
        want: [
          { n: 5, s: 'a=b' },
          { n: '5', s: 'a=b' },
        ],
      },
    ],
    [
      'a query deepObject: not read',
      { given: [query({ type: 'object' }, { style: 'deepObject' }), 'x'], want: undefined },
    ],
    ['a query object, form exploded: not read', { given: [query({ type: 'object' }), 'x'], want: undefined }],
  ];

  const lists: [string, { given: [JsonObject, string[]]; want: unknown[] | undefined }][] = [
    [
      'a query array, form exploded, given more than once',
      {
        given: [query({ type: 'array', items: { type: 'integer' } }), ['1', 'x']],
        want: [
          [1, 'x'],
          ['1', 'x'],
        ],
      },
    ],
    [
      'a query integer given more than once: the list',
      { given: [query({ type: 'integer' }), ['1', '2']], want: [['1', '2']] },
    ],
    [
      'a query array, not exploded, given more than once: the list',
      { given: [query({ type: 'array' }, { explode: false }), ['1,2', '3']], want: [['1,2', '3']] },
    ],
  ];
  rows.push(...lists);

  it.each(rows)('%s', (_name, { given: [parameter, text], want }) => {
    expect(parameterReadings(document, parameter, text)).toEqual(want);
  });
});

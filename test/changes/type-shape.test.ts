/**
 * `typeShape` models choices of openapi-typescript; each row checks the model against what the
 * pipeline's types stage really generates for the same document, so a generator upgrade that
 * changes them fails here instead of misclassifying changes.
 */
import { describe, expect, test } from 'vitest';
import { resolvePointer } from '../../src/changes/refs.js';
import { typeShape } from '../../src/changes/type-shape.js';
import { generateTypes } from '../../src/pipeline/types/index.js';
import { oneOperationSpec } from '../support/spec-builder.js';
import type { Doc } from './helpers.js';

const object = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  ...extra,
});

/** Every field name is unique in the document, so the generated text can be searched for it. */
const document = oneOperationSpec({
  path: '/things',
  operation: {
    operationId: 'updateThing',
    requestBody: {
      content: {
        'application/json': { schema: object({ inlineRequestDefault: { type: 'number', default: 1 } }) },
      },
    },
    responses: {
      '200': {
        description: 'OK',
        content: {
          'application/json': {
            schema: object({
              inlineResponseDefault: { type: 'number', default: 1 },
              inlineResponsePlain: { type: 'number' },
            }),
          },
        },
      },
    },
  },
  document: {
    info: { title: 'Shapes', version: '1.0.0' },
    servers: undefined,
    components: {
      schemas: {
        Num: { type: 'number' },
        Named: object({
          namedDefault: { type: 'number', default: 1 },
          namedNullDefault: { type: ['number', 'null'], default: null },
          namedPlain: { type: 'number' },
          namedRefDefault: { $ref: '#/components/schemas/Num', default: 2 },
        }),
        Holder: object({
          parameters: object({ underParametersDefault: { type: 'number', default: 1 } }),
          nested: object({ nestedDefault: { type: 'number', default: 1 } }),
        }),
        Composed: {
          allOf: [
            { $ref: '#/components/schemas/Named' },
            object({ allOfDefault: { type: 'number', default: 1 } }),
          ],
        },
        Open: object({ openField: { type: 'string' } }, { additionalProperties: true }),
        OpenEmpty: object({ openEmptyField: { type: 'string' } }, { additionalProperties: {} }),
        Implicit: object({ implicitField: { type: 'string' } }),
        Closed: object({ closedField: { type: 'string' } }, { additionalProperties: false }),
      },
    },
  },
}) as Doc;

/** Where the operation's inline schemas are, and where openapi-typescript types them. */
const REQUEST = '#/paths/~1things/patch/requestBody/content/application~1json';
const RESPONSE = '#/paths/~1things/patch/responses/200/content/application~1json';
const NAMED = '#/components/schemas/Named';

const generated = await generateTypes(document, () => ({ file: 'shapes.yaml' }), 'shapes.yaml');

/** Whether the generated types declare `field` optional (`field?:`), from the generator's output. */
function generatedOptional(field: string): boolean {
  const match = new RegExp(`\\b${field}(\\??):`).exec(generated);
  if (match === null) throw new Error(`${field} is not in the generated types`);
  return match[1] === '?';
}

/** The generated type of component schema `name`, up to the next component. */
function generatedComponent(name: string): string {
  const start = generated.indexOf(`        ${name}: `);
  const next = /\n {8}[\w$]+: |\n {4}\S/g;
  next.lastIndex = start + 1;
  return generated.slice(start, next.exec(generated)?.index);
}

/** `schema`: where the object declaring the field is; `typedAt`: the path the generator types it at. */
type Given = { schema: string; typedAt: string; field: string };

// A default never makes a field present in the generated types (the types stage turns off
// openapi-typescript's `defaultNonNullable`); each row holds the model to the generated output.
describe('typeShape: fields with a default', () => {
  test.each<[string, { given: Given; want: { optional: boolean } }]>([
    [
      'named schema, default',
      { given: { schema: NAMED, typedAt: NAMED, field: 'namedDefault' }, want: { optional: true } },
    ],
    [
      'named schema, default null',
      { given: { schema: NAMED, typedAt: NAMED, field: 'namedNullDefault' }, want: { optional: true } },
    ],
    [
      'named schema, no default',
      { given: { schema: NAMED, typedAt: NAMED, field: 'namedPlain' }, want: { optional: true } },
    ],
    [
      'a default beside a $ref',
      { given: { schema: NAMED, typedAt: NAMED, field: 'namedRefDefault' }, want: { optional: true } },
    ],
    [
      'inline request body',
      {
        given: { schema: `${REQUEST}/schema`, typedAt: REQUEST, field: 'inlineRequestDefault' },
        want: { optional: true },
      },
    ],
    [
      'inline response',
      {
        given: { schema: `${RESPONSE}/schema`, typedAt: RESPONSE, field: 'inlineResponseDefault' },
        want: { optional: true },
      },
    ],
    [
      'inline response, no default',
      {
        given: { schema: `${RESPONSE}/schema`, typedAt: RESPONSE, field: 'inlineResponsePlain' },
        want: { optional: true },
      },
    ],
    [
      'inline object in a named schema',
      {
        given: {
          schema: '#/components/schemas/Holder/properties/nested',
          typedAt: '#/components/schemas/Holder/nested',
          field: 'nestedDefault',
        },
        want: { optional: true },
      },
    ],
    [
      'inline object under a field named parameters',
      {
        given: {
          schema: '#/components/schemas/Holder/properties/parameters',
          typedAt: '#/components/schemas/Holder/parameters',
          field: 'underParametersDefault',
        },
        want: { optional: true },
      },
    ],
    [
      'inline allOf member',
      {
        given: {
          schema: '#/components/schemas/Composed',
          typedAt: '#/components/schemas/Composed',
          field: 'allOfDefault',
        },
        want: { optional: true },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(generatedOptional(given.field)).toBe(want.optional);
    const schema = resolvePointer(document, given.schema, { side: 'before', at: given.schema });
    expect(typeShape(document, schema, given.typedAt).defaulted.has(given.field)).toBe(!want.optional);
  });
});

describe('typeShape: index signatures of objects with fields', () => {
  test.each<[string, { given: string; want: { indexSignature: boolean } }]>([
    ['additionalProperties: true', { given: 'Open', want: { indexSignature: true } }],
    ['additionalProperties: {}', { given: 'OpenEmpty', want: { indexSignature: true } }],
    ['additionalProperties left out', { given: 'Implicit', want: { indexSignature: false } }],
    ['additionalProperties: false', { given: 'Closed', want: { indexSignature: false } }],
  ])('%s', (_name, { given, want }) => {
    expect(generatedComponent(given).includes('[key: string]: unknown')).toBe(want.indexSignature);
    const at = `#/components/schemas/${given}`;
    const schema = resolvePointer(document, at, { side: 'before', at });
    expect(typeShape(document, schema, at).indexSignature).toBe(want.indexSignature);
  });
});

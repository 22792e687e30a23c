/**
 * `upgradeToThreeOne` (src/pipeline/upgrade/three-one.ts) against `@scalar/openapi-upgrader`'s
 * `upgrade(document, '3.1')`, which it does in fewer walks: the same document out, and the same
 * changes to the one given, on documents generated from the keys the upgrader's rules name (schema
 * keywords, data keywords, named maps, extensions, nullable compositions and `$ref`s into them)
 * nested in every order. The corpus gives the same documents both ways too (checked when the
 * rewrite was made; its nullability is held by upgrade.test.ts).
 */
import { upgrade } from '@scalar/openapi-upgrader';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { upgradeToThreeOne } from '../../../src/pipeline/upgrade/three-one.js';
import type { JsonObject } from '../../../src/shared/openapi.js';

/** Every key the upgrader's predicates or changes look at, and a few it does not. */
const KEYS = [
  ...['paths', 'webhooks', 'x-webhooks', 'components', 'schemas', 'callbacks', 'responses', 'default'],
  ...['content', 'application/json', 'schema', 'parameters', 'headers', 'examples', 'example', 'value'],
  ...['properties', 'patternProperties', '$defs', 'definitions', 'items', 'additionalProperties'],
  ...['allOf', 'anyOf', 'oneOf', 'not', 'contentSchema', 'enum', 'const', 'links', 'encoding'],
  ...['requestBodies', 'securitySchemes', 'variables', 'scopes', 'pathItems', 'get', '200'],
  ...['x-foo', 'x-ext-like', 'name', 'A', 'p', '/a', 'post', 'hook'],
];

/** Keys whose value is made a list (a node in it, at index 0). */
const LISTS = new Set(['allOf', 'anyOf', 'oneOf', 'parameters', 'enum', 'examples']);

/** What a node at the end of a path holds: the keys the upgrader changes, in combinations. */
const leaf = fc.record(
  {
    nullable: fc.boolean(),
    type: fc.constantFrom('string', 'integer'),
    format: fc.constantFrom('binary', 'byte', 'base64'),
    example: fc.constantFrom(1, 'x'),
    $ref: fc.constantFrom(
      '#/components/schemas/A',
      '#/components/schemas/A/allOf/0',
      '#/components/schemas/A/allOf/0/properties/p',
      '#/components/schemas/B/oneOf/1',
      '#/paths/~1a/get',
    ),
    allOf: fc.constant([{ type: 'object' }]),
    oneOf: fc.constant([{ type: 'string' }, { nullable: true, description: 'd' }]),
    minimum: fc.constant(1),
    exclusiveMinimum: fc.boolean(),
    'x-webhooks': fc.constant({ hook: { post: { description: 'h' } } }),
  },
  { requiredKeys: [] },
);

/** A path of keys, lists made where `LISTS` says. */
const path = fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 8 });

/** A document: nodes (`leaf`s) placed at the ends of paths, each path's nodes made on the way. */
const document = fc
  .record({
    openapi: fc.constantFrom('3.0.3', '3.0.0'),
    placed: fc.array(fc.tuple(path, leaf), { minLength: 1, maxLength: 12 }),
  })
  .map(({ openapi, placed }) => {
    const root: JsonObject = { openapi };
    for (const [keys, value] of placed) {
      let node = root;
      for (const key of keys) {
        let next = node[key];
        if (LISTS.has(key)) {
          if (!Array.isArray(next)) next = node[key] = [{}];
          const list = next as unknown[];
          if (typeof list[0] !== 'object' || list[0] === null) list[0] = {};
          next = list[0];
        } else if (typeof next !== 'object' || next === null || Array.isArray(next)) {
          next = node[key] = {};
        }
        node = next as JsonObject;
      }
      Object.assign(node, structuredClone(value));
    }
    return JSON.parse(JSON.stringify(root)) as JsonObject;
  });

describe('upgradeToThreeOne', () => {
  it("gives the upgrader's document, and leaves the one given as the upgrader does", () => {
    fc.assert(
      fc.property(document, (drawn) => {
        const theirs = structuredClone(drawn);
        const ours = structuredClone(drawn);
        expect(upgradeToThreeOne(ours)).toStrictEqual(upgrade(theirs, '3.1'));
        expect(ours).toStrictEqual(theirs);
      }),
      { numRuns: 50 },
    );
  });

  it.each<[string, JsonObject]>([
    [
      '`$ref`s into nullable compositions, which move',
      {
        openapi: '3.0.3',
        paths: {
          '/a': {
            get: {
              parameters: [{ name: 'p', in: 'query', schema: { $ref: '#/components/schemas/A/allOf/0' } }],
              responses: {
                '200': {
                  description: 'OK',
                  content: {
                    'application/json': {
                      schema: {
                        properties: {
                          a: { $ref: '#/components/schemas/A/allOf/0/properties/p' },
                          b: { $ref: '#/components/schemas/B/oneOf/1', nullable: true },
                          c: { $ref: '#/components/schemas/C/anyOf/0' },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
        components: {
          schemas: {
            A: { nullable: true, allOf: [{ type: 'object', properties: { p: { type: 'string' } } }] },
            B: { nullable: true, description: 'b', oneOf: [{ type: 'string' }, { type: 'integer' }] },
            C: { nullable: true, allOf: [{ type: 'object' }], anyOf: [{ type: 'object' }, { type: 'null' }] },
          },
        },
      },
    ],
    [
      'data keywords as property names, and an `examples` property holding a `value`',
      {
        openapi: '3.0.3',
        components: {
          schemas: {
            S: {
              properties: {
                examples: {
                  properties: {
                    X: { properties: { value: { example: 1, nullable: true, type: 'string' } } },
                  },
                },
                default: { example: 2 },
                enum: { type: 'string', nullable: true },
              },
            },
            R: { responses: { default: { nullable: true, type: 'string' } } },
            T: { properties: { examples: { X: { value: { example: 1, nullable: true, type: 'string' } } } } },
          },
          responses: { default: { description: 'd', content: { 'text/plain': { example: 'x' } } } },
        },
        paths: {
          'x-paths': { example: 6, get: { example: 7 } },
          '/b': {
            get: {
              responses: {
                default: {
                  description: 'e',
                  content: {
                    'application/json': { schema: { nullable: true, type: 'string', example: 'y' } },
                  },
                },
                'x-code': { description: 'x', example: 3 },
              },
              callbacks: {
                cb: {
                  '{$url}': { post: { responses: { '200': { description: 'c', example: 4 } } } },
                  'x-cb': { example: 5 },
                },
              },
            },
          },
        },
      },
    ],
  ])('%s: the same document as the upgrader', (_, drawn) => {
    const theirs = structuredClone(drawn);
    const ours = structuredClone(drawn);
    expect(upgradeToThreeOne(ours)).toStrictEqual(upgrade(theirs, '3.1'));
    expect(ours).toStrictEqual(theirs);
  });

  it('leaves a 3.1 document alone, and gives a Swagger or `x-ext` one to the upgrader', () => {
    const v31 = { openapi: '3.1.0', components: { schemas: { A: { nullable: true, type: 'string' } } } };
    expect(upgradeToThreeOne(structuredClone(v31))).toStrictEqual(v31);
    const bundled = {
      openapi: '3.0.3',
      paths: { '/a': { get: { responses: { '200': { $ref: '#/x-ext/abc/components/responses/R' } } } } },
      'x-ext': { abc: { components: { responses: { R: { description: 'r', example: 1 } } } } },
    };
    expect(upgradeToThreeOne(structuredClone(bundled))).toStrictEqual(
      upgrade(structuredClone(bundled), '3.1'),
    );
  });
});

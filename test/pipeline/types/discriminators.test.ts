/**
 * The types stage's `scanDiscriminators` must be openapi-typescript's, step for step: the same
 * discriminators found, the same refs handled, the same enums patched into the document. Each case
 * is scanned by both, each on its own copy. The published corpus's documents: discriminators-documents.test.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { expectPatchesUndone, expectScannedAsOpenapiTs, scannedByOpenapiTs } from './discriminator-checks.js';
import { expectLentAsCopied } from './lent.js';

const pet = (extra: object = {}) => ({ type: 'object', properties: { kind: { type: 'string' } }, ...extra });

const CASES: [string, object][] = [
  [
    'oneOf with refs, no mapping (values inferred from the names)',
    {
      components: {
        schemas: {
          Pet: {
            oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
            discriminator: { propertyName: 'kind' },
          },
          Cat: pet(),
          Dog: pet({
            properties: { kind: { type: 'string', description: 'what it is' } },
            required: ['kind'],
          }),
        },
      },
    },
  ],
  [
    'oneOf with a mapping, one target an allOf, one neither object nor allOf',
    {
      components: {
        schemas: {
          Pet: {
            oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
            discriminator: {
              propertyName: 'kind',
              mapping: {
                cat: '#/components/schemas/Cat',
                dog: '#/components/schemas/Dog',
                fish: '#/components/schemas/Fish',
              },
            },
          },
          Cat: { allOf: [pet()] },
          Dog: pet({ required: ['name'] }),
          Fish: { type: 'string' },
        },
      },
    },
  ],
  [
    'allOf inheritance from a discriminator base, with and without a mapping entry',
    {
      components: {
        schemas: {
          Base: {
            type: 'object',
            discriminator: { propertyName: 'type', mapping: { a: '#/components/schemas/A' } },
          },
          A: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object' }] },
          B: { allOf: [{ $ref: '#/components/schemas/Base' }] },
          C: { allOf: [{ type: 'object', discriminator: { propertyName: 'inline' } }] },
          D: { allOf: [{ $ref: '#/components/schemas/Other' }, { $ref: '#/components/schemas/Base' }] },
          Other: pet(),
        },
      },
    },
  ],
  [
    'discriminators inside paths and arrays (escaped pointers)',
    {
      paths: {
        '/pets/{id}': {
          post: {
            requestBody: {
              content: {
                'application/json': {
                  schema: {
                    oneOf: [{ $ref: '#/components/schemas/Cat' }],
                    discriminator: { propertyName: 'kind', mapping: { 'c~/t': '#/components/schemas/Cat' } },
                  },
                },
              },
            },
            responses: { '200': { description: 'ok' } },
          },
        },
      },
      components: {
        schemas: {
          Cat: pet(),
          List: { type: 'array', items: [{ allOf: [{ $ref: '#/components/schemas/Cat' }] }] },
        },
      },
    },
  ],
];

describe('scanDiscriminators', () => {
  it.each(CASES)('%s: as openapi-typescript scans it', (_, document) => expectScannedAsOpenapiTs(document));

  it('has cases that find discriminators and patch enums', () => {
    const found = CASES.map(([, document]) => scannedByOpenapiTs(document));
    expect(found.every((scan) => Object.keys(scan.objects).length > 0)).toBe(true);
    expect(found.every((scan) => scan.refsHandled.length > 0)).toBe(true);
  });
});

describe('the patches undone', () => {
  it.each(CASES)('%s: the document given back as it was, key order included', (_, document) =>
    expectPatchesUndone(document),
  );

  // The corpus documents' declarations are compared in the corpus suite (test/corpus/lent-types.test.ts):
  // two transforms of each, a second and a half of the inner loop.
  it.each(CASES)(
    '%s: the types stage declares what it would of a copy, and keeps none',
    async (_, document) => expectLentAsCopied(document as JsonObject),
  );
});

/**
 * How many objects Prism would hold for a document once each `$ref` is copied into its place, and
 * the refusal of one it could not hold, before Prism starts.
 */
import { describe, expect, it } from 'vitest';
import { expansionOf, MAX_EXPANDED_OBJECTS, refuseUnservable } from '../../src/mock/expansion.js';
import type { LoadedApi } from '../../src/mock/api.js';
import { UsageError } from '../../src/shared/errors.js';
import type { JsonObject } from '../../src/shared/openapi.js';

/** Schemas `L0` … `L<depth>`, each but the last naming the next twice: 2^depth copies of the last. */
function doubling(depth: number): JsonObject {
  const schemas: JsonObject = {};
  for (let level = 0; level < depth; level++) {
    const next = { $ref: `#/components/schemas/L${level + 1}` };
    schemas[`L${level}`] = { type: 'object', properties: { a: next, b: next } };
  }
  schemas[`L${depth}`] = { type: 'string' };
  return { openapi: '3.1.0', components: { schemas } };
}

describe('expansionOf', () => {
  const rows: [string, { given: JsonObject; want: ReturnType<typeof expansionOf> }][] = [
    ['no $ref: its objects and arrays', { given: { a: { b: [1, { c: 2 }] }, d: 'e' }, want: { objects: 4 } }],
    [
      'a $ref used twice: its target copied into each place',
      {
        given: { x: { $ref: '#/y' }, z: [{ $ref: '#/y' }], y: { p: { q: {} } } },
        // The root, `z`, `y` itself (3 objects), and two copies of `y`'s 3.
        want: { objects: 11, largest: { ref: '#/y', objects: 3 } },
      },
    ],
    [
      'shared schemas naming shared schemas: the product of their uses',
      {
        given: doubling(3),
        // Each level is itself, its properties and two copies of the next: L3 1, L2 4, L1 10, L0 22
        // (named by no $ref), under the root, `components` and `schemas`.
        want: { objects: 3 + 22 + 10 + 4 + 1, largest: { ref: '#/components/schemas/L1', objects: 10 } },
      },
    ],
    [
      'a cycle: the $ref back into what is being copied counts one',
      {
        given: { node: { properties: { next: { $ref: '#/node' } } }, use: { $ref: '#/node' } },
        // A copy of `node` is 3 (itself, its properties, `next` one); its own place holds one at
        // `next`, 5 (Prism keeps 3 there: with cycles the count is an estimate, and a high one).
        want: { objects: 1 + 5 + 3, largest: { ref: '#/node', objects: 3 } },
      },
    ],
    [
      'a $ref to nothing, or to another file: itself only',
      { given: { a: { $ref: '#/missing' }, b: { $ref: 'other.yaml#/x' } }, want: { objects: 3 } },
    ],
  ];

  it.each(rows)('%s', (_name, { given, want }) => {
    expect(expansionOf(given)).toEqual(want);
  });

  it('counts an expansion of a billion objects by walking the document once', () => {
    // 2^40 copies of L40: a walk of the expansion would not end.
    expect(expansionOf(doubling(40)).objects).toBeGreaterThan(2 ** 40);
  });
});

describe('refuseUnservable', () => {
  const api = (document: JsonObject) =>
    ({ document, source: { displayPath: 'generated/x/openapi.json' } }) as unknown as LoadedApi;

  it('lets a document through that Prism can hold', () => {
    expect(() => refuseUnservable(api(doubling(16)))).not.toThrow();
    expect(expansionOf(doubling(16)).objects).toBeLessThan(MAX_EXPANDED_OBJECTS);
  });

  it('refuses one it cannot, naming the file, the count and the schema that copies largest', () => {
    const error = (() => {
      try {
        refuseUnservable(api(doubling(30)));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toBe(
      "generated/x/openapi.json: Prism cannot serve this document: it copies each `$ref`'s target " +
        'into every place that uses it, and this document would grow to about 6.4 billion objects ' +
        '(at most 5 million load in minutes); #/components/schemas/L1 alone copies to 1.6 billion, ' +
        'a schema an overlay can simplify',
    );
  });
});

/**
 * `jsonEqual` is canonical-JSON equality computed without serialising: the same answer as
 * comparing `canonicalJson` of both, for any values, the ones JSON leaves out or rewrites included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, jsonEqual } from '../../src/changes/json.js';

const byCanonicalJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

describe('jsonEqual', () => {
  it.each<[string, unknown, unknown]>([
    ['keys in another order', { a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 }],
    ['an undefined property is no property', { a: 1, b: undefined }, { a: 1 }],
    ['an undefined property against another key', { a: 1, b: undefined }, { a: 1, c: undefined }],
    ['a missing property against a present one', { a: 1 }, { a: 1, b: null }],
    ['undefined in an array is null', [undefined, 1], [null, 1]],
    ['a function in an array is null', [() => 1], [null]],
    ['NaN and Infinity are null', [Number.NaN, Number.POSITIVE_INFINITY], [null, null]],
    ['-0 is 0', { a: -0 }, { a: 0 }],
    ['an array is not an object', [1], { 0: 1 }],
    ['a Date is an object without keys', { a: new Date(0) }, { a: {} }],
    ['different lengths', [1, 2], [1, 2, 3]],
    ['different strings', { a: 'x' }, { a: 'y' }],
    ['a key __proto__ is a key like any other', JSON.parse('{"__proto__":{}}'), {}],
  ])('%s: as canonicalJson says', (_, a, b) => {
    expect(jsonEqual(a, b)).toBe(byCanonicalJson(a, b));
    expect(jsonEqual(b, a)).toBe(byCanonicalJson(b, a));
  });

  it('canonicalJson keeps a key named __proto__, as JSON.parse made it', () => {
    expect(canonicalJson(JSON.parse('{"b":1,"__proto__":{"a":2}}'))).toBe('{"__proto__":{"a":2},"b":1}');
  });

  it('agrees with canonicalJson on any values and on a value against its copy with one change', () => {
    const value = fc.anything({
      withBoxedValues: false,
      withMap: false,
      withSet: false,
      withNullPrototype: true,
    });
    fc.assert(
      fc.property(value, value, (a, b) => {
        expect(jsonEqual(a, b)).toBe(byCanonicalJson(a, b));
        const copy: unknown = JSON.parse(JSON.stringify({ a }) ?? '{}').a;
        expect(jsonEqual(a, copy)).toBe(byCanonicalJson(a, copy));
      }),
      { numRuns: 500 },
    );
  });
});

/**
 * The runtime's parameter serializers (query.ts) write what openapi-fetch's write, for every style,
 * `explode` and `allowReserved`, on the values params.ts lets through: texts, flat arrays and plain
 * objects of texts under encoded keys, and null or undefined where a parameter is left out.
 * Property-based (fast-check): `FC_SEED=<seed>` replays a failure.
 */
import fc from 'fast-check';
import {
  createQuerySerializer as openapiFetchQuery,
  defaultPathSerializer,
  serializeArrayParam,
  serializeObjectParam,
  type QuerySerializerOptions,
} from 'openapi-fetch';
import { describe, expect, test } from 'vitest';
import { createQuerySerializer, serializeParam, serializePath } from '../../src/runtime/query.js';

const RUNS: fc.Parameters<unknown> = {
  numRuns: 300,
  ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}),
};

/** Text with the characters that encoding treats differently, and any other. */
const text = fc.oneof(
  fc.constantFrom('', 'a', 'a b', 'a,b', 'a&b=c', '.', ';', '/', '%', '[x]', '$&', 'é', '\u{1F600}'),
  fc.string({ unit: 'binary' }).filter((value) => !/[\uD800-\uDFFF]/.test(value)),
);
/** A key as params.ts sends it: percent-encoded. */
const key = text.map(encodeURIComponent);
const array = fc.array(text, { maxLength: 4 });
const object = fc.dictionary(key, text, { maxKeys: 4, noNullPrototype: true });
const value = fc.oneof(text, array, object, fc.constantFrom(null, undefined));

const STYLES = ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject', 'simple', 'label', 'matrix'];
const style = fc.constantFrom(...STYLES, undefined);
const explode = fc.constantFrom(true, false, undefined);
const allowReserved = fc.constantFrom(true, false, undefined, 1 as never);

const options: fc.Arbitrary<QuerySerializerOptions> = fc.record(
  {
    array: fc.record({ style, explode }, { requiredKeys: [] }),
    object: fc.record({ style, explode }, { requiredKeys: [] }),
    allowReserved,
  },
  { requiredKeys: [] },
) as fc.Arbitrary<QuerySerializerOptions>;

describe("as openapi-fetch's serializers", () => {
  test('a query, under any options', () => {
    fc.assert(
      fc.property(
        fc.dictionary(key, value, { maxKeys: 5, noNullPrototype: true }),
        options,
        (query, given) => {
          expect(createQuerySerializer(given)(query)).toBe(openapiFetchQuery(given)(query));
        },
      ),
      RUNS,
    );
  });

  test('an array or object parameter, in any style', () => {
    fc.assert(
      fc.property(
        key,
        fc.oneof(array, object),
        fc.constantFrom(...STYLES),
        explode,
        allowReserved,
        (name, given, style, explode, allowReserved) => {
          const way = { style, explode, allowReserved };
          // openapi-fetch types `explode` as required; it reads anything but `false` as true.
          const theirs = Array.isArray(given)
            ? serializeArrayParam(name, given, way as never)
            : serializeObjectParam(name, given, way as never);
          expect(serializeParam(name, given, way)).toBe(theirs);
        },
      ),
      RUNS,
    );
  });

  test('a path template, its names marked for label, matrix and explode', () => {
    const name = fc.constantFrom('id', 'a', 'b');
    const template = fc
      .array(
        fc.oneof(
          fc.constantFrom('/v1', '/x.json', '/', ''),
          fc
            .tuple(fc.constantFrom('', '.', ';'), name, fc.constantFrom('', '*'))
            .map(([mark, name, star]) => `{${mark}${name}${star}}`),
        ),
        { maxLength: 5 },
      )
      .map((parts) => `https://api.example.invalid${parts.join('')}`);
    fc.assert(
      fc.property(template, fc.dictionary(name, value, { noNullPrototype: true }), (url, params) => {
        expect(serializePath(url, params)).toBe(defaultPathSerializer(url, params));
      }),
      RUNS,
    );
  });
});

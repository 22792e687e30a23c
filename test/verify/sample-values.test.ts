/** `sampleValue`: the value the smallest request carries for a schema, preferring what the spec documents. */
import { describe, expect, it } from 'vitest';
import { matchingString, sampleValue } from '../../src/mock/sample-requests.js';
import type { JsonObject } from '../../src/shared/openapi.js';

const document: JsonObject = {
  components: {
    schemas: {
      Mode: { type: 'string', enum: ['free', 'path'] },
      Named: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 3 } } },
    },
  },
};

describe('sampleValue', () => {
  const rows: [string, { given: unknown; want: unknown }][] = [
    ['the first of `examples`', { given: { type: 'string', examples: ['08:00', '09:00'] }, want: '08:00' }],
    ['`const`', { given: { const: 'voice' }, want: 'voice' }],
    [
      'the first enum value that is not null',
      { given: { type: ['string', 'null'], enum: [null, 'es'] }, want: 'es' },
    ],
    ['`default`', { given: { type: 'number', default: 5 }, want: 5 }],
    [
      'a known format',
      { given: { type: 'string', format: 'uuid' }, want: '3c90c3cc-0d44-4b50-8888-8dd25736052a' },
    ],
    ['a string of its minimum length', { given: { type: 'string', minLength: 2 }, want: 'xx' }],
    ['an integer at its minimum', { given: { type: 'integer', minimum: 1000 }, want: 1000 }],
    ['an integer above an exclusive minimum', { given: { type: 'integer', exclusiveMinimum: 0 }, want: 1 }],
    ['a number below a negative maximum', { given: { type: 'number', maximum: -2 }, want: -2 }],
    ['the non-null type of a nullable field', { given: { type: ['null', 'boolean'] }, want: false }],
    [
      'an array of its minimum length',
      {
        given: { type: 'array', minItems: 2, items: { $ref: '#/components/schemas/Mode' } },
        want: ['free', 'free'],
      },
    ],
    ['a referenced schema', { given: { $ref: '#/components/schemas/Named' }, want: { name: 'xxx' } }],
    [
      'an object with only its required properties',
      {
        given: {
          type: 'object',
          required: ['mode'],
          properties: { mode: { $ref: '#/components/schemas/Mode' }, note: { type: 'string' } },
        },
        want: { mode: 'free' },
      },
    ],
    [
      'the required properties of every allOf branch',
      {
        given: {
          allOf: [
            { $ref: '#/components/schemas/Named' },
            { required: ['age'], properties: { age: { type: 'integer' } } },
          ],
        },
        want: { name: 'xxx', age: 0 },
      },
    ],
    [
      'what a then asks for when the required properties meet its if',
      {
        given: {
          type: 'object',
          required: ['provider'],
          properties: { provider: { const: 'byom' }, webhook_url: { type: 'string', format: 'uri' } },
          if: { required: ['provider'], properties: { provider: { const: 'byom' } } },
          then: { required: ['webhook_url'] },
        },
        want: { provider: 'byom', webhook_url: 'https://example.com/' },
      },
    ],
    ['the first branch of oneOf', { given: { oneOf: [{ type: 'integer' }, { type: 'string' }] }, want: 0 }],
  ];

  it.each(rows)('%s', (_name, { given, want }) => {
    expect(sampleValue(document, given, '#/test')).toEqual(want);
  });

  it('refuses to guess a string for a pattern beyond the simple ones, and says where and what to do', () => {
    expect(() =>
      sampleValue(document, { type: 'string', pattern: '^(am|pm)$' }, '#/components/schemas/Half'),
    ).toThrow(
      '#/components/schemas/Half: cannot make up a string matching ^(am|pm)$; add `examples` to the schema (verify also takes requests from a --requests file)',
    );
  });

  it('a simple pattern too long for maxLength is refused too', () => {
    expect(() => sampleValue(document, { type: 'string', pattern: '^a{5}$', maxLength: 3 }, '#/x')).toThrow(
      '#/x: cannot make up a string matching ^a{5}$',
    );
  });
});

describe('matchingString: the shortest string a simple pattern matches', () => {
  it.each<[string, { given: string; want: string | undefined }]>([
    ["Twilio's call SID", { given: '^CA[0-9a-fA-F]{32}$', want: `CA${'0'.repeat(32)}` }],
    ['a 24-hour time', { given: '^[0-9]{2}:[0-9]{2}$', want: '00:00' }],
    ['escapes and optional parts', { given: '^\\+?\\d{1,3}-\\w+\\.x?$', want: '0-a.' }],
    ['an unanchored pattern', { given: '[A-Z]{2}', want: 'AA' }],
    ['a class starting with an escape', { given: '^[\\d_]{3}$', want: '000' }],
    ['alternatives: not guessed', { given: '^(am|pm)$', want: undefined }],
    ['a negated class: not guessed', { given: '^[^0-9]+$', want: undefined }],
    ['a word boundary: not guessed', { given: '\\bx', want: undefined }],
    ['not a regular expression', { given: '[', want: undefined }],
  ])('%s', (_, { given, want }) => {
    const found = matchingString(given);
    expect(found).toBe(want);
    if (found !== undefined) expect(new RegExp(given, 'u').test(found)).toBe(true);
  });
});

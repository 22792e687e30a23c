/** `sampleValue`: the value the smallest request carries for a schema, preferring what the spec documents. */
import { describe, expect, it } from 'vitest';
import { stringMatching } from '../../src/model/pattern-sample.js';
import { withoutReadOnly } from '../../src/model/sample-value.js';
import { sampleValue } from '../../src/mock/sample-requests.js';
import type { JsonObject } from '../../src/shared/openapi.js';

const document: JsonObject = {
  components: {
    schemas: {
      Mode: { type: 'string', enum: ['free', 'path'] },
      Named: { type: 'object', required: ['name'], properties: { name: { type: 'string', minLength: 3 } } },
      Webhook: {
        type: 'object',
        required: ['url'],
        properties: { type: { const: 'webhook' }, url: { type: 'string' } },
      },
      Stamp: { type: 'string', format: 'date-time', readOnly: true },
      Customer: {
        type: 'object',
        required: ['id', 'name', 'created'],
        properties: {
          id: { type: 'string', readOnly: true },
          name: { type: 'string' },
          created: { $ref: '#/components/schemas/Stamp' },
          address: {
            type: 'object',
            properties: { line1: { type: 'string' }, verifiedAt: { type: 'string', readOnly: true } },
          },
        },
      },
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
    [
      'a format named like a member of every object, as any unknown format',
      { given: { type: 'string', format: 'constructor' }, want: 'x' },
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
      "a $ref with words beside it, as 3.0 writes one: the referenced schema's value",
      { given: { allOf: [{ $ref: '#/components/schemas/Mode' }, { description: 'how' }] }, want: 'free' },
    ],
    [
      'the same, a level deeper and after a branch that says nothing of a type',
      {
        given: {
          allOf: [{ description: 'an id' }, { allOf: [{ type: 'string', pattern: '^h-[0-9]{3}$' }] }],
        },
        want: 'h-000',
      },
    ],
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
    [
      "a oneOf's discriminator, named as the mapping names the branch",
      {
        given: {
          oneOf: [{ $ref: '#/components/schemas/Webhook' }, { $ref: '#/components/schemas/Named' }],
          discriminator: { propertyName: 'kind', mapping: { hook: '#/components/schemas/Webhook' } },
        },
        want: { url: 'x', kind: 'hook' },
      },
    ],
    [
      "a oneOf's discriminator without a mapping: the branch's const",
      {
        given: {
          oneOf: [{ $ref: '#/components/schemas/Webhook' }, { $ref: '#/components/schemas/Named' }],
          discriminator: { propertyName: 'type' },
        },
        want: { url: 'x', type: 'webhook' },
      },
    ],
    [
      "a oneOf's discriminator without a mapping or a const: the schema's name",
      {
        given: { oneOf: [{ $ref: '#/components/schemas/Named' }], discriminator: { propertyName: 'type' } },
        want: { name: 'xxx', type: 'Named' },
      },
    ],
    // Published documents' examples that their own schemas refuse: made up instead.
    [
      'not an example of another type',
      { given: { type: 'array', items: { type: 'string' }, example: 'a,b' }, want: [] },
    ],
    [
      "not an object's example without a required property",
      {
        given: { $ref: '#/components/schemas/Named', example: { note: 'partial' } },
        want: { name: 'xxx' },
      },
    ],
    [
      "not a list's example whose items are of another type",
      {
        given: { type: 'array', items: { $ref: '#/components/schemas/Named' }, example: ['{"name": "abc"}'] },
        want: [],
      },
    ],
    [
      'not an example that breaks a pattern, a length or a bound',
      {
        given: {
          type: 'object',
          required: ['id', 'n'],
          properties: {
            id: { type: 'string', pattern: '^CA[0-9]{2}$', example: 'call-1' },
            n: { type: 'integer', minimum: 5, example: 1 },
          },
          example: { id: 'CA1', n: 5 },
        },
        want: { id: 'CA00', n: 5 },
      },
    ],
    [
      'an example that meets an enum, a oneOf and nested objects',
      {
        given: {
          type: 'object',
          required: ['mode', 'who'],
          properties: {
            mode: { $ref: '#/components/schemas/Mode' },
            who: { oneOf: [{ type: 'integer' }, { $ref: '#/components/schemas/Named' }] },
          },
          example: { mode: 'path', who: { name: 'Ana' } },
        },
        want: { mode: 'path', who: { name: 'Ana' } },
      },
    ],
    [
      'an object without its required readOnly properties (a request does not send them)',
      { given: { $ref: '#/components/schemas/Customer' }, want: { name: 'x' } },
    ],
    [
      'an example without its required readOnly properties',
      {
        given: { allOf: [{ $ref: '#/components/schemas/Customer' }], example: { name: 'Ada' } },
        want: { name: 'Ada' },
      },
    ],
    [
      'not an example that sends a readOnly property',
      {
        given: { allOf: [{ $ref: '#/components/schemas/Customer' }], example: { id: 'c1', name: 'Ada' } },
        want: { name: 'x' },
      },
    ],
    [
      // GitHub's check run: name and head_sha beside a oneOf on what status asks for.
      "the object's own required properties with its first branch's, the branch's word on those it narrows",
      {
        given: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            status: { type: 'string', enum: ['queued', 'completed'] },
            conclusion: { type: 'string', enum: ['success', 'failure'] },
          },
          oneOf: [
            { properties: { status: { enum: ['completed'] } }, required: ['status', 'conclusion'] },
            { properties: { status: { enum: ['queued'] } } },
          ],
        },
        want: { name: 'x', status: 'completed', conclusion: 'success' },
      },
    ],
  ];

  it.each(rows)('%s', (_name, { given, want }) => {
    expect(sampleValue(document, given, '#/test')).toEqual(want);
  });

  it('takes a value as a request sends it: its readOnly properties left out, at any depth', () => {
    const customer = { id: 'c1', name: 'Ada', created: 't', address: { line1: 'Main St', verifiedAt: 't' } };
    expect(withoutReadOnly(document, { $ref: '#/components/schemas/Customer' }, customer)).toEqual({
      name: 'Ada',
      address: { line1: 'Main St' },
    });
    expect(
      withoutReadOnly(document, { type: 'array', items: { $ref: '#/components/schemas/Customer' } }, [
        customer,
      ]),
    ).toEqual([{ name: 'Ada', address: { line1: 'Main St' } }]);
  });

  it('refuses to guess a string for a pattern it cannot follow, and says where and what to do', () => {
    expect(() =>
      sampleValue(document, { type: 'string', pattern: '^(?!admin)[a-z]+$' }, '#/components/schemas/Name'),
    ).toThrow(
      '#/components/schemas/Name: cannot make up a string matching ^(?!admin)[a-z]+$; add `examples` to the schema (verify also takes requests from a --requests file)',
    );
  });

  it("with `patterns: 'ignore'` (the README's example, which only TypeScript checks), such a string is one of its length", () => {
    const schema = {
      type: 'object',
      required: ['token'],
      properties: { token: { type: 'string', pattern: '^(?!admin)[a-z]+$', minLength: 2 } },
    };
    expect(sampleValue(document, schema, '#/x', { patterns: 'ignore' })).toEqual({ token: 'xx' });
  });

  it.each<[string, { mapping?: JsonObject; want: string }]>([
    [
      'by the mapping',
      { mapping: { '#graph.policy': '#/components/schemas/Policy' }, want: '#graph.policy' },
    ],
    ['by its name without one', { want: 'Policy' }],
  ])(
    "an allOf child of a discriminator's base takes its tag %s (Microsoft Graph)",
    (_name, { mapping, want }) => {
      const graph: JsonObject = {
        components: {
          schemas: {
            Entity: {
              type: 'object',
              required: ['@odata.type'],
              properties: { '@odata.type': { type: 'string' } },
              discriminator: { propertyName: '@odata.type', ...(mapping ? { mapping } : {}) },
            },
            Policy: {
              allOf: [{ $ref: '#/components/schemas/Entity' }, { properties: { days: { type: 'integer' } } }],
            },
          },
        },
      };
      expect(sampleValue(graph, { $ref: '#/components/schemas/Policy' }, '#/x')).toEqual({
        '@odata.type': want,
      });
    },
  );

  it('a pattern whose string is too long for maxLength is refused too', () => {
    expect(() => sampleValue(document, { type: 'string', pattern: '^a{5}$', maxLength: 3 }, '#/x')).toThrow(
      '#/x: cannot make up a string matching ^a{5}$',
    );
  });
});

describe('a string matching a pattern', () => {
  it.each<[string, { given: [string, number?]; want: string | undefined }]>([
    ["Twilio's identifiers", { given: ['^CA[0-9a-fA-F]{32}$'], want: `CA${'0'.repeat(32)}` }],
    ['alternatives: the first', { given: ['^(SM|MM)[0-9a-fA-F]{32}$'], want: `SM${'0'.repeat(32)}` }],
    ['a time', { given: ['^[0-9]{2}:[0-9]{2}$'], want: '00:00' }],
    [
      'escapes and a class with a dash',
      { given: ['^\\d{3}-[a-zA-Z0-9_-]{1,64}\\.json$'], want: '000-a.json' },
    ],
    ['a minimum length where the pattern allows it', { given: ['^[a-z]+$', 3], want: 'aaa' }],
    ['unanchored: the least that contains a match', { given: ['[0-9]'], want: '0' }],
    [
      "a minimum length where the pattern's least is empty (Chime's tokens)",
      { given: ['[-_a-zA-Z0-9]*', 2], want: '--' },
    ],
    ['optional parts written once when the least is too short', { given: ['^a(b|c)?d*$', 3], want: 'abd' }],
    ['a negated class', { given: ['^[^/]+$'], want: 'a' }],
    ['a non-capturing group, optional', { given: ['^v(?:\\d+)?$'], want: 'v' }],
    ['a lookahead: none', { given: ['^(?=.*\\d)[a-z0-9]+$'], want: undefined }],
    ['a backreference: none', { given: ['^(a)\\1$'], want: undefined }],
    ['escapes and optional parts', { given: ['^\\+?\\d{1,3}-\\w+\\.x?$'], want: '0-a.' }],
    ['a class starting with an escape', { given: ['^[\\d_]{3}$'], want: '000' }],
    ['a word boundary: none', { given: ['\\bx'], want: undefined }],
    ['a repeat too long to be a sample: none', { given: ['^a{5000}$'], want: undefined }],
    ['not a regular expression: none', { given: ['^[a-$'], want: undefined }],
  ])('%s', (_name, { given: [pattern, minLength], want }) => {
    expect(stringMatching(pattern, minLength)).toBe(want);
  });
});

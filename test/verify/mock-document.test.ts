/** `mockDocument`: the copy Prism serves, whose form bodies take a list's single item as well. */
import { describe, expect, it } from 'vitest';
import { mockDocument } from '../../src/mock/mock-document.js';
import type { JsonObject } from '../../src/shared/openapi.js';

const files = { type: 'array', items: { type: 'string', format: 'binary' } };
const withBody = (content: JsonObject, components: JsonObject = {}): JsonObject => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths: { '/voices': { post: { requestBody: { content }, responses: {} } } },
  components,
});
const schemaOf = (document: JsonObject | undefined, type: string): unknown =>
  (document as { paths: Record<string, Record<string, { requestBody: { content: JsonObject } }>> }).paths[
    '/voices'
  ]!.post!.requestBody.content[type] as unknown;

describe('mockDocument', () => {
  it.each<[string, { given: JsonObject; type: string; want: unknown }]>([
    [
      'a multipart list: its item too',
      {
        given: withBody({
          'multipart/form-data': { schema: { type: 'object', required: ['files'], properties: { files } } },
        }),
        type: 'multipart/form-data',
        want: {
          schema: {
            type: 'object',
            required: ['files'],
            properties: { files: { anyOf: [files, files.items] } },
          },
        },
      },
    ],
    [
      'a urlencoded form by $ref, allOf branches merged, its other keywords kept',
      {
        given: withBody(
          { 'application/x-www-form-urlencoded': { schema: { $ref: '#/components/schemas/Call' } } },
          {
            schemas: {
              Call: {
                additionalProperties: false,
                allOf: [{ $ref: '#/components/schemas/Base' }, { required: ['events'] }],
                properties: { events: { $ref: '#/components/schemas/Events' } },
              },
              Base: { type: 'object', required: ['To'], properties: { To: { type: 'string' } } },
              Events: { type: ['array', 'null'], items: { type: 'string' } },
            },
          },
        ),
        type: 'application/x-www-form-urlencoded',
        want: {
          schema: {
            additionalProperties: false,
            type: 'object',
            required: ['To', 'events'],
            properties: {
              events: { anyOf: [{ $ref: '#/components/schemas/Events' }, { type: 'string' }] },
              To: { type: 'string' },
            },
          },
        },
      },
    ],
  ])('%s', (_name, { given, type, want }) => {
    expect(schemaOf(mockDocument(given), type)).toEqual(want);
  });

  it.each<[string, JsonObject]>([
    [
      'a JSON body with a list',
      withBody({ 'application/json': { schema: { type: 'object', properties: { files } } } }),
    ],
    [
      'a form without a list',
      withBody({
        'multipart/form-data': { schema: { type: 'object', properties: { name: { type: 'string' } } } },
      }),
    ],
    ['no paths', { openapi: '3.1.0', info: { title: 't', version: '1' } }],
  ])('%s: nothing to change', (_name, given) => {
    expect(mockDocument(given)).toBeUndefined();
  });

  it.each<[string, { given: JsonObject; want: JsonObject }]>([
    [
      'audio with no schema: a string of bytes',
      { given: {}, want: { schema: { type: 'string', format: 'binary' } } },
    ],
    [
      'audio with a schema: as it is',
      { given: { schema: { type: 'string' } }, want: { schema: { type: 'string' } } },
    ],
    ['audio with an example: as it is', { given: { example: 'ID3' }, want: { example: 'ID3' } }],
  ])('a response of %s', (_name, { given, want }) => {
    const document = {
      openapi: '3.1.0',
      paths: {
        '/speech': {
          post: {
            responses: {
              '200': { $ref: '#/components/responses/Audio' },
              '400': { description: 'bad', content: { 'application/json': {}, 'text/plain': {} } },
            },
          },
        },
      },
      components: { responses: { Audio: { description: 'audio', content: { 'audio/mpeg': given } } } },
    };
    const served = (mockDocument(document) ?? document) as typeof document;
    expect(served.components.responses.Audio.content['audio/mpeg']).toEqual(want);
    expect(served.paths['/speech'].post.responses['400'].content).toEqual({
      'application/json': {},
      'text/plain': {},
    });
  });

  it('gives an optional list-valued header parameter a string too, by $ref once, and leaves a required one', () => {
    const tags = { name: 'tags', in: 'header', schema: { type: 'array', items: { type: 'string' } } };
    const ids = { name: 'x-ids', in: 'header', required: true, schema: { type: 'array' } };
    const document = {
      openapi: '3.1.0',
      paths: {
        '/jobs': {
          parameters: [{ $ref: '#/components/parameters/Tags' }],
          get: { parameters: [ids, { $ref: '#/components/parameters/Tags' }], responses: {} },
          post: { parameters: [{ ...tags, name: 'x-only' }], responses: {} },
        },
      },
      components: { parameters: { Tags: tags } },
    };
    const served = mockDocument(document) as typeof document;
    expect(served.components.parameters.Tags.schema).toEqual({ anyOf: [{ type: 'string' }, tags.schema] });
    expect(served.paths['/jobs'].get.parameters[0]).toEqual(ids);
    expect(served.paths['/jobs'].post.parameters[0]!.schema).toEqual({
      anyOf: [{ type: 'string' }, tags.schema],
    });
  });

  it('leaves the document it was given as it was', () => {
    const given = withBody({ 'multipart/form-data': { schema: { type: 'object', properties: { files } } } });
    const before = structuredClone(given);
    mockDocument(given);
    expect(given).toEqual(before);
  });
});

/**
 * The operations table (`emitOperationsTable`): what of the model the runtime gets in
 * `operations.js`, from small inline specs.
 */
import { describe, expect, it } from 'vitest';
import { describeApi } from '../../../src/model/index.js';
import { emitOperationsTable } from '../../../src/pipeline/emit/operations-table.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { oneOperationSpec } from '../../support/spec-builder.js';

const locate = (pointer: string) => ({ file: pointer });

function spec(document: JsonObject, operation: JsonObject = {}): JsonObject {
  return oneOperationSpec({ document, operation });
}

describe('the table', () => {
  it('emits only what the runtime reads, importing the constructors of the schemes in use', () => {
    const given = spec(
      {
        components: {
          securitySchemes: {
            Key: { type: 'apiKey', in: 'header', name: 'x-api-key' },
            Bearer: { type: 'http', scheme: 'bearer' },
          },
        },
        security: [{ Key: [] }, { Bearer: [] }],
      },
      { summary: 'S', servers: [{ url: 'https://eu.api.test', description: 'EU' }] },
    );
    const table = emitOperationsTable(describeApi('t', given, locate), '// banner\n');
    expect(table).toBe(
      [
        '// banner',
        "import { apiKeyHeader, httpBearer } from './runtime/auth.js';",
        "import { nothing } from './runtime/response.js';",
        '',
        'const schemes = [',
        '  apiKeyHeader("apiKey", "x-api-key"), // "Key"',
        '  httpBearer("token"), // "Bearer"',
        '];',
        '',
        '/** T 1, as the runtime reads it (runtime/api-description.js). */',
        'export const api = {',
        '  server: "https://api.test",',
        '  schemes,',
        '  operations: {',
        '    "updateA": { method: "PATCH", path: "/a/{id}", security: [[schemes[0]], [schemes[1]]], server: "https://eu.api.test", returns: nothing },',
        '  },',
        '};',
        '',
      ].join('\n'),
    );
  });

  it.each<[string, { given: JsonObject; want: string[] }]>([
    [
      'a relative document server is kept (the client then needs a baseUrl)',
      { given: spec({ servers: [{ url: '/v1' }] }), want: ['  server: "/v1",'] },
    ],
    [
      'the first of the document servers only: the client sends there',
      {
        given: spec({ servers: [{ url: 'https://a.test' }, { url: 'https://b.test' }] }),
        want: ['  server: "https://a.test",'],
      },
    ],
    [
      'an operation on the document servers repeats none',
      { given: spec({}), want: ['  server: "https://api.test",'] },
    ],
    [
      "an operation's own servers: the first, when it is not the document's",
      {
        given: spec({}, { servers: [{ url: 'https://eu.api.test' }, { url: 'https://us.api.test' }] }),
        want: [
          '  server: "https://api.test",',
          '    "updateA": { method: "PATCH", path: "/a/{id}", security: [], server: "https://eu.api.test", returns: nothing },',
        ],
      },
    ],
    [
      "an operation whose first server is the document's repeats none",
      {
        given: spec({}, { servers: [{ url: 'https://api.test' }, { url: 'https://us.api.test' }] }),
        want: ['  server: "https://api.test",'],
      },
    ],
  ])('%s', (_, { given, want }) => {
    const js = emitOperationsTable(describeApi('t', given, locate), '');
    expect(js.split('\n').filter((line) => line.includes('server'))).toEqual(want);
  });
});

describe('how the request body goes out', () => {
  const body = (mediaType: string, media: JsonObject = {}): JsonObject => ({
    requestBody: {
      content: { [mediaType]: { schema: { type: 'object', additionalProperties: false }, ...media } },
    },
  });
  it.each<[string, { given: JsonObject; want: { fields: string; imports: string[] } }]>([
    [
      'application/json: openapi-fetch as it is',
      { given: body('application/json'), want: { fields: '', imports: [] } },
    ],
    ['no body', { given: {}, want: { fields: '', imports: [] } }],
    [
      'application/json in capitals: openapi-fetch as it is',
      { given: body('Application/JSON'), want: { fields: '', imports: [] } },
    ],
    [
      'JSON beside other media types: JSON, whatever the order',
      {
        given: {
          requestBody: {
            content: {
              'text/plain': { schema: { type: 'string' } },
              'application/vnd.api+json': { schema: { type: 'object', additionalProperties: false } },
              'application/json': { schema: { type: 'object', additionalProperties: false } },
            },
          },
        },
        want: { fields: '', imports: [] },
      },
    ],
    [
      'a +json type beside a form: the JSON one',
      {
        given: {
          requestBody: {
            content: {
              'application/x-www-form-urlencoded': {
                schema: { type: 'object', additionalProperties: false },
              },
              'application/vnd.api+json': { schema: { type: 'object', additionalProperties: false } },
            },
          },
        },
        want: { fields: ', contentType: "application/vnd.api+json"', imports: [] },
      },
    ],
    [
      'a +json type: JSON under its own Content-Type',
      {
        given: body('application/vnd.api+json'),
        want: { fields: ', contentType: "application/vnd.api+json"', imports: [] },
      },
    ],
    [
      "a form: the runtime's serialiser, under its Content-Type",
      {
        given: body('application/x-www-form-urlencoded'),
        want: {
          fields:
            ', contentType: "application/x-www-form-urlencoded", bodySerializer: urlEncoded, raw: sentAsDescribed',
          imports: ["import { sentAsDescribed, urlEncoded } from './runtime/body.js';"],
        },
      },
    ],
    [
      "a form's encoding: deepObject and unexploded properties",
      {
        given: body('application/x-www-form-urlencoded', {
          encoding: {
            filter: { style: 'deepObject', explode: true },
            ids: { explode: false },
            plain: { style: 'form' },
          },
        }),
        want: {
          fields:
            ', contentType: "application/x-www-form-urlencoded", bodySerializer: (/** @type {unknown} */ body) => urlEncoded(body, {"filter":{"style":"deepObject"},"ids":{"explode":false}}), raw: sentAsDescribed',
          imports: ["import { sentAsDescribed, urlEncoded } from './runtime/body.js';"],
        },
      },
    ],
    [
      "multipart's encoding: the part types that are not text",
      {
        given: body('multipart/form-data', {
          encoding: {
            meta: { contentType: 'application/json' },
            images: { contentType: 'image/png, image/jpeg' },
            note: { contentType: 'text/plain; charset=utf-8' },
          },
        }),
        want: {
          fields:
            ', bodySerializer: (/** @type {unknown} */ body) => formData(body, {"meta":{"type":"application/json"},"images":{"type":"image/png"}}), raw: sentAsDescribed',
          imports: ["import { formData, sentAsDescribed } from './runtime/body.js';"],
        },
      },
    ],
    [
      'multipart: FormData, whose Content-Type fetch writes',
      {
        given: body('multipart/form-data'),
        want: {
          fields: ', bodySerializer: formData, raw: sentAsDescribed',
          imports: ["import { formData, sentAsDescribed } from './runtime/body.js';"],
        },
      },
    ],
    [
      'text: as given, under its Content-Type',
      {
        given: body('text/plain'),
        want: {
          fields: ', contentType: "text/plain", bodySerializer: asIs, raw: sentAsDescribed',
          imports: ["import { asIs, sentAsDescribed } from './runtime/body.js';"],
        },
      },
    ],
  ])('%s', (_, { given, want }) => {
    const js = emitOperationsTable(describeApi('t', spec({}, given), locate), '');
    const line = js.split('\n').find((l) => l.includes('"updateA"'))!;
    expect(line).toBe(
      `    "updateA": { method: "PATCH", path: "/a/{id}", security: [], returns: nothing },`.replace(
        ', returns',
        `${want.fields}, returns`,
      ),
    );
    expect(js.split('\n').filter((l) => l.startsWith('import') && !l.includes('response.js'))).toEqual(
      want.imports,
    );
  });
});

describe('how the query is serialised', () => {
  const param = (name: string, schema: JsonObject, extra: JsonObject = {}): JsonObject => ({
    name,
    in: 'query',
    schema,
    ...extra,
  });
  const object = { type: 'object' };
  const array = { type: 'array', items: { type: 'string' } };
  it.each<[string, { given: JsonObject[]; want: string | undefined }]>([
    [
      'defaults, spelled out or not: nothing in the table',
      { given: [param('a', array), param('o', object, { style: 'form', explode: true })], want: undefined },
    ],
    [
      'deepObject (Stripe-style filters)',
      {
        given: [param('filter', object, { style: 'deepObject', explode: true })],
        want: '{"object":{"style":"deepObject","explode":true}}',
      },
    ],
    [
      'an unexploded array',
      {
        given: [param('ids', { type: ['array', 'null'], items: {} }, { explode: false })],
        want: '{"array":{"style":"form","explode":false}}',
      },
    ],
    [
      'pipeDelimited arrays beside a default object',
      {
        given: [param('ids', array, { style: 'pipeDelimited', explode: false }), param('o', object)],
        want: '{"array":{"style":"pipeDelimited","explode":false}}',
      },
    ],
    [
      'a delimited style is unexploded unless it says otherwise',
      {
        given: [param('ids', array, { style: 'spaceDelimited' })],
        want: '{"array":{"style":"spaceDelimited","explode":false}}',
      },
    ],
    [
      'a schema with items but no type is an array',
      {
        given: [param('ids', { items: { type: 'string' } }, { explode: false })],
        want: '{"array":{"style":"form","explode":false}}',
      },
    ],
    [
      'two object parameters asking for different ways: each its own, by name as sent',
      {
        given: [
          param('a b', object, { style: 'deepObject', explode: true }),
          param('c', object),
          param('ids', array, { style: 'pipeDelimited' }),
          param('tags', array, { explode: false }),
        ],
        want: 'perParameter({"a%20b":{"object":{"style":"deepObject","explode":true}},"ids":{"array":{"style":"pipeDelimited","explode":false}},"tags":{"array":{"style":"form","explode":false}}})',
      },
    ],
    [
      'a style on a primitive changes nothing',
      { given: [param('q', { type: 'string' }, { explode: false })], want: undefined },
    ],
  ])('%s', (_, { given, want }) => {
    const model = describeApi('t', spec({}, { parameters: given }), locate);
    const table = emitOperationsTable(model, '');
    const line = table.split('\n').find((l) => l.includes('"updateA"'))!;
    if (want === undefined) expect(line).not.toContain('query:');
    else expect(line).toContain(`query: ${want}`);
    expect(table.includes("import { perParameter } from './runtime/query.js';")).toBe(
      want?.startsWith('perParameter') === true,
    );
  });
});

describe("what an operation function resolves with matches the success response's type", () => {
  const responses = (content?: JsonObject): JsonObject => ({
    responses: { '200': { description: 'ok', ...(content === undefined ? {} : { content }) } },
  });
  const schema = { schema: { type: 'object' } };
  it.each<[string, { given: JsonObject; want: string | undefined }]>([
    [
      'application/json: the parsed body (no key)',
      { given: responses({ 'application/json': schema }), want: undefined },
    ],
    [
      'a vendor JSON type: the parsed body',
      { given: responses({ 'application/vnd.shop+json; charset=utf-8': schema }), want: undefined },
    ],
    [
      'text/plain: the text',
      { given: responses({ 'text/plain': { schema: { type: 'string' } } }), want: 'text' },
    ],
    ['no content (type void): nothing', { given: responses(), want: 'nothing' }],
    ['text/html: the text', { given: responses({ 'text/html': {} }), want: 'text' }],
    ['XML: the text', { given: responses({ 'application/problem+xml': {} }), want: 'text' }],
    ['audio/mpeg: the bytes', { given: responses({ 'audio/mpeg': {} }), want: 'bytes' }],
    ['a wildcard audio type: the bytes', { given: responses({ 'audio/*': {} }), want: 'bytes' }],
    ['image/png: the bytes', { given: responses({ 'image/png': {} }), want: 'bytes' }],
    [
      'application/octet-stream: the bytes',
      { given: responses({ 'application/octet-stream': {} }), want: 'bytes' },
    ],
    ['application/zip: the bytes', { given: responses({ 'application/zip': {} }), want: 'bytes' }],
    ['text/event-stream: the events', { given: responses({ 'text/event-stream': {} }), want: 'events' }],
    [
      'JSON beside audio: the JSON (what the runtime decodes when it may choose)',
      { given: responses({ 'audio/mpeg': {}, 'application/json': schema }), want: undefined },
    ],
    [
      'no 2xx documented (type unknown): the parsed body',
      { given: { responses: { '404': { description: 'gone' } } }, want: undefined },
    ],
  ])('%s', (_, { given, want }) => {
    const model = describeApi('t', spec({}, given), locate);
    expect(model.operations[0]!.returns).toBe(want);
    const line = emitOperationsTable(model, '')
      .split('\n')
      .find((l) => l.includes('"updateA"'))!;
    expect(line.includes('returns:')).toBe(want !== undefined);
    if (want !== undefined) expect(line).toContain(`returns: ${want} }`);
  });
});

describe('which error statuses a raw call resolves with their body', () => {
  const content = { 'application/json': { schema: { type: 'object' } } };
  it.each<[string, { given: JsonObject; want: string | undefined }]>([
    ['no error documented', { given: {}, want: undefined }],
    ['an error without a body', { given: { '404': { description: 'gone' } }, want: undefined }],
    [
      'statuses, a range and default with a body; a 2xx and a bodiless error left out',
      {
        given: {
          '201': { description: 'made', content },
          '404': { description: 'gone' },
          '422': { description: 'invalid', content },
          '5XX': { description: 'down', content },
          default: { description: 'other', content },
        },
        want: 'errorBodies: ["422","5XX","default"]',
      },
    ],
  ])('%s', (_, { given, want }) => {
    const model = describeApi(
      't',
      spec({}, { responses: { '200': { description: 'ok' }, ...given } }),
      locate,
    );
    const line = emitOperationsTable(model, '')
      .split('\n')
      .find((l) => l.includes('"updateA"'))!;
    expect(line.includes('errorBodies')).toBe(want !== undefined);
    if (want !== undefined) expect(line).toContain(`, ${want} }`);
  });
});

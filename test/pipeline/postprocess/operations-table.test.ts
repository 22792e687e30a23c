/**
 * The API summary (`describeApi` → `ApiSummary`) and the operations table emitted from it, derived
 * from small inline specs, and the
 * spec problems `describeApi` reports with the JSON pointer of the offending node (the tests' `locate`
 * prints the pointer where the pipeline prints `file:line:column`).
 */
import { describe, expect, it } from 'vitest';
import { describeApi } from '../../../src/model/index.js';
import type { ApiModel, CredentialModel, OperationModel } from '../../../src/model/types.js';
import type { JsonObject } from '../../../src/shared/openapi.js';
import { emitOperationsTable } from '../../../src/pipeline/emit/operations-table.js';

const locate = (pointer: string) => ({ file: pointer });

function spec(extra: JsonObject, operation: JsonObject = {}): JsonObject {
  return {
    openapi: '3.1.0',
    info: { title: 'T', version: '1.2.3' },
    servers: [{ url: 'https://api.test' }],
    paths: {
      '/a/{id}': {
        patch: {
          operationId: 'updateA',
          responses: { '200': { description: 'ok' } },
          ...operation,
        },
      },
    },
    ...extra,
  };
}

function schemes(securitySchemes: JsonObject, security: unknown[]): JsonObject {
  return spec({ components: { securitySchemes }, security });
}

describe('security schemes and credentials', () => {
  it.each<
    [
      string,
      {
        given: JsonObject;
        want: { schemes: ApiModel['securitySchemes']; credentials: CredentialModel[] };
      },
    ]
  >([
    [
      'http bearer → token',
      {
        given: schemes({ Bearer: { type: 'http', scheme: 'bearer', description: 'A token.' } }, [
          { Bearer: [] },
        ]),
        want: {
          schemes: {
            Bearer: { type: 'http', scheme: 'bearer', credential: 'token', description: 'A token.' },
          },
          credentials: [{ name: 'token', scheme: 'Bearer', required: true }],
        },
      },
    ],
    [
      'http basic → basic (scheme names are case-insensitive)',
      {
        given: schemes({ Basic: { type: 'http', scheme: 'Basic' } }, [{ Basic: [] }]),
        want: {
          schemes: { Basic: { type: 'http', scheme: 'basic', credential: 'basic' } },
          credentials: [{ name: 'basic', scheme: 'Basic', required: true }],
        },
      },
    ],
    [
      'apiKey headers → camelCase without x-, both required together',
      {
        given: schemes(
          {
            Key: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
            Workspace: { type: 'apiKey', in: 'header', name: 'x-workspace-id' },
          },
          [{ Key: [], Workspace: [] }],
        ),
        want: {
          schemes: {
            Key: { type: 'apiKey', in: 'header', name: 'X-API-Key', credential: 'apiKey' },
            Workspace: { type: 'apiKey', in: 'header', name: 'x-workspace-id', credential: 'workspaceId' },
          },
          credentials: [
            { name: 'apiKey', scheme: 'Key', required: true },
            { name: 'workspaceId', scheme: 'Workspace', required: true },
          ],
        },
      },
    ],
    [
      'x-credential-name overrides; alternatives make credentials optional',
      {
        given: schemes(
          {
            Bearer: { type: 'http', scheme: 'bearer' },
            Query: { type: 'apiKey', in: 'query', name: 'key', 'x-credential-name': 'queryKey' },
          },
          [{ Bearer: [] }, { Query: [] }],
        ),
        want: {
          schemes: {
            Bearer: { type: 'http', scheme: 'bearer', credential: 'token' },
            Query: { type: 'apiKey', in: 'query', name: 'key', credential: 'queryKey' },
          },
          credentials: [
            { name: 'token', scheme: 'Bearer', required: false },
            { name: 'queryKey', scheme: 'Query', required: false },
          ],
        },
      },
    ],
    [
      'an operation that may be called anonymously leaves a credential another operation needs required',
      {
        given: {
          ...schemes({ Bearer: { type: 'http', scheme: 'bearer' } }, [{ Bearer: [] }]),
          paths: {
            '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok' } } } },
            '/b': {
              get: {
                operationId: 'getB',
                security: [{}, { Bearer: [] }],
                responses: { '200': { description: 'ok' } },
              },
            },
          },
        },
        want: {
          schemes: { Bearer: { type: 'http', scheme: 'bearer', credential: 'token' } },
          credentials: [{ name: 'token', scheme: 'Bearer', required: true }],
        },
      },
    ],
    [
      'a scheme no operation uses is optional',
      {
        given: schemes({ Cookie: { type: 'apiKey', in: 'cookie', name: 'session_id' } }, []),
        want: {
          schemes: { Cookie: { type: 'apiKey', in: 'cookie', name: 'session_id', credential: 'sessionId' } },
          credentials: [{ name: 'sessionId', scheme: 'Cookie', required: false }],
        },
      },
    ],
  ])('%s', (_, { given, want }) => {
    const model = describeApi('t', given, locate);
    expect({ schemes: model.securitySchemes, credentials: model.credentials }).toEqual(want);
  });
});

describe('operations', () => {
  it.each<[string, { given: JsonObject; want: Partial<OperationModel> }]>([
    [
      'document servers and security apply; statuses split into success and errors',
      {
        given: spec(
          {
            security: [{ B: [] }],
            components: { securitySchemes: { B: { type: 'http', scheme: 'bearer' } } },
          },
          {
            summary: 'Update A',
            responses: {
              '404': { description: 'no' },
              '201': { description: 'made' },
              '200': { description: 'ok' },
              default: { description: 'other' },
              '5XX': { description: 'range' },
              '400': { description: 'bad' },
            },
          },
        ),
        want: {
          summary: 'Update A',
          security: [['B']],
          servers: [{ url: 'https://api.test' }],
          successStatus: 200,
          errorStatuses: [400, 404],
        },
      },
    ],
    [
      "the operation's own servers and security win; server variables take their defaults",
      {
        given: spec(
          {
            components: { securitySchemes: { B: { type: 'http', scheme: 'bearer' } } },
            security: [{ B: [] }],
          },
          {
            security: [{}],
            servers: [
              {
                url: 'https://{env}.api.test/{v}',
                variables: { env: { default: 'eu' }, v: { default: 'v2' } },
              },
            ],
          },
        ),
        want: { security: [[]], servers: [{ url: 'https://eu.api.test/v2' }] },
      },
    ],
    [
      "an empty servers list is no servers: the operation inherits the document's",
      {
        given: spec({ servers: [] }, { servers: [] }),
        want: { servers: [{ url: '/' }] },
      },
    ],
    [
      "only the first of an operation's servers must be absolute",
      {
        given: spec({}, { servers: [{ url: 'https://eu.api.test' }, { url: '/v2' }] }),
        want: { servers: [{ url: 'https://eu.api.test' }, { url: '/v2' }] },
      },
    ],
    [
      'no servers anywhere means "/"; no 2xx documented means an assumed 200',
      {
        given: { ...spec({}, { responses: { '302': { description: 'moved' } } }), servers: undefined },
        want: { servers: [{ url: '/' }], successStatus: 200, errorStatuses: [302], security: [] },
      },
    ],
  ])('%s', (_, { given, want }) => {
    const [operation] = describeApi('t', given, locate).operations;
    expect(operation).toMatchObject(want);
  });

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
    expect(table.js).toBe(
      [
        '// banner',
        "import { apiKeyHeader, httpBearer } from './runtime/auth.js';",
        '',
        "/** @type {import('./runtime/api-description.js').ApiDescription} */",
        'export const api = {',
        '  servers: ["https://api.test"],',
        '  securitySchemes: {',
        '    "Key": apiKeyHeader("apiKey", "x-api-key"),',
        '    "Bearer": httpBearer("token"),',
        '  },',
        '  operations: {',
        '    "updateA": { method: "PATCH", path: "/a/{id}", security: [["Key"],["Bearer"]], servers: ["https://eu.api.test"], returns: "nothing" },',
        '  },',
        '};',
        '',
      ].join('\n'),
    );
    expect(table.dts).toContain('export declare const api: ApiDescription;');
  });

  it.each<[string, { given: JsonObject; want: string[] }]>([
    [
      'a relative document server is kept (the client then needs a baseUrl)',
      { given: spec({ servers: [{ url: '/v1' }] }), want: ['  servers: ["/v1"],'] },
    ],
    [
      'an operation on the document servers repeats none',
      { given: spec({}), want: ['  servers: ["https://api.test"],'] },
    ],
  ])('%s', (_, { given, want }) => {
    const { js } = emitOperationsTable(describeApi('t', given, locate), '');
    expect(js.split('\n').filter((line) => line.includes('servers'))).toEqual(want);
  });
});

describe('how the request body goes out', () => {
  const body = (mediaType: string): JsonObject => ({
    requestBody: { content: { [mediaType]: { schema: { type: 'object', additionalProperties: false } } } },
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
      'a form: openapi-fetch encodes it once the Content-Type says so',
      {
        given: body('application/x-www-form-urlencoded'),
        want: { fields: ', contentType: "application/x-www-form-urlencoded"', imports: [] },
      },
    ],
    [
      'multipart: FormData, whose Content-Type fetch writes',
      {
        given: body('multipart/form-data'),
        want: {
          fields: ', bodySerializer: formData',
          imports: ["import { formData } from './runtime/body.js';"],
        },
      },
    ],
    [
      'text: as given, under its Content-Type',
      {
        given: body('text/plain'),
        want: {
          fields: ', contentType: "text/plain", bodySerializer: asIs',
          imports: ["import { asIs } from './runtime/body.js';"],
        },
      },
    ],
  ])('%s', (_, { given, want }) => {
    const { js } = emitOperationsTable(describeApi('t', spec({}, given), locate), '');
    const line = js.split('\n').find((l) => l.includes('"updateA"'))!;
    expect(line).toBe(
      `    "updateA": { method: "PATCH", path: "/a/{id}", security: [], returns: "nothing" },`.replace(
        ', returns',
        `${want.fields}, returns`,
      ),
    );
    expect(js.split('\n').filter((l) => l.startsWith('import'))).toEqual(want.imports);
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
      'a style on a primitive changes nothing',
      { given: [param('q', { type: 'string' }, { explode: false })], want: undefined },
    ],
  ])('%s', (_, { given, want }) => {
    const model = describeApi('t', spec({}, { parameters: given }), locate);
    expect(
      model.operations[0]!.query === undefined ? undefined : JSON.stringify(model.operations[0]!.query),
    ).toBe(want);
    const line = emitOperationsTable(model, '')
      .js.split('\n')
      .find((l) => l.includes('"updateA"'))!;
    if (want === undefined) expect(line).not.toContain('query:');
    else expect(line).toContain(`query: ${want}`);
  });

  it.each<[string, { given: JsonObject[]; want: string }]>([
    [
      'two object parameters asking for different ways',
      {
        given: [param('a', object, { style: 'deepObject', explode: true }), param('b', object)],
        want: '#/paths/~1a~1{id}/patch/parameters/1: query parameters a and b ask for different serialisations of an object: the client can apply one per operation',
      },
    ],
    [
      'deepObject unexploded',
      {
        given: [param('a', object, { style: 'deepObject', explode: false })],
        want: '#/paths/~1a~1{id}/patch/parameters/0/explode: the deepObject parameter a cannot be unexploded',
      },
    ],
    [
      'deepObject on an array',
      {
        given: [param('a', array, { style: 'deepObject', explode: true })],
        want: '#/paths/~1a~1{id}/patch/parameters/0/style: style deepObject does not apply to the array parameter a',
      },
    ],
    [
      'a path style on a query parameter',
      {
        given: [param('a', object, { style: 'matrix' })],
        want: '#/paths/~1a~1{id}/patch/parameters/0/style: style matrix does not apply to the query parameter a',
      },
    ],
  ])('%s: a spec problem', (_, { given, want }) => {
    expect(() => describeApi('t', spec({}, { parameters: given }), locate)).toThrow(want);
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
    [
      'no 2xx documented (type unknown): the parsed body',
      { given: { responses: { '404': { description: 'gone' } } }, want: undefined },
    ],
  ])('%s', (_, { given, want }) => {
    const model = describeApi('t', spec({}, given), locate);
    expect(model.operations[0]!.returns).toBe(want);
    const line = emitOperationsTable(model, '')
      .js.split('\n')
      .find((l) => l.includes('"updateA"'))!;
    expect(line.includes('returns:')).toBe(want !== undefined);
    if (want !== undefined) expect(line).toContain(`returns: "${want}" }`);
  });
});

describe('spec problems, located', () => {
  it.each<[string, { given: JsonObject; want: string }]>([
    [
      'a requirement naming an undefined scheme',
      {
        given: schemes({ B: { type: 'http', scheme: 'bearer' } }, [{ Nope: [] }]),
        want: '#/security/0/Nope: security requirement names Nope, which is not in components.securitySchemes (defined: B)',
      },
    ],
    [
      'an unsupported scheme type',
      {
        given: schemes({ O: { type: 'oauth2', flows: {} } }, []),
        want: '#/components/securitySchemes/O/type: security scheme type "oauth2" is not supported',
      },
    ],
    [
      'an unsupported http scheme',
      {
        given: schemes({ D: { type: 'http', scheme: 'digest' } }, []),
        want: '#/components/securitySchemes/D/scheme: http scheme "digest" is not supported (bearer or basic)',
      },
    ],
    [
      'two schemes taking the same credential',
      {
        given: schemes({ A: { type: 'http', scheme: 'bearer' }, B: { type: 'http', scheme: 'bearer' } }, []),
        want: '#/components/securitySchemes/B: security schemes A and B both take the credential `token`',
      },
    ],
    [
      'an x-credential-name that is no identifier',
      {
        given: schemes({ A: { type: 'http', scheme: 'bearer', 'x-credential-name': 'my-token' } }, []),
        want: '#/components/securitySchemes/A/x-credential-name: x-credential-name must be a JavaScript identifier',
      },
    ],
    [
      'an apiKey scheme in the body',
      {
        given: schemes({ K: { type: 'apiKey', in: 'body', name: 'key' } }, []),
        want: '#/components/securitySchemes/K/in: an apiKey scheme must say `in: header`, `query` or `cookie`',
      },
    ],
    [
      'an apiKey scheme without a name',
      {
        given: schemes({ K: { type: 'apiKey', in: 'header', name: '' } }, []),
        want: '#/components/securitySchemes/K: an apiKey scheme needs the `name` of its header, query parameter or cookie',
      },
    ],
    [
      'an apiKey whose name gives a reserved word',
      {
        given: schemes({ K: { type: 'apiKey', in: 'header', name: 'X-New' } }, []),
        want: '#/components/securitySchemes/K: cannot derive a credential name for K; set x-credential-name',
      },
    ],
    [
      'security that is not a list',
      {
        given: spec({ security: { B: [] } }),
        want: '#/security: `security` must be a list of security requirements',
      },
    ],
    [
      'two operations with one operationId',
      {
        given: {
          ...spec({}),
          paths: {
            '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok' } } } },
            '/b': { get: { operationId: 'getA', responses: { '200': { description: 'ok' } } } },
          },
        },
        want: '#/paths/~1b/get/operationId: operationId getA is also used by GET /a',
      },
    ],
    [
      'a missing operationId',
      {
        given: spec({}, { operationId: undefined }),
        want: '#/paths/~1a~1{id}/patch: PATCH /a/{id} has no operationId',
      },
    ],
    [
      'an operationId that shadows a client method',
      {
        given: spec({}, { operationId: 'use' }),
        want: "#/paths/~1a~1{id}/patch/operationId: operationId use would shadow openapi-fetch's Client.use",
      },
    ],
    [
      'an operationId that makes the client a thenable',
      {
        given: spec({}, { operationId: 'then' }),
        want: '#/paths/~1a~1{id}/patch/operationId: operationId then is a method JavaScript calls by itself: returning the client from an async function, or awaiting it, would call the operation',
      },
    ],
    [
      'an operationId that JSON.stringify would call',
      {
        given: spec({}, { operationId: 'toJSON' }),
        want: '#/paths/~1a~1{id}/patch/operationId: operationId toJSON is a method JavaScript calls by itself: JSON.stringify(client) would call the operation',
      },
    ],
    [
      'an operationId that shadows an Object.prototype method',
      {
        given: spec({}, { operationId: 'toString' }),
        want: '#/paths/~1a~1{id}/patch/operationId: operationId toString is a method JavaScript calls by itself: it would shadow Object.prototype.toString, which string conversion and libraries rely on',
      },
    ],
    [
      'a relative server on an operation',
      {
        given: spec({}, { servers: [{ url: '/v2' }] }),
        want: '#/paths/~1a~1{id}/patch/servers/0/url: the first server of a path item or an operation must be an absolute http(s) URL, got "/v2"',
      },
    ],
    [
      'a server variable without a default',
      {
        given: spec({ servers: [{ url: 'https://{env}.test', variables: { env: {} } }] }),
        want: '#/servers/0/url: server variable {env} has no default value',
      },
    ],
    [
      'a label-style path parameter',
      {
        given: spec(
          {},
          {
            parameters: [
              { name: 'id', in: 'path', required: true, style: 'label', schema: { type: 'string' } },
            ],
          },
        ),
        want: '#/paths/~1a~1{id}/patch/parameters/0/style: style label of parameter id is not supported',
      },
    ],
    [
      'an exploded header parameter',
      {
        given: spec(
          {},
          { parameters: [{ name: 'X-Tags', in: 'header', explode: true, schema: { type: 'array' } }] },
        ),
        want: '#/paths/~1a~1{id}/patch/parameters/0/explode: explode: true on parameter X-Tags is not supported',
      },
    ],
    [
      'a query parameter with allowReserved',
      {
        given: spec(
          {},
          { parameters: [{ name: 'q', in: 'query', allowReserved: true, schema: { type: 'string' } }] },
        ),
        want: '#/paths/~1a~1{id}/patch/parameters/0/allowReserved: allowReserved on parameter q is not supported',
      },
    ],
    [
      'a parameter described by content',
      {
        given: spec({}, { parameters: [{ name: 'q', in: 'query', content: { 'application/json': {} } }] }),
        want: '#/paths/~1a~1{id}/patch/parameters/0/content: parameter q is described by `content`, which the client cannot serialise',
      },
    ],
  ])('%s', (_, { given, want }) => {
    expect(() => describeApi('t', given, locate)).toThrow(want);
  });

  it('accepts the default styles spelled out, and ignores those of optional cookie parameters', () => {
    const given = spec(
      {},
      {
        parameters: [
          { name: 'ids', in: 'query', style: 'form', explode: true, schema: { type: 'array' } },
          { name: 'x-tag', in: 'header', style: 'simple', explode: false, schema: { type: 'string' } },
          { name: 'pref', in: 'cookie', style: 'form', explode: false, schema: { type: 'string' } },
        ],
      },
    );
    expect(() => describeApi('t', given, locate)).not.toThrow();
  });

  it('reports every problem of a spec at once', () => {
    const given = schemes({ O: { type: 'oauth2', flows: {} } }, [{ Nope: [] }]);
    expect(() => describeApi('t', given, locate)).toThrow(/oauth2[\s\S]*Nope/);
  });
});

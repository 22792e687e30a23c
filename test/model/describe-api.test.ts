/**
 * The API model (`describeApi`) of small inline specs: credentials, what each operation inherits,
 * and the spec problems it reports with the JSON pointer of the offending node (the tests' `locate`
 * prints the pointer where the pipeline prints `file:line:column`).
 */
import { describe, expect, it } from 'vitest';
import { CLIENT_OPTION_NAMES } from '../../src/model/credentials.js';
import { isCredentialHeader } from '../../src/model/header-credentials.js';
import { describeApi } from '../../src/model/index.js';
import type { ClientOptions } from '../../src/runtime/index.js';
import type { ApiModel, CredentialModel, OperationModel } from '../../src/model/types.js';
import { getAtPointer, type JsonObject } from '../../src/shared/openapi.js';
import { oneOperationSpec } from '../support/spec-builder.js';

const locate = (pointer: string) => ({ file: pointer });

function spec(document: JsonObject, operation: JsonObject = {}): JsonObject {
  return oneOperationSpec({ document, operation });
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
      // Required until the factory planned only what it was given: a client with the secret key
      // alone is made now, and only the token operation rejects its calls.
      'a scheme one operation takes alone is optional, as are those every other takes (Rebilly)',
      {
        given: {
          ...schemes(
            {
              Secret: { type: 'apiKey', in: 'header', name: 'REB-APIKEY' },
              JWT: { type: 'http', scheme: 'bearer' },
              Publishable: { type: 'apiKey', in: 'header', name: 'Authorization' },
            },
            [{ Secret: [] }, { JWT: [] }],
          ),
          paths: {
            '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok' } } } },
            '/tokens': {
              get: {
                operationId: 'getToken',
                security: [{ Publishable: [] }],
                responses: { '200': { description: 'ok' } },
              },
            },
          },
        },
        want: {
          schemes: {
            Secret: { type: 'apiKey', in: 'header', name: 'REB-APIKEY', credential: 'rebApikey' },
            JWT: { type: 'http', scheme: 'bearer', credential: 'token' },
            Publishable: { type: 'apiKey', in: 'header', name: 'Authorization', credential: 'authorization' },
          },
          credentials: [
            { name: 'rebApikey', scheme: 'Secret', required: false },
            { name: 'token', scheme: 'JWT', required: false },
            { name: 'authorization', scheme: 'Publishable', required: false },
          ],
        },
      },
    ],
    [
      'a scheme every operation that needs credentials takes is required, beside one only some take',
      {
        given: {
          ...schemes(
            {
              Key: { type: 'apiKey', in: 'header', name: 'x-api-key' },
              Workspace: { type: 'apiKey', in: 'header', name: 'x-workspace-id' },
            },
            [{ Key: [] }],
          ),
          paths: {
            '/a': { get: { operationId: 'getA', responses: { '200': { description: 'ok' } } } },
            '/b': {
              get: {
                operationId: 'getB',
                security: [{ Key: [], Workspace: [] }],
                responses: { '200': { description: 'ok' } },
              },
            },
            '/health': {
              get: { operationId: 'getHealth', security: [], responses: { '200': { description: 'ok' } } },
            },
          },
        },
        want: {
          schemes: {
            Key: { type: 'apiKey', in: 'header', name: 'x-api-key', credential: 'apiKey' },
            Workspace: { type: 'apiKey', in: 'header', name: 'x-workspace-id', credential: 'workspaceId' },
          },
          credentials: [
            { name: 'apiKey', scheme: 'Key', required: true },
            { name: 'workspaceId', scheme: 'Workspace', required: false },
          ],
        },
      },
    ],
    [
      'OAuth 2 and OpenID Connect → a bearer access token; alternatives (OR) make each optional',
      {
        given: schemes(
          {
            OAuth: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: 'https://t', scopes: {} } } },
            Oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://o/.well-known/openid-configuration' },
            Key: { type: 'apiKey', in: 'header', name: 'x-api-key' },
          },
          [{ OAuth: ['read'] }, { Key: [] }],
        ),
        want: {
          schemes: {
            // Two schemes would take `accessToken`: both are named after their schemes.
            OAuth: { type: 'http', scheme: 'bearer', origin: 'oauth2', credential: 'oAuth' },
            Oidc: { type: 'http', scheme: 'bearer', origin: 'openIdConnect', credential: 'oidc' },
            Key: { type: 'apiKey', in: 'header', name: 'x-api-key', credential: 'apiKey' },
          },
          credentials: [
            { name: 'oAuth', scheme: 'OAuth', required: false },
            { name: 'oidc', scheme: 'Oidc', required: false },
            { name: 'apiKey', scheme: 'Key', required: false },
          ],
        },
      },
    ],
    [
      'an OAuth 2 scheme alone is `accessToken`',
      {
        given: schemes({ oauth: { type: 'oauth2', flows: {} } }, [{ oauth: [] }]),
        want: {
          schemes: { oauth: { type: 'http', scheme: 'bearer', origin: 'oauth2', credential: 'accessToken' } },
          credentials: [{ name: 'accessToken', scheme: 'oauth', required: true }],
        },
      },
    ],
    [
      'two schemes that derive one name are named after their schemes; an x-credential-name keeps its own',
      {
        given: schemes(
          {
            BearerAuth: { type: 'http', scheme: 'bearer' },
            'partner-token': { type: 'http', scheme: 'bearer' },
            Named: { type: 'apiKey', in: 'header', name: 'x-token', 'x-credential-name': 'bearerAuth' },
          },
          [{ BearerAuth: [], 'partner-token': [] }],
        ),
        want: {
          schemes: {
            // `bearerAuth` is Named's own: BearerAuth's name from its scheme is numbered.
            BearerAuth: { type: 'http', scheme: 'bearer', credential: 'bearerAuth2' },
            'partner-token': { type: 'http', scheme: 'bearer', credential: 'partnerToken' },
            Named: { type: 'apiKey', in: 'header', name: 'x-token', credential: 'bearerAuth' },
          },
          credentials: [
            { name: 'bearerAuth2', scheme: 'BearerAuth', required: true },
            { name: 'partnerToken', scheme: 'partner-token', required: true },
            { name: 'bearerAuth', scheme: 'Named', required: false },
          ],
        },
      },
    ],
    [
      "an API key named like a reserved word or one of the runtime's options is named after its scheme",
      {
        given: schemes(
          {
            K: { type: 'apiKey', in: 'header', name: 'X-New' },
            Fetch: { type: 'apiKey', in: 'query', name: 'fetch' },
          },
          [],
        ),
        want: {
          schemes: {
            K: { type: 'apiKey', in: 'header', name: 'X-New', credential: 'k' },
            Fetch: { type: 'apiKey', in: 'query', name: 'fetch', credential: 'fetch2' },
          },
          credentials: [
            { name: 'k', scheme: 'K', required: false },
            { name: 'fetch2', scheme: 'Fetch', required: false },
          ],
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

describe('what an operation inherits and documents', () => {
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
        given: spec({ servers: undefined }, { responses: { '302': { description: 'moved' } } }),
        want: { servers: [{ url: '/' }], successStatus: 200, errorStatuses: [302], security: [] },
      },
    ],
    [
      'a specification extension among the paths is no path item',
      {
        given: {
          ...spec({}, { operationId: 'updateA' }),
          paths: {
            ...(spec({}, { operationId: 'updateA' }).paths as JsonObject),
            'x-codegen-contextRoot': '/apis/registry/v2',
          },
        },
        want: { operationId: 'updateA', path: '/a/{id}' },
      },
    ],
  ])('%s', (_, { given, want }) => {
    const [operation] = describeApi('t', given, locate).operations;
    expect(operation).toMatchObject(want);
  });
});

describe('a path item that is a $ref to another', () => {
  // OpenAPI lets a path item be a reference; SureVoIP's `/support/ip-address` is `/ip-address`'s.
  const document: JsonObject = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/ip-address': {
        servers: [{ url: 'https://eu.api.test' }],
        get: { responses: { '200': { description: 'ok' } } },
      },
      '/support/ip-address': { $ref: '#/paths/~1ip-address' },
    },
  };

  it('is an operation of its own path, pointed at where its object is written (checks, samples and the mock read it there)', () => {
    const operations = describeApi('t', document, locate).operations;
    const copy = operations.find((operation) => operation.path === '/support/ip-address');
    expect(copy).toMatchObject({ method: 'get', servers: [{ url: 'https://eu.api.test' }] });
    expect(copy!.pointer).toBe('#/paths/~1ip-address/get');
    expect(getAtPointer(document, copy!.pointer)).toBe((document.paths as any)['/ip-address'].get);
  });
});

describe('spec problems, located', () => {
  it.each<[string, { given: JsonObject; want: string }]>([
    [
      'deepObject unexploded',
      {
        given: spec(
          {},
          {
            parameters: [
              { name: 'a', in: 'query', schema: { type: 'object' }, style: 'deepObject', explode: false },
            ],
          },
        ),
        want: '#/paths/~1a~1{id}/patch/parameters/0/explode: the deepObject parameter a cannot be unexploded',
      },
    ],
    [
      'deepObject on an array',
      {
        given: spec(
          {},
          {
            parameters: [
              {
                name: 'a',
                in: 'query',
                schema: { type: 'array', items: { type: 'string' } },
                style: 'deepObject',
                explode: true,
              },
            ],
          },
        ),
        want: '#/paths/~1a~1{id}/patch/parameters/0/style: style deepObject does not apply to the array parameter a',
      },
    ],
    [
      'a path style on a query parameter',
      {
        given: spec(
          {},
          { parameters: [{ name: 'a', in: 'query', schema: { type: 'object' }, style: 'matrix' }] },
        ),
        want: '#/paths/~1a~1{id}/patch/parameters/0/style: style matrix does not apply to the query parameter a',
      },
    ],
    [
      'a style named like a member of every object',
      {
        given: spec(
          {},
          { parameters: [{ name: 'a', in: 'query', schema: { type: 'array' }, style: 'constructor' }] },
        ),
        want: '#/paths/~1a~1{id}/patch/parameters/0/style: style constructor does not apply to the query parameter a',
      },
    ],
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
        given: schemes({ M: { type: 'mutualTLS' } }, []),
        want: '#/components/securitySchemes/M/type: security scheme type "mutualTLS" is not supported',
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
      'two x-credential-names that clash',
      {
        given: schemes(
          {
            A: { type: 'http', scheme: 'bearer', 'x-credential-name': 'key' },
            B: { type: 'apiKey', in: 'header', name: 'k', 'x-credential-name': 'key' },
          },
          [],
        ),
        want: '#/components/securitySchemes/B: security schemes A and B both take the credential `key`',
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
      'a scheme whose name gives no usable option either',
      {
        given: schemes({ new: { type: 'apiKey', in: 'header', name: 'X-New' } }, []),
        want:
          "#/components/securitySchemes/new: cannot derive a credential name for new; set x-credential-name, in the spec or in the API's overlay:\n" +
          '  - target: "$.components.securitySchemes[\'new\']"\n    update:\n      x-credential-name: apiKey',
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
        // The fix, ready to paste into the API's overlay.
        want:
          '#/paths/~1b/get/operationId: operationId getA is also used by GET /a; an operationId names one operation ' +
          "(its method of the client and its types). Give this one another, in the API's overlay for a published " +
          'document or in the spec itself:\n' +
          '  - target: "$.paths[\'/b\'].get"\n    update:\n      operationId: getB',
      },
    ],
    [
      'an operationId that is not a string',
      {
        given: spec({}, { operationId: 7 }),
        want: '#/paths/~1a~1{id}/patch/operationId: the operationId of PATCH /a/{id} must be a string',
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
        want: '#/paths/~1a~1{id}/patch/parameters/0/content: parameter q is described by `application/json` content, which the client cannot serialise',
      },
    ],
    [
      'a name of the path that no parameter declares, with the overlay action that declares it',
      {
        given: {
          ...spec({}),
          paths: {
            '/a/{id}/calls/{call_id}': {
              parameters: [{ name: 'id', in: 'path', required: true }],
              patch: { operationId: 'updateA', responses: { '200': { description: 'ok' } } },
            },
          },
        },
        want:
          "#/paths/~1a~1{id}~1calls~1{call_id}/patch: PATCH /a/{id}/calls/{call_id} does not declare its path parameter call_id: its method could not be called. Declare it, in the API's overlay for a published document or in the spec itself:\n" +
          '  - target: "$.paths[\'/a/{id}/calls/{call_id}\'].patch"\n    update:\n      parameters:\n        - name: "call_id"\n',
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
    const given = schemes({ M: { type: 'mutualTLS' } }, [{ Nope: [] }]);
    expect(() => describeApi('t', given, locate)).toThrow(/mutualTLS[\s\S]*Nope/);
  });
});

describe('method names', () => {
  const ok = { responses: { '200': { description: 'ok' } } };
  /** A document of `[method, path, operationId]` operations (an undefined id: none). */
  const operations = (...list: [string, string, string | undefined][]): JsonObject => {
    const paths: Record<string, JsonObject> = {};
    for (const [method, path, operationId] of list) {
      // Each name of the template declared, as OpenAPI requires.
      const parameters = [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
      }));
      paths[path] = {
        ...paths[path],
        ...(parameters.length === 0 ? {} : { parameters }),
        [method]: operationId === undefined ? ok : { ...ok, operationId },
      };
    }
    return { ...spec({}), paths };
  };
  it.each<[string, { given: JsonObject; want: [string, OperationModel['renamed']?][]; warnings: string[] }]>([
    [
      'a camelCase operationId names its method as it is',
      { given: operations(['get', '/a', 'getA']), want: [['getA']], warnings: [] },
    ],
    [
      'other operationIds are camelCased, word by word',
      {
        given: operations(
          ['get', '/history', 'List_generated_items_v1_history_get'],
          ['get', '/meta', 'meta/root'],
          ['get', '/users', 'get-user'],
          ['post', '/users', 'Create User'],
          ['get', '/ids', 'GetUserID'],
        ),
        want: [
          ['listGeneratedItemsV1HistoryGet', { kind: 'camelCased' }],
          ['metaRoot', { kind: 'camelCased' }],
          ['getUser', { kind: 'camelCased' }],
          ['createUser', { kind: 'camelCased' }],
          ['getUserId', { kind: 'camelCased' }],
        ],
        warnings: [
          '#/paths: 5 operationIds are not camelCase identifiers: their methods are named from them (or from the method and path), as the package README\'s "Method names" lists',
        ],
      },
    ],
    [
      'an operationId starting with a digit gets the HTTP method first; one without letters or digits, the route',
      {
        given: operations(['post', '/2fa', '2fa_verify'], ['get', '/x/{id}', '//']),
        want: [
          ['post2faVerify', { kind: 'camelCased' }],
          ['getXId', { kind: 'camelCased' }],
        ],
        warnings: [expect.stringMatching(/^#\/paths: 2 operationIds are not camelCase/)],
      },
    ],
    [
      'an operation without an operationId is named from its method and path',
      {
        given: operations(['get', '/v1/voices/{voice_id}', undefined], ['delete', '/', undefined]),
        want: [
          ['getV1VoicesVoiceId', { kind: 'missing' }],
          ['delete', { kind: 'missing' }],
        ],
        warnings: [expect.stringMatching(/^#\/paths: 2 operations have no operationId: /)],
      },
    ],
    [
      "a name of the client's own or one JavaScript calls gets Operation appended, and a warning",
      {
        given: operations(['get', '/a', 'use'], ['get', '/b', 'then'], ['get', '/c', 'to-string']),
        want: [
          ['useOperation', { kind: 'reserved', why: "it would shadow openapi-fetch's Client.use" }],
          [
            'thenOperation',
            { kind: 'reserved', why: expect.stringMatching(/^JavaScript calls .*async function/) },
          ],
          [
            'toStringOperation',
            { kind: 'reserved', why: expect.stringMatching(/Object\.prototype\.toString/) },
          ],
        ],
        warnings: [
          "#/paths/~1a/get/operationId: operationId use is the method useOperation: it would shadow openapi-fetch's Client.use",
          expect.stringMatching(
            /^#\/paths\/~1b\/get\/operationId: operationId then is the method thenOperation: /,
          ),
          expect.stringMatching(
            /^#\/paths\/~1c\/get\/operationId: operationId to-string is the method toStringOperation: /,
          ),
        ],
      },
    ],
    [
      'JavaScript reserved words are methods like any other (`client.delete()` is valid)',
      {
        given: operations(['delete', '/a', 'delete'], ['post', '/a', 'new']),
        // Spec order: a path item's post comes before its delete.
        want: [['new'], ['delete']],
        warnings: [],
      },
    ],
    [
      'a clash is numbered, the operationId kept as it is winning whatever the order, and each reported',
      {
        given: operations(
          ['get', '/users', 'get-user'],
          ['get', '/users/{id}', 'getUser'],
          ['get', '/people', 'get_user'],
          ['get', '/people/{id}', 'getUser2'],
        ),
        want: [
          ['getUser3', { kind: 'collision', wanted: 'getUser', takenBy: 'getUser' }],
          ['getUser'],
          ['getUser4', { kind: 'collision', wanted: 'getUser', takenBy: 'getUser' }],
          ['getUser2'],
        ],
        warnings: [
          '#/paths/~1users/get/operationId: operationId get-user is the method getUser3: getUser is taken by getUser',
          '#/paths/~1people/get/operationId: operationId get_user is the method getUser4: getUser is taken by getUser',
        ],
      },
    ],
    [
      'a name from the route that an operationId has is numbered',
      {
        given: operations(['get', '/a', undefined], ['post', '/b', 'getA']),
        want: [['getA2', { kind: 'collision', wanted: 'getA', takenBy: 'getA' }], ['getA']],
        warnings: ['#/paths/~1a/get: the operation is the method getA2: getA is taken by getA'],
      },
    ],
  ])('%s', (_, { given, want, warnings }) => {
    const model = describeApi('t', given, locate);
    expect(model.operations.map((operation) => [operation.operationId, operation.renamed])).toEqual(
      want.map(([name, renamed]) => [name, renamed]),
    );
    expect(model.warnings.map(({ at, message }) => `${at}: ${message}`)).toEqual(warnings);
  });

  it('keeps the spec operationId beside the method name', () => {
    const model = describeApi('t', operations(['get', '/a', 'meta/root'], ['get', '/b', undefined]), locate);
    expect(model.operations.map((operation) => operation.specOperationId)).toEqual(['meta/root', undefined]);
  });
});

describe('a document without security schemes that takes its key as a header parameter', () => {
  const key = (required: boolean): JsonObject => ({
    name: 'xi-api-key',
    in: 'header',
    required,
    description: 'Your API key.',
    schema: { type: 'string' },
  });
  const document = (keyOf: Record<string, JsonObject | undefined>): JsonObject => ({
    ...spec({}),
    paths: Object.fromEntries(
      Object.entries(keyOf).map(([path, parameter]) => [
        path,
        {
          get: {
            operationId: `get${path.slice(1)}`,
            parameters: [
              ...(parameter === undefined ? [] : [parameter]),
              { name: 'Idempotency-Key', in: 'header', schema: { type: 'string' } },
            ],
            responses: { '200': { description: 'ok' } },
          },
        },
      ]),
    ),
  });

  it('gets a client option for it; operations that take it optionally may go without', () => {
    const model = describeApi('t', document({ '/A': key(false), '/B': key(true), '/C': undefined }), locate);
    expect(model.securitySchemes).toEqual({
      'xi-api-key': {
        type: 'apiKey',
        in: 'header',
        name: 'xi-api-key',
        parameter: true,
        credential: 'xiApiKey',
        description: 'Your API key.',
      },
    });
    expect(model.operations.map((operation) => operation.security)).toEqual([
      [['xi-api-key'], []],
      [['xi-api-key']],
      [],
    ]);
    // Only the key is the client's; Idempotency-Key stays a parameter like any other.
    expect(model.operations[1]!.parameters.header).toEqual([
      { name: 'xi-api-key', required: true, description: 'Your API key.', credential: 'xi-api-key' },
      { name: 'Idempotency-Key', required: false },
    ]);
    // Required, as any credential some operation cannot do without.
    expect(model.credentials).toEqual([{ name: 'xiApiKey', scheme: 'xi-api-key', required: true }]);
    expect(model.warnings.map(({ message }) => message)).toEqual([
      "the document declares no security schemes: the header parameter xi-api-key (of 2 operations) is taken as a credential, the client option `xiApiKey`; a call's own value wins",
    ]);
  });

  it('is optional for the factory when no operation requires it (ElevenLabs)', () => {
    const model = describeApi('t', document({ '/A': key(false), '/C': undefined }), locate);
    expect(model.credentials).toEqual([{ name: 'xiApiKey', scheme: 'xi-api-key', required: false }]);
  });

  it('is left alone in a document that declares security schemes', () => {
    const given = {
      ...document({ '/A': key(true) }),
      components: { securitySchemes: { Key: { type: 'apiKey', in: 'header', name: 'x-api-key' } } },
    };
    const model = describeApi('t', given, locate);
    expect(Object.keys(model.securitySchemes)).toEqual(['Key']);
    expect(model.operations[0]!.parameters.header[0]).not.toHaveProperty('credential');
  });

  it.each([
    ['x-api-key', true],
    ['X-Auth-Token', true],
    ['Authorization', true],
    ['x-goog-api-key', true],
    ['x-client-secret', true],
    ['Idempotency-Key', false],
    ['X-CSRF-Token', false],
    ['x-request-id', false],
  ])('%s carries a credential: %s', (name, want) => {
    expect(isCredentialHeader(name)).toBe(want);
  });
});

describe("a parameter that is also the operation's apiKey scheme (currencytick's `apikey` query)", () => {
  const parameter = (name: string, where: string): JsonObject => ({
    name,
    in: where,
    required: true,
    schema: { type: 'string' },
  });
  it.each<[string, { scheme: JsonObject; parameter: JsonObject; security?: unknown[]; want: boolean }]>([
    [
      'a query key',
      { scheme: { in: 'query', name: 'apikey' }, parameter: parameter('apikey', 'query'), want: true },
    ],
    [
      'a header key, its name in another case',
      {
        scheme: { in: 'header', name: 'X-API-Key' },
        parameter: parameter('x-api-key', 'header'),
        want: true,
      },
    ],
    [
      'not a parameter of another place',
      { scheme: { in: 'header', name: 'apikey' }, parameter: parameter('apikey', 'query'), want: false },
    ],
    [
      'not a query name in another case',
      { scheme: { in: 'query', name: 'ApiKey' }, parameter: parameter('apikey', 'query'), want: false },
    ],
    [
      'not when the operation does not use the scheme',
      {
        scheme: { in: 'query', name: 'apikey' },
        parameter: parameter('apikey', 'query'),
        security: [],
        want: false,
      },
    ],
  ])('%s', (_, { scheme, parameter: given, security = [{ Key: [] }], want }) => {
    const model = describeApi(
      't',
      spec(
        { components: { securitySchemes: { Key: { type: 'apiKey', ...scheme } } }, security },
        { parameters: [given] },
      ),
      locate,
    );
    const [found] = model.operations[0]!.parameters[given.in as 'query' | 'header'];
    expect(found).toEqual({ name: given.name, required: true, ...(want ? { credential: 'Key' } : {}) });
  });
});

describe('a GET or HEAD request body, which fetch cannot send', () => {
  it('is left out of the operation, with a warning at the first', () => {
    const body = { content: { 'application/json': { schema: { type: 'string' } } } };
    const model = describeApi(
      't',
      {
        ...spec({}),
        paths: {
          '/a': {
            get: { operationId: 'getA', requestBody: body, responses: { '200': { description: 'ok' } } },
          },
          '/b': {
            head: { operationId: 'headB', requestBody: body, responses: { '200': { description: 'ok' } } },
          },
          '/c': {
            post: { operationId: 'postC', requestBody: body, responses: { '200': { description: 'ok' } } },
          },
        },
      },
      locate,
    );
    expect(model.operations.map((operation) => operation.requestBody !== undefined)).toEqual([
      false,
      false,
      true,
    ]);
    expect(model.warnings.map(({ at, message }) => `${at}: ${message}`)).toContainEqual(
      '#/paths/~1a/get/requestBody: 2 GET or HEAD operations document a request body, which fetch cannot send: the client leaves it out (their types and calls take none)',
    );
  });
});

describe('clashing credential names', () => {
  it('are reported, each scheme at its place', () => {
    const model = describeApi(
      't',
      schemes({ A: { type: 'http', scheme: 'bearer' }, B: { type: 'http', scheme: 'bearer' } }, [{ A: [] }]),
      locate,
    );
    expect(model.warnings.map(({ at, message }) => `${at}: ${message}`)).toEqual([
      "#/components/securitySchemes/A: the option of security scheme A is `a`, named after the scheme: `token` is another scheme's too, or no usable option name",
      "#/components/securitySchemes/B: the option of security scheme B is `b`, named after the scheme: `token` is another scheme's too, or no usable option name",
    ]);
  });

  it("never take a name of the runtime's options", () => {
    // Each key of ClientOptions, which the compiler holds to the interface.
    const options: Record<keyof ClientOptions, true> = {
      baseUrl: true,
      fetch: true,
      headers: true,
      middleware: true,
      logger: true,
      timeoutMs: true,
      maxRetries: true,
      retryDelayMs: true,
      validate: true,
      onContractViolation: true,
    };
    expect([...CLIENT_OPTION_NAMES].sort()).toEqual(Object.keys(options).sort());
  });
});

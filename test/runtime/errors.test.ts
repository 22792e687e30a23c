/** The status → class table, the error for a response, the printable views of an error, and the redactor. */
import { inspect } from 'node:util';
import { describe, expect, test, vi } from 'vitest';
import {
  ApiStatusError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
  VoiceAgentApiError,
} from '../../src/runtime/index.js';
import { responseError } from '../../src/runtime/decode.js';
import { errorClassFor } from '../../src/runtime/decode.js';
import { resolveCredentials } from '../../src/runtime/context.js';
import { createRedactor, REDACTED } from '../../src/runtime/secrets.js';
import { leakedSecrets, SECRETS, testApi } from './test-api.js';

const target = { method: 'PATCH', path: '/agents/{agent_id}', operationId: 'updateAgent' };

const noRedaction = <T>(value: T): T => value;

/** The error a response with this status, JSON body and headers gets. */
function errorFor(status: number, body: unknown, headers: Record<string, string> = {}) {
  // Status 0 (a browser's redirect, not followed) is no status a Response can be built with.
  const response = status === 0 ? Response.error() : new Response(JSON.stringify(body), { status, headers });
  return responseError(response, body, target, noRedaction) as ApiStatusError;
}

const statusRows: [string, { given: number; want: typeof VoiceAgentApiError }][] = [
  ['400', { given: 400, want: BadRequestError }],
  ['401', { given: 401, want: AuthenticationError }],
  ['403', { given: 403, want: PermissionDeniedError }],
  ['404', { given: 404, want: NotFoundError }],
  ['409', { given: 409, want: ConflictError }],
  ['422', { given: 422, want: BadRequestError }],
  ['429', { given: 429, want: RateLimitError }],
  ['500', { given: 500, want: ServerError }],
  ['504', { given: 504, want: ServerError }],
  ['599, the last 5xx', { given: 599, want: ServerError }],
  ['499 (a client closed the request) is no 5xx', { given: 499, want: ApiStatusError }],
  ['300, the first 3xx, is no 2xx', { given: 300, want: ApiStatusError }],
  ['418 falls back to ApiStatusError', { given: 418, want: ApiStatusError }],
  ['302 falls back to ApiStatusError', { given: 302, want: ApiStatusError }],
  ["0, a browser's redirect not followed, falls back to ApiStatusError", { given: 0, want: ApiStatusError }],
  ['a 2xx (whose body did not parse)', { given: 200, want: InvalidResponseError }],
];

describe('errorClassFor and responseError', () => {
  test.each(statusRows)('%s', (_name, { given, want }) => {
    expect(errorClassFor(given)).toBe(want);
    const error = errorFor(given, { error: 'x' });
    expect(error.constructor).toBe(want);
    expect(error).toBeInstanceOf(VoiceAgentApiError);
    expect([error.name, error.status, error.body]).toEqual([want.name, given, { error: 'x' }]);
  });
});

test('an error prints its target, status and body everywhere, and no cause', () => {
  const error = errorFor(404, { error: 'no such agent' }, { 'x-request-id': 'r1' });
  const json = JSON.parse(JSON.stringify(error)) as Record<string, unknown>;

  expect(error.message).toBe('PATCH /agents/{agent_id} (updateAgent): 404 {"error":"no such agent"}');
  expect(String(error)).toBe(`NotFoundError: ${error.message}`);
  expect(json).toEqual({
    name: 'NotFoundError',
    message: error.message,
    ...target,
    status: 404,
    body: { error: 'no such agent' },
    headers: { 'content-type': 'text/plain;charset=UTF-8', 'x-request-id': 'r1' },
  });
  expect(inspect(error)).toContain('"x-request-id":"r1"');
});

test('util.inspect leaves out a cause that quotes a credential', () => {
  const cause = new Error(`request to https://x.invalid/?key=${SECRETS.apiKey} failed`);
  const error = new ConnectionError('fetch failed', target, cause);
  expect(error.cause).toBe(cause);
  expect(leakedSecrets(inspect(error, { depth: 10 }))).toEqual([]);
  expect(leakedSecrets(JSON.stringify(error))).toEqual([]);
});

test.each<[string, { given: number; want: string }]>([
  ['500 characters: cut to 200', { given: 500, want: `${'x'.repeat(200)}…` }],
  ['201 characters: cut to 200', { given: 201, want: `${'x'.repeat(200)}…` }],
  ['200 characters: whole', { given: 200, want: 'x'.repeat(200) }],
])('a long body is cut in the message but kept whole on the error: %s', (_name, { given, want }) => {
  const body = 'x'.repeat(given);
  const error = errorFor(500, body);
  expect(error.message).toBe(`PATCH /agents/{agent_id} (updateAgent): 500 ${want}`);
  expect(error.body).toBe(body);
});

const redactRows: [string, { given: unknown; want: unknown }][] = [
  ['raw in a string', { given: `token ${SECRETS.token}!`, want: `token ${REDACTED}!` }],
  [
    'URL-encoded in a query',
    { given: `?workspace_id=${encodeURIComponent(SECRETS.workspaceId)}`, want: `?workspace_id=${REDACTED}` },
  ],
  [
    'as a URL sends it in a query',
    {
      given: new URL(`https://a/?workspace_id=${encodeURIComponent(SECRETS.workspaceId)}`).search,
      want: `?workspace_id=${REDACTED}`,
    },
  ],
  [
    // As a server that parses the query and writes it back out (URLSearchParams, urlencode) echoes it.
    'form-encoded, a space as +',
    {
      given: `?${new URLSearchParams({ workspace_id: SECRETS.workspaceId })}`,
      want: `?workspace_id=${REDACTED}`,
    },
  ],
  [
    'base64 (basic auth)',
    { given: `Basic ${Buffer.from(SECRETS.login).toString('base64')}`, want: `Basic ${REDACTED}` },
  ],
  [
    'deep in JSON',
    { given: { echo: { headers: [SECRETS.workspaceId] } }, want: { echo: { headers: [REDACTED] } } },
  ],
  ['header pairs', { given: [['x-echo', SECRETS.apiKey]], want: [['x-echo', REDACTED]] }],
  ['nothing to hide', { given: { ok: true }, want: { ok: true } }],
  ['null', { given: null, want: null }],
  ['empty string', { given: '', want: '' }],
  ['undefined', { given: undefined, want: undefined }],
];

test('a 2xx body that does not parse is kept, and said to be not JSON', () => {
  const error = responseError(new Response('<html>'), '<html>', target, noRedaction);
  expect([error.message, (error as InvalidResponseError).body]).toEqual([
    'PATCH /agents/{agent_id} (updateAgent): 200, not JSON <html>',
    '<html>',
  ]);
});

test('server text is redacted in the body, the message and the headers', () => {
  const echo = `invalid token ${SECRETS.token}`;
  const response = new Response('', { status: 401, headers: { 'x-echo': SECRETS.apiKey } });
  const error = responseError(response, { error: echo }, target, createRedactor(Object.values(SECRETS)));
  expect(leakedSecrets(JSON.stringify(error))).toEqual([]);
  expect(leakedSecrets(error.message)).toEqual([]);
  expect(error.toJSON()).toMatchObject({
    body: { error: `invalid token ${REDACTED}` },
    headers: { 'x-echo': REDACTED },
  });
});

test.each<[string, { secret: string; given: Record<string, string>; want: [string, string][] }]>([
  [
    // Headers lower-cases names: the credential is looked for in lower case there.
    'a credential echoed as a header name, in capitals',
    {
      secret: 'KEY-Sentinel-9',
      given: { 'x-KEY-Sentinel-9': '1', 'content-type': 'application/json' },
      want: [
        ['content-type', 'application/json'],
        ['x-redacted', '1'],
      ],
    },
  ],
  [
    // A one-letter credential is inside most names: each stays a valid name, or Headers would throw.
    'a one-letter credential',
    {
      secret: 't',
      given: { 'content-type': 'application/json' },
      want: [['conredactedenredacted-redactedype', 'applica[REDACTED]ion/json']],
    },
  ],
])('response header names are redacted and stay names: %s', (_name, { secret, given, want }) => {
  const response = new Response('{}', { status: 503, headers: given });
  const error = responseError(response, {}, target, createRedactor([secret])) as ApiStatusError;
  expect([...error.headers]).toEqual(want);
});

describe('createRedactor', () => {
  // Built as the client builds it: each credential, and each as its scheme encodes it (basic: base64).
  const redact = createRedactor(resolveCredentials(testApi, SECRETS)[1]);
  test.each(redactRows)('%s', (_name, { given, want }) => expect(redact(given)).toEqual(want));
});

// Credentials that read like JSON's own syntax: replacing them in a body's JSON text broke it.
const syntaxLikeRows: [string, { secret: string; given: unknown; want: unknown }][] = [
  [
    'a number',
    {
      secret: '400',
      given: { code: 400, message: 'no 400s' },
      want: { code: REDACTED, message: 'no [REDACTED]s' },
    },
  ],
  ['true', { secret: 'true', given: { retry: true, ok: false }, want: { retry: REDACTED, ok: false } }],
  ['null', { secret: 'null', given: { value: null, text: 'null' }, want: { value: null, text: REDACTED } }],
  ['a key', { secret: 'message', given: { message: 'm' }, want: { [REDACTED]: 'm' } }],
  ['punctuation', { secret: '":"', given: { a: 'b', c: ['d'] }, want: { a: 'b', c: ['d'] } }],
  [
    'a quote',
    {
      secret: 'a"b',
      given: { echo: 'a"b', text: '"a\\"b"' },
      want: { echo: REDACTED, text: `"${REDACTED}"` },
    },
  ],
];

// One credential inside another (or inside another's encoded form): the longer must go whole, not
// leave its tail behind after the shorter one is replaced.
const nestedRows: [string, { secrets: string[]; given: string; want: string }][] = [
  [
    'a prefix, given first',
    { secrets: ['key-1', 'key-1-extra'], given: 'k=key-1-extra', want: `k=${REDACTED}` },
  ],
  ['a suffix, given first', { secrets: ['extra', 'key-extra'], given: 'k=key-extra', want: `k=${REDACTED}` }],
  [
    'a prefix, given last',
    { secrets: ['key-1-extra', 'key-1'], given: 'k=key-1-extra', want: `k=${REDACTED}` },
  ],
];

describe('createRedactor, one credential inside another', () => {
  test.each(nestedRows)('%s', (_name, { secrets, given, want }) =>
    expect(createRedactor(secrets)(given)).toBe(want),
  );
});

describe('createRedactor, credentials that read like JSON', () => {
  test.each(syntaxLikeRows)('%s', (_name, { secret, given, want }) =>
    expect(createRedactor([secret])(given)).toEqual(want),
  );
});

describe("instanceof across packages: another package's runtime errors are this one's kinds", async () => {
  // A second instance of the module, as each package ships its own runtime.
  vi.resetModules();
  const other = await import('../../src/runtime/errors.js');
  const kinds = {
    ApiStatusError,
    ConnectionError,
    NotFoundError,
    RateLimitError,
    TimeoutError,
    VoiceAgentApiError,
  };

  test.each<[string, { given: unknown; want: (keyof typeof kinds)[] }]>([
    [
      "the other runtime's NotFoundError",
      {
        given: new other.NotFoundError('404'),
        want: ['ApiStatusError', 'NotFoundError', 'VoiceAgentApiError'],
      },
    ],
    [
      'its TimeoutError, a ConnectionError',
      {
        given: new other.TimeoutError('late'),
        want: ['ConnectionError', 'TimeoutError', 'VoiceAgentApiError'],
      },
    ],
    ['its base class', { given: new other.VoiceAgentApiError('x'), want: ['VoiceAgentApiError'] }],
    [
      'a plain Error named NotFoundError',
      { given: Object.assign(new Error('x'), { name: 'NotFoundError' }), want: [] },
    ],
    ['null', { given: null, want: [] }],
    [
      'this runtime’s own error, as before',
      { given: new RateLimitError('429'), want: ['ApiStatusError', 'RateLimitError', 'VoiceAgentApiError'] },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(other.NotFoundError).not.toBe(NotFoundError);
    const matched = Object.entries(kinds)
      .filter(([, ErrorClass]) => given instanceof ErrorClass)
      .map(([name]) => name);
    expect(matched.sort()).toEqual(want);
  });

  test('holds both ways', () => {
    expect(new NotFoundError('404')).toBeInstanceOf(other.NotFoundError);
    expect(new NotFoundError('404')).not.toBeInstanceOf(other.ServerError);
  });
});

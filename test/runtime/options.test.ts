/** Wrong options and call arguments fail at once with a ConfigurationError that says where and what. */
import { describe, expect, test } from 'vitest';
import { ConfigurationError, type ClientOptions } from '../../src/runtime/index.js';
import { type ApiDescription } from '../../src/runtime/api-description.js';
import { createApiClient } from '../../src/runtime/client.js';
import { type Credentials } from '../../src/runtime/context.js';
import { leakedSecrets, SECRETS, testApi, type paths, type TestOperations } from './test-api.js';

const fetchNever = (): Promise<Response> => Promise.reject(new Error('no request expected'));
const valid = { ...SECRETS, fetch: fetchNever };

const { token: _token, ...withoutToken } = valid;
const { token: _t, apiKey: _k, workspaceId: _w, ...withoutUpdateCredentials } = valid;

type Given = { options: ClientOptions & Credentials; api?: ApiDescription };

/** The API with one of its operations: a client without its credentials can call nothing that needs any. */
const only = (operationId: string): ApiDescription => ({
  ...testApi,
  operations: { [operationId]: testApi.operations[operationId]! },
});

// A missing credential fails construction only when no operation that needs credentials could be
// called (see auth.test.ts for the operations that reject while others are called): these APIs
// have one operation each.
const constructorRows: [string, { given: Given; want: RegExp }][] = [
  [
    'missing credential names the operation and the options that would satisfy it',
    {
      given: { options: withoutToken, api: only('updateAgent') },
      want: /^PATCH \/agents\/\{agent_id\} \(updateAgent\): Missing credential: pass "token" and "workspaceId"$/,
    },
  ],
  [
    'alternatives are all listed',
    {
      given: { options: withoutUpdateCredentials, api: only('replaceAgent') },
      want: /\(replaceAgent\): Missing credential: pass "apiKey" and "workspaceId", or "token"$/,
    },
  ],
  [
    'empty credential',
    {
      given: { options: { ...valid, token: '' } },
      want: /Invalid option "token": expected a non-empty string/,
    },
  ],
  ['blank credential', { given: { options: { ...valid, token: '   ' } }, want: /Invalid option "token"/ }],
  [
    'credential with a newline (Headers.set would quote it)',
    {
      given: { options: { ...valid, token: `${SECRETS.token}\n` } },
      want: /Invalid option "token": .*without surrounding whitespace, control characters/,
    },
  ],
  [
    // fetch would send it trimmed: the server could echo a key the redactor does not look for.
    'credential with a trailing space',
    {
      given: { options: { ...valid, apiKey: `${SECRETS.apiKey} ` } },
      want: /Invalid option "apiKey": expected a non-empty string without surrounding whitespace/,
    },
  ],
  [
    'credential with a leading tab',
    {
      given: { options: { ...valid, token: `\t${SECRETS.token}` } },
      want: /Invalid option "token": expected a non-empty string without surrounding whitespace/,
    },
  ],
  [
    // One rule for every kind of scheme, though a query would carry it (as %20).
    'query credential with a trailing space',
    {
      given: { options: { ...valid, workspaceId: `${SECRETS.workspaceId} ` } },
      want: /Invalid option "workspaceId": expected a non-empty string without surrounding whitespace/,
    },
  ],
  [
    // Base64 of UTF-8 would send U+FFFD in its place, and encodeURIComponent throws a URIError.
    'basic credential with a lone surrogate',
    {
      given: { options: { ...valid, login: `${SECRETS.login}\uD800` } },
      want: /Invalid option "login": .*lone surrogates/,
    },
  ],
  [
    'query credential with a lone surrogate',
    {
      given: { options: { ...valid, workspaceId: `\uDC00${SECRETS.workspaceId}` } },
      want: /Invalid option "workspaceId": .*lone surrogates/,
    },
  ],
  [
    'header credential above U+00FF (Headers.set would fail on every call)',
    {
      given: { options: { ...valid, apiKey: `${SECRETS.apiKey}€` } },
      want: /Invalid option "apiKey": .*any above U\+00FF/,
    },
  ],
  [
    'extra headers that are not headers',
    { given: { options: { ...valid, headers: 5 as never } }, want: /Invalid option "headers"/ },
  ],
  [
    'extra header with a newline in its value (Headers.set would quote it)',
    {
      given: { options: { ...valid, headers: { 'x-tenant': `${SECRETS.apiKey}\nx-admin: 1` } } },
      want: /Invalid option "headers": expected valid header names and values/,
    },
  ],
  [
    'credential of the wrong type',
    { given: { options: { ...valid, apiKey: 42 } }, want: /Invalid option "apiKey"/ },
  ],
  [
    'baseUrl that is not a URL',
    {
      given: { options: { ...valid, baseUrl: 'api.example.com' } },
      want: /Invalid option "baseUrl".*as given/,
    },
  ],
  [
    'baseUrl with another scheme',
    { given: { options: { ...valid, baseUrl: 'ftp://api.example.com' } }, want: /"baseUrl"/ },
  ],
  [
    'baseUrl with a template variable',
    {
      given: { options: { ...valid, baseUrl: 'https://{region}.example.com' } },
      want: /without \{variables\}/,
    },
  ],
  [
    'no baseUrl and a spec whose first server is relative',
    {
      given: {
        options: valid,
        api: { ...testApi, server: '/', operations: {} },
      },
      want: /"baseUrl".*not given, and the spec's first server is not one/,
    },
  ],
  [
    'negative timeout',
    {
      given: { options: { ...valid, timeoutMs: -1 } },
      want: /"timeoutMs": expected a whole number from 1 to 2147483647, got -1/,
    },
  ],
  ['zero timeout', { given: { options: { ...valid, timeoutMs: 0 } }, want: /"timeoutMs".*got 0/ }],
  [
    'timeout beyond setTimeout',
    { given: { options: { ...valid, timeoutMs: 2 ** 31 } }, want: /"timeoutMs"/ },
  ],
  [
    'fractional retries',
    { given: { options: { ...valid, maxRetries: 1.5 } }, want: /"maxRetries".*got 1.5/ },
  ],
  ['negative retries', { given: { options: { ...valid, maxRetries: -1 } }, want: /"maxRetries"/ }],
  [
    'retries as a string',
    { given: { options: { ...valid, maxRetries: '3' as unknown as number } }, want: /"maxRetries"/ },
  ],
  [
    'NaN retry delay',
    { given: { options: { ...valid, retryDelayMs: Number.NaN } }, want: /"retryDelayMs".*got NaN/ },
  ],
  [
    'middleware not an array',
    { given: { options: { ...valid, middleware: {} as never } }, want: /"middleware": expected an array/ },
  ],
  [
    'logger without warn',
    {
      given: { options: { ...valid, logger: { debug: () => undefined } as never } },
      want: /"logger": expected debug and warn functions/,
    },
  ],
  [
    // Given, unlike leaving it out: not the spec's server.
    'null baseUrl',
    {
      given: { options: { ...valid, baseUrl: null as never } },
      want: /"baseUrl": expected an http\(s\) URL without \{variables\} or user:password@ \(as given\)/,
    },
  ],
  [
    'baseUrl with a user and password',
    {
      given: { options: { ...valid, baseUrl: `https://admin:${SECRETS.token}@api.example.com` } },
      want: /"baseUrl": expected an http\(s\) URL without \{variables\} or user:password@ \(as given\)/,
    },
  ],
  [
    'retryDelayMs beyond what a timer can wait 16 times over',
    {
      given: { options: { ...valid, retryDelayMs: 2 ** 27 } },
      want: /"retryDelayMs".* 0 to 134217727, got 134217728/,
    },
  ],
  [
    'null credential (not the same as leaving it out)',
    {
      given: { options: { ...valid, token: null } },
      want: /Invalid option "token": expected a non-empty string/,
    },
  ],
  [
    'credential with DEL, a control character Headers lets through',
    {
      given: { options: { ...valid, token: `${SECRETS.token}\x7f` } },
      want: /Invalid option "token": .*control characters/,
    },
  ],
  [
    // The message shows numbers it got, never strings: this one is a credential in the wrong place.
    'a credential passed as a setting is not echoed',
    {
      given: { options: { ...valid, timeoutMs: SECRETS.apiKey as never } },
      want: /"timeoutMs": expected a whole number from 1 to 2147483647$/,
    },
  ],
  [
    'fetch not a function',
    { given: { options: { ...valid, fetch: 'fetch' as never } }, want: /"fetch": expected a function/ },
  ],
];

describe('createApiClient rejects', () => {
  test.each(constructorRows)('%s', (_name, { given, want }) => {
    const build = (): unknown => createApiClient(given.api ?? testApi, given.options);
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(want);
    try {
      build();
    } catch (error) {
      expect(leakedSecrets(String(error))).toEqual([]);
    }
  });
});

test.each<[string, Partial<ClientOptions>]>([
  ['the longest timeout a timer can wait', { timeoutMs: 2 ** 31 - 1 }],
  ['the shortest timeout', { timeoutMs: 1 }],
  ['no retries', { maxRetries: 0 }],
  ['the most retries', { maxRetries: 2 ** 31 - 1 }],
  ['no retry delay', { retryDelayMs: 0 }],
  ['the longest retry delay a timer can wait 16 times over', { retryDelayMs: 2 ** 27 - 1 }],
  ['a baseUrl whose scheme is in capitals', { baseUrl: 'HTTPS://API.EXAMPLE.COM/v2' }],
  ['a baseUrl with a port and no path', { baseUrl: 'http://localhost:4010' }],
])('createApiClient accepts %s', (_name, options) => {
  expect(() => createApiClient(testApi, { ...valid, ...options })).not.toThrow();
});

test('a credential sent URL-encoded or base64-encoded may hold any character', () => {
  const unusual = { workspaceId: 'ws-€-SENTINEL', login: 'user:pässwörd€' };
  expect(() => createApiClient(testApi, { ...valid, ...unusual })).not.toThrow();
});

test('createApiClient accepts no options at all only for an API that needs no credential', () => {
  const open: ApiDescription = { ...testApi, operations: { getHealth: testApi.operations.getHealth! } };
  expect(() => createApiClient(open, undefined as never)).not.toThrow();
  expect(() => createApiClient(testApi, undefined as never)).toThrow(/Missing credential/);
});

const callRows: [string, { given: { args: unknown; options?: unknown }; want: RegExp }][] = [
  [
    'missing path parameter',
    { given: { args: { body: {} } }, want: /updateAgent\): path parameter \{agent_id\} is missing/ },
  ],
  [
    'null path parameter',
    {
      given: { args: { path: { agent_id: null }, body: {} } },
      want: /path parameter \{agent_id\} is missing/,
    },
  ],
  [
    'a path parameter of ".."',
    {
      given: { args: { path: { agent_id: '..' }, body: {} } },
      want: /updateAgent\): path parameter \{agent_id\} is missing, empty, "\." or "\.\."/,
    },
  ],
  [
    'a path parameter of "."',
    {
      given: { args: { path: { agent_id: '.' }, body: {} } },
      want: /path parameter \{agent_id\} is missing, empty/,
    },
  ],
  [
    'an empty path parameter (the collection)',
    {
      given: { args: { path: { agent_id: '' }, body: {} } },
      want: /path parameter \{agent_id\} is missing, empty/,
    },
  ],
  [
    'negative per-call timeout',
    {
      given: { args: { path: { agent_id: 'a' } }, options: { timeoutMs: -5 } },
      want: /^PATCH \/agents\/\{agent_id\} \(updateAgent\): Invalid option "timeoutMs".*got -5$/,
    },
  ],
  [
    'per-call header with a newline in its value',
    {
      given: {
        args: { path: { agent_id: 'a' } },
        options: { headers: { 'x-trace': `${SECRETS.token}\r\nx-admin: 1` } },
      },
      want: /^PATCH \/agents\/\{agent_id\} \(updateAgent\): Invalid option "headers"/,
    },
  ],
  [
    'fractional per-call retries',
    { given: { args: { path: { agent_id: 'a' } }, options: { maxRetries: 0.5 } }, want: /"maxRetries"/ },
  ],
  [
    'a per-call signal that is not an AbortSignal (plain JavaScript)',
    {
      given: { args: { path: { agent_id: 'a' } }, options: { signal: 'stop' } },
      want: /^PATCH \/agents\/\{agent_id\} \(updateAgent\): Invalid option "signal": expected an AbortSignal$/,
    },
  ],
];

describe('operation functions reject, before sending anything,', () => {
  test.each(callRows)('%s', async (_name, { given, want }) => {
    const client = createApiClient<paths, TestOperations>(testApi, valid);
    const error = await client.updateAgent(given.args as never, given.options as never).catch((e) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toMatch(want);
    expect(leakedSecrets(String(error))).toEqual([]);
  });
});

test.each([
  [
    'no path parameters',
    {},
    'path parameter {agent_id} is missing, empty, "." or "..", or holds them between encoded slashes',
  ],
  [
    'a null one',
    { path: { agent_id: null } },
    'path parameter {agent_id} is missing, empty, "." or "..", or holds them between encoded slashes',
  ],
  [
    'one of ".."',
    { path: { agent_id: '..' } },
    'path parameter {agent_id} is missing, empty, "." or "..", or holds them between encoded slashes',
  ],
])(
  'a raw call with %s is rejected before sending, as an operation function is',
  async (_name, params, why) => {
    const sent: Request[] = [];
    const client = createApiClient<paths, TestOperations>(testApi, {
      ...valid,
      fetch: async (request) => (sent.push(request), Response.json({})),
    });
    const error = await client
      .PATCH('/agents/{agent_id}', { params: params as never, body: {} })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.message).toBe(`PATCH /agents/{agent_id} (updateAgent): ${why}`);
    expect(sent).toEqual([]);
  },
);

test('a raw call with a header a request cannot carry is rejected without the value', async () => {
  const client = createApiClient<paths, TestOperations>(testApi, valid);
  const error = await client
    .PATCH('/agents/{agent_id}', {
      params: { path: { agent_id: 'a' } },
      body: {},
      headers: { 'x-trace': `${SECRETS.token}\nx-admin: 1` },
    })
    .catch((e) => e);
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.message).toMatch(/^PATCH \/agents\/\{agent_id\} \(updateAgent\): Invalid option "headers"/);
  expect(leakedSecrets(String(error))).toEqual([]);
});

test('a header parameter a request cannot carry is rejected without the value, in both call styles', async () => {
  const client = createApiClient<paths, TestOperations>(testApi, valid);
  const header = { 'x-request-id': `${SECRETS.token}\nx-admin: 1` };
  const raw = client.GET('/health', { params: { header } as never });
  const operation = client.listVoices({ header } as never);
  for (const [call, target] of [
    [raw, 'GET /health (getHealth)'],
    [operation, 'GET /voices (listVoices)'],
  ] as const) {
    const error = await call.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe(
      `${target}: Invalid option "params.header.x-request-id": expected a valid header`,
    );
    expect(leakedSecrets(String(error))).toEqual([]);
  }
});

describe('a custom fetch that resolves something other than a Response', () => {
  test.each([undefined, 'OK', { status: 200 }])(
    '%j: ConfigurationError naming fetch, not retried',
    async (answer) => {
      let calls = 0;
      const fetch = async (): Promise<Response> => {
        calls += 1;
        return answer as never;
      };
      const client = createApiClient<paths, TestOperations>(testApi, { ...valid, fetch });
      const call = client.updateAgent({ path: { agent_id: 'a' }, body: {} });
      await expect(call).rejects.toThrow(ConfigurationError);
      await expect(call).rejects.toThrow(
        /^PATCH \/agents\/\{agent_id\} \(updateAgent\): Invalid option "fetch": expected a function resolving a Response$/,
      );
      expect(calls).toBe(1);
    },
  );
});

/**
 * Where each kind of security scheme puts its credential, and which alternative is chosen.
 * Runs on an injected fetch (no server), which is also how a benchmark drives the client.
 */
import { describe, expect, test } from 'vitest';
import { ConfigurationError, type ClientOptions, type FetchFunction } from '../../src/runtime/index.js';
import { type ApiDescription } from '../../src/runtime/api-description.js';
import { basicCredentials } from '../../src/runtime/auth.js';
import { createApiClient } from '../../src/runtime/client.js';
import { type Credentials } from '../../src/runtime/context.js';
import {
  leakedSecrets,
  SECRETS,
  testApi,
  type paths,
  type TestClient,
  type TestOperations,
} from './test-api.js';

/** A fetch that records what it was given and answers 200 with an agent. */
function recordingFetch(): { fetch: ClientOptions['fetch']; requests: Request[] } {
  const requests: Request[] = [];
  return {
    requests,
    fetch: async (request) => {
      requests.push(request);
      return new Response('{"id":"ag_1","name":"Support"}', {
        headers: { 'content-type': 'application/json' },
      });
    },
  };
}

interface Sent {
  authorization?: string | null;
  apiKey?: string | null;
  cookie?: string | null;
  /** The query string. */
  search?: string;
}

type Operation =
  'updateAgent' | 'replaceAgent' | 'createAgent' | 'getAgent' | 'getHealth' | 'listVoices' | 'getUsage';

const none: Sent = { authorization: null, apiKey: null, cookie: null, search: '' };
// As the URL parser leaves it: encodeURIComponent's, with `'` encoded too.
const workspaceQuery = `?workspace_id=${encodeURIComponent(SECRETS.workspaceId).replace(/'/g, '%27')}`;

interface Given {
  operation: Operation;
  credentials: Credentials;
  /** The call's own query parameters. */
  query?: Record<string, string>;
  /** The call's own headers. */
  headers?: Record<string, string>;
}

const rows: [string, { given: Given; want: Sent }][] = [
  [
    'bearer and a query key, both of one alternative',
    {
      given: { operation: 'updateAgent', credentials: SECRETS },
      want: { ...none, authorization: `Bearer ${SECRETS.token}`, search: workspaceQuery },
    },
  ],
  [
    'the first satisfied alternative: header key and query key',
    {
      given: {
        operation: 'replaceAgent',
        credentials: { apiKey: SECRETS.apiKey, workspaceId: SECRETS.workspaceId },
      },
      want: { ...none, apiKey: SECRETS.apiKey, search: workspaceQuery },
    },
  ],
  [
    'the second alternative when the first is incomplete',
    {
      given: { operation: 'replaceAgent', credentials: { apiKey: SECRETS.apiKey, token: SECRETS.token } },
      want: { ...none, authorization: `Bearer ${SECRETS.token}` },
    },
  ],
  [
    'basic, base64 of user:password',
    {
      given: { operation: 'createAgent', credentials: { login: SECRETS.login } },
      want: { ...none, authorization: `Basic ${Buffer.from(SECRETS.login).toString('base64')}` },
    },
  ],
  [
    'cookie',
    {
      given: { operation: 'getAgent', credentials: { session: SECRETS.session } },
      want: { ...none, cookie: `session=${SECRETS.session}` },
    },
  ],
  ['no security: nothing sent', { given: { operation: 'getHealth', credentials: SECRETS }, want: none }],
  [
    'optional security with the credential: sent',
    {
      given: { operation: 'listVoices', credentials: { token: SECRETS.token } },
      want: { ...none, authorization: `Bearer ${SECRETS.token}` },
    },
  ],
  [
    'optional security without it: nothing sent',
    { given: { operation: 'listVoices', credentials: {} }, want: none },
  ],
  [
    "a query key after the call's own query",
    {
      given: { operation: 'updateAgent', credentials: SECRETS, query: { q: 'x' } },
      want: {
        ...none,
        authorization: `Bearer ${SECRETS.token}`,
        search: `?q=x&${workspaceQuery.slice(1)}`,
      },
    },
  ],
  [
    // A parameter that is also the operation's query key scheme (currencytick's `apikey`): once.
    'a query key the call passes as its own parameter: its value, once',
    {
      given: { operation: 'updateAgent', credentials: SECRETS, query: { q: 'x', workspace_id: 'own' } },
      want: { ...none, authorization: `Bearer ${SECRETS.token}`, search: '?q=x&workspace_id=own' },
    },
  ],
  [
    "a cookie after the call's own cookie",
    {
      given: { operation: 'getAgent', credentials: { session: SECRETS.session }, headers: { cookie: 'a=1' } },
      want: { ...none, cookie: `a=1; session=${SECRETS.session}` },
    },
  ],
  [
    "a header parameter taken as a credential: the client's value",
    {
      given: { operation: 'getUsage', credentials: { usageKey: SECRETS.usageKey } },
      want: { ...none, apiKey: SECRETS.usageKey },
    },
  ],
  [
    "a header parameter taken as a credential: a call's own header wins",
    {
      given: {
        operation: 'getUsage',
        credentials: { usageKey: SECRETS.usageKey },
        headers: { 'X-Api-Key': 'own-key' },
      },
      want: { ...none, apiKey: 'own-key' },
    },
  ],
  [
    "a header parameter taken as a credential: none given, none sent (the spec's parameter is optional)",
    { given: { operation: 'getUsage', credentials: {} }, want: none },
  ],
  [
    // Else `;` would end the cookie and start another the server would read.
    'a cookie credential with a separator in it, URL-encoded',
    {
      given: { operation: 'getAgent', credentials: { session: 'sess SENTINEL; admin=1' } },
      want: { ...none, cookie: 'session=sess%20SENTINEL%3B%20admin%3D1' },
    },
  ],
];

/** The row's operation alone, so that only its request is made. */
function apiFor(operation: Operation): typeof testApi {
  return { ...testApi, operations: { [operation]: testApi.operations[operation]! } };
}

describe('credentials are placed per scheme', () => {
  test.each(rows)('%s', async (_name, { given, want }) => {
    const { fetch, requests } = recordingFetch();
    const client = createApiClient<paths, TestOperations>(apiFor(given.operation), {
      ...given.credentials,
      fetch,
    });
    const { method } = testApi.operations[given.operation]!;
    // Each row calls one operation; their argument types differ, so call through the common shape.
    const call = client[given.operation] as (args: object, options?: object) => Promise<unknown>;
    await call(
      {
        path: { agent_id: 'ag_1' },
        ...(given.query && { query: given.query }),
        ...(method === 'GET' ? {} : { body: { name: 'Support' } }),
      },
      { headers: given.headers },
    );

    expect(requests).toHaveLength(1);
    const [request] = requests as [Request];
    const sent: Sent = {
      authorization: request.headers.get('authorization'),
      apiKey: request.headers.get('x-api-key'),
      cookie: request.headers.get('cookie'),
      search: new URL(request.url).search,
    };
    expect(sent).toEqual(want);
  });
});

test('raw calls get the same credentials, which user onRequest middleware never sees', async () => {
  const { fetch, requests } = recordingFetch();
  const seenByMiddleware: string[] = [];
  const see = ({ request }: { request: Request }): undefined => {
    seenByMiddleware.push(`${[...request.headers].join()} ${request.url}`);
    return undefined;
  };
  const client = createApiClient<paths, TestOperations>(apiFor('updateAgent'), {
    ...SECRETS,
    fetch,
    middleware: [{ onRequest: see }],
  });
  const { data } = await client.PATCH('/agents/{agent_id}', {
    params: { path: { agent_id: 'ag_1' } },
    body: {},
  });

  expect(data).toEqual({ id: 'ag_1', name: 'Support' });
  expect(requests[0]?.headers.get('authorization')).toBe(`Bearer ${SECRETS.token}`);
  expect(requests[0]?.url).toBe(`https://api.example.invalid/v2/agents/ag_1${workspaceQuery}`);
  expect(seenByMiddleware).toHaveLength(1);
  expect(leakedSecrets(seenByMiddleware.join())).toEqual([]);
});

type RawCall = (client: TestClient, fetch: FetchFunction) => Promise<unknown>;
const agentPath = '/agents/{agent_id}';
const patchInit = { params: { path: { agent_id: 'ag_1' } }, body: {} };

describe("raw calls to an operation's path get its credentials, however made", () => {
  test.each<[string, { given: RawCall; want: { sentBy: 'client' | 'call' } }]>([
    ['PATCH', { given: (client) => client.PATCH(agentPath, patchInit), want: { sentBy: 'client' } }],
    [
      // openapi-fetch types `request`'s method in lower case.
      'request, its method in lower case',
      { given: (client) => client.request('patch', agentPath, patchInit), want: { sentBy: 'client' } },
    ],
    [
      'request, its method in capitals',
      {
        given: (client) => client.request('PATCH' as 'patch', agentPath, patchInit),
        want: { sentBy: 'client' },
      },
    ],
    [
      "PATCH with a fetch of the call's own, which sends it",
      {
        given: (client, fetch) => client.PATCH(agentPath, { ...patchInit, fetch }),
        want: { sentBy: 'call' },
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const [byClient, byCall] = [recordingFetch(), recordingFetch()];
    // All the operations, so that each method of the path has one (PATCH is updateAgent's).
    const client = createApiClient<paths, TestOperations>(testApi, { ...SECRETS, fetch: byClient.fetch });
    await given(client, byCall.fetch!);

    const sent = want.sentBy === 'client' ? byClient.requests : byCall.requests;
    const other = want.sentBy === 'client' ? byCall.requests : byClient.requests;
    expect([sent.length, other.length]).toEqual([1, 0]);
    expect([sent[0]!.method, sent[0]!.headers.get('authorization'), sent[0]!.url]).toEqual([
      'PATCH',
      `Bearer ${SECRETS.token}`,
      `https://api.example.invalid/v2/agents/ag_1${workspaceQuery}`,
    ]);
  });
});

test('extra headers are sent and the default server is the first of the API', async () => {
  const { fetch, requests } = recordingFetch();
  const client = createApiClient<paths, TestOperations>(apiFor('getHealth'), {
    fetch,
    headers: { 'x-trace': 't1' },
  });
  await client.getHealth({}, { headers: { 'x-call': 'c1' } });

  expect(requests[0]?.url).toBe('https://api.example.invalid/v2/health');
  expect([requests[0]?.headers.get('x-trace'), requests[0]?.headers.get('x-call')]).toEqual(['t1', 'c1']);
});

test.each<[string, { baseUrl?: string; want: string }]>([
  ["an operation's own first server", { want: 'https://eu.example.invalid/health' }],
  [
    'a baseUrl given to the client, over it',
    { baseUrl: 'https://proxy.test/x', want: 'https://proxy.test/x/health' },
  ],
])('servers: %s', async (_name, { baseUrl, want }) => {
  const { fetch, requests } = recordingFetch();
  const api = {
    ...testApi,
    operations: {
      getHealth: {
        ...testApi.operations.getHealth!,
        server: 'https://eu.example.invalid',
      },
    },
  };
  const client = createApiClient<paths, TestOperations>(api, { fetch, ...(baseUrl && { baseUrl }) });
  await client.getHealth();
  // A raw call to the operation's path goes to the same server.
  await client.GET('/health');

  expect(requests.map((request) => request.url)).toEqual([want, want]);
});

test("a header parameter taken as a credential: the call's own parameter wins over the client's", async () => {
  const { fetch, requests } = recordingFetch();
  const client = createApiClient<paths, TestOperations>(testApi, { ...SECRETS, fetch });
  await client.getUsage({ header: { 'x-api-key': 'per-call-key' } });
  await client.getUsage();
  expect(requests.map((request) => request.headers.get('x-api-key'))).toEqual([
    'per-call-key',
    SECRETS.usageKey,
  ]);
});

describe("HTTP basic's { username, password }, as the credential the runtime attaches", () => {
  test.each<[string, { given: unknown; want: string | RegExp }]>([
    [
      'username and password, joined by a colon',
      { given: { username: 'user', password: 'pa:ss' }, want: 'user:pa:ss' },
    ],
    ['an empty password', { given: { username: 'user', password: '' }, want: 'user:' }],
    [
      'one string',
      { given: 'user:pass', want: /Invalid option "login": expected \{ username, password \}, two strings/ },
    ],
    [
      'no password',
      { given: { username: 'user' }, want: /Invalid option "login": expected \{ username, password \}/ },
    ],
    ['null', { given: null, want: /Invalid option "login"/ }],
    [
      // RFC 7617: the user-id ends at the first colon, so the server would read another user.
      'a username with a colon',
      { given: { username: 'a:b', password: 'c' }, want: /the username without ":"/ },
    ],
  ])('%s', (_name, { given, want }) => {
    const options = { login: given, token: SECRETS.token };
    if (typeof want === 'string')
      expect(basicCredentials(options, ['login'])).toEqual({ login: want, token: SECRETS.token });
    else expect(() => basicCredentials(options, ['login'])).toThrow(want);
  });

  test('an option not given stays not given, and the caller keeps its object', () => {
    const options = { token: SECRETS.token };
    expect(basicCredentials(options, ['login'])).toEqual({ token: SECRETS.token });
    const given = { login: { username: 'u', password: 'p' } };
    basicCredentials(given, ['login']);
    expect(given).toEqual({ login: { username: 'u', password: 'p' } });
  });
});

/**
 * A client holding only the credentials some operations take: those operations reject each call
 * (its own method and a raw call to its path alike) with a ConfigurationError naming the operation
 * and the options that would satisfy it, before anything is sent; every other operation is called
 * as usual. `want` lists what each operation's call gives: `sent`, or the end of the rejection's
 * message.
 */
const partialRows: [string, { given: Credentials; want: Record<Operation, 'sent' | string> }][] = [
  [
    'a bearer token alone',
    {
      given: { token: SECRETS.token },
      want: {
        updateAgent: 'pass "token" and "workspaceId"',
        replaceAgent: 'sent',
        createAgent: 'pass "login"',
        getAgent: 'pass "session"',
        getHealth: 'sent',
        listVoices: 'sent',
        getUsage: 'sent',
      },
    },
  ],
  [
    'an API key and a query key, one alternative of one operation',
    {
      given: { apiKey: SECRETS.apiKey, workspaceId: SECRETS.workspaceId },
      want: {
        updateAgent: 'pass "token" and "workspaceId"',
        replaceAgent: 'sent',
        createAgent: 'pass "login"',
        getAgent: 'pass "session"',
        getHealth: 'sent',
        listVoices: 'sent',
        getUsage: 'sent',
      },
    },
  ],
  [
    'a basic credential alone',
    {
      given: { login: SECRETS.login },
      want: {
        updateAgent: 'pass "token" and "workspaceId"',
        replaceAgent: 'pass "apiKey" and "workspaceId", or "token"',
        createAgent: 'sent',
        getAgent: 'pass "session"',
        getHealth: 'sent',
        listVoices: 'sent',
        getUsage: 'sent',
      },
    },
  ],
  [
    // A header parameter taken as a credential is one too: getUsage sends it.
    'the key of a header parameter alone',
    {
      given: { usageKey: SECRETS.usageKey },
      want: {
        updateAgent: 'pass "token" and "workspaceId"',
        replaceAgent: 'pass "apiKey" and "workspaceId", or "token"',
        createAgent: 'pass "login"',
        getAgent: 'pass "session"',
        getHealth: 'sent',
        listVoices: 'sent',
        getUsage: 'sent',
      },
    },
  ],
];

describe('a client holding only the credentials some operations take', () => {
  test.each(partialRows)('%s', async (_name, { given, want }) => {
    const { fetch, requests } = recordingFetch();
    const client = createApiClient<paths, TestOperations>(testApi, { ...given, fetch });
    const got: Record<string, string> = {};
    for (const operation of Object.keys(want) as Operation[]) {
      const { method, path } = testApi.operations[operation]!;
      const args = { path: { agent_id: 'ag_1' }, ...(method === 'GET' ? {} : { body: {} }) };
      const call = client[operation] as (args: object) => Promise<unknown>;
      const raw = client.request as unknown as (
        method: string,
        path: string,
        init: object,
      ) => Promise<unknown>;
      const sentBefore = requests.length;
      const outcomes = await Promise.allSettled([
        call(args),
        raw(method, path, { params: { path: args.path }, body: args.body }),
      ]);
      const [byFunction, byRaw] = outcomes.map((outcome) => {
        if (outcome.status === 'fulfilled') return 'sent';
        const error = outcome.reason as ConfigurationError;
        expect(error).toBeInstanceOf(ConfigurationError);
        expect([error.method, error.path, error.operationId]).toEqual([method, path, operation]);
        expect(leakedSecrets(String(error))).toEqual([]);
        const prefix = `${method} ${path} (${operation}): Missing credential: `;
        expect(error.message.startsWith(prefix), error.message).toBe(true);
        return error.message.slice(prefix.length);
      });
      // Both call styles agree, and a rejected call sent nothing.
      expect(byRaw).toBe(byFunction);
      expect(requests.length - sentBefore).toBe(byFunction === 'sent' ? 2 : 0);
      got[operation] = byFunction!;
    }
    expect(got).toEqual(want);
  });

  test("an operation's missing credential rejects before its contract checks load", async () => {
    let loaded = 0;
    const api: ApiDescription = {
      ...testApi,
      operations: {
        ...testApi.operations,
        createAgent: {
          ...testApi.operations.createAgent!,
          checks: () => {
            loaded += 1;
            return Promise.reject(new Error('no checks here'));
          },
        },
      },
    };
    const client = createApiClient<paths, TestOperations>(api, {
      token: SECRETS.token,
      fetch: recordingFetch().fetch,
      validate: { request: 'throw', response: 'throw' },
    });
    await expect(client.createAgent({ body: {} })).rejects.toThrow(
      /^POST \/agents \(createAgent\): Missing credential: pass "login"$/,
    );
    expect(loaded).toBe(0);
  });

  const onlyAuthenticated: ApiDescription = {
    ...testApi,
    operations: Object.fromEntries(
      (['updateAgent', 'replaceAgent', 'createAgent', 'getAgent'] as const).map((id) => [
        id,
        testApi.operations[id]!,
      ]),
    ),
  };
  test.each<[string, { given: { api: ApiDescription; credentials: Credentials }; want: RegExp | 'made' }]>([
    [
      // Nothing that needs credentials could be called: the first such operation names its own.
      'no credential at all',
      {
        given: { api: testApi, credentials: {} },
        want: /^PATCH \/agents\/\{agent_id\} \(updateAgent\): Missing credential: pass "token" and "workspaceId"$/,
      },
    ],
    [
      'a credential no operation can use alone',
      {
        given: { api: testApi, credentials: { workspaceId: SECRETS.workspaceId } },
        want: /\(updateAgent\): Missing credential: pass "token" and "workspaceId"$/,
      },
    ],
    [
      'no credential, for an API of operations that may all be called without',
      {
        given: {
          api: {
            ...testApi,
            operations: {
              getHealth: testApi.operations.getHealth!,
              listVoices: testApi.operations.listVoices!,
              getUsage: testApi.operations.getUsage!,
            },
          },
          credentials: {},
        },
        want: 'made',
      },
    ],
    [
      // Wrong shapes fail whatever else is usable.
      'a credential of the wrong type beside a usable one',
      {
        given: { api: onlyAuthenticated, credentials: { token: SECRETS.token, login: 42 } },
        want: /^Invalid option "login": expected a non-empty string/,
      },
    ],
    [
      'an empty credential beside a usable one',
      {
        given: { api: onlyAuthenticated, credentials: { token: SECRETS.token, session: '' } },
        want: /^Invalid option "session": expected a non-empty string/,
      },
    ],
    [
      'a credential with surrounding whitespace, alone',
      {
        given: { api: onlyAuthenticated, credentials: { token: ` ${SECRETS.token}` } },
        want: /^Invalid option "token": expected a non-empty string without surrounding whitespace/,
      },
    ],
    [
      'one usable credential among operations that all need some',
      { given: { api: onlyAuthenticated, credentials: { session: SECRETS.session } }, want: 'made' },
    ],
  ])('construction: %s', (_name, { given, want }) => {
    const build = (): unknown =>
      createApiClient(given.api, { ...given.credentials, fetch: recordingFetch().fetch });
    if (want === 'made') return expect(build).not.toThrow();
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(want);
    try {
      build();
    } catch (error) {
      expect(leakedSecrets(String(error))).toEqual([]);
    }
  });
});

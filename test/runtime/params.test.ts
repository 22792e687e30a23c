/**
 * Path, query and header parameters of every kind of JavaScript value, in both call styles: each is
 * sent as its style says, every part encoded, or refused with a ConfigurationError naming the
 * parameter before anything is sent. Runs on an injected fetch that records what it was given.
 */
import { describe, expect, test } from 'vitest';
import { ConfigurationError } from '../../src/runtime/index.js';
import { type ApiDescription } from '../../src/runtime/api-description.js';
import { createApiClient, type OperationFunction } from '../../src/runtime/client.js';
import { httpBearer } from '../../src/runtime/auth.js';
import { leakedSecrets, printed, SECRETS } from './test-api.js';

const bearerAuth = httpBearer('token');
const api: ApiDescription = {
  server: 'https://api.example.invalid/v2',
  schemes: [bearerAuth],
  operations: {
    updateAgent: { method: 'PATCH', path: '/agents/{agent_id}', security: [[bearerAuth]] },
    getFile: { method: 'GET', path: '/files/{name}.json', security: [[bearerAuth]] },
    // AWS's descriptions: a fragment tells operations of one path apart; S3's paths carry a query.
    untagResource: { method: 'DELETE', path: '/tags/{arn}#tagKeys', security: [[bearerAuth]] },
    listTargets: { method: 'POST', path: '/#X-Amz-Target=Svc.ListTargets', security: [[bearerAuth]] },
    listUploads: { method: 'GET', path: '/{bucket}?uploads', security: [[bearerAuth]] },
    searchAgents: {
      method: 'GET',
      path: '/search',
      security: [[bearerAuth]],
      query: { object: { style: 'deepObject', explode: true } },
    },
  },
};

/** Reading it throws, however it is read, and what it throws quotes the token. */
const trap = (): never => {
  throw new Error(`trap ${SECRETS.token}`);
};
const hostileProxy = new Proxy({}, { get: trap, getPrototypeOf: trap, ownKeys: trap, has: trap });
const throwingGetter = {
  get id(): string {
    throw new Error('getter');
  },
};
const throwingToString = {
  toString: (): never => {
    throw new Error('toString');
  },
};
class AgentId {
  constructor(readonly id: string) {}
  toString(): string {
    return this.id;
  }
}
const nullPrototype = Object.assign(Object.create(null) as object, { a: 'b/c' });
// As JSON.parse makes it: an own property named __proto__.
const ownProto = JSON.parse('{"__proto__": "x", "k": "v"}') as object;

type Want = { url: string } | { refused: string };
type Row = [string, { given: unknown; want: Want }];

const REFUSED = 'expected text, a number or a boolean, or a flat array or plain object of them';
const refusedPath = { refused: `Invalid option "params.path.agent_id": ${REFUSED}` };
/** Missing, or a segment fetch or a server would resolve. */
const dots = {
  refused: 'path parameter {agent_id} is missing, empty, "." or "..", or holds them between encoded slashes',
};
const base = 'https://api.example.invalid/v2/agents/';

const pathRows: Row[] = [
  ['a string', { given: 'ag_1', want: { url: `${base}ag_1` } }],
  ['reserved characters', { given: 'a/b?c#d e%', want: { url: `${base}a%2Fb%3Fc%23d%20e%25` } }],
  ['a number', { given: 42, want: { url: `${base}42` } }],
  ['a bigint', { given: 12345678901234567890n, want: { url: `${base}12345678901234567890` } }],
  ['a boolean', { given: false, want: { url: `${base}false` } }],
  ['non-ASCII', { given: 'ágent €', want: { url: `${base}%C3%A1gent%20%E2%82%AC` } }],
  ['an array, simple', { given: ['a', 'b,c'], want: { url: `${base}a,b%2Cc` } }],
  [
    // The case: openapi-fetch left keys as they were, and this went to PATCH /admin,x.
    // Encoded, it stays in its segment, but a server that decodes %2F before routing would climb.
    'an object whose key climbs out',
    { given: { '../../admin': 'x' }, want: dots },
  ],
  ['an object whose key holds a slash', { given: { 'a/b': 'x' }, want: { url: `${base}a%2Fb,x` } }],
  ['an object, keys and values encoded', { given: { 'a b': 'c/d' }, want: { url: `${base}a%20b,c%2Fd` } }],
  ['an object without a prototype', { given: nullPrototype, want: { url: `${base}a,b%2Fc` } }],
  ['an own __proto__ key', { given: ownProto, want: { url: `${base}__proto__,x,k,v` } }],
  [
    'an object with undefined and null values left out',
    { given: { a: 1, b: undefined, c: null }, want: { url: `${base}a,1` } },
  ],
  ['"%2e%2e": its % encoded, no dot segment', { given: '%2e%2e', want: { url: `${base}%252e%252e` } }],
  ['dots inside a name', { given: 'a..b', want: { url: `${base}a..b` } }],
  ['a slash without dots', { given: 'group/project', want: { url: `${base}group%2Fproject` } }],
  ['missing', { given: undefined, want: dots }],
  ['null', { given: null, want: dots }],
  ['empty', { given: '', want: dots }],
  ['"."', { given: '.', want: dots }],
  ['".."', { given: '..', want: dots }],
  ['an empty array', { given: [], want: dots }],
  ['an object of nothing', { given: { a: undefined }, want: dots }],
  ['"../admin", which a server decoding %2F would resolve', { given: '../admin', want: dots }],
  ['"a/../b"', { given: 'a/../b', want: dots }],
  ['"a\\.."', { given: 'a\\..', want: dots }],
  ['an array that joins to ".."', { given: ['..'], want: dots }],
  ['a lone surrogate (encodeURIComponent throws a URIError)', { given: 'a\uD800', want: refusedPath }],
  ['a lone low surrogate in a key', { given: { '\uDC00': 'x' }, want: refusedPath }],
  ['NaN', { given: NaN, want: refusedPath }],
  ['Infinity', { given: -Infinity, want: refusedPath }],
  ['a symbol', { given: Symbol('id'), want: refusedPath }],
  ['a function', { given: () => 'id', want: refusedPath }],
  ['a Date', { given: new Date(0), want: refusedPath }],
  ['an invalid Date', { given: new Date(NaN), want: refusedPath }],
  ['a class instance, even with a toString', { given: new AgentId('ag_1'), want: refusedPath }],
  ['a boxed string', { given: new String('ag_1'), want: refusedPath }],
  ['a Map', { given: new Map([['a', 'b']]), want: refusedPath }],
  ['a nested array', { given: [['a']], want: refusedPath }],
  ['a nested object', { given: { a: { b: 'c' } }, want: refusedPath }],
  ['an array with null', { given: ['a', null], want: refusedPath }],
  ['a sparse array', { given: [, 'a'], want: refusedPath }],
  ['a Proxy that throws', { given: hostileProxy, want: refusedPath }],
  ['an object whose getter throws', { given: throwingGetter, want: refusedPath }],
  ['an object with a throwing toString', { given: throwingToString, want: refusedPath }],
];

const queryBase = 'https://api.example.invalid/v2/agents/a';
const refusedQuery = { refused: `Invalid option "params.query.q": ${REFUSED}` };
const queryRows: Row[] = [
  ['a string', { given: { q: 'x&y=z#w' }, want: { url: `${queryBase}?q=x%26y%3Dz%23w` } }],
  ['a name to be encoded', { given: { 'a&b=c#': '1' }, want: { url: `${queryBase}?a%26b%3Dc%23=1` } }],
  // As JSON.parse makes it: a parameter like any other, not the prototype of the query.
  ['a parameter named __proto__', { given: ownProto, want: { url: `${queryBase}?__proto__=x&k=v` } }],
  ['an array, exploded', { given: { q: ['1', '&'] }, want: { url: `${queryBase}?q=1&q=%26` } }],
  [
    // form, exploded: the keys become parameter names, and cannot inject another parameter.
    'an object whose keys try to inject',
    { given: { q: { 'a&admin=1': 'x', '#': 'y' } }, want: { url: `${queryBase}?a%26admin%3D1=x&%23=y` } },
  ],
  [
    'null and undefined: left out',
    { given: { q: null, r: undefined, s: 1 }, want: { url: `${queryBase}?s=1` } },
  ],
  ['a lone surrogate', { given: { q: '\uDFFF' }, want: refusedQuery }],
  ['a Date', { given: { q: new Date(0) }, want: refusedQuery }],
  ['a nested object', { given: { q: { a: ['b'] } }, want: refusedQuery }],
  ['a Proxy that throws', { given: { q: hostileProxy }, want: refusedQuery }],
  [
    'a query that is not a plain object',
    { given: new URLSearchParams('a=1'), want: { refused: `Invalid option "params.query": ${REFUSED}` } },
  ],
];

const refusedHeader = { refused: 'Invalid option "params.header.x-trace": expected a valid header' };
const headerRows: [
  string,
  { given: Record<string, unknown>; want: { header: string | null } | { refused: string } },
][] = [
  ['a string, as given', { given: { 'x-trace': 'a b,c/d' }, want: { header: 'a b,c/d' } }],
  ['a number', { given: { 'x-trace': 7 }, want: { header: '7' } }],
  ['Latin-1', { given: { 'x-trace': 'café' }, want: { header: 'café' } }],
  [
    'an array, simple, each part encoded',
    { given: { 'x-trace': ['a,b', 'c'] }, want: { header: 'a%2Cb,c' } },
  ],
  ['an object, simple', { given: { 'x-trace': { 'k,=': 'v' } }, want: { header: 'k%2C%3D,v' } }],
  ['undefined: not sent', { given: { 'x-trace': undefined }, want: { header: null } }],
  ['CR LF: a second header', { given: { 'x-trace': 'a\r\nx-admin: 1' }, want: refusedHeader }],
  ['a trailing space, which fetch strips', { given: { 'x-trace': 'a ' }, want: refusedHeader }],
  // fetch would send these; RFC 9110 has no control characters in a field value.
  ['a control character', { given: { 'x-trace': 'a\x0eb' }, want: refusedHeader }],
  ['DEL', { given: { 'x-trace': 'a\x7f' }, want: refusedHeader }],
  ['above U+00FF', { given: { 'x-trace': '€' }, want: refusedHeader }],
  [
    'a lone surrogate',
    {
      given: { 'x-trace': '\uD800' },
      want: { refused: `Invalid option "params.header.x-trace": ${REFUSED}` },
    },
  ],
  [
    'an object',
    {
      given: { 'x-trace': new Date(0) },
      want: { refused: `Invalid option "params.header.x-trace": ${REFUSED}` },
    },
  ],
  [
    'not a header name',
    {
      given: { 'x trace:': 'a' },
      want: { refused: 'Invalid option "params.header.x trace:": expected a valid header' },
    },
  ],
  [
    'not a name, with null (which removes a header)',
    {
      given: { 'x\ny': null },
      want: { refused: 'Invalid option "params.header.x\ny": expected a valid header' },
    },
  ],
];

/** A client whose fetch records each request and answers 200. */
function recordingClient() {
  const sent: Request[] = [];
  const client = createApiClient(api, {
    token: SECRETS.token,
    maxRetries: 0,
    fetch: async (request) => (sent.push(request), Response.json({})),
  });
  return { client, sent, operations: client as unknown as Record<string, OperationFunction> };
}

type Style = 'operation function' | 'raw call';
const STYLES: Style[] = ['operation function', 'raw call'];

/** The call's outcome: the URL and headers it sent, or what it was refused with. */
async function call(style: Style, params: Record<string, unknown>, operation = 'updateAgent') {
  const { client, sent, operations } = recordingClient();
  const { method, path } = api.operations[operation]!;
  const outcome = await (
    style == 'raw call'
      ? client.request(method.toLowerCase() as 'get', path, { params } as never)
      : operations[operation]!(params)
  ).then(
    () => undefined,
    (error: unknown) => error,
  );
  if (outcome !== undefined) {
    expect(outcome).toBeInstanceOf(ConfigurationError);
    expect(sent).toEqual([]);
    expect(leakedSecrets(printed(outcome))).toEqual([]);
  }
  return { error: outcome as ConfigurationError | undefined, request: sent[0] };
}

const prefix = 'PATCH /agents/{agent_id} (updateAgent): ';

describe.each(STYLES)('a path parameter, %s', (style) => {
  test.each(pathRows)('%s', async (_name, { given, want }) => {
    const { error, request } = await call(style, { path: { agent_id: given } });
    if ('url' in want) expect([error?.message, request?.url]).toEqual([undefined, want.url]);
    else expect(error?.message).toBe(prefix + want.refused);
  });

  test('that shares its segment with text: the segment as a whole must not be a dot segment', async () => {
    const ok = await call(style, { path: { name: '..' } }, 'getFile');
    expect(ok.request?.url).toBe('https://api.example.invalid/v2/files/...json');
  });

  test("a refused value's own error is the cause, redacted", async () => {
    const { error } = await call(style, { path: { agent_id: hostileProxy } });
    expect((error?.cause as Error).message).toBe('trap [REDACTED]');
  });
});

describe.each(STYLES)('a query parameter, %s', (style) => {
  test.each(queryRows)('%s', async (_name, { given, want }) => {
    const { error, request } = await call(style, { path: { agent_id: 'a' }, query: given });
    if ('url' in want) expect([error?.message, request?.url]).toEqual([undefined, want.url]);
    else expect(error?.message).toBe(prefix + want.refused);
  });

  test.each<[string, { operation: string; params: Record<string, unknown>; want: string }]>([
    [
      "a path's fragment is not sent, its query is",
      {
        operation: 'untagResource',
        params: { path: { arn: 'a' }, query: { tagKeys: ['k1', 'k2'] } },
        want: 'https://api.example.invalid/v2/tags/a?tagKeys=k1&tagKeys=k2',
      },
    ],
    [
      'a fragment alone',
      {
        operation: 'listTargets',
        params: { query: { MaxResults: 5 } },
        want: 'https://api.example.invalid/v2/?MaxResults=5',
      },
    ],
    [
      "a path's own query, the parameters after it",
      {
        operation: 'listUploads',
        params: { path: { bucket: 'b' }, query: { prefix: 'p' } },
        want: 'https://api.example.invalid/v2/b?uploads&prefix=p',
      },
    ],
  ])('%s', async (_name, { operation, params, want }) => {
    const { error, request } = await call(style, params, operation);
    expect([error?.message, request?.url]).toEqual([undefined, want]);
  });

  test("the operation's deepObject style, its keys encoded inside the brackets", async () => {
    const { request } = await call(style, { query: { filter: { 'a]&b[': 'c' } } }, 'searchAgents');
    expect(request?.url).toBe('https://api.example.invalid/v2/search?filter[a%5D%26b%5B]=c');
  });
});

describe.each(STYLES)('a header parameter, %s', (style) => {
  test.each(headerRows)('%s', async (_name, { given, want }) => {
    const { error, request } = await call(style, { path: { agent_id: 'a' }, header: given });
    if ('header' in want) {
      expect(error?.message).toBeUndefined();
      expect(request?.headers.get('x-trace')).toBe(want.header);
    } else expect(error?.message).toBe(prefix + want.refused);
  });
});

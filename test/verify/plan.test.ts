/**
 * What verify would send for each API (discovered, not listed): the credentials in the places the
 * security schemes name, from variables named like the generated client's options, path parameters
 * from the environment or the spec, and a clear error for each input it cannot use.
 */
import { describe, expect, it } from 'vitest';
import { loadApi, type LoadedApi } from '../../src/mock/api.js';
import {
  credentialAlternatives,
  credentialProblem,
  placeCredential,
  type CredentialPlacement,
} from '../../src/mock/credentials.js';
import type { HttpMethod, SecuritySchemeInfo } from '../../src/model/types.js';
import { knownApis, specSource } from '../../src/mock/spec-source.js';
import { contractChecker } from '../../src/verify/contract-checks.js';
import { planRequests } from '../../src/verify/plan.js';

const apis = await Promise.all(
  knownApis().map(async (name) => [name, await loadApi(specSource(name))] as const),
);

/** An environment that sets every credential variable of `api` to `secret-<VARIABLE>`. */
function fullEnv(api: LoadedApi): Record<string, string> {
  const uses = api.operations.flatMap((op) => credentialAlternatives(api, op).flat());
  return Object.fromEntries(uses.map((use) => [use.envVar, `secret-${use.envVar}`]));
}

describe.each(apis)('%s', (_name, api) => {
  it('sends the request examples and then the smallest request of each operation', () => {
    const plan = planRequests(api, fullEnv(api));
    for (const operation of api.operations) {
      const names = plan.requests
        .filter((r) => r.operationId === operation.model.operationId)
        .map((r) => r.name);
      expect(names.at(-1)).toBe('smallest request');
      expect(names.slice(0, -1).every((name) => name.startsWith('example'))).toBe(true);
    }
  });

  it('puts each credential where its scheme says', () => {
    const env = fullEnv(api);
    for (const request of planRequests(api, env).requests) {
      const operation = api.operations.find((op) => op.model.operationId === request.operationId)!;
      const [first] = credentialAlternatives(api, operation);
      for (const use of first ?? []) {
        const value = env[use.envVar]!;
        if (use.info.type === 'http') expect(request.headers['authorization']).toBe(`Bearer ${value}`);
        else if (use.info.in === 'header') expect(request.headers[use.info.name.toLowerCase()]).toBe(value);
        else expect(request.target).toContain(`${use.info.name}=${value}`);
      }
    }
  });

  it("sends nothing the clients' request checks refuse: no false alarm on the spec's own requests", async () => {
    const contract = contractChecker(api, api.source.displayPath, () => undefined);
    for (const request of planRequests(api, fullEnv(api)).requests) {
      const { violations, notes } = await contract.request(request);
      expect([request.operationId, request.name, violations, notes]).toEqual([
        request.operationId,
        request.name,
        [],
        [],
      ]);
    }
  });

  it('names the variables to set when a credential is missing', () => {
    const needed = Object.keys(fullEnv(api));
    if (needed.length === 0) return expect(() => planRequests(api, {})).not.toThrow();
    expect(() => planRequests(api, {})).toThrow(new RegExp(`needs credentials: set ${needed[0]} \\(`));
  });
});

describe('request details', () => {
  const api = (name: string) => apis.find(([n]) => n === name)![1];

  const rows: [string, { given: [string, Record<string, string>]; want: Record<string, unknown> }][] = [
    [
      'diga: bearer token, uuid path parameter from the spec, no body (the body is optional)',
      {
        given: ['diga', { DIGA_TOKEN: 't' }],
        want: {
          method: 'PATCH',
          target: '/v1/agent/3c90c3cc-0d44-4b50-8888-8dd25736052a',
          headers: { authorization: 'Bearer t' },
        },
      },
    ],
    [
      'trillet: both API key headers, the required llmModel at its default',
      {
        given: ['trillet', { TRILLET_API_KEY: 'k', TRILLET_WORKSPACE_ID: 'w', TRILLET_AGENT_ID: 'agent-7' }],
        want: {
          method: 'PUT',
          target: '/v1/api/agents/agent-7',
          headers: { 'x-api-key': 'k', 'x-workspace-id': 'w', 'content-type': 'application/json' },
          body: '{"llmModel":"gpt-4o-mini"}',
        },
      },
    ],
    [
      'cozmo: two path parameters from the environment, encoded',
      {
        given: ['cozmo', { COZMO_API_KEY: 'k', COZMO_ORG_ID: 'org/1', COZMO_AGENT_ID: 'a 1' }],
        want: { target: '/org/org%2F1/agents/a%201', headers: { 'x-api-key': 'k' } },
      },
    ],
    [
      'voicebip: a required body with no required field is an empty object',
      {
        given: ['voicebip', { VOICEBIP_TOKEN: 't' }],
        want: {
          method: 'PATCH',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: '{}',
        },
      },
    ],
  ];

  it.each(rows)('%s', (_name, { given: [name, env], want }) => {
    const smallest = planRequests(api(name), env).requests.find((r) => r.name === 'smallest request');
    expect(smallest).toMatchObject(want);
    if (!('body' in want)) expect(smallest).not.toHaveProperty('body');
  });

  it('lets a --requests entry carry its own credential header', () => {
    const plan = planRequests(api('diga'), {}, [{ headers: { authorization: 'Bearer mine' } }]);
    expect(plan.requests[0]!.headers['authorization']).toBe('Bearer mine');
  });

  const errors: [string, { given: [string, Parameters<typeof planRequests>[2]]; want: string }][] = [
    [
      'an unknown operation',
      {
        given: ['diga', [{ operation: 'deleteAgent' }]],
        want: 'requests[0].operation: diga has no operation deleteAgent (it has updateAgent)',
      },
    ],
    [
      'an unknown path parameter',
      {
        given: ['diga', [{}, { params: { path: { agentId: 'x' } } }]],
        want: 'requests[1].params.path: /v1/agent/{agent_id} has no parameter agentId (it has agent_id)',
      },
    ],
  ];

  it.each(errors)('rejects %s', (_name, { given: [name, entries], want }) => {
    expect(() => planRequests(api(name), fullEnv(api(name)), entries)).toThrow(want);
  });

  // No spec here has a GET or HEAD operation yet; fetch would refuse the body after Prism started.
  const withMethod = (method: HttpMethod): LoadedApi => {
    const diga = api('diga');
    const [operation] = diga.operations;
    return { ...diga, operations: [{ ...operation!, model: { ...operation!.model, method } }] };
  };
  const bodies: [string, { given: HttpMethod; want: string }][] = [
    ['GET', { given: 'get', want: 'requests[0].body: a GET request carries no body' }],
    ['HEAD', { given: 'head', want: 'requests[0].body: a HEAD request carries no body' }],
  ];

  it.each(bodies)('rejects a body on a %s request', (_name, { given, want }) => {
    expect(() => planRequests(withMethod(given), { DIGA_TOKEN: 't' }, [{ body: { name: 'x' } }])).toThrow(
      want,
    );
  });

  it('lists the first 20 problems of many, then how many more', () => {
    const entries = Array.from({ length: 25 }, () => ({ operation: 'nope' }));
    const message = (() => {
      try {
        planRequests(api('diga'), fullEnv(api('diga')), entries);
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    expect(message.split('\n')).toHaveLength(21);
    expect(message.split('\n').at(-1)).toBe('… and 5 more');
  });

  it("names the file by the path it was read from, as the file's own errors do", () => {
    expect(() =>
      planRequests(api('diga'), fullEnv(api('diga')), [{}, { operation: 'nope' }], '/tmp/r.json'),
    ).toThrow('/tmp/r.json[1].operation: diga has no operation nope');
  });

  // fetch resolves `.` and `..`: `PATCH /v1/agent/..` would go out as `PATCH /v1/`, credentials and all.
  const paths: [
    string,
    { given: [Record<string, string>, Parameters<typeof planRequests>[2]]; want: string },
  ][] = [
    [
      '".." from the environment',
      {
        given: [{ DIGA_AGENT_ID: '..' }, undefined],
        want: 'DIGA_AGENT_ID: ".." is not a path parameter value: the URL would resolve it to another path',
      },
    ],
    [
      '"." from the environment',
      { given: [{ DIGA_AGENT_ID: '.' }, undefined], want: 'DIGA_AGENT_ID: "." is not' },
    ],
    [
      '".." from the requests file',
      {
        given: [{}, [{ params: { path: { agent_id: '..' } } }]],
        want: 'requests[0].params.path.agent_id: ".." is not a path parameter value',
      },
    ],
    [
      'an empty value from the requests file',
      {
        given: [{}, [{ params: { path: { agent_id: '' } } }]],
        want: 'requests[0].params.path.agent_id: is empty; a path parameter fills a path segment',
      },
    ],
  ];

  it.each(paths)('rejects a path parameter of %s', (_name, { given: [env, entries], want }) => {
    expect(() => planRequests(api('diga'), { ...fullEnv(api('diga')), ...env }, entries)).toThrow(want);
  });
});

describe('credentials that cannot be sent', () => {
  const api = (name: string) => apis.find(([n]) => n === name)![1];
  const HEADER =
    'cannot be sent in a header: it holds a line break, a control character or a character outside Latin-1';

  // Caught while planning, before Prism starts; the message names the variable, never the value.
  const rows: [string, { given: [string, Record<string, string>]; want: string }][] = [
    [
      'a line break (a second header)',
      { given: ['diga', { DIGA_TOKEN: 'tok\nX-Evil: 1' }], want: `DIGA_TOKEN: ${HEADER}` },
    ],
    [
      'a character outside Latin-1',
      { given: ['diga', { DIGA_TOKEN: 'tok€' }], want: `DIGA_TOKEN: ${HEADER}` },
    ],
    ['a control character', { given: ['diga', { DIGA_TOKEN: 'tok\u0001' }], want: `DIGA_TOKEN: ${HEADER}` }],
    [
      'a blank value',
      { given: ['diga', { DIGA_TOKEN: ' ' }], want: 'DIGA_TOKEN: is blank; set it to the credential' },
    ],
    // An empty variable is an unset one: another security alternative may still apply.
    [
      'an empty value, as unset',
      {
        given: ['diga', { DIGA_TOKEN: '' }],
        want: 'updateAgent needs credentials: set DIGA_TOKEN (BearerAuth)',
      },
    ],
    [
      'an API key header',
      {
        given: ['trillet', { TRILLET_API_KEY: 'k\r\n', TRILLET_WORKSPACE_ID: 'w' }],
        want: `TRILLET_API_KEY: ${HEADER}`,
      },
    ],
  ];

  it.each(rows)('rejects %s', (_name, { given: [name, env], want }) => {
    let message = '';
    try {
      planRequests(api(name), env);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(want);
  });

  const schemes: [string, { given: [SecuritySchemeInfo, string]; want: string | undefined }][] = [
    [
      'bearer, Latin-1',
      { given: [{ type: 'http', scheme: 'bearer', credential: 'token' }, 'tök'], want: undefined },
    ],
    [
      'bearer, a line break',
      { given: [{ type: 'http', scheme: 'bearer', credential: 'token' }, 'a\nb'], want: HEADER },
    ],
    // Basic credentials travel base64-encoded.
    [
      'basic, any character',
      { given: [{ type: 'http', scheme: 'basic', credential: 'c' }, 'u:€\n'], want: undefined },
    ],
    // Query and cookie credentials are URL-encoded.
    [
      'query, any character',
      { given: [{ type: 'apiKey', in: 'query', name: 'key', credential: 'k' }, 'k€\n'], want: undefined },
    ],
    [
      'cookie, any character',
      { given: [{ type: 'apiKey', in: 'cookie', name: 'sid', credential: 's' }, 's€\n'], want: undefined },
    ],
    [
      'query, blank',
      {
        given: [{ type: 'apiKey', in: 'query', name: 'key', credential: 'k' }, '\t'],
        want: 'is blank; set it to the credential',
      },
    ],
  ];

  it.each(schemes)('%s', (_name, { given: [info, value], want }) => {
    expect(credentialProblem(info, value)).toBe(want);
  });

  // Where each scheme puts its credential; the checks above rely on query and cookie values being encoded.
  const placements: [string, { given: [SecuritySchemeInfo, string]; want: CredentialPlacement }][] = [
    [
      'bearer',
      {
        given: [{ type: 'http', scheme: 'bearer', credential: 'token' }, 't'],
        want: { headers: { authorization: 'Bearer t' }, query: {} },
      },
    ],
    [
      'basic, base64',
      {
        given: [{ type: 'http', scheme: 'basic', credential: 'c' }, 'u:p'],
        want: { headers: { authorization: 'Basic dTpw' }, query: {} },
      },
    ],
    [
      'header, lower-case name',
      {
        given: [{ type: 'apiKey', in: 'header', name: 'X-Api-Key', credential: 'k' }, 'k1'],
        want: { headers: { 'x-api-key': 'k1' }, query: {} },
      },
    ],
    [
      'query, as given (the URL encodes it)',
      {
        given: [{ type: 'apiKey', in: 'query', name: 'key', credential: 'k' }, 'k €'],
        want: { headers: {}, query: { key: 'k €' } },
      },
    ],
    [
      'cookie, URL-encoded (no second cookie, no second header)',
      {
        given: [{ type: 'apiKey', in: 'cookie', name: 'sid', credential: 's' }, 's; x=1\n'],
        want: { headers: { cookie: 'sid=s%3B%20x%3D1%0A' }, query: {} },
      },
    ],
  ];

  it.each(placements)('places %s', (_name, { given: [info, value], want }) => {
    const target: CredentialPlacement = { headers: {}, query: {} };
    placeCredential(info, value, target);
    expect(target).toEqual(want);
  });
});

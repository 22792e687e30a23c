/**
 * Provider-side checking against a fake vendor: one Prism proxy for the file in front of a fake
 * diga server, whose answer each row changes to plant one deviation from the spec. Every planted
 * deviation must be reported at its location with its kind (and make the exit code 1); the
 * documented answer must give a clean report.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApi, type LoadedApi } from '../../src/mock/api.js';
import { startPrism, type PrismServer } from '../../src/mock/prism.js';
import { specSource } from '../../src/mock/spec-source.js';
import { checkRequests, type CheckOptions } from '../../src/verify/check.js';
import { contractChecker, type ContractChecker } from '../../src/verify/contract-checks.js';
import { planRequests } from '../../src/verify/plan.js';
import { startRelay, type Relay } from '../../src/verify/relay.js';
import { buildReport, reportExitCode, formatReport } from '../../src/verify/report.js';
import type { RequestEntry } from '../../src/verify/requests-file.js';
import type { Violation } from '../../src/verify/violations.js';
import { documentedResponse, startFakeVendor, type Answer, type FakeVendor } from './fake-vendor.js';

const ENV: Record<string, string> = { DIGA_TOKEN: 'token-from-env' };

let api: LoadedApi;
let fake: FakeVendor;
let relay: Relay;
let prism: PrismServer;
let agent: Record<string, unknown>;

beforeAll(async () => {
  api = await loadApi(specSource('diga'));
  agent = documentedResponse(api, 'updateAgent');
  const { method, path } = api.operations[0]!.model;
  fake = await startFakeVendor({ method, path }, () => ({ status: 200, body: agent }));
  relay = await startRelay(new URL(fake.url));
  prism = await startPrism({ specPath: api.source.path, upstream: relay.url });
});

afterAll(async () => {
  await prism?.stop();
  await relay?.close();
  await fake?.close();
});

/** Sends the plan through Prism with the fake answering `answer`. */
async function verifyWith(
  answer: (agent: Record<string, unknown>) => Answer,
  entries?: RequestEntry[],
  env = ENV,
  options: CheckOptions = {},
  contract?: ContractChecker,
) {
  fake.respond = () => answer(structuredClone(agent));
  const plan = planRequests(api, env, entries);
  const results = await checkRequests(
    { url: prism.url, relay, exited: prism.exited, ...(contract && { contract }) },
    plan.requests,
    options,
  );
  return buildReport(
    { api: 'diga', spec: api.source.displayPath, upstream: fake.url, notes: plan.notes },
    results,
  );
}

const where = (v: Violation) => ({ side: v.side, location: v.location, kind: v.kind });
const without = (object: Record<string, unknown>, key: string) => {
  const { [key]: _dropped, ...rest } = object;
  return rest;
};

describe('planted response deviations', () => {
  const rows: [
    string,
    { given: (agent: Record<string, unknown>) => Answer; want: ReturnType<typeof where>[] },
  ][] = [
    ['the documented answer', { given: (a) => ({ status: 200, body: a }), want: [] }],
    [
      'a wrong type in a response field',
      {
        given: (a) => ({ status: 200, body: { ...a, version_number: '7' } }),
        want: [{ side: 'response', location: 'body.version_number', kind: 'type' }],
      },
    ],
    [
      'a wrong type in a nested field',
      {
        given: (a) => ({ status: 200, body: { ...a, voice: { name: 5 } } }),
        want: [{ side: 'response', location: 'body.voice.name', kind: 'type' }],
      },
    ],
    [
      'null in a field that is not nullable',
      {
        given: (a) => ({ status: 200, body: { ...a, mode: null } }),
        want: [
          { side: 'response', location: 'body.mode', kind: 'type' },
          { side: 'response', location: 'body.mode', kind: 'enum' },
        ],
      },
    ],
    [
      'a missing required field',
      {
        given: (a) => ({ status: 200, body: without(a, 'agent_id') }),
        want: [{ side: 'response', location: 'body', kind: 'required' }],
      },
    ],
    [
      'an unknown mode',
      {
        given: (a) => ({ status: 200, body: { ...a, mode: 'guided' } }),
        want: [{ side: 'response', location: 'body.mode', kind: 'enum' }],
      },
    ],
    [
      'an unknown language',
      {
        given: (a) => ({ status: 200, body: { ...a, language: 'tlh' } }),
        want: [{ side: 'response', location: 'body.language', kind: 'enum' }],
      },
    ],
    [
      '201 where 200 is documented',
      {
        given: (a) => ({ status: 201, body: a }),
        want: [{ side: 'response', location: 'status', kind: 'status' }],
      },
    ],
    [
      '500 where 200 is documented',
      {
        given: () => ({ status: 500, body: { detail: 'internal error' } }),
        want: [{ side: 'response', location: 'status', kind: 'status' }],
      },
    ],
    [
      'a text body where JSON is documented',
      {
        given: () => ({ status: 200, body: 'ok', contentType: 'text/plain' }),
        want: [
          { side: 'response', location: '', kind: 'media-type' },
          { side: 'response', location: 'body', kind: 'type' },
        ],
      },
    ],
  ];

  it.each(rows)('%s', async (_name, { given, want }) => {
    const report = await verifyWith(given);
    // The default plan: the spec's request example, then the smallest request.
    expect(report.results.map((r) => r.name)).toEqual(['example "page"', 'smallest request']);
    for (const result of report.results) expect(result.violations.map(where)).toEqual(want);
    expect(reportExitCode(report)).toBe(want.length === 0 ? 0 : 1);
  });
});

describe('the report', () => {
  it('has one line per violation and a summary', async () => {
    const report = await verifyWith((a) => ({
      status: 200,
      body: { ...a, version_number: '7', mode: 'guided' },
    }));
    const text = formatReport(report);
    // The allowed values as the spec has them today: this tests the report, not diga's enum.
    const schemas = (
      api.document['components'] as {
        schemas: Record<string, { properties: Record<string, { enum: string[] }> }>;
      }
    ).schemas;
    const modes = schemas['Agent']!.properties['mode']!.enum.join(', ');
    expect(text).toContain('    response body.version_number: must be integer (type)\n');
    expect(text).toContain(
      `    response body.mode: must be equal to one of the allowed values: ${modes} (enum)\n`,
    );
    expect(text).toContain('✖ 4 violations in 2 of 2 requests');
    expect(report.summary).toEqual({ requests: 2, failing: 2, violations: 4, errors: 0 });
  });

  it('names an undocumented status and the documented ones', async () => {
    const report = await verifyWith((a) => ({ status: 201, body: a }));
    expect(formatReport(report)).toContain(
      'response status: 201 is not a documented status (documented: 200) (status)',
    );
  });

  it('says a clean run is clean', async () => {
    const report = await verifyWith((a) => ({ status: 200, body: a }));
    expect(formatReport(report)).toContain(
      `✔ 2 requests, no violations: ${fake.url} follows ${api.source.displayPath}`,
    );
  });
});

describe('what reaches the upstream', () => {
  it('carries the credential from the environment and the path parameter from <API>_<PARAM>', async () => {
    const agentId = '0b3c1f5e-2a4d-4c6b-9e8f-7a1b2c3d4e5f';
    fake.received.length = 0;
    const report = await verifyWith((a) => ({ status: 200, body: a }), undefined, {
      ...ENV,
      DIGA_AGENT_ID: agentId,
    });
    expect(fake.received.map((r) => [r.method, r.url, r.headers.authorization])).toEqual([
      ['PATCH', `/v1/agent/${agentId}`, 'Bearer token-from-env'],
      ['PATCH', `/v1/agent/${agentId}`, 'Bearer token-from-env'],
    ]);
    expect(report.notes).toEqual([
      'these requests change data upstream (PATCH): use a test resource',
      `path parameter agent_id from DIGA_AGENT_ID`,
      'BearerAuth credential from DIGA_TOKEN',
    ]);
  });

  it('sends the request example and no body for the smallest request (the body is optional)', async () => {
    fake.received.length = 0;
    await verifyWith((a) => ({ status: 200, body: a }));
    const [example, smallest] = fake.received;
    // The spec's own example, read from it: a vendor renaming an enum value changes both.
    const { raw } = api.operations.find((op) => op.model.operationId === 'updateAgent')!;
    const content = (
      raw['requestBody'] as { content: Record<string, { examples: Record<string, { value: unknown }> }> }
    ).content['application/json']!;
    expect(JSON.parse(example!.body)).toEqual(content.examples['page']!.value);
    expect(smallest!.body).toBe('');
  });
});

describe('requests from a --requests file', () => {
  const rows: [string, { given: RequestEntry; want: ReturnType<typeof where>[] }][] = [
    ['a valid request', { given: { body: { name: 'Reception', language: 'es' } }, want: [] }],
    [
      'a wrong type in the request',
      { given: { body: { name: 5 } }, want: [{ side: 'request', location: 'body.name', kind: 'type' }] },
    ],
    [
      'an undocumented request field',
      {
        given: { body: { nickname: 'x' } },
        want: [{ side: 'request', location: 'body', kind: 'additionalProperties' }],
      },
    ],
    [
      'a path parameter that is not a uuid',
      {
        given: { params: { path: { agent_id: 'not-a-uuid' } } },
        want: [{ side: 'request', location: 'path.agent_id', kind: 'format' }],
      },
    ],
    [
      'a missing credential (its header given empty)',
      {
        given: { headers: { authorization: '' } },
        want: [{ side: 'request', location: '', kind: 'security' }],
      },
    ],
  ];

  it.each(rows)('%s', async (name, { given, want }) => {
    const report = await verifyWith((a) => ({ status: 200, body: a }), [{ name, ...given }]);
    expect(report.results.map((r) => r.name)).toEqual([name]);
    expect(report.results[0]!.violations.map(where)).toEqual(want);
    expect(reportExitCode(report)).toBe(want.length === 0 ? 0 : 1);
  });
});

/**
 * What the upstream really did, from the relay's record rather than Prism's answer: Prism follows
 * redirects, hides an unparsable body behind a problem of its own, hangs on a body cut short, and
 * its problems can be forged by an upstream.
 */
describe('what the upstream really did', () => {
  let elsewhere: FakeVendor;
  beforeAll(async () => {
    // Same host, another port: fetch would keep the Authorization header on a redirect there.
    elsewhere = await startFakeVendor(api.operations[0]!.model, () => ({ status: 200, body: agent }));
  });
  afterAll(async () => {
    await elsewhere?.close();
  });

  /** Resets the connection after part of the body, as a crashing upstream does. */
  const resetMidBody: Answer['act'] = (response) => {
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
    response.write('{"agent_id": "3c90', () => response.socket?.resetAndDestroy());
  };

  type Want = { status?: number; violations: ReturnType<typeof where>[]; error?: RegExp; message?: RegExp };
  const rows: [string, { given: () => Answer; want: Want }][] = [
    [
      'a 200 whose body is not valid JSON',
      {
        given: () => ({ status: 200, body: '{"agent_id": ' }),
        want: {
          status: 200,
          violations: [{ side: 'response', location: 'body', kind: 'json' }],
          message: /^the body is not valid JSON, though the content-type is application\/json: /,
        },
      },
    ],
    [
      'a 200 with a JSON content-type and no body',
      {
        given: () => ({ status: 200, body: '' }),
        want: {
          status: 200,
          violations: [{ side: 'response', location: 'body', kind: 'json' }],
          message: /^an empty body is not valid JSON/,
        },
      },
    ],
    ...([301, 302, 307] as const).map((status): [string, { given: () => Answer; want: Want }] => [
      `a ${status} redirect (not followed)`,
      {
        // A redirect's body is usually a line of text, sometimes nothing under a JSON type.
        given: () => ({
          status,
          body: status === 307 ? '' : 'Moved',
          contentType: status === 307 ? 'application/json' : 'text/plain',
          headers: { location: `${elsewhere.url}/v1/agent/x` },
        }),
        want: {
          status,
          violations: [{ side: 'response', location: 'status', kind: 'status' }],
          message: new RegExp(
            `^${status} is not a documented status \\(documented: 200\\); it redirects to http://127\\.0\\.0\\.1:\\d+/v1/agent/x, which verify does not follow$`,
          ),
        },
      },
    ]),
    [
      'a body cut short by a connection reset',
      {
        given: () => ({ status: 200, body: '', act: resetMidBody }),
        want: {
          status: 200,
          violations: [{ side: 'response', location: 'body', kind: 'incomplete' }],
          message: /^the upstream closed the connection mid-body, after 18 of 1000 bytes$/,
        },
      },
    ],
    [
      'a 400 whose body is not valid JSON (only redirects are exempt)',
      {
        given: () => ({ status: 400, body: '{"detail": ' }),
        want: {
          status: 400,
          violations: [
            { side: 'response', location: 'status', kind: 'status' },
            { side: 'response', location: 'body', kind: 'json' },
          ],
          message: /^the body is not valid JSON/,
        },
      },
    ],
    [
      'a whole JSON body, then a reset before the announced length',
      {
        // The part received parses: only the relay's record tells that more was announced.
        given: () => ({
          status: 200,
          body: '',
          act: (response) => {
            const body = JSON.stringify(agent);
            response.writeHead(200, {
              'content-type': 'application/json',
              'content-length': String(body.length + 100),
            });
            response.write(body, () => response.socket?.resetAndDestroy());
          },
        }),
        want: {
          status: 200,
          violations: [{ side: 'response', location: 'body', kind: 'incomplete' }],
          message: /^the upstream closed the connection mid-body, after \d+ of \d+ bytes$/,
        },
      },
    ],
    [
      'a gzip-compressed JSON content-type with an empty body (checked decompressed)',
      {
        given: () => ({
          status: 200,
          body: '',
          act: (response) => {
            response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
            response.end(gzipSync(''));
          },
        }),
        want: {
          status: 200,
          violations: [{ side: 'response', location: 'body', kind: 'json' }],
          message: /^an empty body is not valid JSON/,
        },
      },
    ],
    [
      'a body that is not valid JSON under a vendor +json content-type',
      {
        given: () => ({ status: 200, contentType: 'application/vnd.diga+json', body: '{"agent_id": ' }),
        want: {
          status: 200,
          violations: [{ side: 'response', location: 'body', kind: 'json' }],
          message: /^the body is not valid JSON, though the content-type is application\/vnd\.diga\+json: /,
        },
      },
    ],
    [
      "a problem that claims to be Prism's (it is the upstream's answer)",
      {
        given: () => ({
          status: 500,
          contentType: 'application/problem+json',
          body: {
            type: 'https://stoplight.io/prism/errors#UNPROCESSABLE_ENTITY',
            title: 'forged',
            detail: 'your token is token-from-env',
          },
        }),
        want: { status: 500, violations: [{ side: 'response', location: 'status', kind: 'status' }] },
      },
    ],
    [
      'a 501, which Prism answers with a mock response',
      {
        given: () => ({ status: 501, body: { detail: 'not here' } }),
        want: { status: 501, violations: [{ side: 'response', location: 'status', kind: 'status' }] },
      },
    ],
    [
      'a connection closed before any answer',
      {
        given: () => ({ status: 0, body: '', act: (response) => response.socket?.destroy() }),
        want: { violations: [], error: /^the upstream did not answer: ECONNRESET: socket hang up$/ },
      },
    ],
  ];

  it.each(rows)('%s', async (_name, { given, want }) => {
    elsewhere.received.length = 0;
    const report = await verifyWith(given, [{ name: 'one' }, { name: 'two' }]);
    // Every request is checked: one that goes wrong does not end the run.
    expect(report.results).toHaveLength(2);
    for (const result of report.results) {
      expect(result.status).toBe(want.status);
      expect(result.violations.map(where)).toEqual(want.violations);
      if (want.message) expect(result.violations.at(-1)!.message).toMatch(want.message);
      if (want.error) expect(result.error).toMatch(want.error);
      else expect(result).not.toHaveProperty('error');
    }
    expect(reportExitCode(report)).toBe(1);
    expect(elsewhere.received).toEqual([]);
    expect(JSON.stringify(report)).not.toContain('token-from-env');
  });

  it('gives a request no answer came for in time an error, and checks the next', async () => {
    let calls = 0;
    const report = await verifyWith(
      (a) => (calls++ === 0 ? { status: 0, body: '', act: () => undefined } : { status: 200, body: a }),
      [{ name: 'hangs' }, { name: 'answers' }],
      ENV,
      // The time under test: ten times what an answered request takes through Prism on a loaded
      // machine (a few hundred ms at a load average of 13), and little to wait for the one that hangs.
      { requestTimeoutMs: 3_000 },
    );
    expect(report.results.map((r) => [r.name, r.status, r.error])).toEqual([
      ['hangs', undefined, 'no answer within 3000 ms: the upstream had not answered either'],
      ['answers', 200, undefined],
    ]);
    expect(report.summary).toEqual({ requests: 2, failing: 1, violations: 0, errors: 1 });
    expect(formatReport(report)).toContain(
      '✖ 0 violations in 1 of 2 requests; 1 request could not be checked',
    );
    // A request that could not be checked is not a pass.
    expect(formatReport(report)).toMatch(/^✖ \[1\/2\] updateAgent hangs: /m);
    expect(formatReport(report)).toMatch(/^✔ \[2\/2\] updateAgent answers: /m);
    expect(reportExitCode(report)).toBe(1);
  });

  it('does not pass on the id that finds the exchange', async () => {
    fake.received.length = 0;
    await verifyWith((a) => ({ status: 200, body: a }), [{ name: 'one' }]);
    expect(Object.keys(fake.received[0]!.headers)).not.toContain('x-verify-exchange');
    expect(fake.received[0]!.headers.host).toBe(new URL(fake.url).host);
  });
});

/**
 * Prism copies the upstream's response headers over its own, `sl-violations` included: an upstream
 * (a vendor's own Prism sandbox, or a hostile one) could hide real violations or invent false ones.
 * The relay withholds the headers Prism's verdict travels in, and each result says it did.
 */
describe('headers the upstream sends in the place of Prism’s verdict', () => {
  const forged = JSON.stringify([
    {
      location: ['response', 'body', 'name'],
      severity: 'Error',
      code: 'type',
      message: 'Response body property name must be integer',
    },
  ]);
  const realViolation = [{ side: 'response', location: 'body.version_number', kind: 'type' }];
  type Row = [
    string,
    { given: { headers: Record<string, string>; conforming: boolean }; want: typeof realViolation },
  ];
  const rows: Row[] = [
    [
      'an empty list does not hide a real violation',
      { given: { headers: { 'sl-violations': '[]' }, conforming: false }, want: realViolation },
    ],
    [
      'an empty value does not hide a real violation',
      { given: { headers: { 'sl-violations': '' }, conforming: false }, want: realViolation },
    ],
    [
      'a forged violation does not replace a real one',
      { given: { headers: { 'sl-violations': forged }, conforming: false }, want: realViolation },
    ],
    [
      'a forged violation is not invented on a conforming answer',
      { given: { headers: { 'sl-violations': forged }, conforming: true }, want: [] },
    ],
    [
      'in another case, the same',
      { given: { headers: { 'SL-Violations': forged }, conforming: true }, want: [] },
    ],
    [
      'a forged truncated list is not invented either',
      {
        given: { headers: { 'sl-violations': `Too many violations! ${forged}` }, conforming: true },
        want: [],
      },
    ],
    [
      "the relay's tag beside it does not make it Prism's",
      {
        given: { headers: { 'sl-violations': '[]', 'x-verify-relay': 'guess' }, conforming: false },
        want: realViolation,
      },
    ],
  ];

  it.each(rows)('%s', async (_name, { given, want }) => {
    const report = await verifyWith((a) => ({
      status: 200,
      body: given.conforming ? a : { ...a, version_number: '7' },
      headers: given.headers,
    }));
    const names = Object.keys(given.headers).map((name) => name.toLowerCase());
    for (const result of report.results) {
      expect(result.violations.map(where)).toEqual(want);
      expect(result.notes).toEqual([
        `the upstream sent ${names.join(' and ')}, which verify withheld from Prism: ` +
          'the findings are Prism’s own',
      ]);
    }
    expect(reportExitCode(report)).toBe(want.length === 0 ? 0 : 1);
  });

  it('says so under the request in the text report, as a note and not a violation', async () => {
    const report = await verifyWith((a) => ({ status: 200, body: a, headers: { 'sl-violations': forged } }));
    expect(formatReport(report)).toMatch(
      /^✔ \[1\/2\] updateAgent example "page": .*\n {4}note: the upstream sent sl-violations, which verify withheld from Prism/m,
    );
    expect(report.summary).toEqual({ requests: 2, failing: 0, violations: 0, errors: 0 });
  });

  it('adds no note when the upstream sends none of them', async () => {
    const report = await verifyWith((a) => ({ status: 200, body: a }));
    for (const result of report.results) expect(result).not.toHaveProperty('notes');
  });
});

/**
 * The same, with the clients' own checks beside Prism's (as the command runs): an upstream's
 * `sl-violations` neither hides what they find, on either side, nor adds what they do not.
 */
describe('headers the upstream sends, with the clients’ own checks beside Prism’s', () => {
  let contract: ContractChecker;
  beforeAll(() => {
    contract = contractChecker(api, api.source.displayPath, () => undefined);
  });
  const forged = (side: string, field: string) =>
    JSON.stringify([
      { location: [side, 'body', field], severity: 'Error', code: 'type', message: 'must be integer' },
    ]);
  type Row = [
    string,
    {
      given: { header: string; conforming: boolean; request?: RequestEntry };
      want: ReturnType<typeof where>[];
    },
  ];
  const rows: Row[] = [
    [
      'an empty list does not hide a response violation',
      {
        given: { header: '[]', conforming: false },
        want: [{ side: 'response', location: 'body.version_number', kind: 'type' }],
      },
    ],
    [
      'a forged response violation is not invented on a conforming answer',
      { given: { header: forged('response', 'name'), conforming: true }, want: [] },
    ],
    [
      'a forged request violation is not invented on a conforming request',
      {
        given: { header: forged('request', 'name'), conforming: true, request: { body: { name: 'R' } } },
        want: [],
      },
    ],
    [
      'an empty list does not hide a request violation (the request is not sent)',
      {
        given: { header: '[]', conforming: true, request: { body: { name: 5 } } },
        want: [{ side: 'request', location: 'body.name', kind: 'type' }],
      },
    ],
  ];

  it.each(rows)('%s', async (_name, { given, want }) => {
    fake.received.length = 0;
    const report = await verifyWith(
      (a) => ({
        status: 200,
        body: given.conforming ? a : { ...a, version_number: '7' },
        headers: { 'sl-violations': given.header },
      }),
      given.request && [{ name: 'one', ...given.request }],
      ENV,
      {},
      contract,
    );
    for (const result of report.results) expect(result.violations.map(where)).toEqual(want);
    const sent = want.every((violation) => violation.side === 'response');
    expect(fake.received).toHaveLength(sent ? report.results.length : 0);
    expect(reportExitCode(report)).toBe(want.length === 0 ? 0 : 1);
  });
});

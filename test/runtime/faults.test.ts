/**
 * Both call styles against a real server that fails on cue: every row checks the outcome, how
 * many attempts reached the server, how long the client chose to wait before each retry, that it
 * waited at least that long, and that no credential leaked into what was thrown or logged.
 *
 * No bound here is a short wall-clock limit that a loaded machine could break: a wait that went
 * wrong shows in what the client logged (each retry's delay) or in how the call ended (a timeout,
 * an abort), and the one upper bound on a call's duration, BUG_MS, is far above any wait a row
 * expects and far below the waits a bug would cause.
 */
import { getEventListeners } from 'node:events';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  ApiStatusError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
  VoiceAgentApiError,
  type ClientOptions,
  type LogDetails,
} from '../../src/runtime/index.js';
import { createApiClient } from '../../src/runtime/client.js';
import { REDACTED } from '../../src/runtime/secrets.js';
import { startFaultServer, type Fault, type FaultServer } from './fault-server.js';
import {
  leakedSecrets,
  SECRETS,
  testApi,
  type paths,
  type TestClient,
  type TestOperations,
} from './test-api.js';

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const agent = { id: 'ag_1', name: 'Support' };
const requestBody = JSON.stringify({ name: 'Support' });
const ok: Fault = { status: 200, body: JSON.stringify(agent) };
const html = '<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>';
const inOneSecond = (): Record<string, string> => ({
  'retry-after': new Date(Date.now() + 1000).toUTCString(),
});

interface Given {
  faults: Fault[];
  options?: Partial<ClientOptions>;
  /** Abort the call's signal after this long. */
  abortAfterMs?: number;
}

interface Want {
  /** What the call resolves with; raw calls are summarised as `{ data, error, status }`. */
  value?: unknown;
  error?: abstract new (...args: never[]) => Error;
  /** For errors that are not ours (the caller's AbortError). */
  errorName?: string;
  status?: number;
  body?: unknown;
  attempts: number;
  /** The least the whole call may take: the waits it was asked for. */
  minWaitMs?: number;
  /** Bounds of every retry delay the logger was told about. */
  delayMs?: [number, number];
}

type Row = [string, { given: Given; want: Want }];
type Call = (client: TestClient, signal: AbortSignal) => Promise<unknown>;

/** The client retries after 1 ms here (`retryDelayMs: 1`, doubled for the second retry). */
const DEFAULT_DELAY: [number, number] = [0, 2];

/**
 * The client's timeout when a row sets none: a row that ends by it took a wrong turn, and takes a
 * minute to do so, past BUG_MS.
 */
const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * Longer than any call here may take: the rows wait for at most a second of Retry-After and a few
 * hundred milliseconds of timeouts, which no load stretches this far, while a wait that is not cut
 * short (the default timeout, a 60 s Retry-After) lasts a minute.
 */
const BUG_MS = 30_000;

/** A client of a fault server that retries after 1 ms and keeps what it logs, level first. */
function loggingClient(
  baseUrl: string,
  options: Partial<ClientOptions> = {},
): {
  client: TestClient;
  logged: [string, string, LogDetails][];
} {
  const logged: [string, string, LogDetails][] = [];
  const client = createApiClient<paths, TestOperations>(testApi, {
    baseUrl,
    ...SECRETS,
    retryDelayMs: 1,
    logger: {
      debug: (message, details) => logged.push(['debug', message, details]),
      warn: (message, details) => logged.push(['warn', message, details]),
    },
    ...options,
  });
  return { client, logged };
}

/** One row against a fault server of its own, so that rows run side by side. */
async function run(call: Call, row: { given: Given; want: Want }): Promise<void> {
  const server = await startFaultServer();
  try {
    await runOn(server, call, row);
  } finally {
    await server.close();
  }
}

/**
 * A fault server of the test's own, closed after it: the tests that wait on a timer (a timeout, a
 * drip of a body) run side by side, as the rows do.
 */
async function withServer(use: (server: FaultServer) => Promise<void>): Promise<void> {
  const own = await startFaultServer();
  try {
    await use(own);
  } finally {
    await own.close();
  }
}

async function runOn(
  server: FaultServer,
  call: Call,
  { given, want }: { given: Given; want: Want },
): Promise<void> {
  server.play(given.faults);
  const { client, logged } = loggingClient(server.url, { timeoutMs: DEFAULT_TIMEOUT_MS, ...given.options });
  const controller = new AbortController();
  // The server runs on this thread: a stalled event loop (GC, a loaded machine) can run the abort
  // timer before the request is even sent. So abort once the server has it (and, in a row that
  // expects a retry's wait, once the client has logged that wait), and not sooner than asked.
  let abort: ReturnType<typeof setTimeout> | undefined;
  const ready = (): boolean =>
    server.requests.length > 0 &&
    (want.delayMs === undefined || logged.some(([, , details]) => details.delayMs !== undefined));
  const abortOnceReceived = (): void => {
    if (ready()) controller.abort();
    else abort = setTimeout(abortOnceReceived, 10);
  };
  if (given.abortAfterMs !== undefined) abort = setTimeout(abortOnceReceived, given.abortAfterMs);
  const started = performance.now();
  const outcome = await call(client, controller.signal).then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  const waited = performance.now() - started;
  clearTimeout(abort);

  if ('error' in outcome) {
    const error = outcome.error as Error & { status?: number; body?: unknown };
    if (want.error) expect(error).toBeInstanceOf(want.error);
    else expect(error.name, String(error)).toBe(want.errorName);
    if (want.status !== undefined) expect(error.status).toBe(want.status);
    if (want.body !== undefined) expect(error.body).toEqual(want.body);
    for (const shown of [
      error.message,
      String(error),
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
    ]) {
      expect(leakedSecrets(shown), shown).toEqual([]);
    }
  } else {
    expect(want.error ?? want.errorName, 'expected the call to fail').toBeUndefined();
    expect(outcome.value).toEqual(want.value);
    expect(leakedSecrets(JSON.stringify(outcome.value))).toEqual([]);
  }

  // A request the client gave up on may be read by the server (same thread) only after the call ended.
  await server.received(want.attempts);
  expect(server.requests).toHaveLength(want.attempts);
  expect(server.requests.map((request) => request.body)).toEqual(Array(want.attempts).fill(requestBody));
  expect(waited).toBeGreaterThanOrEqual(want.minWaitMs ?? 0);
  expect(waited).toBeLessThan(BUG_MS);

  // One entry per attempt, each naming its number.
  expect(logged.map(([, , details]) => details.attempt)).toEqual(
    Array.from({ length: want.attempts }, (_, i) => i + 1),
  );
  const delays = logged.flatMap(([, , details]) => (details.delayMs === undefined ? [] : [details.delayMs]));
  if (want.delayMs) expect(delays).not.toEqual([]);
  const [least, most] = want.delayMs ?? DEFAULT_DELAY;
  for (const delay of delays) expect(delay).toSatisfy((d: number) => d >= least && d <= most);
  expect(leakedSecrets(JSON.stringify(logged))).toEqual([]);
}

/** Outcomes that do not depend on the call style. */
const shared = {
  retryAfterSeconds: {
    given: { faults: [{ status: 429, headers: { 'retry-after': '1' } }, ok] },
    attempts: 2,
    minWaitMs: 900,
    delayMs: [1000, 1000],
  },
  retryAfterDate: {
    given: { faults: [{ status: 429, headers: inOneSecond }, ok] },
    attempts: 2,
    delayMs: [0, 1000],
  },
  // The fault server shares this thread: after a stall the client's timer runs before the server
  // reads, and at 100 ms a loaded machine cut the second attempt before the server had it whole.
  hang: {
    given: { faults: [{ hang: true }], options: { timeoutMs: 500, maxRetries: 1 } },
    minWaitMs: 990,
  },
  // Not cut short, the call would end by the default timeout, a minute later, as a TimeoutError.
  abort: { given: { faults: [{ hang: true }], abortAfterMs: 50 }, minWaitMs: 40 },
} as const satisfies Record<string, { given: Given } & Partial<Want>>;

const updateAgent: Call = (client, signal) =>
  client.updateAgent({ path: { agent_id: 'ag_1' }, body: { name: 'Support' } }, { signal });

const operationRows: Row[] = [
  ['200 resolves the parsed body', { given: { faults: [ok] }, want: { value: agent, attempts: 1 } }],
  [
    '503 then 200 is retried',
    { given: { faults: [{ status: 503 }, ok] }, want: { value: agent, attempts: 2 } },
  ],
  [
    '409 then 200 is retried',
    { given: { faults: [{ status: 409 }, ok] }, want: { value: agent, attempts: 2 } },
  ],
  [
    '429 with Retry-After in seconds waits as told',
    { given: shared.retryAfterSeconds.given, want: { value: agent, ...shared.retryAfterSeconds } },
  ],
  [
    '429 with Retry-After as an HTTP-date waits until then',
    { given: shared.retryAfterDate.given, want: { value: agent, ...shared.retryAfterDate } },
  ],
  [
    '429 with a Retry-After beyond the cap is not waited for',
    {
      given: { faults: [{ status: 429, headers: { 'retry-after': '3600' }, body: '{"error":"slow down"}' }] },
      want: { error: RateLimitError, status: 429, body: { error: 'slow down' }, attempts: 1 },
    },
  ],
  [
    '429 on every attempt',
    { given: { faults: [{ status: 429 }] }, want: { error: RateLimitError, status: 429, attempts: 3 } },
  ],
  [
    'connection reset then 200 is retried',
    { given: { faults: [{ reset: true }, ok] }, want: { value: agent, attempts: 2 } },
  ],
  [
    // Followed, it would take the request (and an API key in a header of its own) elsewhere.
    '307 is not followed: a status error, not retried',
    {
      given: { faults: [{ status: 307, headers: { location: '/elsewhere' }, body: '' }] },
      want: { error: ApiStatusError, status: 307, attempts: 1 },
    },
  ],
  [
    'connection reset on every attempt',
    { given: { faults: [{ reset: true }] }, want: { error: ConnectionError, attempts: 3 } },
  ],
  [
    'body cut off mid-way then 200 is retried',
    { given: { faults: [{ truncate: '{"id":"ag_1"' }, ok] }, want: { value: agent, attempts: 2 } },
  ],
  [
    'hang past the timeout',
    {
      given: shared.hang.given,
      want: { error: TimeoutError, attempts: 2, minWaitMs: shared.hang.minWaitMs },
    },
  ],
  [
    'no retries when maxRetries is 0',
    {
      given: { faults: [{ status: 503 }], options: { maxRetries: 0 } },
      want: { error: ServerError, status: 503, attempts: 1 },
    },
  ],
  [
    'invalid (truncated) JSON on 200',
    {
      given: { faults: [{ status: 200, body: '{"id":"ag_1","na' }] },
      want: { error: InvalidResponseError, status: 200, body: '{"id":"ag_1","na', attempts: 1 },
    },
  ],
  [
    'HTML on 200',
    {
      given: { faults: [{ status: 200, body: html, type: 'text/html' }] },
      want: { error: InvalidResponseError, status: 200, body: html, attempts: 1 },
    },
  ],
  [
    'empty body on 200',
    {
      given: { faults: [{ status: 200, body: '' }] },
      want: { error: InvalidResponseError, status: 200, body: '', attempts: 1 },
    },
  ],
  [
    'HTML 502 on every attempt',
    {
      given: { faults: [{ status: 502, body: html, type: 'text/html' }] },
      want: { error: ServerError, status: 502, body: html, attempts: 3 },
    },
  ],
  [
    '401',
    {
      given: { faults: [{ status: 401, body: '{"error":"invalid token"}' }] },
      want: { error: AuthenticationError, status: 401, body: { error: 'invalid token' }, attempts: 1 },
    },
  ],
  [
    '401 that echoes the credential has it redacted',
    {
      given: { faults: [{ status: 401, body: JSON.stringify({ error: `invalid token ${SECRETS.token}` }) }] },
      want: {
        error: AuthenticationError,
        status: 401,
        body: { error: 'invalid token [REDACTED]' },
        attempts: 1,
      },
    },
  ],
  [
    '400 that echoes the query as a form has it redacted',
    {
      given: {
        faults: [
          {
            status: 400,
            body: JSON.stringify({
              error: `bad ${new URLSearchParams({ workspace_id: SECRETS.workspaceId })}`,
            }),
          },
        ],
      },
      want: {
        error: BadRequestError,
        status: 400,
        body: { error: `bad workspace_id=${REDACTED}` },
        attempts: 1,
      },
    },
  ],
  [
    '404',
    {
      given: { faults: [{ status: 404, body: '{"error":"no such agent"}' }] },
      want: { error: NotFoundError, status: 404, body: { error: 'no such agent' }, attempts: 1 },
    },
  ],
  [
    '422',
    {
      given: { faults: [{ status: 422, body: '{"error":"name too long"}' }] },
      want: { error: BadRequestError, status: 422, body: { error: 'name too long' }, attempts: 1 },
    },
  ],
  [
    '409 on every attempt',
    { given: { faults: [{ status: 409 }] }, want: { error: ConflictError, status: 409, attempts: 3 } },
  ],
  [
    'a status without a class of its own',
    {
      given: { faults: [{ status: 418, body: 'teapot', type: 'text/plain' }] },
      want: { error: ApiStatusError, status: 418, body: 'teapot', attempts: 1 },
    },
  ],
  [
    'caller abort while waiting to retry ends the wait',
    {
      // Retry-After at the cap: a wait not cut short lasts a minute, past BUG_MS.
      given: { faults: [{ status: 503, headers: { 'retry-after': '60' } }], abortAfterMs: 100 },
      want: { errorName: 'AbortError', attempts: 1, minWaitMs: 50, delayMs: [60_000, 60_000] },
    },
  ],
  [
    '408 then 200 is retried',
    { given: { faults: [{ status: 408 }, ok] }, want: { value: agent, attempts: 2 } },
  ],
  [
    'caller abort surfaces as the caller’s AbortError, not retried',
    {
      given: shared.abort.given,
      want: { errorName: 'AbortError', attempts: 1, minWaitMs: shared.abort.minWaitMs },
    },
  ],
];

/** Raw calls resolve `{ data, error, response }`; summarised so rows can compare them. */
const patchAgent: Call = async (client, signal) => {
  const { data, error, response } = await client.PATCH('/agents/{agent_id}', {
    params: { path: { agent_id: 'ag_1' } },
    body: { name: 'Support' },
    signal,
  });
  // An error of the client's, compared by what it says rather than by identity.
  const shown =
    error instanceof ApiStatusError ? { class: error.name, status: error.status, body: error.body } : error;
  return { data, error: shown, status: response.status };
};

const rawRows: Row[] = [
  [
    '200',
    { given: { faults: [ok] }, want: { value: { data: agent, error: undefined, status: 200 }, attempts: 1 } },
  ],
  [
    '503 then 200 is retried',
    {
      given: { faults: [{ status: 503 }, ok] },
      want: { value: { data: agent, error: undefined, status: 200 }, attempts: 2 },
    },
  ],
  [
    '429 with Retry-After in seconds waits as told',
    {
      given: shared.retryAfterSeconds.given,
      want: { value: { data: agent, error: undefined, status: 200 }, ...shared.retryAfterSeconds },
    },
  ],
  [
    '429 with Retry-After as an HTTP-date waits until then',
    {
      given: shared.retryAfterDate.given,
      want: { value: { data: agent, error: undefined, status: 200 }, ...shared.retryAfterDate },
    },
  ],
  [
    '404, documented with a body, resolves with the parsed error body',
    {
      given: { faults: [{ status: 404, body: '{"error":"no such agent"}' }] },
      want: { value: { data: undefined, error: { error: 'no such agent' }, status: 404 }, attempts: 1 },
    },
  ],
  [
    '404 without the documented body resolves with a NotFoundError: `error` is never falsy',
    {
      given: { faults: [{ status: 404, body: '' }] },
      want: {
        value: { data: undefined, error: { class: 'NotFoundError', status: 404, body: '' }, status: 404 },
        attempts: 1,
      },
    },
  ],
  [
    '404 whose documented body is a falsy JSON value resolves with a NotFoundError holding it',
    {
      given: { faults: [{ status: 404, body: 'null' }] },
      want: {
        value: { data: undefined, error: { class: 'NotFoundError', status: 404, body: null }, status: 404 },
        attempts: 1,
      },
    },
  ],
  [
    '401, undocumented, resolves with an AuthenticationError holding the body redacted',
    {
      given: { faults: [{ status: 401, body: JSON.stringify({ error: `bad token ${SECRETS.token}` }) }] },
      want: {
        value: {
          data: undefined,
          error: { class: 'AuthenticationError', status: 401, body: { error: `bad token ${REDACTED}` } },
          status: 401,
        },
        attempts: 1,
      },
    },
  ],
  [
    '307 resolves with the redirect, not followed, as an ApiStatusError',
    {
      given: { faults: [{ status: 307, headers: { location: '/elsewhere' }, body: '' }] },
      want: {
        value: { data: undefined, error: { class: 'ApiStatusError', status: 307, body: '' }, status: 307 },
        attempts: 1,
      },
    },
  ],
  [
    'HTML 502 on every attempt resolves with a ServerError holding the text',
    {
      given: { faults: [{ status: 502, body: html, type: 'text/html' }] },
      want: {
        value: { data: undefined, error: { class: 'ServerError', status: 502, body: html }, status: 502 },
        attempts: 3,
      },
    },
  ],
  [
    'connection reset on every attempt rejects',
    { given: { faults: [{ reset: true }] }, want: { error: ConnectionError, attempts: 3 } },
  ],
  [
    'body cut off mid-way then 200 is retried',
    {
      given: { faults: [{ truncate: '{"id":"ag_1"' }, ok] },
      want: { value: { data: agent, error: undefined, status: 200 }, attempts: 2 },
    },
  ],
  [
    'hang past the timeout rejects',
    {
      given: shared.hang.given,
      want: { error: TimeoutError, attempts: 2, minWaitMs: shared.hang.minWaitMs },
    },
  ],
  [
    'invalid JSON on 200 rejects, without the text openapi-fetch consumed',
    {
      given: { faults: [{ status: 200, body: '{"id":"ag_1","na' }] },
      want: { error: InvalidResponseError, status: 200, body: '', attempts: 1 },
    },
  ],
  [
    'HTML on 200 rejects',
    {
      given: { faults: [{ status: 200, body: html, type: 'text/html' }] },
      want: { error: InvalidResponseError, attempts: 1 },
    },
  ],
  [
    'empty body on 200 resolves data: undefined, as openapi-fetch does',
    {
      given: { faults: [{ status: 200, body: '' }] },
      want: { value: { data: undefined, error: undefined, status: 200 }, attempts: 1 },
    },
  ],
  [
    'caller abort surfaces as the caller’s AbortError',
    {
      given: shared.abort.given,
      want: { errorName: 'AbortError', attempts: 1, minWaitMs: shared.abort.minWaitMs },
    },
  ],
];

// The two tables side by side as well as their rows: most rows wait (a second of Retry-After, a
// timeout), and each has a server of its own.
describe.concurrent('operation functions against a faulty server', () => {
  test.concurrent.each(operationRows)('%s', async (_name, row) => run(updateAgent, row));
});

describe.concurrent('raw openapi-fetch calls against a faulty server', () => {
  test.concurrent.each(rawRows)('%s', async (_name, row) => run(patchAgent, row));
});

test('every error the client throws is a VoiceAgentApiError except the caller’s abort', () => {
  for (const ErrorClass of [
    ConnectionError,
    TimeoutError,
    InvalidResponseError,
    ApiStatusError,
    ServerError,
  ]) {
    expect(ErrorClass.prototype).toBeInstanceOf(VoiceAgentApiError);
  }
});

test('a shorter per-call timeout is not held up by a longer one already in flight', async () => {
  server.play([{ hang: true }]);
  const client = createApiClient<paths, TestOperations>(testApi, {
    baseUrl: server.url,
    ...SECRETS,
    maxRetries: 0,
  });
  const args = { path: { agent_id: 'ag_1' }, body: { name: 'Support' } };
  const settled: string[] = [];
  // Far longer than the fast one's, however slow the machine: only the server closing ends it.
  const slow = client
    .updateAgent(args, { timeoutMs: 60_000 })
    .catch((error: Error) => settled.push(`slow ${error.name}`));
  const fast = client
    .updateAgent(args, { timeoutMs: 50 })
    .catch((error: Error) => settled.push(`fast ${error.name}`));

  await fast;
  expect(settled).toEqual(['fast TimeoutError']);
  await server.close();
  server = await startFaultServer();
  await slow;
  expect(settled).toEqual(['fast TimeoutError', 'slow ConnectionError']);
});

test('POST, not idempotent, is never retried', async () => {
  server.play([{ status: 503 }]);
  const client = createApiClient<paths, TestOperations>(testApi, {
    baseUrl: server.url,
    ...SECRETS,
    retryDelayMs: 1,
  });
  await expect(client.createAgent({ body: { name: 'Support' } })).rejects.toThrow(ServerError);
  expect(server.requests).toHaveLength(1);
});

test('a logger that throws changes neither the outcome nor the retries', async () => {
  server.play([{ status: 503 }, ok]);
  const client = createApiClient<paths, TestOperations>(testApi, {
    baseUrl: server.url,
    ...SECRETS,
    retryDelayMs: 1,
    logger: {
      debug: () => {
        throw new Error('log sink down');
      },
      warn: () => {
        throw new Error('log sink down');
      },
    },
  });
  await expect(updateAgent(client, new AbortController().signal)).resolves.toEqual(agent);
  expect(server.requests).toHaveLength(2);
});

test('a stream body, gone once sent, is not sent again: the retryable status is the result', async () => {
  server.play([{ status: 503 }, ok]);
  const client = createApiClient<paths, TestOperations>(testApi, {
    baseUrl: server.url,
    ...SECRETS,
    retryDelayMs: 1,
  });
  const { response } = await client.PATCH('/agents/{agent_id}', {
    params: { path: { agent_id: 'ag_1' } },
    body: new Blob([requestBody]).stream() as never,
    bodySerializer: (body: unknown) => body as never,
    duplex: 'half',
  } as never);
  expect(response.status).toBe(503);
  expect(server.requests.map((request) => request.body)).toEqual([requestBody]);
});

describe.concurrent('a body returned unread (parseAs: stream)', () => {
  const drip: Fault = { drip: 'x'.repeat(100), everyMs: 50 };
  const readAll = async (body: ReadableStream<Uint8Array>): Promise<number> => {
    let bytes = 0;
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
    return bytes;
  };
  // The drip takes 5 s to end: a read that rejects was cut, one that was not would resolve.
  test.each([
    ['the timeout', { timeoutMs: 300 }, undefined],
    ["the caller's abort", { timeoutMs: 60_000 }, 300],
  ] as const)('is still cut by %s while it is read', (_name, options, abortAfterMs) =>
    withServer(async (server) => {
      server.play([drip]);
      const client = createApiClient<paths, TestOperations>(testApi, {
        baseUrl: server.url,
        ...SECRETS,
        ...options,
      });
      const controller = new AbortController();
      const started = performance.now();
      const { data } = await client.PATCH('/agents/{agent_id}', {
        params: { path: { agent_id: 'ag_1' } },
        body: { name: 'Support' },
        parseAs: 'stream',
        signal: controller.signal,
      });
      // The caller's abort, timed from the call's start, is sent once the body is returned: a loaded
      // machine can take longer than that to answer, and the abort then cut the call, not the read.
      if (abortAfterMs !== undefined)
        setTimeout(() => controller.abort(), Math.max(0, abortAfterMs - (performance.now() - started)));
      await expect(readAll(data as unknown as ReadableStream<Uint8Array>)).rejects.toThrow();
      // Not before its time: both are 300 ms, less the timer's rounding.
      expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    }),
  );
});

describe.concurrent("a body returned unread lets go of the caller's signal", () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  test.each<[string, { given: { fault: Fault; timeoutMs: number; afterMs: number } }]>([
    // openapi-fetch reads an error status's body itself: the deadline ends with the call.
    [
      'an error status, at once',
      { given: { fault: { status: 404, body: '{}' }, timeoutMs: 60_000, afterMs: 0 } },
    ],
    // Its deadline is never cleared (the body may be read any time): its timer lets go.
    ['a body read to the end, once its time is up', { given: { fault: ok, timeoutMs: 100, afterMs: 300 } }],
  ])('%s', (_name, { given }) =>
    withServer(async (server) => {
      server.play([given.fault]);
      const client = createApiClient<paths, TestOperations>(testApi, {
        baseUrl: server.url,
        ...SECRETS,
        timeoutMs: given.timeoutMs,
      });
      const { signal } = new AbortController();
      const { data } = await client.PATCH('/agents/{agent_id}', {
        params: { path: { agent_id: 'ag_1' } },
        body: { name: 'Support' },
        parseAs: 'stream',
        signal,
      });
      if (data) await new Response(data as unknown as ReadableStream).text();
      // A timer set later than the deadline's and longer fires after it.
      await sleep(given.afterMs);
      expect(getEventListeners(signal, 'abort')).toEqual([]);
    }),
  );
});

describe.concurrent('what the logger is told, once per attempt', () => {
  type Entry = [level: string, message: string, status: number | undefined, delayed: boolean];
  test.each<[string, { given: { faults: Fault[]; abortAfterMs?: number }; want: Entry[] }]>([
    [
      '503 then 200: retrying, then the outcome',
      {
        given: { faults: [{ status: 503 }, ok] },
        want: [
          ['warn', 'retrying', 503, true],
          ['debug', 'attempt', 200, false],
        ],
      },
    ],
    [
      'a connection reset then 200',
      {
        given: { faults: [{ reset: true }, ok] },
        want: [
          ['warn', 'retrying', undefined, true],
          ['debug', 'attempt', 200, false],
        ],
      },
    ],
    [
      'a Retry-After beyond the cap: would have retried',
      {
        given: { faults: [{ status: 429, headers: { 'retry-after': '3600' } }] },
        want: [['warn', 'not retrying: Retry-After is too long', 429, false]],
      },
    ],
    [
      "the caller's abort, never retried",
      {
        given: { faults: [{ hang: true }], abortAfterMs: 50 },
        want: [['debug', 'attempt', undefined, false]],
      },
    ],
  ])('%s', (_name, { given, want }) =>
    withServer(async (server) => {
      server.play(given.faults);
      const { client, logged } = loggingClient(server.url);
      const controller = new AbortController();
      if (given.abortAfterMs !== undefined) setTimeout(() => controller.abort(), given.abortAfterMs);
      await updateAgent(client, controller.signal).catch(() => undefined);

      expect(
        logged.map(([level, message, details]) => [
          level,
          message,
          details.status,
          details.delayMs !== undefined,
        ]),
      ).toEqual(want);
      for (const [, , details] of logged) {
        expect(details).toMatchObject({
          method: 'PATCH',
          url: `${server.url}/agents/ag_1?workspace_id=${REDACTED}`,
          operationId: 'updateAgent',
        });
      }
    }),
  );
});

describe('a failed fetch is a ConnectionError whose message says why, credentials redacted', () => {
  test.each<[string, { given: (request: Request) => unknown; want: string }]>([
    [
      "undici's reason, kept one level down",
      {
        given: () => new TypeError('fetch failed', { cause: new Error('other side closed') }),
        want: 'fetch failed: other side closed',
      },
    ],
    [
      'a reason that quotes the URL, query key and all',
      {
        given: (request) =>
          new TypeError('fetch failed', { cause: new Error(`connect ECONNREFUSED ${request.url}`) }),
        want: `fetch failed: connect ECONNREFUSED https://api.example.invalid/v2/agents/ag_1?workspace_id=${REDACTED}`,
      },
    ],
    [
      'a message that quotes the bearer token',
      {
        given: (request) => new Error(`refused: ${request.headers.get('authorization')}`),
        want: `refused: Bearer ${REDACTED}`,
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const client = createApiClient<paths, TestOperations>(testApi, {
      ...SECRETS,
      maxRetries: 0,
      fetch: async (request) => {
        throw given(request);
      },
    });
    const error = (await updateAgent(client, new AbortController().signal).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe(`PATCH /agents/{agent_id} (updateAgent): ${want}`);
    for (const shown of [error.message, JSON.stringify(error), inspect(error, { depth: 10 })]) {
      expect(leakedSecrets(shown), shown).toEqual([]);
    }
  });
});

test("a ConnectionError's cause is a redacted copy that keeps name, message, stack and code, down the chain", async () => {
  const client = createApiClient<paths, TestOperations>(testApi, {
    ...SECRETS,
    maxRetries: 0,
    fetch: async (request) => {
      const socket = Object.assign(new Error(`read ECONNRESET ${request.url}`), {
        name: 'SocketError',
        code: 'ECONNRESET',
      });
      throw new TypeError('fetch failed', { cause: socket });
    },
  });
  const error = (await updateAgent(client, new AbortController().signal).catch((e: unknown) => e)) as Error;
  const cause = error.cause as Error;
  const socket = cause.cause as Error & { code?: unknown };
  expect([cause.name, cause.message, socket.name, socket.code]).toEqual([
    'TypeError',
    'fetch failed',
    'SocketError',
    'ECONNRESET',
  ]);
  expect(socket.message).toContain(REDACTED);
  expect(leakedSecrets(`${socket.message} ${socket.stack}`)).toEqual([]);
});

test.concurrent("a caller's signal used for many calls is not left holding a listener per call", () =>
  withServer(async (server) => {
    server.play([ok]);
    const client = createApiClient<paths, TestOperations>(testApi, { baseUrl: server.url, ...SECRETS });
    const { signal } = new AbortController();
    for (let call = 0; call < 20; call++) await updateAgent(client, signal);
    expect(getEventListeners(signal, 'abort')).toEqual([]);
  }),
);

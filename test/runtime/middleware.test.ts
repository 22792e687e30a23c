/**
 * A caller's middleware runs as openapi-fetch runs it: `onRequest` in order, `onError` and
 * `onResponse` in reverse, a hook's Request or Response replacing the one it got, a wrong return
 * refused with openapi-fetch's message, `use` and `eject` and a call's own `middleware`. Each case
 * runs on bare openapi-fetch and on the client's raw calls, with the same injected fetch: both
 * must give the same trace and outcome.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { describe, expect, test } from 'vitest';
import type { ApiDescription } from '../../src/runtime/api-description.js';
import { createApiClient } from '../../src/runtime/client.js';

const BASE_URL = 'https://api.example.invalid/v1';

const api: ApiDescription = {
  server: BASE_URL,
  schemes: [],
  operations: { getThing: { method: 'GET', path: '/things/{id}', security: [] } },
};

/** What happened, in order: each hook's name and what it saw, each fetch. */
type Trace = string[];

/** The middleware of a case, given the trace to write to. */
type Setup = (trace: Trace) => Middleware[];

const answer = (text: string, status = 200) =>
  new Response(JSON.stringify({ text }), { status, headers: { 'content-type': 'application/json' } });

/** Records a hook's call: its name, the request's method, URL and `x-step` header. */
const saw = (trace: Trace, name: string, request: Request, extra = '') =>
  trace.push(`${name} ${request.method} ${request.url} ${request.headers.get('x-step') ?? '-'}${extra}`);

/** Records every hook, changing nothing. */
const watcher = (trace: Trace, name: string): Middleware => ({
  onRequest: ({ request, schemaPath, params }) => {
    saw(trace, `${name}.onRequest`, request, ` ${schemaPath} ${JSON.stringify(params.path)}`);
  },
  onResponse: ({ request, response }) => {
    saw(trace, `${name}.onResponse`, request, ` ${response.status}`);
  },
  onError: ({ request, error }) => {
    saw(trace, `${name}.onError`, request, ` ${(error as Error).message}`);
  },
});

type Outcome = { data: unknown } | { error: unknown } | { throws: string };

interface Case {
  setup: Setup;
  /** The fetch's answer; a string: it throws an Error with that message. */
  fetch?: Response | string;
  want: { trace: Trace; outcome: Outcome };
  /** Where this client differs by design: a failed fetch is a ConnectionError, its cause the error. */
  ours?: Outcome;
}

const GET = `GET ${BASE_URL}/things/t1`;

describe('middleware runs as openapi-fetch runs it', () => {
  test.each<[string, Case]>([
    [
      'hooks in order, onResponse in reverse, each seeing the path template and params',
      {
        setup: (trace) => [watcher(trace, 'a'), watcher(trace, 'b')],
        want: {
          trace: [
            `a.onRequest ${GET} - /things/{id} {"id":"t1"}`,
            `b.onRequest ${GET} - /things/{id} {"id":"t1"}`,
            `fetch ${GET} -`,
            `b.onResponse ${GET} - 200`,
            `a.onResponse ${GET} - 200`,
          ],
          outcome: { data: { text: 'fetched' } },
        },
      },
    ],
    [
      "onRequest's Request replaces the request, for the next hooks and fetch",
      {
        setup: (trace) => [
          {
            onRequest: ({ request }) => {
              const changed = new Request(request, { headers: { 'x-step': 'a' } });
              return changed;
            },
          },
          watcher(trace, 'b'),
        ],
        want: {
          trace: [
            `b.onRequest ${GET} a /things/{id} {"id":"t1"}`,
            `fetch ${GET} a`,
            `b.onResponse ${GET} a 200`,
          ],
          outcome: { data: { text: 'fetched' } },
        },
      },
    ],
    [
      "onRequest's Response is the response: no fetch, no later hooks, no onResponse",
      {
        setup: (trace) => [watcher(trace, 'a'), { onRequest: () => answer('cached') }, watcher(trace, 'c')],
        want: {
          trace: [`a.onRequest ${GET} - /things/{id} {"id":"t1"}`],
          outcome: { data: { text: 'cached' } },
        },
      },
    ],
    [
      "onResponse's Response replaces the response, for the hooks before it",
      {
        setup: (trace) => [watcher(trace, 'a'), { onResponse: () => answer('replaced', 201) }],
        want: {
          trace: [
            `a.onRequest ${GET} - /things/{id} {"id":"t1"}`,
            `fetch ${GET} -`,
            `a.onResponse ${GET} - 201`,
          ],
          outcome: { data: { text: 'replaced' } },
        },
      },
    ],
    [
      "onError's Response recovers a failed fetch, and onResponse sees it",
      {
        setup: (trace) => [watcher(trace, 'a'), { onError: () => answer('recovered') }, watcher(trace, 'c')],
        fetch: 'refused',
        want: {
          trace: [
            `a.onRequest ${GET} - /things/{id} {"id":"t1"}`,
            `c.onRequest ${GET} - /things/{id} {"id":"t1"}`,
            `fetch ${GET} -`,
            `c.onError ${GET} - refused`,
            `c.onResponse ${GET} - 200`,
            `a.onResponse ${GET} - 200`,
          ],
          outcome: { data: { text: 'recovered' } },
        },
      },
    ],
    [
      "onError's Error replaces the error for the hooks before it",
      {
        setup: (trace) => [watcher(trace, 'a'), { onError: () => new Error('replaced') }],
        fetch: 'refused',
        want: {
          trace: [
            `a.onRequest ${GET} - /things/{id} {"id":"t1"}`,
            `fetch ${GET} -`,
            `a.onError ${GET} - replaced`,
          ],
          outcome: { throws: 'Error: replaced' },
        },
        ours: { throws: 'ConnectionError: GET /things/{id} (getThing): replaced (cause: replaced)' },
      },
    ],
    [
      'onRequest returning something else is refused',
      {
        setup: () => [{ onRequest: () => 'yes' as never }],
        want: {
          trace: [],
          outcome: {
            throws: 'Error: onRequest: must return new Request() or Response() when modifying the request',
          },
        },
      },
    ],
    [
      'onResponse returning something else is refused',
      {
        setup: () => [{ onResponse: () => ({}) as never }],
        want: {
          trace: [`fetch ${GET} -`],
          outcome: { throws: 'Error: onResponse: must return new Response() when modifying the response' },
        },
      },
    ],
    [
      'onError returning something else is refused',
      {
        setup: () => [{ onError: () => 'no' as never }],
        fetch: 'refused',
        want: {
          trace: [`fetch ${GET} -`],
          outcome: { throws: 'Error: onError: must return new Response() or instance of Error' },
        },
        ours: {
          throws:
            'ConnectionError: GET /things/{id} (getThing): onError: must return new Response() or instance of Error (cause: onError: must return new Response() or instance of Error)',
        },
      },
    ],
  ])('%s', async (_name, { setup, fetch: answered = answer('fetched'), want, ours = want.outcome }) => {
    const run = async (client: 'openapi-fetch' | 'ours'): Promise<{ trace: Trace; outcome: Outcome }> => {
      const trace: Trace = [];
      const fetch = async (request: Request) => {
        saw(trace, 'fetch', request);
        if (typeof answered == 'string') throw new Error(answered);
        return answered.clone();
      };
      const init = { params: { path: { id: 't1' } } };
      const middleware = setup(trace);
      let call: Promise<{ data?: unknown; error?: unknown }>;
      if (client == 'openapi-fetch') {
        const bare = createClient<any>({ baseUrl: BASE_URL, fetch });
        bare.use(...middleware);
        call = bare.GET('/things/{id}', init);
      } else {
        const own = createApiClient<any>(api, { fetch, middleware, maxRetries: 0 });
        call = (own as any).GET('/things/{id}', init);
      }
      try {
        const { data, error } = await call;
        return { trace, outcome: error === undefined ? { data } : { error } };
      } catch (thrown) {
        const { cause } = thrown as Error;
        const suffix = cause instanceof Error ? ` (cause: ${cause.message})` : '';
        return { trace, outcome: { throws: `${String(thrown)}${suffix}` } };
      }
    };
    expect(await run('openapi-fetch')).toEqual(want);
    expect(await run('ours')).toEqual({ ...want, outcome: ours });
  });
});

describe("use, eject and a call's own middleware, as in openapi-fetch", () => {
  const fetch = async () => answer('fetched');
  const marker = (trace: Trace, name: string): Middleware => ({
    onRequest: () => {
      trace.push(name);
    },
  });

  test("use adds after the options' middleware, eject removes, a call's own runs last", async () => {
    const trace: Trace = [];
    const [a, b, c, d] = ['a', 'b', 'c', 'd'].map((name) => marker(trace, name));
    const client = createApiClient<any>(api, { fetch, middleware: [a!] }) as any;
    client.use(b, undefined, c);
    client.eject(a, d);
    await client.GET('/things/{id}', { params: { path: { id: 't1' } }, middleware: [d] });
    expect(trace).toEqual(['b', 'c', 'd']);
  });

  test.each<[string, unknown]>([
    ['a function', () => undefined],
    ['an object without hooks', { onRequests: () => undefined }],
  ])('use refuses %s, as openapi-fetch does', (_name, given) => {
    const message = 'Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`';
    expect(() => createClient({ baseUrl: BASE_URL }).use(given as Middleware)).toThrow(message);
    expect(() => createApiClient(api, { middleware: [given as Middleware] })).toThrow(message);
    expect(() => (createApiClient(api, {}) as any).use(given)).toThrow(message);
  });
});

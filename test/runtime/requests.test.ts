/**
 * A raw call builds its request and reads its response as openapi-fetch does: the URL (a call's
 * `baseUrl`, a trailing slash, a serializer's leading `?`), the body (JSON, a form when the
 * Content-Type says so, FormData as it is, a call's own serializer), the headers (the client's, the
 * call's, the parameters', `null` removing one, an array repeating one), the call's other options
 * on the Request, and `data` or `error` by `parseAs`, status and length. Each case runs on bare
 * openapi-fetch and on the client's raw calls, with the same injected fetch, and both must agree.
 * The client's own choices are given to openapi-fetch too: redirects returned, not followed, and an
 * object in the query written `form`.
 */
import createClient from 'openapi-fetch';
import { describe, expect, test } from 'vitest';
import type { ApiDescription } from '../../src/runtime/api-description.js';
import { createApiClient } from '../../src/runtime/client.js';

const BASE_URL = 'https://api.example.invalid/v1/';

const api: ApiDescription = { server: BASE_URL, schemes: [], operations: {} };

const CLIENT_HEADERS = { 'x-client': 'c', 'x-removed': 'r' };

interface Case {
  method?: string;
  init: Record<string, unknown>;
  /** The response the fetch resolves. */
  answer?: () => Response;
}

/** What a request carried, and what the call resolved. */
async function observe(request: Request, result: { data?: unknown; error?: unknown }) {
  const data = result.data instanceof ReadableStream ? await new Response(result.data).text() : result.data;
  const body = request.body ? await request.text() : null;
  return {
    url: request.url,
    method: request.method,
    redirect: request.redirect,
    cache: request.cache,
    headers: [...request.headers].filter(([name]) => name != 'content-type' || !body?.startsWith('--')),
    // A multipart body differs only by its boundary.
    body: body?.replace(/-+\d+/g, '--boundary'),
    custom: (request as unknown as Record<string, unknown>).custom,
    result: { ...result, data: data instanceof Blob ? await data.text() : data },
  };
}

const json = (body: string, init?: ResponseInit) =>
  new Response(body, { ...init, headers: { 'content-type': 'application/json', ...init?.headers } });

describe('a raw call, as openapi-fetch makes and reads it', () => {
  test.each<[string, Case]>([
    [
      'a GET, its path and query parameters',
      { init: { params: { path: { id: 'a b' }, query: { q: 'x', n: ['1', '2'] } } } },
    ],
    [
      'an object in the query',
      { init: { params: { path: { id: 'a' }, query: { filter: { a: '1', b: '2' } } } } },
    ],
    [
      "a call's baseUrl, its trailing slash dropped",
      { init: { baseUrl: 'https://other.invalid/v2/', params: { path: { id: 'a' } } } },
    ],
    [
      "a call's querySerializer options, over the client's",
      {
        init: {
          params: { path: { id: 'a' }, query: { n: ['1', '2'] } },
          querySerializer: { array: { style: 'pipeDelimited', explode: false } },
        },
      },
    ],
    [
      "a call's querySerializer function, whose leading ? is dropped",
      { init: { params: { path: { id: 'a' }, query: { q: 'x' } }, querySerializer: () => '?raw=1' } },
    ],
    [
      'a JSON body',
      { method: 'PATCH', init: { params: { path: { id: 'a' } }, body: { name: 'n', list: [1] } } },
    ],
    [
      'a form body, by its Content-Type',
      {
        method: 'POST',
        init: {
          params: { path: { id: 'a' } },
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: { a: '1 2', b: 'é' },
        },
      },
    ],
    [
      'a FormData body, without a Content-Type of ours',
      {
        method: 'POST',
        init: {
          params: { path: { id: 'a' } },
          body: (() => {
            const form = new FormData();
            form.append('f', 'v');
            return form;
          })(),
        },
      },
    ],
    [
      "a call's bodySerializer, given the headers",
      {
        method: 'PUT',
        init: {
          params: { path: { id: 'a' } },
          headers: { 'x-format': 'csv' },
          body: ['a', 'b'],
          bodySerializer: (body: string[], headers: Headers) => `${headers.get('x-format')}:${body.join()}`,
        },
      },
    ],
    [
      "headers: the call's over the client's, the parameters' over both, null removing one, an array repeating one",
      {
        method: 'PATCH',
        init: {
          params: { path: { id: 'a' }, header: { 'x-param': 'p', 'x-call': 'from-param' } },
          headers: {
            'x-call': 'c',
            'x-removed': null,
            'x-many': ['1', '2'],
            'content-type': 'application/merge-patch+json',
          },
          body: {},
        },
      },
    ],
    [
      "the call's other options: fetch's on the Request, the others on it too",
      { init: { params: { path: { id: 'a' } }, cache: 'no-store', custom: 'kept' } },
    ],
    ['a 204', { init: { params: { path: { id: 'a' } } }, answer: () => new Response(null, { status: 204 }) }],
    [
      'an empty JSON body of unknown length',
      { init: { params: { path: { id: 'a' } } }, answer: () => new Response('') },
    ],
    [
      'a length of 0, not chunked',
      {
        init: { params: { path: { id: 'a' } } },
        answer: () => json('', { headers: { 'content-length': '0' } }),
      },
    ],
    [
      'a HEAD',
      {
        method: 'HEAD',
        init: { params: { path: { id: 'a' } } },
        answer: () => new Response(null, { status: 200 }),
      },
    ],
    ['parseAs text', { init: { params: { path: { id: 'a' } }, parseAs: 'text' } }],
    ['parseAs stream', { init: { params: { path: { id: 'a' } }, parseAs: 'stream' } }],
    ['parseAs blob', { init: { params: { path: { id: 'a' } }, parseAs: 'blob' } }],
    [
      'JSON of a known length',
      {
        init: { params: { path: { id: 'a' } } },
        answer: () => json('{"a":1}', { headers: { 'content-length': '7' } }),
      },
    ],
    [
      'an error body that is JSON',
      { init: { params: { path: { id: 'a' } } }, answer: () => json('{"code":"gone"}', { status: 404 }) },
    ],
    [
      'an error body that is text',
      { init: { params: { path: { id: 'a' } } }, answer: () => new Response('gone', { status: 410 }) },
    ],
  ])('%s', async (_name, { method = 'GET', init, answer = () => json('{"ok":true}') }) => {
    const run = async (client: 'openapi-fetch' | 'ours') => {
      let sent: Request | undefined;
      const fetch = async (request: Request) => {
        sent = request;
        return answer();
      };
      let result: { data?: unknown; error?: unknown };
      if (client == 'openapi-fetch') {
        const bare = createClient<any>({
          baseUrl: BASE_URL,
          fetch,
          headers: CLIENT_HEADERS,
          redirect: 'manual',
          querySerializer: { object: { style: 'form', explode: true } },
        });
        result = await bare.request(method.toLowerCase() as 'get', '/things/{id}', init);
      } else {
        const own = createApiClient<any>(api, { fetch, headers: CLIENT_HEADERS, maxRetries: 0 }) as any;
        result = await own.request(method, '/things/{id}', init);
        // An error status with no documented body resolves the client's error (raw-client.ts):
        // compared by the body it holds.
        if (result.error instanceof Error)
          result = { ...result, error: (result.error as { body?: unknown }).body };
      }
      const { response, ...rest } = result as { response: Response };
      return observe(sent!, rest);
    };
    expect(await run('ours')).toEqual(await run('openapi-fetch'));
  });
});

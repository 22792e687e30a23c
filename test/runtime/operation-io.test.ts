/**
 * What an operation function sends and resolves with, by its entry in the operations table: the
 * request's media type (`contentType`), and (`returns`) the parsed JSON body by default, nothing
 * for a success the spec gives no body, or the text of a non-JSON body.
 */
import { describe, expect, test } from 'vitest';
import { InvalidResponseError, NotFoundError } from '../../src/runtime/index.js';
import { type ApiDescription } from '../../src/runtime/api-description.js';
import { createApiClient, type OperationFunction } from '../../src/runtime/client.js';
import { asIs, formData } from '../../src/runtime/body.js';
import { perParameter } from '../../src/runtime/query.js';
import { nothing, text } from '../../src/runtime/response.js';

const api: ApiDescription = {
  server: 'https://api.example.invalid',
  schemes: [],
  operations: {
    getJson: { method: 'GET', path: '/json', security: [] },
    ping: { method: 'GET', path: '/ping', security: [], returns: nothing },
    getText: { method: 'GET', path: '/text', security: [], returns: text },
    listThings: { method: 'GET', path: '/things', security: [] },
    searchThings: {
      method: 'GET',
      path: '/search',
      security: [],
      query: {
        object: { style: 'deepObject', explode: true },
        array: { style: 'pipeDelimited', explode: false },
      },
    },
    renderText: {
      method: 'POST',
      path: '/render',
      security: [],
      contentType: 'text/plain',
      bodySerializer: asIs,
    },
    uploadForm: {
      method: 'POST',
      path: '/forms',
      security: [],
      contentType: 'application/x-www-form-urlencoded',
    },
    uploadParts: { method: 'POST', path: '/parts', security: [], bodySerializer: formData },
    updateJsonApi: {
      method: 'PATCH',
      path: '/resources/{id}',
      security: [],
      contentType: 'application/vnd.api+json',
    },
  },
};

type Outcome = { resolves: unknown } | { rejects: new (...args: never[]) => Error };

type Given = { operation: string; status: number; body: string | null; headers?: Record<string, string> };

const rows: [string, { given: Given; want: Outcome }][] = [
  [
    'JSON: the parsed body',
    { given: { operation: 'getJson', status: 200, body: '{"a":1}' }, want: { resolves: { a: 1 } } },
  ],
  [
    'JSON: an empty 200 is not JSON',
    { given: { operation: 'getJson', status: 200, body: '' }, want: { rejects: InvalidResponseError } },
  ],
  [
    'JSON: 204 resolves nothing',
    { given: { operation: 'getJson', status: 204, body: null }, want: { resolves: undefined } },
  ],
  [
    'nothing: an empty 200',
    { given: { operation: 'ping', status: 200, body: '' }, want: { resolves: undefined } },
  ],
  [
    'nothing: a 200 with a body anyway',
    { given: { operation: 'ping', status: 200, body: 'pong' }, want: { resolves: undefined } },
  ],
  [
    'nothing: a 404 still rejects',
    { given: { operation: 'ping', status: 404, body: '{}' }, want: { rejects: NotFoundError } },
  ],
  [
    'text: the body as it came',
    {
      given: { operation: 'getText', status: 200, body: 'plain words' },
      want: { resolves: 'plain words' },
    },
  ],
  [
    'text: an empty body is empty text',
    { given: { operation: 'getText', status: 200, body: '' }, want: { resolves: '' } },
  ],
  [
    // openapi-fetch hands back no data at all for this one.
    'text: an empty body said to be empty (Content-Length: 0) is empty text too',
    {
      given: { operation: 'getText', status: 200, body: '', headers: { 'content-length': '0' } },
      want: { resolves: '' },
    },
  ],
];

describe('an operation function resolves', () => {
  test.each(rows)('%s', async (_name, { given, want }) => {
    const fetch = async (): Promise<Response> =>
      new Response(given.body, { status: given.status, headers: given.headers });
    const client = createApiClient(api, { fetch, maxRetries: 0 }) as unknown as Record<
      string,
      OperationFunction
    >;
    const call = client[given.operation]!();
    if ('resolves' in want) await expect(call).resolves.toEqual(want.resolves);
    else await expect(call).rejects.toBeInstanceOf(want.rejects);
  });
});

test("an operation whose request is a +json type sends that Content-Type, over the caller's", async () => {
  const sent: Request[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    sent.push(request);
    return new Response('{}', { status: 200 });
  };
  const client = createApiClient(api, { fetch }) as unknown as Record<string, OperationFunction>;
  await client.updateJsonApi!(
    { path: { id: '7' }, body: { data: { type: 'agent' } } },
    { headers: { 'Content-Type': 'text/plain', 'x-trace': 't' } },
  );
  expect(sent.map((r) => [r.url, r.headers.get('content-type'), r.headers.get('x-trace')])).toEqual([
    ['https://api.example.invalid/resources/7', 'application/vnd.api+json', 't'],
  ]);
  expect(await sent[0]!.json()).toEqual({ data: { type: 'agent' } });
});

test("query parameters go out as OpenAPI's default serialises them: form, exploded", async () => {
  const urls: string[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    urls.push(request.url);
    return new Response('[]', { status: 200 });
  };
  const client = createApiClient(api, { fetch }) as unknown as Record<string, OperationFunction>;
  await client.listThings!({ query: { filter: { role: 'admin', team: 'a b' }, ids: [1, 2], q: 'x&y' } });
  expect(urls).toEqual(['https://api.example.invalid/things?role=admin&team=a%20b&ids=1&ids=2&q=x%26y']);
});

describe('request bodies by media type', () => {
  const send = async (operation: string, body: unknown) => {
    const sent: Request[] = [];
    const fetch = async (request: Request): Promise<Response> => {
      sent.push(request);
      return new Response('{}', { status: 200 });
    };
    const client = createApiClient(api, { fetch }) as unknown as Record<string, OperationFunction>;
    await client[operation]!({ body });
    return sent[0]!;
  };

  test('text: the string itself, as text/plain', async () => {
    const request = await send('renderText', '# Hello "world"');
    expect(request.headers.get('content-type')).toBe('text/plain');
    expect(await request.text()).toBe('# Hello "world"');
  });

  test('a form: URL-encoded by openapi-fetch under its Content-Type', async () => {
    const request = await send('uploadForm', { name: 'a b', lang: 'es' });
    expect(request.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
    expect(await request.text()).toBe('name=a+b&lang=es');
  });

  test('multipart: one part per property, files as files, and the boundary from fetch', async () => {
    const request = await send('uploadParts', {
      name: 'agent',
      tags: ['a', 'b'],
      config: { on: true },
      file: new Blob(['bytes'], { type: 'audio/wav' }),
      skipped: null,
    });
    expect(request.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
    const form = await request.formData();
    expect([...form.keys()]).toEqual(['name', 'tags', 'tags', 'config', 'file']);
    expect(form.getAll('tags')).toEqual(['a', 'b']);
    expect(form.get('config')).toBe('{"on":true}');
    expect(await (form.get('file') as Blob).text()).toBe('bytes');
  });
});

describe('multipart bodies', () => {
  const form = new FormData();
  form.append('name', 'agent');
  form.append('file', new Blob(['bytes']), 'a.wav');
  test.each<[string, { given: unknown; want: [string, string][] }]>([
    [
      'a property left undefined sends no part',
      { given: { name: 'agent', note: undefined }, want: [['name', 'agent']] },
    ],
    [
      'undefined items of an array send no part',
      {
        given: { tags: ['a', undefined, 'b'] },
        want: [
          ['tags', 'a'],
          ['tags', 'b'],
        ],
      },
    ],
    [
      'FormData goes as given',
      {
        given: form,
        want: [
          ['name', 'agent'],
          ['file', 'a.wav'],
        ],
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    const sent: Request[] = [];
    const fetch = async (request: Request): Promise<Response> => {
      sent.push(request);
      return new Response('{}', { status: 200 });
    };
    const client = createApiClient(api, { fetch }) as unknown as Record<string, OperationFunction>;
    await client.uploadParts!({ body: given });
    const parts = [...(await sent[0]!.formData())].map(([name, value]): [string, string] => [
      name,
      typeof value == 'string' ? value : value.name,
    ]);
    expect(parts).toEqual(want);
  });
});

test('parameters of one kind that ask for different ways are each written their own', async () => {
  const urls: string[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    urls.push(request.url);
    return new Response('[]', { status: 200 });
  };
  const mixed: ApiDescription = {
    ...api,
    operations: {
      search: {
        method: 'GET',
        path: '/search',
        security: [],
        query: perParameter({
          ids: { array: { style: 'pipeDelimited', explode: false } },
          'a%20b': { object: { style: 'deepObject', explode: true } },
        }),
      },
    },
  };
  const client = createApiClient(mixed, { fetch }) as unknown as Record<string, OperationFunction>;
  await client.search!({
    query: { ids: [1, 2], tags: ['x', 'y'], 'a b': { k: 'v' }, o: { p: 'q' }, skip: undefined, q: 'z&' },
  });
  expect(urls).toEqual(['https://api.example.invalid/search?ids=1|2&tags=x&tags=y&a%20b[k]=v&p=q&q=z%26']);
});

test("an operation's own query serialisation, in both call styles (a call's own querySerializer replaces it)", async () => {
  const urls: string[] = [];
  const fetch = async (request: Request): Promise<Response> => {
    urls.push(request.url);
    return new Response('[]', { status: 200 });
  };
  const client = createApiClient(api, { fetch });
  const query = { filter: { role: 'admin' }, ids: [1, 2] };
  await (client as unknown as Record<string, OperationFunction>).searchThings!({ query });
  await client.GET('/search', { params: { query } });
  await client.GET('/search', {
    params: { query },
    querySerializer: { object: { style: 'form', explode: true } },
  });
  expect(urls).toEqual([
    'https://api.example.invalid/search?filter[role]=admin&ids=1|2',
    'https://api.example.invalid/search?filter[role]=admin&ids=1|2',
    // The call's own options replace the operation's; openapi-fetch merges them over the client's.
    'https://api.example.invalid/search?role=admin&ids=1&ids=2',
  ]);
});

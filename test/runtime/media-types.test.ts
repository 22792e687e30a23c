/**
 * Bodies that are not JSON, against a real local server that checks what arrives and sends what
 * vendors send: multipart uploads (boundaries, file names, part types), forms, bytes; binary
 * responses as a Blob or a stream, text, and server-sent events. A body read after its response
 * arrived stays under the call's timeout and signal, and its failures are the client's errors,
 * redacted.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ConnectionError, NotFoundError, TimeoutError } from '../../src/runtime/index.js';
import type { ApiDescription } from '../../src/runtime/api-description.js';
import { httpBearer } from '../../src/runtime/auth.js';
import { asIs, formData, sentAsDescribed, urlEncoded } from '../../src/runtime/body.js';
import { createApiClient, type OperationFunction } from '../../src/runtime/client.js';
import { bytes, events, nothing, text, type ServerSentEvent } from '../../src/runtime/response.js';
import { startMediaServer, write, type MediaServer, type ReceivedRequest } from './media-server.js';
import { leakedSecrets, printed, SECRETS } from './test-api.js';

const bearer = httpBearer('token');
const api: ApiDescription = {
  server: 'https://api.example.invalid',
  schemes: [bearer],
  operations: {
    upload: {
      method: 'POST',
      path: '/upload',
      security: [[bearer]],
      bodySerializer: (body) => formData(body, { meta: { type: 'application/json' } }),
      raw: sentAsDescribed,
    },
    submitForm: {
      method: 'POST',
      path: '/form',
      security: [],
      contentType: 'application/x-www-form-urlencoded',
      bodySerializer: (body) =>
        urlEncoded(body, { filter: { style: 'deepObject' }, ids: { explode: false } }),
      raw: sentAsDescribed,
    },
    putBytes: {
      method: 'PUT',
      path: '/bytes',
      security: [],
      contentType: 'application/octet-stream',
      bodySerializer: asIs,
      raw: sentAsDescribed,
    },
    getAudio: { method: 'GET', path: '/audio', security: [[bearer]], returns: bytes },
    getTranscript: { method: 'GET', path: '/transcript', security: [[bearer]], returns: text },
    streamEvents: { method: 'GET', path: '/events', security: [[bearer]], returns: events },
    deleteThing: { method: 'DELETE', path: '/thing', security: [], returns: nothing },
  },
};

let server: MediaServer;
beforeAll(async () => {
  server = await startMediaServer();
  server.on('/upload', (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
  );
  server.on('/form', (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}'),
  );
  server.on('/bytes', (_request, response) => response.writeHead(204).end());
});
afterAll(() => server.close());

const client = (options: Record<string, unknown> = {}): Record<string, OperationFunction> =>
  createApiClient(api, {
    token: SECRETS.token,
    baseUrl: server.url,
    maxRetries: 0,
    ...options,
  }) as unknown as Record<string, OperationFunction>;

/** The request the server received last for `path`. */
const lastTo = (path: string): ReceivedRequest =>
  server.received.filter((request) => request.url === path).at(-1)!;

/** A received multipart body parsed back with undici's own parser: each part's name, file name, type and content. */
async function parts(request: ReceivedRequest): Promise<[string, string | undefined, string, string][]> {
  const form = await new Response(new Uint8Array(request.body), {
    headers: { 'content-type': String(request.headers['content-type']) },
  }).formData();
  return Promise.all(
    [...form].map(async ([name, value]): Promise<[string, string | undefined, string, string]> =>
      typeof value == 'string'
        ? [name, undefined, '', value]
        : [name, value.name, value.type, Buffer.from(await value.arrayBuffer()).toString('latin1')],
    ),
  );
}

describe('multipart/form-data', () => {
  test('files, bytes, text, arrays and objects, each part as OpenAPI says, one boundary', async () => {
    const audio = randomBytes(64);
    await client().upload!({
      body: {
        file: new File([audio], 'voice sample "1".mp3', { type: 'audio/mpeg' }),
        blob: new Blob(['plain blob']),
        buffer: Buffer.from('from a buffer'),
        name: 'Reception',
        count: 3,
        enabled: false,
        labels: ['a', 'b'],
        samples: [new File(['one'], 'one.wav', { type: 'audio/wav' }), new File(['two'], 'two.wav')],
        settings: { stability: 0.5 },
        meta: { source: 'test' },
        skipped: null,
        absent: undefined,
      },
    });
    const request = lastTo('/upload');
    const type = String(request.headers['content-type']);
    expect(type).toMatch(/^multipart\/form-data; boundary=/);
    const boundary = type.split('boundary=')[1]!;
    // One boundary per part, and the closing one.
    expect(request.body.toString('latin1').split(`--${boundary}`).length - 1).toBe(13);
    expect(await parts(request)).toEqual([
      ['file', 'voice sample "1".mp3', 'audio/mpeg', audio.toString('latin1')],
      ['blob', 'blob', 'application/octet-stream', 'plain blob'],
      ['buffer', 'blob', 'application/octet-stream', 'from a buffer'],
      ['name', undefined, '', 'Reception'],
      ['count', undefined, '', '3'],
      ['enabled', undefined, '', 'false'],
      ['labels', undefined, '', 'a'],
      ['labels', undefined, '', 'b'],
      ['samples', 'one.wav', 'audio/wav', 'one'],
      ['samples', 'two.wav', 'application/octet-stream', 'two'],
      // An object goes as JSON text; one whose encoding names a type, as a part of that type.
      ['settings', undefined, '', '{"stability":0.5}'],
      ['meta', 'blob', 'application/json', '{"source":"test"}'],
    ]);
    // The credential goes in the header, never in a part.
    expect(request.headers.authorization).toBe(`Bearer ${SECRETS.token}`);
    // The file name on the wire, as FormData escapes its quotes.
    expect(request.body.toString('latin1')).toContain('filename="voice sample %221%22.mp3"');
  });

  test('FormData goes as given', async () => {
    const form = new FormData();
    form.append('file', new File(['x'], 'x.txt', { type: 'text/plain' }));
    await client().upload!({ body: form });
    expect(await parts(lastTo('/upload'))).toEqual([['file', 'x.txt', 'text/plain', 'x']]);
  });
});

test('application/x-www-form-urlencoded: exploded arrays and objects, and what the encoding asks for', async () => {
  await client().submitForm!({
    body: {
      To: '+1 555 0100',
      StatusCallbackEvent: ['initiated', 'ringing'],
      ids: [1, 2],
      filter: { role: 'admin', team: 'a&b' },
      options: { lang: 'es' },
      'odd key=&': 'v',
      nothing: null,
    },
  });
  const request = lastTo('/form');
  expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
  expect(request.body.toString()).toBe(
    'To=%2B1+555+0100&StatusCallbackEvent=initiated&StatusCallbackEvent=ringing&ids=1%2C2' +
      '&filter%5Brole%5D=admin&filter%5Bteam%5D=a%26b&lang=es&odd+key%3D%26=v',
  );
  expect([...new URLSearchParams(request.body.toString())]).toEqual([
    ['To', '+1 555 0100'],
    ['StatusCallbackEvent', 'initiated'],
    ['StatusCallbackEvent', 'ringing'],
    ['ids', '1,2'],
    ['filter[role]', 'admin'],
    ['filter[team]', 'a&b'],
    ['lang', 'es'],
    ['odd key=&', 'v'],
  ]);
});

test('application/octet-stream: the bytes as given, under the spec media type', async () => {
  const payload = randomBytes(1024);
  await client().putBytes!({ body: new Blob([payload]) });
  const request = lastTo('/bytes');
  expect(request.headers['content-type']).toBe('application/octet-stream');
  expect(request.body.equals(payload)).toBe(true);
});

describe("raw calls to an operation's path send its body as its media type says", () => {
  type Raw = (path: string, init: Record<string, unknown>) => Promise<unknown>;
  const POST = (): Raw => (client() as unknown as { POST: Raw }).POST;
  const PUT = (): Raw => (client() as unknown as { PUT: Raw }).PUT;
  const form = { To: '+1 555 0100', ids: [1, 2], filter: { role: 'admin' } };
  test.each([
    // [what, path, call, expected content type (a pattern), expected body]
    [
      'a form',
      '/form',
      () => POST()('/form', { body: form }),
      /^application\/x-www-form-urlencoded$/,
      'To=%2B1+555+0100&ids=1%2C2&filter%5Brole%5D=admin',
    ],
    [
      'bytes',
      '/bytes',
      () => PUT()('/bytes', { body: new Blob(['\x00\x01']) }),
      /^application\/octet-stream$/,
      '\x00\x01',
    ],
    [
      'multipart',
      '/upload',
      () => POST()('/upload', { body: { name: 'x', meta: { a: 1 } } }),
      /^multipart\/form-data; boundary=/,
      undefined,
    ],
    // The call's own serializer or Content-Type wins, as in openapi-fetch.
    [
      'its own bodySerializer',
      '/form',
      () => POST()('/form', { body: form, bodySerializer: () => 'mine' }),
      /^application\/json$/,
      'mine',
    ],
    [
      'its own Content-Type',
      '/form',
      () => POST()('/form', { body: { a: 1 }, headers: { 'Content-Type': 'application/json' } }),
      /^application\/json$/,
      '{"a":1}',
    ],
  ] as const)('%s', async (_what, path, call, type, body) => {
    await call();
    const request = lastTo(path);
    expect(String(request.headers['content-type'])).toMatch(type);
    if (body !== undefined) expect(request.body.toString('latin1')).toBe(body);
    else
      expect(await parts(request)).toEqual([
        ['name', undefined, '', 'x'],
        ['meta', 'blob', 'application/json', '{"a":1}'],
      ]);
  });
});

describe('binary responses', () => {
  const audio = randomBytes(256 * 1024);
  beforeAll(() =>
    server.on('/audio', (_request, response) =>
      response.writeHead(200, { 'content-type': 'audio/mpeg' }).end(audio),
    ),
  );

  test('a Blob by default, whose type is the Content-Type: never parsed as JSON', async () => {
    const blob = (await client().getAudio!()) as Blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('audio/mpeg');
    expect(Buffer.from(await blob.arrayBuffer()).equals(audio)).toBe(true);
  });

  test("`{ as: 'stream' }`: a ReadableStream of the bytes", async () => {
    const stream = (await client().getAudio!({}, { as: 'stream' } as never)) as ReadableStream<Uint8Array>;
    expect(stream).toBeInstanceOf(ReadableStream);
    const read = Buffer.from(await new Response(stream).arrayBuffer());
    expect(read.equals(audio)).toBe(true);
  });

  test('an error status is still the typed error, its body parsed and redacted', async () => {
    server.on('/audio-missing', (request, response) =>
      response
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ detail: 'voice not found', got: request.headers.authorization })),
    );
    const missing: ApiDescription = {
      ...api,
      operations: { getAudio: { ...api.operations.getAudio!, path: '/audio-missing' } },
    };
    const call = (
      createApiClient(missing, { token: SECRETS.token, baseUrl: server.url }) as unknown as Record<
        string,
        OperationFunction
      >
    ).getAudio!();
    const error = await call.catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as NotFoundError).body).toEqual({ detail: 'voice not found', got: 'Bearer [REDACTED]' });
  });
});

test('text: the body as text, whatever it says', async () => {
  server.on('/transcript', (_request, response) =>
    response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('{"not": "parsed"} — ¿sí?'),
  );
  expect(await client().getTranscript!()).toBe('{"not": "parsed"} — ¿sí?');
});

test('nothing: a success the spec gives no body resolves with nothing, whatever came', async () => {
  server.on('/thing', (_request, response) =>
    response.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>'),
  );
  await expect(client().deleteThing!()).resolves.toBeUndefined();
});

describe('server-sent events', () => {
  test('an async iterable of the events, as they arrive', async () => {
    server.on('/events', async (request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      // A comment, multi-line data, an id and a retry, a CRLF split across writes, and a
      // character split between its bytes.
      await write(response, ': keep-alive\n\nevent: delta\ndata: {"text":"Hol');
      await write(response, 'a"}\nid: 1\n\ndata: line one\r');
      const euro = Buffer.from('data: 5 €\n\n');
      await write(
        response,
        Buffer.concat([Buffer.from('\ndata: line two\n\nretry: 3000\n'), euro.subarray(0, 9)]),
      );
      await write(response, euro.subarray(9));
      response.end(
        `data: ${request.headers.authorization === `Bearer ${SECRETS.token}` ? 'authorised' : 'anonymous'}\n\n`,
      );
    });
    const received: ServerSentEvent[] = [];
    for await (const event of (await client().streamEvents!()) as AsyncIterable<ServerSentEvent>)
      received.push(event);
    expect(received).toEqual([
      { event: 'delta', data: '{"text":"Hola"}', id: '1' },
      { event: 'message', data: 'line one\nline two', id: '1' },
      { event: 'message', data: '5 €', id: '1', retry: 3000 },
      { event: 'message', data: 'authorised', id: '1' },
    ]);
  });

  test('leaving the loop early cancels the body: the server sees the connection close', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    server.on('/events', async (_request, response) => {
      response.on('close', closed);
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      await write(response, 'data: first\n\n');
      // ...and never ends.
    });
    for await (const event of (await client().streamEvents!()) as AsyncIterable<ServerSentEvent>) {
      expect(event.data).toBe('first');
      break;
    }
    await connectionClosed;
  });

  test("`{ as: 'stream' }`: the bytes as they came", async () => {
    server.on('/events', (_request, response) =>
      response.writeHead(200, { 'content-type': 'text/event-stream' }).end('data: raw\n\n'),
    );
    const stream = (await client().streamEvents!({}, {
      as: 'stream',
    } as never)) as ReadableStream<Uint8Array>;
    expect(await new Response(stream).text()).toBe('data: raw\n\n');
  });
});

describe('a body read after its response arrived', () => {
  /** Sends the headers and a first chunk of an endless body, then nothing more. */
  const stall =
    (type: string, first: string) =>
    (_request: ReceivedRequest, response: import('node:http').ServerResponse) => {
      response.writeHead(200, { 'content-type': type });
      response.write(first);
    };

  // Side by side: each waits its 300 ms out, which one after another left a core idle for 1.2 s.
  test.concurrent.for<[string, string, string, string, object]>([
    ['a Blob', 'getAudio', '/audio-stall', 'audio/mpeg', {}],
    ['a stream', 'getAudio', '/audio-stall', 'audio/mpeg', { as: 'stream' }],
    ['events', 'streamEvents', '/events-stall', 'text/event-stream', {}],
    ['text', 'getTranscript', '/text-stall', 'text/plain', {}],
  ])(
    'stays under timeoutMs: %s times out with a TimeoutError',
    async ([, operation, path, type, options], { expect }) => {
      server.on(path, stall(type, 'data: partial\n\n'));
      const stalling: ApiDescription = {
        ...api,
        operations: { [operation]: { ...api.operations[operation]!, path } },
      };
      const call = (
        createApiClient(stalling, {
          token: SECRETS.token,
          baseUrl: server.url,
          timeoutMs: 300,
        }) as unknown as Record<string, OperationFunction>
      )[operation]!({}, options as never);
      const error = await call.then(consume).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(TimeoutError);
      expect((error as Error).message).toMatch(/no response within 300 ms/);
      expect(leakedSecrets(printed(error))).toEqual([]);
    },
  );

  test('a connection cut mid-body is a ConnectionError, redacted, never the raw failure', async () => {
    server.on('/audio-cut', (request, response) => {
      response.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': '100000' });
      // What a hostile server would echo: the credential, in the bytes before it hangs up.
      response.write(String(request.headers.authorization), () => response.socket?.destroy());
    });
    const cut: ApiDescription = {
      ...api,
      operations: { getAudio: { ...api.operations.getAudio!, path: '/audio-cut' } },
    };
    const make = () =>
      createApiClient(cut, { token: SECRETS.token, baseUrl: server.url }) as unknown as Record<
        string,
        OperationFunction
      >;
    for (const options of [{}, { as: 'stream' }]) {
      const error = await make().getAudio!({}, options as never)
        .then(consume)
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error).not.toBeInstanceOf(TimeoutError);
      expect(leakedSecrets(printed(error))).toEqual([]);
    }
  });

  test("the caller's abort ends the read with the caller's reason", async () => {
    server.on('/events-abort', stall('text/event-stream', 'data: one\n\n'));
    const aborting: ApiDescription = {
      ...api,
      operations: { streamEvents: { ...api.operations.streamEvents!, path: '/events-abort' } },
    };
    const controller = new AbortController();
    const reason = new Error('the caller gave up');
    const iterable = (await (
      createApiClient(aborting, { token: SECRETS.token, baseUrl: server.url }) as unknown as Record<
        string,
        OperationFunction
      >
    ).streamEvents!({}, { signal: controller.signal })) as AsyncIterable<ServerSentEvent>;
    const seen: string[] = [];
    const error = await (async () => {
      for await (const event of iterable) {
        seen.push(event.data);
        controller.abort(reason);
      }
    })().catch((thrown: unknown) => thrown);
    expect(seen).toEqual(['one']);
    expect(error).toBe(reason);
  });
});

/** Reads what an operation resolved with to its end, as a caller would: a stream, events, or a Blob. */
async function consume(value: unknown): Promise<void> {
  if (value instanceof ReadableStream) await new Response(value).arrayBuffer();
  else if (value && typeof value == 'object' && Symbol.asyncIterator in value)
    for await (const _event of value as AsyncIterable<unknown>);
}

describe('the event stream format, chunk by chunk', () => {
  /** The events of a body that arrives in these chunks. */
  async function parse(chunks: (string | Uint8Array)[]): Promise<ServerSentEvent[]> {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks)
          controller.enqueue(typeof chunk == 'string' ? encoder.encode(chunk) : chunk);
        controller.close();
      },
    });
    const response = new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    const target = { method: 'GET', path: '/events' };
    const settings = { timeoutMs: 1000, maxRetries: 0, retryDelayMs: 0 };
    const iterable = events(
      { response },
      target,
      (value) => value,
      undefined,
      settings,
    ) as AsyncIterable<ServerSentEvent>;
    const found: ServerSentEvent[] = [];
    for await (const event of iterable) found.push(event);
    return found;
  }

  test.each<[string, { given: (string | Uint8Array)[]; want: ServerSentEvent[] }]>([
    ['LF', { given: ['data: a\n\ndata: b\n\n'], want: [m('a'), m('b')] }],
    ['CRLF, split between its two characters', { given: ['data: a\r', '\n\r\n'], want: [m('a')] }],
    ['CR alone', { given: ['data: a\r\rdata: b\r\r'], want: [m('a'), m('b')] }],
    ['a CR last in the stream ends the line', { given: ['data: a\r\r'], want: [m('a')] }],
    ['an event without its empty line is dropped', { given: ['data: a\n\ndata: b\n'], want: [m('a')] }],
    ['an unterminated last line is dropped', { given: ['data: a\n\ndata: b'], want: [m('a')] }],
    [
      'a byte order mark at the start is not part of the first field',
      { given: ['\uFEFFdata: a\n\n'], want: [m('a')] },
    ],
    ['comments are skipped', { given: [':ping\n: more\ndata: a\n\n'], want: [m('a')] }],
    [
      'one space after the colon is dropped, no more',
      { given: ['data:a\ndata:  b\n\n'], want: [m('a\n b')] },
    ],
    [
      'a field without a colon is a field with an empty value',
      { given: ['data\ndata\n\n'], want: [m('\n')] },
    ],
    ['an event with no data is not dispatched', { given: ['event: ping\n\ndata: a\n\n'], want: [m('a')] }],
    [
      'the id carries over; one with a NUL is ignored; retry must be digits',
      {
        given: ['id: 7\ndata: a\n\nid: x\0y\nretry: soon\ndata: b\n\nretry: 10\ndata: c\n\n'],
        want: [
          { event: 'message', data: 'a', id: '7' },
          { event: 'message', data: 'b', id: '7' },
          { event: 'message', data: 'c', id: '7', retry: 10 },
        ],
      },
    ],
    ['unknown fields are ignored', { given: ['foo: bar\ndata: a\n\n'], want: [m('a')] }],
    [
      'a character split between chunks',
      {
        given: [new Uint8Array([100, 97, 116, 97, 58, 32, 0xe2, 0x82]), new Uint8Array([0xac, 10, 10])],
        want: [m('€')],
      },
    ],
  ])('%s', async (_name, { given, want }) => {
    expect(await parse(given)).toEqual(want);
  });
});

/** A `message` event with `data`. */
function m(data: string): ServerSentEvent {
  return { event: 'message', data };
}

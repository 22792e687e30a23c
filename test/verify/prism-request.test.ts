/**
 * `requestPrism`, verify's request to Prism without `fetch`: a server receives from it what it
 * receives from `fetch` (the same headers, in the same order, and body), and its answer reads as
 * `fetch` reads it (status, joined headers, decompressed text); an abort rejects with the signal's reason.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync, deflateSync, brotliCompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPrism } from '../../src/verify/prism-request.js';

interface Received {
  method: string;
  url: string;
  rawHeaders: string[];
  body: string;
}

let server: Server;
let base: string;
const received: Received[] = [];
/** How the server answers the next request. */
let answer: (response: ServerResponse) => void = (response) => response.end();

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        method: request.method!,
        url: request.url!,
        // `host` and `connection` are the connection's to Prism (undici's pool, Node's agent), not
        // passed on: Prism and the relay send their own upstream.
        rawHeaders: request.rawHeaders.filter(
          (_, i, all) => !['host', 'connection'].includes(all[i - (i % 2)]!.toLowerCase()),
        ),
        body: Buffer.concat(chunks).toString(),
      });
      answer(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('what the server receives', () => {
  const rows: [string, { method: string; headers: Record<string, string>; body?: string }][] = [
    ['a GET without a body', { method: 'GET', headers: { authorization: 'Bearer t' } }],
    [
      'a PATCH with a JSON body',
      { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"name":"é"}' },
    ],
    ['a PATCH without a body', { method: 'PATCH', headers: { 'x-api-key': 'k' } }],
    ['a DELETE without a body', { method: 'DELETE', headers: {} }],
    ['a POST without a body', { method: 'POST', headers: {} }],
    [
      'its own accept and user-agent',
      { method: 'GET', headers: { accept: 'application/json', 'user-agent': 'me' } },
    ],
  ];

  it.each(rows)('%s: as from fetch', async (_name, init) => {
    answer = (response) => response.end();
    received.length = 0;
    const signal = AbortSignal.timeout(30_000);
    await (await fetch(`${base}/v1/x?q=1`, { ...init, signal })).text();
    await requestPrism(`${base}/v1/x?q=1`, { ...init, signal });
    expect(received).toHaveLength(2);
    expect(received[1]).toEqual(received[0]);
  });
});

describe('the answer', () => {
  const text = '{"title":"Prism failed","detail":"ünïcode"}';
  const rows: [string, { given: (response: ServerResponse) => void }][] = [
    ['plain', { given: (response) => response.writeHead(500, { 'x-two': ['a', 'b'] }).end(text) }],
    [
      'gzip',
      { given: (response) => response.writeHead(502, { 'content-encoding': 'gzip' }).end(gzipSync(text)) },
    ],
    [
      'deflate',
      {
        given: (response) =>
          response.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(text)),
      },
    ],
    [
      'br',
      {
        given: (response) =>
          response.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(text)),
      },
    ],
  ];

  it.each(rows)('%s: reads as fetch reads it', async (_name, { given }) => {
    answer = given;
    const signal = AbortSignal.timeout(30_000);
    const viaFetch = await fetch(`${base}/`, { signal });
    const want = {
      status: viaFetch.status,
      encoding: viaFetch.headers.get('content-encoding'),
      two: viaFetch.headers.get('x-two'),
      missing: viaFetch.headers.get('x-none'),
      text: await viaFetch.text(),
    };
    const got = await requestPrism(`${base}/`, { method: 'GET', headers: {}, signal });
    expect({
      status: got.status,
      encoding: got.header('Content-Encoding'),
      two: got.header('x-two'),
      missing: got.header('x-none'),
      text: got.text,
    }).toEqual(want);
    expect(got.text).toBe(text);
  });

  it('an abort while the server has not answered rejects with the signal’s reason', async () => {
    answer = () => undefined; // never answers
    received.length = 0;
    const stop = new AbortController();
    const sent = requestPrism(`${base}/`, { method: 'GET', headers: {}, signal: stop.signal });
    await expect.poll(() => received.some((request) => request.url === '/')).toBe(true);
    stop.abort(new DOMException('no answer in time', 'TimeoutError'));
    await expect(sent).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('an abort mid-body rejects with the signal’s reason', async () => {
    const stop = new AbortController();
    answer = (response) => {
      response.writeHead(200, { 'content-length': '100' });
      response.write('{"partial":', () => stop.abort(new DOMException('stopped', 'AbortError')));
    };
    const sent = requestPrism(`${base}/`, { method: 'GET', headers: {}, signal: stop.signal });
    await expect(sent).rejects.toMatchObject({ name: 'AbortError', message: 'stopped' });
  });
});

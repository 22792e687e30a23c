/**
 * One request to the Prism proxy, with `node:http`: what `fetch` sent and read, without loading it.
 * Node's `fetch` (undici) compiles its HTTP parser, a WebAssembly module, on its first call: about
 * a quarter of a CPU-second and 40 MB of memory touched, more than everything else a `verify` run of
 * a few requests does besides Prism.
 *
 * What reaches the upstream is what `fetch` sent: its default headers, unless the request has its
 * own, and its `content-length`. Its answer is decoded as `fetch` decoded it.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** The headers `fetch` adds to a request that does not set them, in its order. */
const FETCH_DEFAULTS: Readonly<Record<string, string>> = {
  accept: '*/*',
  'accept-language': '*',
  'sec-fetch-mode': 'cors',
  'user-agent': 'node',
  'accept-encoding': 'gzip, deflate',
};

/** The methods `fetch` sends `content-length: 0` for when they have no body. */
const EXPECTS_BODY = new Set(['POST', 'PUT', 'PATCH']);

export interface PrismAnswer {
  status: number;
  /** Header values by lower-cased name; several of one name joined by `, `, as `fetch` joined them. */
  header(name: string): string | null;
  /** The body as text, decompressed by its `content-encoding`. */
  text: string;
}

/** An abort of `signal` rejects with its reason, as `fetch` rejected (`TimeoutError` for `AbortSignal.timeout`). */
export function requestPrism(
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal },
): Promise<PrismAnswer> {
  const { signal } = init;
  return new Promise<PrismAnswer>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const headers: Record<string, string> = { ...init.headers };
    for (const [name, value] of Object.entries(FETCH_DEFAULTS)) if (!(name in headers)) headers[name] = value;
    const body = init.body === undefined ? undefined : Buffer.from(init.body);
    // Without a body, `fetch` sends a length of 0 only for the methods that expect one.
    if (body !== undefined || EXPECTS_BODY.has(init.method.toUpperCase()))
      headers['content-length'] = String(body?.length ?? 0);
    const request = httpRequest(url, { method: init.method, headers });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      outcome();
    };
    const fail = (error: unknown) => settle(() => reject(signal.aborted ? signal.reason : error));
    const onAbort = () => request.destroy(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    request.once('error', fail);
    // Whatever ends the exchange before the answer's end (an abort mid-body, a reset).
    request.once('close', () => fail(new Error('the connection closed before the answer ended')));
    request.once('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('error', fail);
      response.once('end', () => {
        try {
          const text = decoded(Buffer.concat(chunks), response.headers['content-encoding']).toString('utf8');
          const status = response.statusCode ?? 0;
          settle(() => resolve({ status, header: (name) => joined(response.headers, name), text }));
        } catch (error) {
          fail(error);
        }
      });
    });
    request.end(body);
  });
}

function joined(headers: IncomingHttpHeaders, name: string): string | null {
  const value = headers[name.toLowerCase()];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/** The body under its codings, last applied first undone. */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  const codings = (encoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  return codings.reduceRight((data, coding) => {
    if (coding === 'gzip' || coding === 'x-gzip') return gunzipSync(data);
    if (coding === 'deflate') return inflateSync(data);
    if (coding === 'br') return brotliDecompressSync(data);
    return data; // as `fetch` leaves a coding it does not know
  }, body);
}

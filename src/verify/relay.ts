/**
 * A relay between Prism and the upstream, on 127.0.0.1: Prism proxies to it, and it forwards each
 * request as it came to the real upstream (http or https) and records what the upstream did.
 *
 * Prism alone hides that: it follows redirects (its node-fetch sends the Authorization header to
 * the redirect target), answers an unparsable upstream body with a problem of its own, hangs when
 * the upstream resets mid-body, and its own problems look like ones an upstream can send. With the
 * relay, `check.ts` knows per request whether the upstream answered, with what, and whether the
 * answer Prism returns is the upstream's (it carries the relay's random tag) or Prism's own.
 *
 * The relay buffers each answer before passing it on, so Prism never sees a body cut short (it gets
 * a 502 of the relay's instead), and it passes a redirect on without its Location, so Prism
 * cannot follow it (Prism 5.14 has no option to stop following). It also withholds the headers
 * Prism's verdict travels in (`VERDICT_HEADERS`), which Prism would pass on as its own.
 */
import { randomUUID } from 'node:crypto';
import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ClientRequest,
  type OutgoingHttpHeaders,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

/** Set by `check.ts` on each request so its exchange can be found; removed before forwarding. */
export const EXCHANGE_ID_HEADER = 'x-verify-exchange';

/** What the upstream did with one request. */
export interface UpstreamExchange {
  /** Whether it is over: answered whole, or broken off. */
  done: boolean;
  /** The upstream's answer, once its status line and headers arrived. */
  response?: {
    status: number;
    contentType?: string;
    /** Where a redirect pointed; removed from what Prism gets. */
    location?: string;
    /** The body as received so far, decoded when it was compressed. */
    body: Buffer;
    /** The length the upstream announced, if it did. */
    contentLength?: number;
    /** False when the connection closed before the body ended. */
    complete: boolean;
  };
  /** Why the exchange broke off: before an answer (refused, reset, TLS) or mid-body. */
  error?: string;
  /** The `VERDICT_HEADERS` the upstream's answer carried, withheld from Prism; absent when none. */
  withheld?: string[];
}

export interface Relay {
  /** Where Prism sends requests: the relay's address with the upstream's base path. */
  url: string;
  /** The exchange of a request `check.ts` sent with `EXCHANGE_ID_HEADER: id`; absent if it never arrived. */
  exchange(id: string): UpstreamExchange | undefined;
  /**
   * The header that marks an answer Prism passed on from the upstream. Its value is random per
   * relay and any header of that name from the upstream is replaced, so the upstream cannot forge it.
   */
  tag: { name: string; value: string };
  /** Stops listening and breaks off the exchanges still under way. */
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection; Node sets its own on the next one.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const TAG = 'x-verify-relay';

/**
 * Response headers that carry the verdict from Prism to `check.ts`. Prism 5.14 sets `sl-violations`
 * and then copies the upstream's headers over its own (`prism-http-server`, `createServer`), so an
 * upstream's `sl-violations` (a vendor's own Prism sandbox sends one) would replace Prism's findings,
 * hide them when it is empty, or invent some; the relay's tag would mark Prism's answer as the
 * upstream's. Of the rest, Prism reads `content-type` (what it validates the body as, as it should),
 * `content-encoding` (it decodes and drops it), `location` (withheld above) and the 501 status.
 */
const VERDICT_HEADERS = ['sl-violations', TAG] as const;

export async function startRelay(upstream: URL): Promise<Relay> {
  const exchanges = new Map<string, UpstreamExchange>();
  const outgoing = new Set<ClientRequest>();
  const tag = { name: TAG, value: randomUUID() };
  const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;

  const server = createServer((incoming, reply) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const id = String(incoming.headers[EXCHANGE_ID_HEADER] ?? '');
      const exchange: UpstreamExchange = { done: false };
      if (id) exchanges.set(id, exchange);
      const fail = (reason: string) => {
        // A 502 of the relay's own, without the tag: `check.ts` reads what happened from `exchange`.
        if (!reply.headersSent) reply.writeHead(502, { 'content-type': 'text/plain' });
        reply.end(`the relay got no whole answer from the upstream: ${reason}`);
      };
      const forward = send(
        {
          protocol: upstream.protocol,
          hostname: upstream.hostname.replace(/^\[(.*)\]$/, '$1'),
          port: upstream.port,
          method: incoming.method,
          // Prism already joined the upstream's base path (the relay's URL carries it).
          path: incoming.url,
          headers: forwardedHeaders(incoming.headers, upstream.host),
        },
        (answer) => {
          const body: Buffer[] = [];
          const length = Number(answer.headers['content-length']);
          exchange.response = {
            status: answer.statusCode ?? 0,
            ...(answer.headers['content-type'] ? { contentType: answer.headers['content-type'] } : {}),
            ...(answer.headers.location ? { location: answer.headers.location } : {}),
            body: Buffer.alloc(0),
            ...(Number.isFinite(length) ? { contentLength: length } : {}),
            complete: false,
          };
          answer.on('data', (chunk: Buffer) => body.push(chunk));
          answer.on('error', () => undefined); // 'close' below tells whether the body ended
          answer.on('close', () => {
            outgoing.delete(forward);
            const raw = Buffer.concat(body);
            exchange.response!.body = decoded(raw, answer.headers['content-encoding']);
            exchange.response!.complete = answer.complete;
            exchange.done = true;
            if (!answer.complete) {
              exchange.error = `the upstream closed the connection mid-body, after ${raw.length} bytes`;
              return fail(exchange.error);
            }
            const withheld = VERDICT_HEADERS.filter((name) => answer.headers[name] !== undefined);
            if (withheld.length > 0) exchange.withheld = withheld;
            reply.writeHead(answer.statusCode ?? 502, answerHeaders(answer, raw.length, tag));
            reply.end(raw);
          });
        },
      );
      outgoing.add(forward);
      forward.on('error', (error: NodeJS.ErrnoException) => {
        outgoing.delete(forward);
        if (exchange.done) return;
        exchange.done = true;
        exchange.error = error.code ? `${error.code}: ${error.message}` : error.message;
        if (!exchange.response) fail(exchange.error);
      });
      forward.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname.replace(/\/$/, '')}`,
    exchange: (id) => exchanges.get(id),
    tag,
    close: () =>
      new Promise<void>((resolve) => {
        for (const request of outgoing) request.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The request's headers for the upstream: without the relay's id, hop-by-hop headers and Prism's Host. */
function forwardedHeaders(headers: IncomingHttpHeaders, host: string): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || name === 'host' || name === EXCHANGE_ID_HEADER)
      continue;
    out[name] = value;
  }
  out['host'] = host;
  return out;
}

/**
 * The answer's headers for Prism: without Location (so Prism does not follow it) and the verdict's
 * headers, with the tag.
 */
function answerHeaders(answer: IncomingMessage, length: number, tag: Relay['tag']): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  const withheld = new Set<string>(['location', ...VERDICT_HEADERS]);
  for (const [name, value] of Object.entries(answer.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || withheld.has(name)) continue;
    out[name] = value;
  }
  // The body was buffered whole, so its length replaces a chunked encoding; an answer without a
  // body (to HEAD, a 204, a 304) keeps the length the upstream announced, if any.
  if (length > 0) out['content-length'] = length;
  out[tag.name] = tag.value;
  return out;
}

/** The body as the upstream meant it, for `check.ts` to read; as received when it does not decode. */
function decoded(body: Buffer, encoding: string | undefined): Buffer {
  try {
    switch (encoding?.trim().toLowerCase()) {
      case 'gzip':
      case 'x-gzip':
        return gunzipSync(body);
      case 'deflate':
        return inflateSync(body);
      case 'br':
        return brotliDecompressSync(body);
      default:
        return body;
    }
  } catch {
    return body;
  }
}

/**
 * A real HTTP server on 127.0.0.1 that misbehaves on cue: each request gets the next fault of a
 * script (the last one repeats), and every request is recorded for the assertions. A fault may be
 * made from the request it answers, so that the server can echo what it was sent.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wholeRequests } from './media-server.js';

export type Fault =
  /** Answer; `headers` may be a function so that dates are computed when the answer goes out. */
  | {
      status: number;
      body?: string;
      type?: string;
      headers?: Record<string, string> | (() => Record<string, string>);
    }
  /** Destroy the socket without answering (ECONNRESET / "other side closed"). */
  | { reset: true }
  /** Promise a body, send part of it, destroy the socket. */
  | { truncate: string }
  /** Never answer. */
  | { hang: true }
  /** Answer 200 and send the body one character every `everyMs`, slower than any timeout here. */
  | { drip: string; everyMs: number }
  /**
   * Write these bytes to the socket as the whole response, then end it: a status line and headers
   * Node's own response would refuse to write (any byte but CR and LF), or no HTTP at all.
   */
  | { raw: Buffer };

/** A fault, or one made from the request it answers. */
export type Cue = Fault | ((request: RecordedRequest) => Fault);

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: RecordedRequest[];
  /** Resolves once `count` requests of the current script have been received (an event, not a timer). */
  received(count: number): Promise<void>;
  /** Replaces the script and forgets the recorded requests. */
  play(faults: Cue[]): void;
  close(): Promise<void>;
}

function answer(res: ServerResponse, fault: Fault): void {
  if ('raw' in fault) {
    res.socket?.end(fault.raw);
  } else if ('reset' in fault) {
    res.socket?.destroy();
  } else if ('truncate' in fault) {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': String(fault.truncate.length * 2),
    });
    res.write(fault.truncate, () => res.socket?.destroy());
  } else if ('drip' in fault) {
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    let sent = 0;
    const timer = setInterval(() => {
      if (sent === fault.drip.length || res.destroyed) {
        clearInterval(timer);
        res.end();
      } else res.write(fault.drip[sent++]);
    }, fault.everyMs);
    res.on('close', () => clearInterval(timer));
  } else if ('status' in fault) {
    const headers = typeof fault.headers === 'function' ? fault.headers() : fault.headers;
    res.writeHead(fault.status, { 'content-type': fault.type ?? 'application/json', ...headers });
    res.end(fault.body);
  }
  // hang: leave the response open; close() ends the socket.
}

export async function startFaultServer(): Promise<FaultServer> {
  let script: Cue[] = [];
  const requests: RecordedRequest[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  const server = createServer(
    wholeRequests((received, res) => {
      const request = { ...received, body: received.body.toString() };
      requests.push(request);
      waiters = waiters.filter((waiter) => (requests.length >= waiter.count ? void waiter.resolve() : true));
      const cue = script[Math.min(requests.length, script.length) - 1];
      if (!cue) throw new Error(`fault server: no script for request ${requests.length}`);
      answer(res, typeof cue == 'function' ? cue(request) : cue);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    received: (count) =>
      requests.length >= count
        ? Promise.resolve()
        : new Promise((resolve) => waiters.push({ count, resolve })),
    play(faults) {
      script = faults;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

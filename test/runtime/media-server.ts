/**
 * A real HTTP server on 127.0.0.1 for the media-type tests: it keeps every request's raw bytes (to
 * check multipart boundaries, file names and part types as they arrived) and answers each path
 * with the test's handler, which may stream, stall or break the response.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type Handler = (request: ReceivedRequest, response: ServerResponse) => void;

export interface MediaServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  received: ReceivedRequest[];
  /** Answers requests to `path` (without the query) with `handler`. */
  on(path: string, handler: Handler): void;
  close(): Promise<void>;
}

/** A request listener that reads each request's whole body before `handle` sees it. */
export function wholeRequests(
  handle: (request: ReceivedRequest, response: ServerResponse) => void,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () =>
      handle(
        { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) },
        res,
      ),
    );
  };
}

export async function startMediaServer(): Promise<MediaServer> {
  const handlers = new Map<string, Handler>();
  const received: ReceivedRequest[] = [];
  const server = createServer(
    wholeRequests((request, res) => {
      received.push(request);
      const handler = handlers.get(request.url.split('?')[0]!);
      if (handler) handler(request, res);
      else res.writeHead(500).end(`media server: no handler for ${request.url}`);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    on: (path, handler) => void handlers.set(path, handler),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** Writes `chunk` and waits until it has been handed to the socket. */
export const write = (response: ServerResponse, chunk: string | Buffer): Promise<void> =>
  new Promise((resolve, reject) => response.write(chunk, (error) => (error ? reject(error) : resolve())));

/**
 * Whether the upstream accepts connections, checked before Prism starts: an unreachable vendor
 * then reads as one clear error instead of a 500 from Prism for every request.
 */
import { connect } from 'node:net';
import { UsageError } from '../shared/errors.js';

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

export async function checkReachable(upstream: URL, timeoutMs: number): Promise<void> {
  const host = upstream.hostname.replace(/^\[(.*)\]$/, '$1'); // IPv6 literals come bracketed
  const port = Number(upstream.port) || DEFAULT_PORTS[upstream.protocol]!;
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port });
    const fail = (reason: string) => {
      socket.destroy();
      reject(new UsageError(undefined, `cannot reach the upstream ${upstream.href}: ${reason}`));
    };
    socket.setTimeout(timeoutMs, () => fail(`no connection to ${host}:${port} within ${timeoutMs} ms`));
    socket.once('error', (error) => fail(error.message));
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
  });
}

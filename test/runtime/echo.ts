/**
 * Answers of a hostile server that echoes whatever it was sent (the URL and every header's value,
 * so every credential in the form it travelled) into each place of a response: JSON and text
 * bodies, a 200 that is not JSON, header values, header names, the status text, a malformed header
 * and no HTTP at all. Bytes go back as they came (header values are Latin-1 on the wire).
 */
import { VoiceAgentApiError, type LogDetails, type Logger } from '../../src/runtime/index.js';
import { type ApiDescription } from '../../src/runtime/api-description.js';
import { type ApiClient, type OperationFunction } from '../../src/runtime/client.js';
import type { Fault, RecordedRequest } from './fault-server.js';
import { leakedSecrets, printed } from './test-api.js';

/** What the request carried: its URL and every header value. */
const received = (request: RecordedRequest): string[] => [
  request.url,
  ...Object.values(request.headers).flatMap((value) => value ?? []),
];

/** The first value that carries a credential, alone: a short body that JSON.parse quotes whole. */
const credentialValue = (request: RecordedRequest): string =>
  String(
    request.headers.authorization ?? request.headers['x-api-key'] ?? request.headers.cookie ?? request.url,
  );

/** A whole response written as bytes, so that nothing checks or changes what goes back. */
function raw(statusLine: string, headers: string[], body = '{}'): Fault {
  const head = [statusLine, ...headers, 'content-type: application/json', `content-length: ${body.length}`];
  return { raw: Buffer.from(`${head.join('\r\n')}\r\n\r\n${body}`, 'latin1') };
}

/** Each received value cut into header-name characters: a name can carry a token and nothing else. */
const tokens = (request: RecordedRequest): string[] =>
  received(request).flatMap((value) => value.split(/[^\w!#$%&'*+.^`|~-]+/).filter(Boolean));

export const ECHOES: Record<string, (request: RecordedRequest) => Fault> = {
  'a JSON error body': (request) => ({
    status: 401,
    body: JSON.stringify({ error: 'invalid credentials', received: received(request) }),
  }),
  'a text error body': (request) => ({ status: 400, type: 'text/plain', body: received(request).join('\n') }),
  'a 200 that is not JSON': (request) => ({
    status: 200,
    type: 'text/plain',
    body: received(request).join(' '),
  }),
  // JSON.parse's SyntaxError quotes a short text whole.
  'a 200 of the credential alone': (request) => ({
    status: 200,
    type: 'application/json',
    body: credentialValue(request),
  }),
  'header values': (request) =>
    raw(
      'HTTP/1.1 403 Forbidden',
      received(request).map((value, index) => `x-echo-${index}: ${value}`),
    ),
  'header names': (request) =>
    raw(
      'HTTP/1.1 404 Not Found',
      tokens(request).map((token) => `x-${token}: 1`),
    ),
  'the status text': (request) => raw(`HTTP/1.1 418 ${received(request).join(' ')}`, []),
  // undici's parser error keeps the bytes from the fault on (`data`).
  'a malformed header': (request) => raw('HTTP/1.1 200 OK', [`x-bad: \x01${received(request).join(' ')}`]),
  'no HTTP at all': (request) => ({
    raw: Buffer.from(`${received(request).join(' ')}\r\n\r\n`, 'latin1'),
  }),
};

export interface Outcome {
  thrown?: unknown;
  /** A raw call's `error`. */
  error?: unknown;
  logged: [string, LogDetails][];
}

/** Calls `operationId` of `client`'s API in one style, keeping what it threw, returned and logged. */
export async function callOnce(
  make: (logger: Logger) => ApiClient,
  api: ApiDescription,
  operationId: string,
  style: 'operation function' | 'raw call',
): Promise<Outcome> {
  const logged: [string, LogDetails][] = [];
  const log = (message: string, details: LogDetails): void => void logged.push([message, details]);
  const client = make({ debug: log, warn: log });
  const { method, path } = api.operations[operationId]!;
  const params = { path: { agent_id: 'ag_1' } };
  const outcome: Outcome = { logged };
  try {
    if (style == 'raw call') {
      const { error } = await client.request(method.toLowerCase() as 'get', path, { params } as never);
      outcome.error = error;
    } else await (client as unknown as Record<string, OperationFunction>)[operationId]!(params);
  } catch (thrown) {
    outcome.thrown = thrown;
  }
  return outcome;
}

/** The secrets' forms found anywhere in an outcome; header names are compared in lower case. */
export function leaks({ thrown, error, logged }: Outcome, secrets: readonly string[]): string[] {
  const names =
    thrown instanceof VoiceAgentApiError
      ? [...((thrown as { headers?: Headers }).headers?.keys() ?? [])]
      : [];
  return [
    ...leakedSecrets([printed(thrown), printed(error), JSON.stringify(logged)].join('\n'), secrets),
    ...leakedSecrets(
      names.join('\n'),
      secrets.map((secret) => secret.toLowerCase()),
    ),
  ];
}

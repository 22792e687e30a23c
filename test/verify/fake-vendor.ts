/**
 * A stand-in for a vendor on 127.0.0.1 (node:http, a free port): it answers one operation of an
 * API with whatever its current `respond` returns and records what reached it. Nothing is mocked:
 * Prism forwards real HTTP to it, as it would to the vendor.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LoadedApi } from '../../src/mock/api.js';
import { sampleValue } from '../../src/mock/sample-requests.js';
import { deref, isObject } from '../../src/shared/openapi.js';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Answer {
  status: number;
  body: unknown;
  /** @default 'application/json' */
  contentType?: string;
  /** More headers (a redirect's Location). */
  headers?: Record<string, string>;
  /** Takes over the answer when set: to hang, or to reset the connection mid-body. */
  act?: (response: ServerResponse) => void;
}

export interface FakeVendor {
  url: string;
  received: Received[];
  /** What the next requests get; tests swap it per planted deviation. */
  respond: (request: Received) => Answer;
  /** Closes the server and every connection, a hanging one too. */
  close(): Promise<void>;
}

export async function startFakeVendor(
  operation: { method: string; path: string },
  respond: FakeVendor['respond'],
): Promise<FakeVendor> {
  const pattern = new RegExp(`^${operation.path.replace(/\{[^}]+\}/g, '[^/?]+')}(\\?.*)?$`);
  const fake = { received: [] as Received[], respond } as FakeVendor;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const received = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      };
      fake.received.push(received);
      const matches = received.method === operation.method.toUpperCase() && pattern.test(received.url);
      const answer = matches
        ? fake.respond(received)
        : {
            status: 404,
            body: { detail: `the fake vendor answers ${operation.method} ${operation.path} only` },
          };
      if (answer.act) return answer.act(response);
      response.writeHead(answer.status, {
        'content-type': answer.contentType ?? 'application/json',
        ...answer.headers,
      });
      response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return fake;
}

/** The first example of the operation's success response, as the spec documents it. */
export function documentedResponse(api: LoadedApi, operationId: string): Record<string, unknown> {
  const example = successMedia(api, operationId).example;
  if (!isObject(example))
    throw new Error(`${api.source.displayPath} documents no response example for ${operationId}`);
  return example;
}

/** A success body the spec documents: its example, else one made from its schema. */
export function conformingResponse(api: LoadedApi, operationId: string): unknown {
  const { example, schema, at } = successMedia(api, operationId);
  return example ?? sampleValue(api.document, schema, at);
}

/** The operation's JSON success response: its first example, its schema and the schema's pointer. */
function successMedia(api: LoadedApi, operationId: string) {
  const operation = api.operations.find((op) => op.model.operationId === operationId)!;
  const at = `${operation.model.pointer}/responses/${operation.model.successStatus}`;
  const response = deref(
    api.document,
    (operation.raw.responses as Record<string, unknown>)[String(operation.model.successStatus)],
    at,
  );
  const content = response && isObject(response.value.content) ? response.value.content : {};
  const media = content['application/json'];
  const examples = isObject(media) && isObject(media.examples) ? Object.values(media.examples) : [];
  const example = examples.map((raw) => deref(api.document, raw, at)?.value.value).find(isObject);
  return {
    example,
    schema: isObject(media) ? media.schema : undefined,
    at: `${response?.pointer ?? at}/content/application~1json/schema`,
  };
}

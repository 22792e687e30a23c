/**
 * A small hand-written API for the runtime tests: an `ApiDescription` as the pipeline would emit
 * it, and the openapi-typescript-shaped `paths` a generated package would carry. Independent of
 * the real specs on purpose: the runtime must work from the description alone.
 */
import { inspect } from 'node:util';
import {
  apiKeyCookie,
  apiKeyHeader,
  apiKeyQuery,
  headerParameter,
  httpBasic,
  httpBearer,
} from '../../src/runtime/auth.js';
import type { CallOptions } from '../../src/runtime/index.js';
import type { ApiDescription, OperationInfo } from '../../src/runtime/api-description.js';
import type { ApiClient } from '../../src/runtime/client.js';

/** Sentinel credentials: the tests assert these never show up in errors or logs. */
export const SECRETS = {
  token: 'tok-SENTINEL-7f3a9c',
  apiKey: 'key-SENTINEL-2b8e41',
  // Characters that URL-encoding, base64 and JSON escape differently (and `'`, which only the URL
  // parser encodes).
  workspaceId: `ws SENTINEL/+=&"é'`,
  session: 'sess-SENTINEL-55d0',
  // HTTP basic's credential as sent (base64-encoded): the username and password joined by a colon.
  login: 'user:pa55-SENTINEL',
  usageKey: 'usage-SENTINEL-31fa',
} as const;

/**
 * A secret as it could appear anywhere: raw, URL-encoded each way (encodeURIComponent's, a form's,
 * and a URL's query as the URL parser leaves it, `'` encoded too), base64, JSON-escaped. Only the
 * forms a secret has: one with a lone surrogate has no URL-encoded form.
 */
export const secretForms = (secret: string): string[] =>
  [
    () => secret,
    () => encodeURIComponent(secret),
    () => new URLSearchParams({ s: secret }).toString().slice(2),
    () => new URL(`http://a/?s=${encodeURIComponent(secret)}`).search.slice(3),
    () => Buffer.from(secret).toString('base64'),
    () => JSON.stringify(secret).slice(1, -1),
  ].flatMap((form) => {
    try {
      return [form()];
    } catch {
      return [];
    }
  });

/** The forms of `secrets` (by default the sentinel ones) found in `text`; the tests want `[]`. */
export function leakedSecrets(text: string, secrets: readonly string[] = Object.values(SECRETS)): string[] {
  return secrets.flatMap(secretForms).filter((form) => text.includes(form));
}

/**
 * Everything a person or a logger could print of a thrown value: its message, stack, JSON and
 * util.inspect (hidden properties too), and a walk of every own property at any depth, `cause`
 * chain and symbol keys included, as a logger that serialises causes would do. Bytes are read as
 * text both ways a logger might (UTF-8, Latin-1).
 */
export function printed(thrown: unknown): string {
  const seen = new Set<unknown>();
  const texts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value == 'string') texts.push(value);
    else if (ArrayBuffer.isView(value)) {
      const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      texts.push(bytes.toString('utf8'), bytes.toString('latin1'));
    } else if (value && (typeof value == 'object' || typeof value == 'function') && !seen.has(value)) {
      seen.add(value);
      if (value instanceof Headers) for (const pair of value) walk(pair);
      for (const key of Reflect.ownKeys(value)) {
        texts.push(String(key));
        try {
          walk((value as Record<PropertyKey, unknown>)[key]);
        } catch {
          // A getter that throws shows nothing.
        }
      }
    } else if (value != null) texts.push(String(value));
  };
  walk(thrown);
  const error = thrown as Error;
  return [
    String(thrown),
    error?.stack,
    JSON.stringify(thrown, (_key, value: unknown) => (typeof value == 'bigint' ? String(value) : value)),
    inspect(thrown, { depth: Infinity, showHidden: true }),
    ...texts,
  ].join('\n');
}

const schemes = {
  bearerAuth: httpBearer('token'),
  basicAuth: httpBasic('login'),
  apiKeyHeader: apiKeyHeader('apiKey', 'x-api-key'),
  workspaceQuery: apiKeyQuery('workspaceId', 'workspace_id'),
  sessionCookie: apiKeyCookie('session', 'session'),
  // A header parameter taken as a credential (a document without security schemes).
  usageParameter: headerParameter('usageKey', 'x-api-key'),
};

/**
 * An operation whose security names the schemes above, as the spec names them; each documents a
 * body for 404 only (`JsonResponses`), as the pipeline would record.
 */
function op(
  method: OperationInfo['method'],
  path: string,
  security: (keyof typeof schemes)[][],
): ApiDescription['operations'][string] {
  return {
    method,
    path,
    security: security.map((names) => names.map((name) => schemes[name])),
    errorBodies: ['404'],
  };
}

export const testApi: ApiDescription = {
  server: 'https://api.example.invalid/v2',
  schemes: Object.values(schemes),
  operations: {
    // Bearer plus a query key: what the fault tests use, so that URLs carry a secret too.
    updateAgent: op('PATCH', '/agents/{agent_id}', [['bearerAuth', 'workspaceQuery']]),
    replaceAgent: op('PUT', '/agents/{agent_id}', [['apiKeyHeader', 'workspaceQuery'], ['bearerAuth']]),
    createAgent: op('POST', '/agents', [['basicAuth']]),
    getAgent: op('GET', '/agents/{agent_id}', [['sessionCookie']]),
    getHealth: op('GET', '/health', []),
    listVoices: op('GET', '/voices', [[], ['bearerAuth']]),
    getUsage: op('GET', '/usage', [['usageParameter'], []]),
  },
};

export interface Agent {
  id: string;
  name: string;
}

export interface AgentUpdate {
  name?: string;
}

export interface ErrorBody {
  error: string;
}

type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type AgentPathParams = { query?: never; header?: never; path: { agent_id: string }; cookie?: never };
type JsonResponses = {
  200: { headers: { [name: string]: unknown }; content: { 'application/json': Agent } };
  404: { headers: { [name: string]: unknown }; content: { 'application/json': ErrorBody } };
};

/** The shape openapi-typescript emits, trimmed to what the tests call. */
export interface paths {
  '/agents/{agent_id}': {
    parameters: AgentPathParams;
    get: { parameters: AgentPathParams; requestBody?: never; responses: JsonResponses };
    put: {
      parameters: AgentPathParams;
      requestBody: { content: { 'application/json': AgentUpdate } };
      responses: JsonResponses;
    };
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: {
      parameters: AgentPathParams;
      requestBody: { content: { 'application/json': AgentUpdate } };
      responses: JsonResponses;
    };
    trace?: never;
  };
  '/health': {
    parameters: NoParams;
    get: { parameters: NoParams; requestBody?: never; responses: JsonResponses };
  };
}

type AgentArgs = { path: { agent_id: string }; body: AgentUpdate };

/** What a generated package's `index.d.ts` would declare for this API. */
export interface TestOperations {
  updateAgent(args: AgentArgs, options?: CallOptions): Promise<Agent>;
  replaceAgent(args: AgentArgs, options?: CallOptions): Promise<Agent>;
  createAgent(args: { body: AgentUpdate }, options?: CallOptions): Promise<Agent>;
  getAgent(args: { path: { agent_id: string } }, options?: CallOptions): Promise<Agent>;
  getHealth(args?: object, options?: CallOptions): Promise<unknown>;
  listVoices(args?: object, options?: CallOptions): Promise<unknown>;
  getUsage(args?: { header?: { 'x-api-key'?: string } }, options?: CallOptions): Promise<unknown>;
}

export type TestClient = ApiClient<paths, TestOperations>;

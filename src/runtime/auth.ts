/**
 * Authentication from the API's security schemes.
 *
 * One constructor per kind of scheme; the generated `operations.js` imports only the ones its spec
 * uses, so a client carries no code for the others.
 *
 * Applied by `send` to each attempt's final Request, right before fetch, rather than as an
 * openapi-fetch onRequest middleware: that skips openapi-fetch's middleware machinery (about 4%
 * of a stubbed call), and user onRequest hooks, which run before, never see a credential. Header
 * schemes change the Request in place (a copy costs a Request), so onResponse and onError hooks,
 * which get the same Request, do.
 *
 * Which schemes a request carries is decided once, at construction: per operation, the first
 * security alternative whose credentials were all given (an empty alternative, "auth optional",
 * only when no other is satisfied), and every scheme of it is sent. A client may hold only the
 * credentials some operations take (Stainless' and Fern's clients do the same): an operation none
 * of whose alternatives is satisfied rejects each call with a ConfigurationError naming what it
 * needs, before anything is sent, rather than a 401 later; the factory refuses options with which
 * no operation that needs credentials can be called (client.ts).
 * @see https://spec.openapis.org/oas/v3.1.0#security-requirement-object
 */
import type { OperationInfo } from './api-description.js';
import { check } from './context.js';
import { ConfigurationError, type RequestTarget } from './errors.js';

export interface SecurityScheme {
  /** The factory option that holds the credential: `token`, `apiKey`, `workspaceId`. */
  credential: string;
  /** Adds the credential to a request: in place, or as a new Request when the URL changes. */
  attach(request: Request, value: string): Request;
  /** The credential as sent, when that is neither the value itself nor URL-encoded: for redaction. */
  encode?(value: string): string;
}

/** Adds one credential to a request. */
export type AuthStep = (request: Request) => Request;

/** Base64 of the UTF-8 bytes (btoa alone rejects characters above U+00FF). */
export function base64(text: string): string {
  return btoa(String.fromCharCode(...new TextEncoder().encode(text)));
}

function setHeader(request: Request, name: string, value: string): Request {
  request.headers.set(name, value);
  return request;
}

/** `Authorization: Bearer <credential>`. */
export const httpBearer = (credential: string): SecurityScheme => ({
  credential,
  attach: (request, value) => setHeader(request, 'Authorization', `Bearer ${value}`),
});

/** `Authorization: Basic <base64>`; the credential is `username:password` (see `basicCredentials`). */
export const httpBasic = (credential: string): SecurityScheme => ({
  credential,
  attach: (request, value) => setHeader(request, 'Authorization', `Basic ${base64(value)}`),
  encode: base64,
});

/**
 * The factory's options with each HTTP basic option, `{ username, password }`, as the credential
 * the runtime attaches (and redacts), `username:password`: the factory of an API with basic
 * schemes calls this first, so that no other client carries it.
 * @see https://www.rfc-editor.org/rfc/rfc7617#section-2
 */
export function basicCredentials<T extends Record<string, unknown>>(options: T, names: string[]): T {
  const credentials: Record<string, unknown> = { ...options };
  for (const name of names) {
    const value = credentials[name];
    if (value === undefined) continue;
    const { username, password } = (value ?? {}) as Record<string, unknown>;
    // A colon ends the user-id: the server would split it elsewhere than meant.
    check(
      typeof username == 'string' && typeof password == 'string' && !username.includes(':'),
      name,
      '{ username, password }, two strings, the username without ":"',
    );
    credentials[name] = `${username}:${password}`;
  }
  return credentials as T;
}

export const apiKeyHeader = (credential: string, name: string): SecurityScheme => ({
  credential,
  attach: (request, value) => setHeader(request, name, value),
});

/**
 * A header parameter that carries a key, in a document without security schemes: the operations
 * declare it, so a call may pass its own value, which wins over the client's.
 */
export const headerParameter = (credential: string, name: string): SecurityScheme => ({
  credential,
  attach: (request, value) => (request.headers.has(name) ? request : setHeader(request, name, value)),
});

/**
 * The value as a URL's query carries it: encodeURIComponent leaves `'` alone, which the URL parser
 * then encodes; the redactor looks for exactly what is sent.
 */
const queryEncode = (value: string): string => encodeURIComponent(value).replace(/'/g, '%27');

export const apiKeyQuery = (credential: string, name: string): SecurityScheme => ({
  credential,
  attach(request, value) {
    // Read once: undici serialises the URL on every read.
    const { url } = request;
    // A call that passes the key as the operation's own parameter (a spec that declares it both
    // ways) sends its value, once, as a header parameter taken as a credential does.
    return new URL(url).searchParams.has(name)
      ? request
      : new Request(`${url}${url.includes('?') ? '&' : '?'}${name}=${queryEncode(value)}`, request);
  },
  encode: queryEncode,
});

/** Browsers forbid setting Cookie from script: cookie schemes work on servers and edge runtimes. */
export const apiKeyCookie = (credential: string, name: string): SecurityScheme => ({
  credential,
  attach(request, value) {
    const cookie = request.headers.get('cookie');
    return setHeader(request, 'cookie', `${cookie ? `${cookie}; ` : ''}${name}=${encodeURIComponent(value)}`);
  },
});

/**
 * The steps an operation's requests get; undefined when none of its alternatives was given.
 * @param credentials as `resolveCredentials` gives them: non-empty strings, so one is given when
 * truthy (no credential is named like an Object.prototype member: the pipeline refuses such a name)
 */
export const planAuth = (
  { security }: OperationInfo,
  credentials: Readonly<Record<string, string>>,
): AuthStep[] | undefined =>
  (
    security.find((schemes) => schemes[0] && schemes.every((s) => credentials[s.credential])) ??
    (security[0] ? security.find((schemes) => !schemes[0]) : [])
  )?.map((scheme) => (request) => scheme.attach(request, credentials[scheme.credential]!));

/** What an operation that `planAuth` could not plan rejects with: the options that would satisfy it. */
export const missingCredential = ({ security }: OperationInfo, target: RequestTarget): ConfigurationError =>
  new ConfigurationError(
    `Missing credential: pass ${security.map((schemes) => schemes.map((s) => `"${s.credential}"`).join(' and ')).join(', or ')}`,
    target,
  );

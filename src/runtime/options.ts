/**
 * The client's options: their types, their defaults, and `resolveOptions`, which checks them once
 * and turns them into the `ClientContext` every other module reads.
 */
import type { HeadersOptions, Middleware } from 'openapi-fetch';
import type { ApiDescription } from './api-description.js';
import { ConfigurationError, type RequestTarget } from './errors.js';

/**
 * Called as `fetch(request, { signal })`: the per-attempt signal travels in `init` (not inside the
 * Request) because a Request with a signal is expensive to build and fetch builds its own anyway.
 * A custom fetch must honour `init.signal`, or timeouts cannot cut its requests short.
 */
export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

/** What the client tells a logger: never headers, and URLs only with credentials redacted. */
export interface LogDetails {
  method: string;
  /** The attempt's URL (credentials redacted), or the path template if none was built. */
  url: string;
  operationId?: string;
  /** 1 for the first try. */
  attempt: number;
  status?: number;
  /** Why an attempt failed without a status. */
  error?: string;
  /** How long the client waits before the next attempt. */
  delayMs?: number;
}

/** Told once per attempt, when its outcome is known. */
export interface Logger {
  /** An attempt that is not followed by another: `attempt`. */
  debug(message: string, details: LogDetails): void;
  /** An attempt that is retried (`retrying`, with `delayMs`), or would have been but for a too long Retry-After. */
  warn(message: string, details: LogDetails): void;
}

/** The numeric settings, per client and (except `retryDelayMs`) per call. */
export interface Settings {
  /**
   * Limit for each attempt, from sending until the body is read.
   * @default 60000
   */
  timeoutMs: number;
  /**
   * Retries after the first attempt, for connection errors, timeouts, 408, 409, 429 and 5xx.
   * @default 2
   */
  maxRetries: number;
  /**
   * The first retry waits a random time up to this; the bound doubles per retry, up to 16 times
   * this ("full jitter"). A `Retry-After` from the server replaces it.
   * @default 500
   */
  retryDelayMs: number;
}

/**
 * Every property optional, `undefined` included: "not given", so that a consumer compiling with
 * `exactOptionalPropertyTypes` may pass `baseUrl: process.env.URL` or `signal: maybeSignal`.
 */
export type Optional<T> = { [K in keyof T]?: T[K] | undefined };

export interface ClientOptions extends Optional<Settings> {
  /**
   * The server every request goes to: an absolute http(s) URL.
   * @default the operation's first server, else the API's
   */
  baseUrl?: string | undefined;
  /**
   * Sends each attempt as `fetch(request, { signal })`, and must honour the signal.
   * @default globalThis.fetch, looked up on each call so that later patches (msw…) apply
   */
  fetch?: FetchFunction | undefined;
  /** Sent with every request. */
  headers?: HeadersOptions | undefined;
  /**
   * openapi-fetch middleware; runs once per attempt, before authentication is added, which goes on
   * whatever Request `onRequest` returns, whichever host it names.
   */
  middleware?: Middleware[] | undefined;
  /** Told the outcome of every attempt (`debug`), and of each retried one (`warn`); never headers. */
  logger?: Logger | undefined;
}

/** Credentials by option name (`securitySchemes[*].credential`): `token`, `apiKey`, ... */
export type Credentials = Readonly<Record<string, unknown>>;

/** Per call, for the operation functions. */
export interface CallOptions extends Optional<Omit<Settings, 'retryDelayMs'>> {
  /**
   * Aborts the call, its attempts and the waits between them; it rejects with the signal's reason,
   * not wrapped and not retried.
   */
  signal?: AbortSignal | undefined;
  /** Sent with this call's requests, over the client's `headers`. */
  headers?: HeadersOptions | undefined;
}

/**
 * Options after checking and defaulting; built once per client. `fetch` undefined: the global
 * one, looked up on each call.
 */
export interface ClientContext extends Omit<ClientOptions, keyof Settings>, Settings {
  middleware: Middleware[];
  /** The client's server: `baseUrl` if given, else the spec's. */
  defaultUrl: string;
  /** The credentials the API's schemes name, checked to be usable strings. */
  credentials: Record<string, string>;
  /** What the redactor hides: each credential, and each as its scheme encodes it. */
  secrets: string[];
}

export const DEFAULTS: Readonly<Settings> = { timeoutMs: 60_000, maxRetries: 2, retryDelayMs: 500 };

/** The longest Retry-After honoured; a longer one surfaces the error instead of stalling the call. */
export const MAX_RETRY_AFTER_MS = 60_000;

/** setTimeout fires at once for delays above 2^31 - 1 ms. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Throws unless `ok`; shows numbers it got but never strings, which may be a misplaced secret.
 * @param target the call a per-call option was given to, which the message then names
 * @param cause what reading the option threw, redacted
 */
export function check(
  ok: unknown,
  option: string,
  expected: string,
  target?: RequestTarget,
  got?: unknown,
  cause?: unknown,
): void {
  if (!ok) {
    throw new ConfigurationError(
      `Invalid option "${option}": expected ${expected}${typeof got == 'number' ? `, got ${got}` : ''}`,
      target,
      cause,
    );
  }
}

/** `defaults` overridden by the numeric settings present in `options`, each checked. */
export function resolveSettings(
  defaults: Settings,
  options: Optional<Settings>,
  target?: RequestTarget,
): Settings {
  const settings = {} as Settings;
  for (const key in DEFAULTS) {
    const value = (settings[key as keyof Settings] =
      options[key as keyof Settings] ?? defaults[key as keyof Settings]);
    const min = +(key == 'timeoutMs');
    // The backoff waits up to 16 times retryDelayMs (retry.ts), and a timer cannot wait longer.
    const max = key == 'retryDelayMs' ? MAX_TIMER_MS >> 4 : MAX_TIMER_MS;
    check(
      Number.isInteger(value) && value >= min && value <= max,
      key,
      `a whole number from ${min} to ${max}`,
      target,
      value,
    );
  }
  return settings;
}

/**
 * Absolute http(s) without template variables nor `user:password@` (fetch refuses to build a Request
 * from it, quoting the password): what a `baseUrl` must be (the pipeline checks servers with it too).
 */
export const ABSOLUTE_HTTP_URL: RegExp = /^https?:\/\/[^/{}@]+(\/[^{}]*)?$/i;

/**
 * An absolute http(s) URL without template variables. Never echoed: it may hold `user:password@`.
 * @param where which URL this is, for the message
 */
export function checkUrl(url: unknown, where: string): string {
  check(
    typeof url == 'string' && ABSOLUTE_HTTP_URL.test(url),
    'baseUrl',
    `an http(s) URL without {variables} or user:password@ (${where})`,
  );
  return url as string;
}

/**
 * Whether `attempt` runs without throwing. For what fetch's Headers would reject (control
 * characters, anything above U+00FF), whose TypeError quotes the value: a secret, as often as not.
 */
function succeeds(attempt: () => unknown): boolean {
  try {
    attempt();
    return true;
  } catch {
    return false;
  }
}

/**
 * Extra headers or header parameters, checked before openapi-fetch merges them into a request.
 * @param option what to name in the error
 */
export function checkHeaders(headers: unknown, option = 'headers', target?: RequestTarget): void {
  check(
    headers == null || succeeds(() => new Headers(headers as HeadersInit)),
    option,
    'valid header names and values',
    target,
  );
}

export function resolveOptions(api: ApiDescription, given: ClientOptions & Credentials): ClientContext {
  // A copy: later changes to the caller's object must not reach the client (and `undefined` is `{}`).
  const options: ClientOptions & Credentials = { ...given };
  const { baseUrl, fetch, middleware = [], logger } = options;
  check(Array.isArray(middleware), 'middleware', 'an array');
  checkHeaders(options.headers);
  check(!fetch || typeof fetch == 'function', 'fetch', 'a function');
  check(
    !logger || (typeof logger.debug == 'function' && typeof logger.warn == 'function'),
    'logger',
    'debug and warn functions',
  );

  const credentials: Record<string, string> = {};
  const secrets: string[] = [];
  for (const { credential, encode, attach } of Object.values(api.securitySchemes)) {
    const value = options[credential];
    if (value === undefined) continue;
    // What is redacted must be what is sent. fetch strips a header value's surrounding whitespace,
    // so the server would get (and may echo) a key the redactor does not look for: refused, not
    // trimmed, for every kind of scheme alike (a stray space is a paste accident to show, and a
    // query or cookie key would keep it). Control characters: Headers would throw, quoting the
    // value; a lone surrogate has no UTF-8 form. Tried on a request, so that one a header cannot
    // carry fails now.
    check(
      typeof value == 'string' &&
        value &&
        value.trim() == value &&
        !/[\0-\x1f\x7f]|[\uD800-\uDFFF]/u.test(value) &&
        succeeds(() => attach(new Request('http://a'), value)),
      credential,
      'a non-empty string without surrounding whitespace, control characters or lone surrogates (nor, in a header, any above U+00FF)',
    );
    credentials[credential] = value as string;
    secrets.push(value as string);
    if (encode) secrets.push(encode(value as string));
  }

  return {
    // The rest (fetch, headers, logger) as given.
    ...options,
    ...resolveSettings(DEFAULTS, options),
    // Operations with a server of their own use it unless the caller chose one for the client.
    baseUrl: baseUrl === undefined ? baseUrl : checkUrl(baseUrl, 'as given'),
    defaultUrl: baseUrl ?? checkUrl(api.servers[0], "not given, and the spec's first server is not one"),
    middleware,
    credentials,
    secrets,
  };
}

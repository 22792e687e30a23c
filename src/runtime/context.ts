/**
 * Options checked and defaulted: the numeric settings (`resolveSettings`, per client and per call),
 * URLs, headers and credentials, each refused through `check`, the one way an option is refused.
 */
import type { ApiDescription } from './api-description.js';
import { ConfigurationError, type RequestTarget } from './errors.js';
import type { ClientOptions } from './options.js';
import { MAX_BACKOFF_FACTOR } from './retry.js';

/** The numeric settings, per client and (except `retryDelayMs`) per call. */
export interface Settings {
  timeoutMs: number;
  maxRetries: number;
  retryDelayMs: number;
}

/** As `ClientOptions` documents them. */
export const DEFAULTS: Readonly<Settings> = { timeoutMs: 60_000, maxRetries: 2, retryDelayMs: 500 };

/** Credentials by option name (`securitySchemes[*].credential`): `token`, `apiKey`, ... */
export type Credentials = Readonly<Record<string, unknown>>;

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
  if (!ok)
    throw new ConfigurationError(
      `Invalid option "${option}": expected ${expected}${typeof got == 'number' ? `, got ${got}` : ''}`,
      target,
      cause,
    );
}

/** `defaults` overridden by the numeric settings present in `options`, each checked. */
export function resolveSettings(
  defaults: Settings,
  options: { [K in keyof Settings]?: number | undefined },
  target?: RequestTarget,
): Settings {
  const settings = {} as Settings;
  for (const key in DEFAULTS) {
    const value = (settings[key as keyof Settings] =
      options[key as keyof Settings] ?? defaults[key as keyof Settings]);
    const min = +(key == 'timeoutMs');
    // A timer cannot wait longer, nor the backoff's longest wait (retry.ts). `| 0` rounds down (a
    // positive quotient below 2^31), in fewer bytes than Math.floor.
    const max = key == 'retryDelayMs' ? (MAX_TIMER_MS / MAX_BACKOFF_FACTOR) | 0 : MAX_TIMER_MS;
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
 * The client's `headers`, or a call's, checked before an attempt merges them into a request.
 * @param target the call they were given to
 */
export function checkHeaders(headers: unknown, target?: RequestTarget): void {
  check(
    headers == null || succeeds(() => new Headers(headers as HeadersInit)),
    'headers',
    'valid header names and values',
    target,
  );
}

/**
 * The credentials the API's schemes name, checked to be usable strings, and what the redactor
 * hides: each credential, and each as its scheme encodes it.
 */
export function resolveCredentials(
  api: ApiDescription,
  options: Credentials,
): [credentials: Record<string, string>, secrets: string[]] {
  const credentials: Record<string, string> = {};
  const secrets: string[] = [];
  for (const { credential, encode, attach } of api.schemes) {
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
        // `\s` is what trim() strips.
        !/^\s|\s$|[\0-\x1f\x7f]|[\uD800-\uDFFF]/u.test(value) &&
        succeeds(() => attach(new Request('http://a'), value)),
      credential,
      'a non-empty string without surrounding whitespace, control characters or lone surrogates (nor, in a header, any above U+00FF)',
    );
    credentials[credential] = value as string;
    secrets.push(value as string);
    if (encode) secrets.push(encode(value as string));
  }
  return [credentials, secrets];
}

/**
 * The options a consumer writes: the factory's (`ClientOptions`, beside the API's credentials) and
 * each operation call's (`CallOptions`), with the logger and fetch they may pass. Public: every
 * declaration here is exported by the packages, and its JSDoc is what their users read. The
 * checks and defaults are in `context.ts`.
 *
 * Every property is optional with `| undefined`: "not given", so that a consumer compiling with
 * `exactOptionalPropertyTypes` may pass `baseUrl: process.env.URL` or `signal: maybeSignal`.
 */
import type { HeadersOptions, Middleware } from 'openapi-fetch';
import type { ContractViolation } from './errors.js';

/**
 * Sends one attempt. Called as `fetch(request, { signal })`, and must honour `init.signal`: the
 * client's timeouts and the caller's abort reach the request through it.
 */
export type FetchFunction = (input: Request, init?: RequestInit) => Promise<Response>;

/** What the client tells a logger: never headers, and URLs only with credentials redacted. */
export interface LogDetails {
  method: string;
  /** The attempt's URL (credentials redacted), or the path template if none was built. */
  url: string;
  operationId?: string;
  /** 1 for the first try; 0 in a contract violation's report, which is about the call. */
  attempt: number;
  status?: number;
  /** Why an attempt failed without a status. */
  error?: string;
  /** How long the client waits before the next attempt. */
  delayMs?: number;
  /** The contract violation a `warn` reports (`validate`). */
  violation?: ContractViolation;
}

/** Told once per attempt, when its outcome is known. A logger that throws is ignored. */
export interface Logger {
  /** An attempt that is not followed by another: `attempt`. */
  debug(message: string, details: LogDetails): void;
  /**
   * An attempt that is retried (`retrying`, with `delayMs`), or would have been but for a too long
   * Retry-After; or, once per client, each distinct contract violation (`contract violation`, with
   * `violation`).
   */
  warn(message: string, details: LogDetails): void;
}

/**
 * What the client does with a request or response that breaks the spec: report it once per
 * client through `logger.warn` and `onContractViolation` and go on as if it were fine (`warn`),
 * reject with a `ContractViolationError` (`throw`), or not check at all (`off`).
 */
export type ValidationMode = 'warn' | 'throw' | 'off';

/**
 * Which side of each call the client checks against the spec, and what it does with a violation.
 * The checks are loaded (a module of the package's, by dynamic import) on the first call that
 * needs them: a client with both `off` never loads them.
 */
export interface ValidateOptions {
  /**
   * The status, media type and body of each response.
   * @default 'warn'
   */
  response?: ValidationMode | undefined;
  /**
   * The parameters and body of each request, before it is sent.
   * @default 'off'
   */
  request?: ValidationMode | undefined;
}

/** The factory's options besides the API's credentials: all optional. */
export interface ClientOptions {
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
  /**
   * Limit for each attempt, from sending until the body is read.
   * @default 60000
   */
  timeoutMs?: number | undefined;
  /**
   * Retries after the first attempt, for connection errors, timeouts, 408, 409, 429 and 5xx; never
   * for POST or a stream body.
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * The first retry waits a random time up to this; the bound doubles per retry, up to 16 times
   * this ("full jitter"). A `Retry-After` from the server replaces it (up to 60 s; a longer one
   * ends the retries).
   * @default 500
   */
  retryDelayMs?: number | undefined;
  /**
   * Checks what crosses the wire against the spec: each response's status, media type and body,
   * and (`request`) each request's parameters and body. `'warn'` reports each distinct violation
   * once per client (`logger.warn`, `onContractViolation`) and changes nothing; `'throw'` rejects
   * with a ContractViolationError; `'off'` does not check. The checks load on the first call that
   * needs them.
   * @default { response: 'warn', request: 'off' }
   */
  validate?: ValidateOptions | undefined;
  /**
   * Told each distinct contract violation once per client, under `warn` (as `logger.warn` is). One
   * that throws is ignored.
   */
  onContractViolation?: ((violation: ContractViolation) => void) | undefined;
}

/** Per call, the second argument of every operation function. */
export interface CallOptions {
  /**
   * Aborts the call, its attempts and the waits between them; it rejects with the signal's reason,
   * not wrapped and not retried.
   */
  signal?: AbortSignal | undefined;
  /** Sent with this call's requests, over the client's `headers`. */
  headers?: HeadersOptions | undefined;
  /** This call's `timeoutMs`, over the client's. */
  timeoutMs?: number | undefined;
  /** This call's `maxRetries`, over the client's. */
  maxRetries?: number | undefined;
  /** This call's `validate`, over the client's, side by side. */
  validate?: ValidateOptions | undefined;
}

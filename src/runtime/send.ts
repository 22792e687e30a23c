/**
 * One call, as attempts: each attempt runs through openapi-fetch (so serialisation, middleware
 * and body parsing happen per attempt), gets its credentials right before fetch, and runs under
 * its own deadline; a failure becomes a typed error (`attemptFailure`) and `retry.ts` decides
 * whether another attempt follows. Shared by the raw methods and the operation functions.
 *
 * Retrying around openapi-fetch rather than inside `fetch` means no Request is ever cloned or
 * rebuilt (each attempt serialises the body afresh) and a body cut off mid-way is retried too.
 */
import type { Client, QuerySerializerOptions } from 'openapi-fetch';
import type { AuthStep } from './auth.js';
import { check, checkHeaders, type Settings } from './context.js';
import { responseError } from './decode.js';
import { ConnectionError, TimeoutError, type RequestTarget } from './errors.js';
import type { FetchFunction, Logger } from './options.js';
import { checkParams, paramSegments } from './params.js';
import { retryDelay, shouldRetry } from './retry.js';
import type { Redact } from './secrets.js';
import { deadline as startDeadline } from './timeout.js';

/** What openapi-fetch resolves with. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** openapi-fetch's per-call options (`params`, `body`, `signal`, `parseAs`, ...). */
export type FetchInit = Record<string, unknown>;

/** Sends calls to one operation (or raw calls to one path); settings default to the client's. */
export type Route = (init?: FetchInit, settings?: Settings) => Promise<FetchResult>;

/**
 * Makes routes.
 * @param target what errors and logs name; kept apart from `baseUrl` so that errors never hold a URL
 * @param baseUrl the operation's server; undefined (raw calls to unknown paths): the client's
 * @param auth the credentials to attach (see auth.ts)
 * @param query how the operation's query is serialised, when not the client's default; a call's own wins
 */
export type RouteMaker = (
  target: RequestTarget,
  baseUrl?: string,
  auth?: AuthStep[],
  query?: QuerySerializerOptions | ((query: Record<string, unknown>) => string),
) => Route;

/**
 * What a call rejects with when an attempt threw `cause`: only a ConnectionError (a TimeoutError
 * too) is retried. Also what reading a body the attempt handed back unread threw (response.ts).
 * @param timedOut whether the attempt's deadline had passed
 * @param response set once fetch resolved: an error after that came from reading the body, or from middleware
 * @param fetchFailed set when fetch itself threw
 */
export function attemptFailure(
  cause: unknown,
  timedOut: boolean | undefined,
  response: Response | undefined,
  fetchFailed: boolean | undefined,
  callerSignal: AbortSignal | undefined,
  timeoutMs: number,
  target: RequestTarget,
  redact: Redact,
): unknown {
  // The caller's own abort is theirs to handle: never wrapped, never retried.
  if (callerSignal?.aborted) return callerSignal.reason;
  if (timedOut) return new TimeoutError(`no response within ${timeoutMs} ms`, target, redact(cause));
  // Only raw calls parse JSON inside openapi-fetch, which has consumed the text by now.
  if (response && cause instanceof SyntaxError) return responseError(response, '', target, redact);
  // Anything else came from middleware or a serializer: not a transport failure.
  if (!fetchFailed && !response?.bodyUsed) return cause;
  // "fetch failed: other side closed": undici keeps the reason one level down. The cause is a
  // redacted copy (see secrets.ts): loggers walk the cause chain.
  const reasons = [(cause as Error)?.message ?? cause, ((cause as Error)?.cause as Error)?.message];
  return new ConnectionError(redact(reasons.filter(Boolean).join(': ')), target, redact(cause));
}

/**
 * @param defaults the client's settings
 * @param clientFetch the client's `fetch`; undefined: the global one, looked up on each call
 */
export function createRouter(
  core: Client<any>,
  redact: Redact,
  defaults: Settings,
  clientFetch?: FetchFunction,
  logger?: Logger,
): RouteMaker {
  return (target, baseUrl, auth = [], query) => {
    const { method, path } = target;
    // The path template's segments that hold parameters (see params.ts).
    const segments = paramSegments(path);

    return async (init = {}, settings = defaults) => {
      const callerSignal = init.signal as AbortSignal | undefined;
      // Checked and made safe once, before the first attempt (see params.ts).
      const params = checkParams(segments, init.params, target, redact);
      // Plain JavaScript can pass anything: else a TypeError from deep inside the deadline.
      check(
        !callerSignal || typeof callerSignal.addEventListener == 'function',
        'signal',
        'an AbortSignal',
        target,
      );
      checkHeaders(init.headers, target);
      // Looked up per call, not at construction, so that later patches of the global (msw…) apply.
      const fetchOnce = (init.fetch ?? clientFetch ?? fetch) as FetchFunction;
      let url = path;
      // A body returned unread outlives the attempt: it needs a deadline of its own, kept running.
      const stream = init.parseAs == 'stream';

      for (let attempt = 1; ; attempt++) {
        const deadline = startDeadline(settings.timeoutMs, callerSignal, stream);
        let response: Response | undefined;
        let fetchFailed: boolean | undefined;
        let result: FetchResult | undefined;
        let failure: unknown;
        try {
          result = (await core.request(method as 'get', path, {
            baseUrl,
            querySerializer: query,
            ...init,
            params,
            // The caller's signal reaches fetch through the deadline's; in the Request too it would
            // add a listener per call to a signal that may outlive thousands of them.
            signal: undefined,
            fetch: async (request: Request) => {
              for (const step of auth) request = step(request);
              if (logger) url = request.url;
              try {
                // A plain object owning `signal`: a custom fetch that copies its init (`{ ...init,
                // dispatcher }`) keeps the deadline, which a getter on a prototype would not survive.
                response = await fetchOnce(request, { signal: deadline.signal });
              } catch (cause) {
                fetchFailed = true;
                throw cause;
              }
              // Else openapi-fetch fails reading it with a TypeError that says nothing of fetch.
              check(response?.headers, 'fetch', 'a function resolving a Response', target);
              return response;
            },
          })) as FetchResult;
        } catch (cause) {
          // `response` is read here only when this attempt's fetch resolved one.
          failure = attemptFailure(
            cause,
            deadline.timedOut,
            response,
            fetchFailed,
            callerSignal,
            settings.timeoutMs,
            target,
            redact,
          );
        }
        // A body handed back unread stays under its deadline (and the caller's signal) until the
        // time is up; an error status's body has been read.
        if (!stream || !result?.response.ok) deadline.clear();

        const status = result?.response.status;
        const retried = shouldRetry(attempt, settings.maxRetries, method, init.body, status, failure);
        // Undefined also when the server's Retry-After is longer than we wait.
        const delay = retried
          ? retryDelay(result?.response.headers.get('retry-after'), attempt, settings.retryDelayMs)
          : undefined;
        try {
          // The message for an attempt (see `Logger`).
          logger?.[retried ? 'warn' : 'debug'](
            retried
              ? delay === undefined
                ? 'not retrying: Retry-After is too long'
                : 'retrying'
              : 'attempt',
            {
              method,
              url: redact(url),
              operationId: target.operationId,
              attempt,
              status,
              error: redact((failure as Error | undefined)?.message),
              delayMs: delay,
            },
          );
        } catch {
          // A failing log sink must not turn an applied update into an error, nor stop the retries.
        }
        if (delay === undefined) {
          if (!result) throw failure;
          // An error body as the error classes keep it: a server that echoes the request must not
          // put a credential into a raw call's `error`, which callers log.
          if (result.error !== undefined) result.error = redact(result.error);
          return result;
        }
        // The wait is a deadline too: it ends when the time is up or, sooner, when the caller aborts.
        const wait = startDeadline(delay, callerSignal, true, true);
        const { signal } = wait;
        await new Promise((resolve) => (signal.aborted ? resolve(0) : (signal.onabort = resolve)));
        wait.clear();
        if (callerSignal?.aborted) throw callerSignal.reason;
      }
    };
  };
}

/**
 * One call, as attempts: each attempt runs through openapi-fetch (so serialisation, middleware
 * and body parsing happen per attempt), gets its credentials right before fetch, and runs under
 * its own deadline; failures become typed errors and are retried per `retry.ts`. Shared by the
 * raw methods and the operation functions.
 *
 * Retrying around openapi-fetch rather than inside `fetch` means no Request is ever cloned or
 * rebuilt (each attempt serialises the body afresh) and a body cut off mid-way is retried too.
 */
import type { Client, QuerySerializerOptions } from 'openapi-fetch';
import type { AuthStep } from './auth.js';
import { responseError } from './decode.js';
import { ConnectionError, TimeoutError, type RequestTarget } from './errors.js';
import { check, checkHeaders, type ClientContext, type FetchFunction, type Settings } from './options.js';
import { checkParams } from './params.js';
import { isRetryableStatus, retryDelay } from './retry.js';
import type { Redact } from './secrets.js';
import { Deadline } from './timeout.js';

/** What openapi-fetch resolves with. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** openapi-fetch's per-call options (`params`, `body`, `signal`, `parseAs`, ...). */
export type FetchInit = Record<string, unknown>;

/** Where a call goes. */
export interface Route {
  /** What errors and logs name; kept apart from `baseUrl` so that errors never hold a URL. */
  target: RequestTarget;
  /** The operation's server; undefined (raw calls to unknown paths): the client's. */
  baseUrl?: string;
  /** The credentials to attach (see auth.ts). */
  auth: AuthStep[];
  /** How the operation's query is serialised, when not the client's default; a call's own wins. */
  query?: QuerySerializerOptions;
  /** The path template's segments that hold parameters (see params.ts). */
  segments: string[];
  /** The error responses the spec gives a body (see api-description.ts). */
  errorBodies?: string[];
}

/** One call; settings default to the client's. */
export type Send = (route: Route, init?: FetchInit, settings?: Settings) => Promise<FetchResult>;

export function createSender(ctx: ClientContext, core: Client<any>, redact: Redact): Send {
  const { logger } = ctx;

  return async ({ target, baseUrl, auth, query, segments }, init = {}, settings = ctx) => {
    const { method, path } = target;
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
    checkHeaders(init.headers, 'headers', target);
    // Looked up per call, not at construction, so that later patches of the global (msw…) apply.
    const fetchOnce = (init.fetch ?? ctx.fetch ?? fetch) as FetchFunction;
    // POST is the one method whose requests are not idempotent (see retry.ts); a stream body is
    // gone once sent.
    const maxRetries = method == 'POST' || init.body instanceof ReadableStream ? 0 : settings.maxRetries;
    let url = path;

    for (let attempt = 1; ; attempt++) {
      // A body returned unread (`parseAs: 'stream'`) outlives the attempt: it needs its own deadline.
      const deadline = new Deadline(settings.timeoutMs, callerSignal, init.parseAs == 'stream');
      // Set once fetch resolved: an error after that came from reading the body, or from middleware.
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
            let answer: Response;
            try {
              // A plain object owning `signal`: a custom fetch that copies its init (`{ ...init,
              // dispatcher }`) keeps the deadline, which a getter on a prototype would not survive.
              answer = await fetchOnce(request, { signal: deadline.signal });
            } catch (cause) {
              fetchFailed = true;
              throw cause;
            }
            // Else openapi-fetch fails reading it with a TypeError that says nothing of fetch.
            check(answer?.headers, 'fetch', 'a function resolving a Response', target);
            return (response = answer);
          },
        })) as FetchResult;
      } catch (cause) {
        failure =
          // The caller's own abort is theirs to handle: never wrapped, never retried.
          callerSignal?.aborted
            ? callerSignal.reason
            : deadline.timedOut
              ? new TimeoutError(`no response within ${settings.timeoutMs} ms`, target, redact(cause))
              : // Only raw calls parse JSON inside openapi-fetch, which has consumed the text by now.
                response && cause instanceof SyntaxError
                ? responseError(response, '', target, redact)
                : // Anything else came from middleware or a serializer: not a transport failure.
                  fetchFailed || response?.bodyUsed
                  ? new ConnectionError(
                      // "fetch failed: other side closed": undici keeps the reason one level down.
                      redact(
                        [(cause as Error)?.message ?? cause, ((cause as Error)?.cause as Error)?.message]
                          .filter(Boolean)
                          .join(': '),
                      ),
                      target,
                      // A redacted copy (see secrets.ts): loggers walk the cause chain.
                      redact(cause),
                    )
                  : cause;
      }
      // A body handed back unread stays under its deadline (and the caller's signal) until the
      // time is up; an error status's body has been read.
      if (init.parseAs != 'stream' || !result?.response.ok) deadline.clear();

      const status = result?.response.status;
      const retryable =
        attempt <= maxRetries && (status ? isRetryableStatus(status) : failure instanceof ConnectionError);
      // Undefined also when the server's Retry-After is longer than we wait.
      const delay = retryable
        ? retryDelay(result?.response.headers.get('retry-after'), attempt, settings.retryDelayMs)
        : undefined;
      try {
        logger?.[retryable ? 'warn' : 'debug'](
          retryable
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
      const wait = new Deadline(delay, callerSignal, true, true);
      const { signal } = wait;
      await new Promise((resolve) => (signal.aborted ? resolve(0) : (signal.onabort = resolve)));
      wait.clear();
      if (callerSignal?.aborted) throw callerSignal.reason;
    }
  };
}

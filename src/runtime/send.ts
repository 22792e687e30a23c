/**
 * One call, as attempts: each attempt runs through openapi-fetch (so serialisation, middleware
 * and body parsing happen per attempt), gets its credentials right before fetch, and runs under
 * its own deadline; failures become typed errors and are retried per `retry.ts`. Shared by the
 * raw methods and the operation functions.
 *
 * Retrying around openapi-fetch rather than inside `fetch` means no Request is ever cloned or
 * rebuilt (each attempt serialises the body afresh) and a body cut off mid-way is retried too.
 */
import type { Client } from 'openapi-fetch';
import {
  ConnectionError,
  InvalidResponseError,
  TimeoutError,
  VoiceAgentApiError,
  type RequestTarget,
} from './errors.js';
import type { AuthStep } from './auth.js';
import type { ClientContext, FetchFunction, LogDetails, Settings } from './options.js';
import { isRetryableStatus, retryDelay } from './retry.js';
import type { Redact } from './secrets.js';
import { AttemptSignal, sleep } from './timeout.js';

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
  /** The operation's server; undefined (raw calls to unknown paths): the client's default. */
  baseUrl?: string;
  /** The credentials to attach (see auth.ts). */
  auth: AuthStep[];
}

export type Send = (route: Route, init: FetchInit, settings: Settings) => Promise<FetchResult>;

/** "fetch failed (ECONNRESET: other side closed)": undici keeps the reason one level down. */
function describeCause(cause: unknown): string {
  const inner = (cause as Error)?.cause as (Error & { code?: string }) | undefined;
  return `${(cause as Error)?.message ?? cause}${inner?.message ? ` (${inner.code ? `${inner.code}: ` : ''}${inner.message})` : ''}`;
}

/** One attempt's state: the only object an attempt allocates besides what fetch needs. */
interface Attempt {
  target: RequestTarget;
  settings: Settings;
  callerSignal: AbortSignal | undefined;
  deadline: AttemptSignal;
  /** Set once fetch resolved: an error after that came from reading the body, or from middleware. */
  response?: Response;
}

/** The error an attempt ends with; `inFetch` when fetch itself threw. */
function attemptError(
  { target, settings, callerSignal, deadline, response }: Attempt,
  cause: unknown,
  redact: Redact,
  inFetch?: boolean,
): unknown {
  // The caller's own abort is theirs to handle: never wrapped, never retried.
  if (callerSignal?.aborted) return callerSignal.reason;
  if (deadline.timedOut)
    return new TimeoutError(`no response within ${settings.timeoutMs} ms`, target, cause);
  if (cause instanceof VoiceAgentApiError) return cause;
  if (response && cause instanceof SyntaxError) {
    // Only raw calls parse JSON inside openapi-fetch, which has consumed the text by now.
    const info = { status: response.status, body: '', headers: new Headers(redact([...response.headers])) };
    return new InvalidResponseError('body is not valid JSON', info, target, cause);
  }
  // Anything else came from middleware or a serializer: not a transport failure.
  return inFetch || response?.bodyUsed
    ? new ConnectionError(redact(describeCause(cause)), target, cause)
    : cause;
}

export function createSender(ctx: ClientContext, core: Client<any>, redact: Redact): Send {
  const { logger } = ctx;

  return async ({ target, baseUrl, auth }, init, settings) => {
    const callerSignal = init.signal as AbortSignal | undefined;
    const fetch = (init.fetch as FetchFunction | undefined) ?? ctx.fetch;
    // POST is the one method whose requests are not idempotent (see retry.ts).
    const maxRetries = target.method === 'POST' ? 0 : settings.maxRetries;
    let url = target.path;

    for (let number = 1; ; number++) {
      const attempt: Attempt = {
        target,
        settings,
        callerSignal,
        deadline: new AttemptSignal(settings.timeoutMs, callerSignal),
      };
      let result: FetchResult | undefined;
      let failure: unknown;
      try {
        result = (await core.request(target.method as 'get', target.path, {
          baseUrl,
          ...init,
          fetch: async (request: Request) => {
            for (const step of auth) request = step(request);
            if (logger) url = request.url;
            try {
              // The deadline is the init: its `signal` is a getter, made only if fetch reads it.
              return (attempt.response = await fetch(request, attempt.deadline));
            } catch (cause) {
              throw attemptError(attempt, cause, redact, true);
            }
          },
        })) as FetchResult;
      } catch (cause) {
        failure = attemptError(attempt, cause, redact);
      } finally {
        attempt.deadline.clear();
      }

      const response = result?.response;
      const retryable =
        number <= maxRetries &&
        (response ? !response.ok && isRetryableStatus(response.status) : failure instanceof ConnectionError);
      // Undefined also when the server's Retry-After is longer than we wait.
      const delay = retryable ? retryDelay(response?.headers, number, settings.retryDelayMs) : undefined;
      if (logger) {
        const details: LogDetails = {
          method: target.method,
          url: redact(url),
          operationId: target.operationId,
          attempt: number,
          status: response?.status,
          error: (failure as Error | undefined)?.message,
          delayMs: delay,
        };
        if (delay !== undefined) logger.warn('retrying', details);
        else if (retryable) logger.warn('not retrying: Retry-After is too long', details);
        else logger.debug('attempt', details);
      }
      if (delay === undefined) {
        if (result) return result;
        throw failure;
      }
      await sleep(delay, callerSignal);
    }
  };
}

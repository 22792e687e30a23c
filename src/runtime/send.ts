/**
 * One call, as attempts: each attempt is built as openapi-fetch builds a request (`fetchOnce`: so
 * serialisation, middleware and body parsing happen per attempt), gets its credentials right
 * before fetch, and runs under its own deadline; a failure becomes a typed error
 * (`attemptFailure`) and `retry.ts` decides whether another attempt follows. Shared by the raw methods and the operation functions.
 *
 * Retrying around the whole attempt rather than inside `fetch` means no Request is ever cloned or
 * rebuilt (each attempt serialises the body afresh) and a body cut off mid-way is retried too.
 */
import {
  mergeHeaders,
  type HeadersOptions,
  type Middleware,
  type QuerySerializerOptions,
} from 'openapi-fetch';
import type { AuthStep } from './auth.js';
import { check, checkHeaders, type Settings } from './context.js';
import { responseError } from './decode.js';
import { ConnectionError, TimeoutError, type RequestTarget } from './errors.js';
import type { FetchFunction, Logger } from './options.js';
import { checkParams, paramSegments } from './params.js';
import { createQuerySerializer, serializePath } from './query.js';
import { retryDelay, shouldRetry } from './retry.js';
import type { Redact } from './secrets.js';
import { deadline as startDeadline } from './timeout.js';

/** What an attempt resolves with, as openapi-fetch's calls do. */
export interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** openapi-fetch's per-call options (`params`, `body`, `signal`, `parseAs`, ...). */
export type FetchInit = Record<string, unknown>;

/** What every request of a client starts from: the `createClient` options of openapi-fetch's that it sets. */
export interface Core {
  baseUrl: string;
  headers: HeadersOptions | undefined;
  /** The middleware `use`d, in order. */
  middleware: Middleware[];
}

type QuerySerializer = (query: Record<string, unknown>) => string;

/**
 * openapi-fetch's `defaultBodySerializer`, given Headers: JSON, or a form's fields when the
 * Content-Type says so; FormData as it is.
 */
const serializeBody = (body: unknown, headers: Headers): unknown =>
  body instanceof FormData
    ? body
    : headers.get('content-type') == 'application/x-www-form-urlencoded'
      ? new URLSearchParams(body as Record<string, string>).toString()
      : JSON.stringify(body);

/**
 * A query serializer as openapi-fetch makes one from options, over the client's: OpenAPI's default
 * for an object in the query (`form`, exploded: `?a=1&b=2`), where openapi-fetch's is `deepObject`
 * (arrays already agree).
 */
const serializerOf = (query?: QuerySerializerOptions | QuerySerializer): QuerySerializer =>
  typeof query == 'function'
    ? query
    : createQuerySerializer({ object: { style: 'form', explode: true }, ...query });

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
  // Only raw calls parse JSON inside the attempt, which has consumed the text by now.
  if (response && cause instanceof SyntaxError) return responseError(response, '', target, redact);
  // Anything else came from middleware or a serializer: not a transport failure.
  if (!fetchFailed && !response?.bodyUsed) return cause;
  // "fetch failed: other side closed": undici keeps the reason one level down. The cause is a
  // redacted copy (see secrets.ts): loggers walk the cause chain.
  const reasons = [(cause as Error)?.message ?? cause, ((cause as Error)?.cause as Error)?.message];
  return new ConnectionError(redact(reasons.filter(Boolean).join(': ')), target, redact(cause));
}

/**
 * One attempt as openapi-fetch 0.17's `createClient` makes it (its `coreFetch`), from the parts
 * openapi-fetch exports, so that a client bundles nothing it leaves unused (the method table, the
 * path-based client): the URL, the body and headers, the Request (the call's other options on it),
 * the middleware (`onRequest` in order, `onError` and `onResponse` in reverse, each return checked as
 * openapi-fetch checks it) and the body read by `parseAs`. What differs: `send` fetches (credentials,
 * the deadline), and a call's `baseUrl` or `querySerializer` given as undefined is not given.
 * @param params the call's, checked (see params.ts)
 * @param baseUrl the operation's server; undefined: the client's
 * @param querySerializer the operation's
 */
async function fetchOnce(
  core: Core,
  method: string,
  path: string,
  init: FetchInit,
  params: Record<string, any>,
  baseUrl: string | undefined,
  querySerializer: QuerySerializer,
  send: (request: Request) => Promise<Response>,
): Promise<FetchResult> {
  const {
    baseUrl: callBaseUrl,
    querySerializer: callQuery,
    Request: MakeRequest = Request,
    headers,
    parseAs = 'json',
    bodySerializer = serializeBody,
    pathSerializer = serializePath,
    body,
    middleware = [],
    // Not the Request's: the caller's signal reaches fetch through the attempt's deadline (on the
    // Request too it would add a listener per call to a signal that may outlive thousands of
    // them), and `send` is the fetch.
    signal: _signal,
    fetch: _fetch,
    params: _params,
    ...rest
  } = init as Record<string, any>;
  baseUrl = (callBaseUrl || baseUrl || core.baseUrl).replace(/\/$/, '');
  if (callQuery) querySerializer = serializerOf(callQuery);
  // The headers merged twice, as openapi-fetch does: the serializer sees the caller's, and the JSON
  // Content-Type goes first, for them to replace or (null) remove.
  const serialized =
    body === undefined ? undefined : bodySerializer(body, mergeHeaders(core.headers, headers, params.header));
  // As openapi-fetch's createFinalURL makes it: a leading `?` of the query's is dropped.
  // A path's fragment is never sent, and a query after it would not be: AWS's descriptions tell
  // operations of one path apart by one (`/#X-Amz-Target=…`, `/tags/{resourceArn}#tagKeys`).
  let url = baseUrl + path.split('#')[0]!;
  if (params.path) url = pathSerializer(url, params.path);
  const search = querySerializer(params.query ?? {}).replace(/^\?/, '');
  // A path with a query of its own (S3's `/{Bucket}?uploads`) takes the parameters after it.
  let request: Request = new MakeRequest(search ? url + (url.includes('?') ? '&' : '?') + search : url, {
    // A redirect is returned, not followed: fetch drops Authorization and Cookie on the way to
    // another host, but not an API key in a header of its own, which would go along with the body.
    redirect: 'manual',
    ...rest,
    method,
    body: serialized,
    headers: mergeHeaders(
      serialized === undefined || serialized instanceof FormData
        ? {}
        : { 'Content-Type': 'application/json' },
      core.headers,
      headers,
      params.header,
    ),
  });
  // Options fetch does not know, on the Request for middleware to read.
  for (const key in rest) if (!(key in request)) (request as any)[key] = rest[key];

  const middlewares: Middleware[] = [...core.middleware, ...middleware];
  // What each hook gets besides the request and the response or error, made only when one runs.
  const hook = middlewares[0] && {
    schemaPath: path,
    params,
    id: Math.random().toString(36).slice(2, 11),
    options: Object.freeze({
      baseUrl: baseUrl!,
      fetch: send as typeof fetch,
      parseAs,
      querySerializer,
      bodySerializer,
      pathSerializer,
    }),
  };
  let response: Response | undefined;
  for (const m of middlewares) {
    const result = await m?.onRequest?.({ request, ...hook! });
    if (result instanceof Request) request = result;
    else if (result instanceof Response) {
      response = result;
      break;
    } else if (result)
      throw new Error('onRequest: must return new Request() or Response() when modifying the request');
  }
  if (!response) {
    try {
      response = await send(request);
    } catch (cause) {
      let error = cause;
      for (let i = middlewares.length; i--;) {
        const result = await middlewares[i]?.onError?.({ request, error, ...hook! });
        if (result instanceof Response) {
          error = undefined;
          response = result;
          break;
        }
        if (result instanceof Error) error = result;
        else if (result) throw new Error('onError: must return new Response() or instance of Error');
      }
      if (error) throw error;
    }
    for (let i = middlewares.length; i--;) {
      const result = await middlewares[i]?.onResponse?.({ request, response: response!, ...hook! });
      if (result instanceof Response) response = result;
      else if (result) throw new Error('onResponse: must return new Response() when modifying the response');
    }
  }

  const { ok, headers: got } = response!;
  const length = got.get('Content-Length');
  if (
    response!.status == 204 ||
    request.method == 'HEAD' ||
    (length == '0' && !got.get('Transfer-Encoding')?.includes('chunked'))
  )
    return ok ? { data: undefined, response: response! } : { error: undefined, response: response! };
  if (ok) {
    // JSON of an unknown length may be empty: `undefined` then.
    const json = parseAs == 'json' && !length;
    const data =
      parseAs == 'stream' ? response!.body : await response![json ? 'text' : (parseAs as 'text')]();
    return { data: json ? (data ? JSON.parse(data as string) : undefined) : data, response: response! };
  }
  let error: unknown = await response!.text();
  try {
    error = JSON.parse(error as string);
  } catch {
    // Not JSON: the text.
  }
  return { error, response: response! };
}

/**
 * @param defaults the client's settings
 * @param clientFetch the client's `fetch`; undefined: the global one, looked up on each call
 */
export function createRouter(
  core: Core,
  redact: Redact,
  defaults: Settings,
  clientFetch?: FetchFunction,
  logger?: Logger,
): RouteMaker {
  return (target, baseUrl, auth = [], query) => {
    const { method, path } = target;
    // The path template's segments that hold parameters (see params.ts).
    const segments = paramSegments(path);
    const serializeQuery = serializerOf(query);

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
      const fetchFunction = (init.fetch ?? clientFetch ?? fetch) as FetchFunction;
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
          result = await fetchOnce(
            core,
            method,
            path,
            init,
            params,
            baseUrl,
            serializeQuery,
            async (request) => {
              for (const step of auth) request = step(request);
              if (logger) url = request.url;
              try {
                // A plain object owning `signal`: a custom fetch that copies its init (`{ ...init,
                // dispatcher }`) keeps the deadline, which a getter on a prototype would not survive.
                response = await fetchFunction(request, { signal: deadline.signal });
              } catch (cause) {
                fetchFailed = true;
                throw cause;
              }
              // Else reading it fails with a TypeError that says nothing of fetch.
              check(response?.headers, 'fetch', 'a function resolving a Response', target);
              return response;
            },
          );
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

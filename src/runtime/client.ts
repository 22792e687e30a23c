/**
 * `createApiClient`: one object with both call styles over one request path, openapi-fetch's
 * steps built from its exported parts (send.ts).
 *
 * - Raw: `client.PATCH(path, { params, body })` resolves `{ data, error, response }` as in
 *   openapi-fetch, with auth, timeouts and retries applied, and a body to an operation's path sent
 *   as its function sends it (its media type and serialiser; openapi-fetch's is JSON). Transport
 *   failures reject with ConnectionError / TimeoutError and the caller's abort with its reason; a
 *   2xx whose body is not JSON rejects with InvalidResponseError (without the text: reading it as
 *   openapi-fetch does consumed it), and an empty 2xx body resolves `data: undefined`, as
 *   openapi-fetch does. `error` is redacted as the error classes' bodies are, and never falsy: the
 *   body of a status the spec gives one (unless the server sent none), else the ApiStatusError the
 *   operation function throws (raw-client.ts).
 * - Both reject with a ConfigurationError, before sending, when a parameter is missing or cannot
 *   be sent (see params.ts), or when the operation's credentials were not given (see auth.ts).
 * - Operation functions: `client.updateAgent({ path, query, body }, callOptions)` resolve the
 *   parsed success body or reject with a typed error for every other outcome.
 */
import type { Middleware } from 'openapi-fetch';
import type { ApiDescription, OperationInfo } from './api-description.js';
import { missingCredential, planAuth, type AuthStep } from './auth.js';
import { decodeResult, responseError } from './decode.js';
import type { ConfigurationError, RequestTarget } from './errors.js';
import {
  check,
  checkHeaders,
  checkUrl,
  DEFAULTS,
  resolveCredentials,
  resolveSettings,
  type Credentials,
} from './context.js';
import type { CallOptions, ClientOptions } from './options.js';
import { createRedactor } from './secrets.js';
import type { RawClient } from './raw-client.js';
import { createRouter, type Core, type FetchInit, type FetchResult, type Route } from './send.js';
import type { Decode, Validator } from './validation.js';

export interface OperationArgs {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  body?: unknown;
}

export type OperationFunction = (args?: OperationArgs, options?: CallOptions) => Promise<unknown>;

/**
 * The client: openapi-fetch's calls on `Paths` (as `RawClient` types them) plus one function per
 * operation. Generated packages name precise `Paths` and `Operations` (e.g.
 * `{ updateAgent(args, options?): Promise<Agent> }`); the runtime alone cannot know the operation
 * names, so by default it types none of them.
 */
export type ApiClient<Paths extends {} = any, Operations extends object = {}> = RawClient<Paths> & Operations;

export function createApiClient<Paths extends {} = any, Operations extends object = {}>(
  api: ApiDescription,
  options: ClientOptions & Credentials,
): ApiClient<Paths, Operations> {
  // A copy: later changes to the caller's object must not reach the client (and `undefined` is `{}`).
  options = { ...options };
  const { baseUrl, fetch, headers, middleware = [], logger } = options;
  check(Array.isArray(middleware), 'middleware', 'an array');
  checkHeaders(headers);
  check(!fetch || typeof fetch == 'function', 'fetch', 'a function');
  check(
    !logger || (typeof logger.debug == 'function' && typeof logger.warn == 'function'),
    'logger',
    'debug and warn functions',
  );
  const [credentials, secrets] = resolveCredentials(api, options);
  const settings = resolveSettings(DEFAULTS, options);
  // Operations with a server of their own use it unless the caller chose one for the client.
  // `null` is given, and refused.
  const server = checkUrl(
    baseUrl === undefined ? api.server : baseUrl,
    baseUrl === undefined ? "not given, and the spec's first server is not one" : 'as given',
  );
  const redact = createRedactor(secrets);
  const core: Core = { baseUrl: server, headers, middleware: [] };
  // openapi-fetch's `use` and `eject`, over the middleware every attempt runs.
  const use = (...added: Middleware[]) => {
    for (const m of added)
      if (m) {
        if (typeof m != 'object' || !('onRequest' in m || 'onResponse' in m || 'onError' in m))
          throw new Error(
            'Middleware must be an object with one of `onRequest()`, `onResponse() or `onError()`',
          );
        core.middleware.push(m);
      }
  };
  use(...middleware);
  const route = createRouter(core, redact, settings, fetch, logger);
  // Path template → method → route, filled below: raw calls to an operation's path get its server,
  // credentials and documented error bodies. A Map of constant keys: no string building on the way
  // to a request.
  // Each a tuple, not an object: its property names would stay in the minified bundle.
  const routes = new Map<
    string,
    Record<string, [send: Route, target: RequestTarget, errorBodies: string[] | undefined]>
  >();
  const raw = async (method: string, path: string, init?: FetchInit): Promise<unknown> => {
    const [send, target = { method, path }, errorBodies] = routes.get(path)?.[method] ?? [];
    const result = await (send ?? route(target))(init);
    const { response, error } = result;
    const key = String(response.status);
    // `if (error)` must catch every failure: an empty or undocumented error body becomes the error.
    if (
      !response.ok &&
      !(error && errorBodies?.some((k) => k == key || k == `${key[0]}XX` || k == 'default'))
    )
      result.error = responseError(response, error === undefined ? '' : error, target, redact);
    return result;
  };
  // openapi-fetch's client with every call going through a route: `request` and the HTTP methods,
  // its all-capital keys (`GET`, `PATCH`, ...). The pipeline rejects operation ids that would
  // shadow one of them.
  const client: Record<string, unknown> = {
    use,
    eject(...removed: Middleware[]) {
      for (const m of removed) {
        const i = core.middleware.indexOf(m);
        if (i != -1) core.middleware.splice(i, 1);
      }
    },
    request: (method: string, path: string, init?: FetchInit) => raw(method.toUpperCase(), path, init),
  };
  for (const method of ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'])
    client[method] = (path: string, init?: FetchInit) => raw(method, path, init);

  // The first operation that cannot be called with the credentials given, and a credential some
  // operation sends: without one, no operation that needs credentials can be called, and the
  // options are refused (a client holding none is a mistake worth reporting now, not at the first
  // call). With one, the operations it cannot serve reject when called.
  let missing: ConfigurationError | undefined;
  let used: AuthStep | undefined;
  for (const [operationId, op] of Object.entries(api.operations)) {
    const { method, path, returns } = op;
    const target = { method, path, operationId };
    const auth = planAuth(op, credentials);
    if (auth) used ??= auth[0];
    else missing ??= missingCredential(op, target);
    const send = route(target, baseUrl ?? op.server, auth, op.query);
    // A call through the operation's checks (validation.ts) when it checks something, loaded on
    // the first such call: a client with `validate` off on both sides never loads them. Checks that
    // fail to load leave the calls unchecked: `warn` must not change them. `decode` 0: a raw call.
    let loading: Promise<Validator | void> | undefined;
    let loaded: Validator | undefined;
    const checked = async (
      request: FetchInit,
      sending: () => Promise<FetchResult>,
      decode: Decode | 0,
      call?: CallOptions,
    ): Promise<any> => {
      // Before the checks: no credential, no request to check.
      if (!auth) throw missingCredential(op, target);
      const modeOf = (side: 'response' | 'request') => call?.validate?.[side] ?? options.validate?.[side];
      const checks =
        op.checks &&
        (modeOf('response') != 'off' || (modeOf('request') ?? 'off') != 'off') &&
        (loaded ??
          (await (loading ??= op.checks().then(
            (checks) => (loaded = checks.default),
            () => {},
          ))));
      return checks
        ? checks(options, call, request, sending, target, redact, decode, !returns)
        : decode === 0
          ? sending()
          : decode(await sending());
    };
    routes.set(path, {
      ...routes.get(path),
      [method]: [(init = {}) => checked(init, () => send(op.raw?.(init) ?? init), 0), target, op.errorBodies],
    });

    client[operationId] = async (args: OperationArgs = {}, call?: CallOptions) => {
      const init = {
        // An attempt reads `path`, `query` and `header` of `params` and nothing else; their
        // headers come last, so the spec's media type wins over openapi-fetch's application/json
        // (undefined, for an operation of JSON, is no header: merging skips it).
        params: { ...args, header: { ...args.header, 'content-type': op.contentType } },
        body: args.body,
        bodySerializer: op.bodySerializer,
        headers: call?.headers,
        signal: call?.signal,
        // decodeResult parses, so that a bad body can be reported with its text; a body that is
        // not JSON is left unread, for the operation's reader to read under the call's deadline.
        parseAs: returns ? 'stream' : 'text',
      };
      const callSettings = call ? resolveSettings(settings, call, target) : settings;
      return checked(
        args as FetchInit,
        () => send(init, callSettings),
        (result) => (returns ?? decodeResult)(result, target, redact, call, callSettings),
        call,
      );
    };
  }
  if (missing && !used) throw missing;
  return client as ApiClient<Paths, Operations>;
}

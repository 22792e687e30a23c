/**
 * The client's contract checks (`validate`): a call through its operation's checks. Every
 * generated checks module (`checks/<operationId>.js`) exports `validator(itsChecks)`, which
 * `client.ts` loads by dynamic import on the first call that checks something: none of this is in
 * the bundle of a client that never does, and a bundler splits it off for one that does. What an
 * issue does (`report.ts`) loads once there is one; a request's checks, a module of their own,
 * only when requests are checked (`validate.request` is `off` by default).
 *
 * `warn` never changes what a call resolves or rejects with: see `report.ts`, and `client.ts` for
 * a checks module that fails to load.
 */
import type { OperationInfo } from './api-description.js';
import { check } from './context.js';
import { responseIssues, type Issue, type OperationChecks, type RequestParts } from './contract.js';
import { decodeResult } from './decode.js';
import type { RequestTarget } from './errors.js';
import type { CallOptions, ClientOptions } from './options.js';
import type { Redact } from './secrets.js';
import type { FetchInit, FetchResult } from './send.js';

/** How one operation's calls are checked: made by `validator` from the operation's checks. */
export interface Validator {
  /** An operation function's call: resolves the decoded success body, as without checks. */
  operation(
    client: ClientOptions,
    call: CallOptions | undefined,
    request: RequestParts,
    send: () => Promise<FetchResult>,
    target: RequestTarget,
    redact: Redact,
    returns: OperationInfo['returns'],
  ): Promise<unknown>;
  /** A raw call (`client.PATCH(...)`): resolves openapi-fetch's result, as without checks. */
  raw(
    client: ClientOptions,
    init: FetchInit,
    send: (init: FetchInit) => Promise<FetchResult>,
    target: RequestTarget,
    redact: Redact,
  ): Promise<FetchResult>;
}

export function validator(checks: OperationChecks): Validator {
  /** Checks one side under its mode; issues go to `report.ts`. */
  const side = async (
    mode: unknown,
    issues: () => Issue[] | Promise<Issue[]>,
    client: ClientOptions,
    redact: Redact,
    target: RequestTarget,
    data: unknown,
    response?: Response,
  ) => {
    const found = mode != 'off' && (await issues());
    if (found && found.length)
      (await import('./report.js')).settle(found, mode as string, client, redact, target, data, response);
  };
  const modesOf = (client: ClientOptions, call: CallOptions | undefined, target: RequestTarget) => {
    const modes = { response: 'warn', request: 'off', ...client.validate, ...call?.validate };
    check(
      [client.validate, call?.validate].every(
        (given) => given === undefined || given?.constructor == Object,
      ) && /^(warn|throw|off),(warn|throw|off)$/.test(`${modes.response},${modes.request}`),
      'validate',
      "{ response?, request? } of 'warn', 'throw', 'off'",
      target,
    );
    return modes;
  };
  const requestSide = (parts: RequestParts) => async () => (await checks.request?.())?.default(parts) ?? [];
  const responseSide =
    ({ response }: FetchResult, body: unknown) =>
    () =>
      responseIssues(checks, response.status, response.headers.get('content-type'), body);

  return {
    async operation(client, call, parts, send, target, redact, returns) {
      const modes = modesOf(client, call, target);
      await side(modes.request, requestSide(parts), client, redact, target, parts.body);
      const result = await send();
      let value: unknown;
      let failure: unknown;
      try {
        value = decodeResult(result, target, redact, returns);
      } catch (error) {
        failure = error;
      }
      // A 2xx that did not decode has no body to check (its error says why); an error status's body is on its error.
      const body = result.response.ok
        ? failure || returns
          ? undefined
          : value
        : (failure as { body?: unknown }).body;
      await side(modes.response, responseSide(result, body), client, redact, target, body, result.response);
      if (failure) throw failure;
      return value;
    },

    async raw(client, init, send, target, redact) {
      const modes = modesOf(client, undefined, target);
      const parts = { ...(init.params as RequestParts), body: init.body };
      await side(modes.request, requestSide(parts), client, redact, target, init.body);
      const result = await send(init);
      // Only what openapi-fetch parsed as JSON (its default) is a body to check.
      const body =
        init.parseAs && init.parseAs != 'json' ? undefined : result.response.ok ? result.data : result.error;
      await side(modes.response, responseSide(result, body), client, redact, target, body, result.response);
      return result;
    },
  };
}

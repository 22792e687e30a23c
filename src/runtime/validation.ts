/**
 * The client's contract checks (`validate`): a call through its operation's checks, what a
 * violation does under each mode, and the reports, once per client. Every generated checks module
 * (`checks/<operationId>.js`) exports `validator(itsChecks)`, which `client.ts` loads by dynamic
 * import on the first call that validates: none of this is in the bundle of a client that never
 * does, and a bundler splits it off for one that does. A request's checks are a module of their
 * own, loaded only when requests are checked (`validate.request` is `off` by default).
 *
 * `warn` never changes what a call resolves or rejects with: a logger or hook that throws is
 * ignored, and so is a checks module that fails to load (`client.ts`).
 */
import type { OperationInfo } from './api-description.js';
import { check } from './context.js';
import {
  requestViolations,
  responseViolations,
  type OperationChecks,
  type RequestParts,
} from './contract.js';
import { decodeResult } from './decode.js';
import { ContractViolationError, type ContractViolation, type RequestTarget } from './errors.js';
import type { CallOptions, ClientOptions, ValidateOptions } from './options.js';
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

/**
 * The distinct violations each client has reported, by the client's options object. Bounded: a
 * client that meets more distinct violations than this reports no new ones (the first thousand
 * say what to fix).
 */
const reported = new WeakMap<object, Set<string>>();

/**
 * What violations do under a mode: `throw` rejects with a ContractViolationError; `warn` tells
 * the logger and the hook each one this client has not reported yet (the console when it has
 * neither), and changes nothing.
 * @param data what was parsed (a request's body), for the error
 * @param response the response the violations are of, if any
 */
function settle(
  found: ContractViolation[],
  mode: string | undefined,
  { logger, onContractViolation: hook }: ClientOptions,
  seen: Set<string>,
  redact: Redact,
  target: RequestTarget,
  data: unknown,
  response?: Response,
): void {
  // A pointer names keys of the body, which a server may fill with what it was sent.
  const violations = redact(found);
  const [first] = violations;
  if (!first) return;
  if (mode == 'throw') {
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
    const error = new ContractViolationError(
      `contract violation: ${first.message}${more}`,
      target,
      undefined,
      {
        status: response?.status,
        headers: response && redact(response.headers),
        violations,
      } as never,
    );
    // Kept out of JSON and util.inspect: the data holds the very values the violations leave out.
    throw Object.defineProperty(error, 'data', { value: redact(data) });
  }
  for (const violation of violations) {
    // Items of one array are one violation: `/items/0/id` and `/items/7/id` alike.
    const key = JSON.stringify({
      ...violation,
      pointer: violation.pointer.replace(/\/\d+(?=\/|$)/g, '/-'),
      message: 0,
    });
    if (seen.has(key) || seen.size > 999) continue;
    seen.add(key);
    const message = `contract violation: ${violation.message}`;
    try {
      if (logger)
        logger.warn(message, {
          ...target,
          url: target.path,
          attempt: 0,
          status: response?.status,
          violation,
        } as never);
      else if (!hook) console.warn(`${target.method} ${target.path}: ${message}`);
    } catch {
      // A failing log sink must not change the call's outcome.
    }
    try {
      hook?.(violation);
    } catch {
      // Nor a failing hook.
    }
  }
}

/** The call's modes, its own over the client's, each checked; and the client's reports so far. */
function modesOf(client: ClientOptions, call: CallOptions | undefined, target: RequestTarget) {
  check(
    [client.validate, call?.validate].every((given) => given == null || typeof given == 'object'),
    'validate',
    'an object',
    target,
  );
  const modes: ValidateOptions = { response: 'warn', ...client.validate, ...call?.validate };
  for (const side of ['response', 'request'] as const)
    check(
      /^(warn|throw|off)?$/.test(String(modes[side] ?? '')),
      `validate.${side}`,
      "'warn', 'throw' or 'off'",
      target,
    );
  check(
    !client.onContractViolation || typeof client.onContractViolation == 'function',
    'onContractViolation',
    'a function',
    target,
  );
  let seen = reported.get(client);
  if (!seen) reported.set(client, (seen = new Set()));
  return { ...modes, seen };
}

export function validator(checks: OperationChecks): Validator {
  /** Checks the request before it is sent (not under `off`). */
  const request = async (
    client: ClientOptions,
    modes: ReturnType<typeof modesOf>,
    parts: RequestParts,
    target: RequestTarget,
    redact: Redact,
  ) => {
    if (modes.request && modes.request != 'off')
      settle(
        await requestViolations(checks, target, parts),
        modes.request,
        client,
        modes.seen,
        redact,
        target,
        parts.body,
      );
  };
  /** Checks the response (not under `off`): its media type, and the body the call parsed. */
  const response = (
    client: ClientOptions,
    modes: ReturnType<typeof modesOf>,
    { response }: FetchResult,
    body: unknown,
    target: RequestTarget,
    redact: Redact,
  ) => {
    if (modes.response != 'off')
      settle(
        responseViolations(checks, target, response.status, response.headers.get('content-type'), body),
        modes.response,
        client,
        modes.seen,
        redact,
        target,
        body,
        response,
      );
  };
  return {
    async operation(client, call, parts, send, target, redact, returns) {
      const modes = modesOf(client, call, target);
      await request(client, modes, parts, target, redact);
      const result = await send();
      let value: unknown;
      let failure: unknown;
      try {
        value = decodeResult(result, target, redact, returns);
      } catch (error) {
        failure = error;
      }
      // A 2xx that did not decode has no body to check (its error says why); an error status's body is on its error.
      response(
        client,
        modes,
        result,
        result.response.ok ? (failure || returns ? undefined : value) : (failure as { body?: unknown }).body,
        target,
        redact,
      );
      if (failure) throw failure;
      return value;
    },

    async raw(client, init, send, target, redact) {
      const modes = modesOf(client, undefined, target);
      await request(client, modes, { ...(init.params as object), body: init.body }, target, redact);
      const result = await send(init);
      // Only what openapi-fetch parsed as JSON (its default) is a body to check.
      const json = !init.parseAs || init.parseAs == 'json';
      response(
        client,
        modes,
        result,
        json ? (result.response.ok ? result.data : result.error) : undefined,
        target,
        redact,
      );
      return result;
    },
  };
}

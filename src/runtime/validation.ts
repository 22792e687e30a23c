/**
 * The client's contract checks (`validate`): a call through its operation's checks. Every
 * generated checks module (`checks/<operationId>.js`) exports `validator(itsChecks)`, which
 * `client.ts` loads by dynamic import on the first call that checks something: none of this is in
 * the bundle of a client that never does, and a bundler splits it off for one that does. A call
 * here only asks whether the response holds; where and why it does not, and what that does
 * (`report.ts`, `explain.ts`), loads once there is an issue, or a wrong option to refuse, or a
 * request to check (`validate.request` is `off` by default; its checks a module of their own).
 *
 * `warn` never changes what a call resolves or rejects with: see `report.ts`, and `client.ts` for
 * a checks module that fails to load.
 */
import { holds, type Check } from './checks.js';
import type { OperationChecks } from './contract.js';
import type { RequestTarget } from './errors.js';
import type { CallOptions, ClientOptions } from './options.js';
import type { Redact } from './secrets.js';
import type { FetchInit, FetchResult } from './send.js';

/** How an operation function reads its result: JSON (`decode.ts`) or the operation's reader. */
export type Decode = (result: FetchResult) => unknown;

/**
 * One call, checked: an operation function's (`request` its arguments; resolves what `decode`
 * reads, as without checks; `json` when that is the parsed body, the one the checks can read) or,
 * with `decode` 0, a raw call's (`request` openapi-fetch's init; resolves openapi-fetch's result,
 * as without checks).
 */
export type Validator = (
  client: ClientOptions,
  call: CallOptions | undefined,
  request: FetchInit,
  send: () => Promise<FetchResult>,
  target: RequestTarget,
  redact: Redact,
  decode: Decode | 0,
  json: boolean,
) => Promise<unknown>;

/** One call's modes: the response's, the request's (`warn`, `throw` or `off`), read as `warn,off`. */
const MODES = /^(warn|throw|off),(warn|throw|off)$/;

/**
 * One call's modes, the response's then the request's; or, when an option is wrong, which
 * (`report.ts` words the refusal): 0 `validate`, 1 `onContractViolation`.
 */
export type Modes = string[] | 0 | 1;

/**
 * The call's modes (response, request), else the client's (an `undefined` is not given), else
 * the defaults; or, when an option is wrong, which (`Modes`), so that a wrong client option
 * refuses every call that falls back to it. Worked out on each call: a cache per client cost more
 * bytes than the work (about 0.2 µs of a 45 µs call).
 */
function modesOf(
  { validate, onContractViolation: hook }: ClientOptions,
  call: CallOptions | undefined,
): Modes {
  const given = call?.validate;
  const sides = [
    given?.response ?? validate?.response ?? 'warn',
    given?.request ?? validate?.request ?? 'off',
  ];
  return [validate, given].some((each) => each !== undefined && each?.constructor != Object) ||
    !MODES.test(`${sides}`)
    ? 0
    : hook && typeof hook != 'function'
      ? 1
      : sides;
}

/**
 * report.ts, loaded once there is an issue (or a wrong option) to word, or a request to check;
 * under `warn`, one that fails to load leaves the call as it was rather than fail it.
 */
function report(mode: string) {
  return import('./report.js').catch((error) => {
    if (mode != 'warn') throw error;
  });
}

export function validator(checks: OperationChecks): Validator {
  return async (client, call, request, send, target, redact, decode, json) => {
    // A wrong option is a number: its `[1]`, undefined, is no mode.
    const modes = modesOf(client, call) as string[];
    const raw = decode === 0;
    // A wrong option or a request to check.
    if (modes[1] != 'off')
      await (await report(modes[1]!))?.onRequest(modes, checks, client, target, redact, request, raw);
    const result = await send();
    const { response } = result;
    let value: unknown = result;
    let failure: unknown;
    if (!raw)
      try {
        value = await decode(result);
      } catch (caught) {
        failure = caught;
      }
    // The body as the caller gets it: openapi-fetch's JSON (its default `parseAs`) for a raw call;
    // an operation's decoded success (none when it did not decode: its error says why) or the body
    // on its error.
    const body = raw
      ? request.parseAs && request.parseAs != 'json'
        ? undefined
        : response.ok
          ? result.data
          : result.error
      : response.ok
        ? failure || !json
          ? undefined
          : value
        : (failure as { body?: unknown }).body;
    if (modes[0] != 'off') {
      const check = bodyCheck(checks, response.status, response.headers.get('content-type'));
      if (check === undefined || (body !== undefined && !holds(check, body)))
        await (await report(modes[0]!))?.onResponse(modes, checks, client, target, redact, response, body);
    }
    if (failure) throw failure;
    return value;
  };
}

/**
 * The check of a response's body, by its status (its own, its family's `2XX`, else `default`) and
 * media type (as sent, or its `type/subtype`): 0 when there is nothing to check (not JSON, no
 * schema, no content documented); undefined when its media type is not one of those documented,
 * for `report.ts` to work out (a `*\/*` that matches, or a violation). Verify reports undocumented
 * statuses; the error classes cover the rest.
 */
export function bodyCheck(
  { responses }: OperationChecks,
  status: number,
  contentType: string | null,
): Check | 0 | undefined {
  const content = (responses[status] ?? responses[`${String(status)[0]}XX`] ?? responses.default)?.[0] ?? {};
  // The documented type as sent is the common case: found without parsing the header. A header
  // that is no media type matches none of those documented either way; nor does `constructor`.
  const type = Object.hasOwn(content, contentType!)
    ? contentType!
    : String(contentType).split(';')[0]!.trim().toLowerCase();
  return Object.hasOwn(content, type) ? content[type] : Object.keys(content).length ? undefined : 0;
}

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
import { responseIssues, type Issue, type OperationChecks } from './contract.js';
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

/** Each client's own modes, or its wrong option's name, by its options object (a copy of its own). */
const clientModes = new WeakMap<ClientOptions, string[] | string>();

/**
 * The call's modes (response, request), else the client's (an `undefined` is not given), else
 * the defaults; or, when an option is wrong, its name (report.ts words the refusal), so that a
 * wrong client option refuses every call that falls back to it.
 */
function modesOf(client: ClientOptions, call: CallOptions | undefined): string[] | string {
  const own = call?.validate === undefined;
  let modes = own && clientModes.get(client);
  if (!modes) {
    const given = (['response', 'request'] as const).map(
      (side, index) => call?.validate?.[side] ?? client.validate?.[side] ?? ['warn', 'off'][index]!,
    );
    const hook = client.onContractViolation;
    modes =
      [client.validate, call?.validate].some((each) => each !== undefined && each?.constructor != Object) ||
      !MODES.test(String(given))
        ? 'validate'
        : hook && typeof hook != 'function'
          ? 'onContractViolation'
          : given;
    if (own) clientModes.set(client, modes);
  }
  return modes;
}

/** report.ts, loaded once there is an issue (or a wrong option) to word. */
const report = () => import('./report.js');

export const validator =
  (checks: OperationChecks): Validator =>
  async (client, call, request, send, target, redact, decode, json) => {
    const modes = modesOf(client, call);
    if (typeof modes == 'string') return (await report()).refuse(modes, target);
    // report.ts; under `warn`, one that fails to load leaves the issues unreported rather than fail the call.
    const load = (mode: string) =>
      report().catch((error) => {
        if (mode == 'throw') throw error;
      });
    const settle = async (mode: string, issues: Issue[], data: unknown, response?: Response) =>
      (await load(mode))?.settle(issues, mode, client, redact, target, data, response);
    const raw = decode === 0;
    if (modes[1] != 'off') {
      const issues = (await checks.request?.())?.default(request, raw) ?? [];
      if (issues.length) await settle(modes[1]!, issues, request.body);
    }
    const result = await send();
    const { response, data, error } = result;
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
          ? data
          : error
      : response.ok
        ? failure || !json
          ? undefined
          : value
        : (failure as { body?: unknown }).body;
    if (modes[0] != 'off') {
      const type = response.headers.get('content-type');
      const issues =
        responseIssues(checks, response.status, type, body) ??
        (await load(modes[0]!))?.contentIssues(checks, response.status, type, body) ??
        [];
      if (issues.length) await settle(modes[0]!, issues, body, response);
    }
    if (failure) throw failure;
    return value;
  };

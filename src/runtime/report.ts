/**
 * Contract issues in words, and what they do under each mode: `ContractViolation`s for the logger,
 * the hook and `ContractViolationError`, each distinct one reported once per client. Loaded by
 * `validation.ts` once a call has an issue (or a wrong option, or a request to check), so a client
 * whose calls keep the contract never loads it; `npm run verify` words its findings with it too.
 */
import type { Issue, OperationChecks } from './contract.js';
import { check } from './context.js';
import { TYPES } from './checks.js';
import { run, segment } from './explain.js';
import { ContractViolationError, type ContractViolation, type RequestTarget } from './errors.js';
import type { ClientOptions } from './options.js';
import type { Redact } from './secrets.js';
import type { FetchInit } from './send.js';
import { bodyCheck, type Modes } from './validation.js';

const BOUNDS: Record<string, string> = {
  minimum: '>= ',
  maximum: '<= ',
  exclusiveMinimum: '> ',
  exclusiveMaximum: '< ',
};

/** What a rule asks for, in words, from what its check recorded (`a`). */
const expectation = ({ r, a }: Issue): string =>
  r == 'content-type'
    ? (a as string[]).join(' or ')
    : r == 'type'
      ? // `number`'s bits take `integer`'s too: named once.
        TYPES.filter((_, index) => (a as number) & (1 << index) && !(index == 2 && (a as number) & 2)).join(
          ' or ',
        )
      : r == 'enum'
        ? `one of ${[...(a as Iterable<unknown>)]
            .map((value, index) => (index < 5 ? JSON.stringify(value) : index < 6 ? '…' : ''))
            .filter(Boolean)
            .join(', ')}`
        : r == 'required'
          ? 'present'
          : /Prop|^not|^false/.test(r)
            ? 'absent'
            : a === undefined
              ? `${r} to hold`
              : (BOUNDS[r] ?? (/^min/.test(r) ? 'at least ' : /^max/.test(r) ? 'at most ' : '')) +
                (typeof a == 'string' ? a : JSON.stringify(a));

/** An issue as a violation of the call to `target`. */
export function violation(
  issue: Issue,
  target: RequestTarget,
  side: 'request' | 'response',
  status?: number,
): ContractViolation {
  const { p, s, r, i } = issue;
  const expected = expectation(issue);
  const g =
    typeof issue.g == 'string' ? issue.g : issue.g < 0 ? 'absent' : (TYPES[Math.log2(issue.g)] ?? 'not JSON');
  // A path the checks left relative (`/responses/200/content`) is the operation's own.
  const schema = `openapi.json${s[0] == '/' ? `#/paths${segment(target.path)}/${target.method.toLowerCase()}` : ''}${s}`;
  return {
    operationId: target.operationId ?? '',
    method: target.method,
    path: target.path,
    side,
    ...(status === undefined ? {} : { status }),
    in: i,
    pointer: p,
    rule: r,
    expected,
    got: g,
    schema,
    message: `${side}${status === undefined ? '' : ` ${status}`} ${i}${p && ` ${p}`}: ${r}: expected ${expected}, got ${g} (${schema})`,
  };
}

/** The key of the documented response a status gets, as `bodyCheck` finds it: itself, its family (`2XX`) or `default`. */
export function documented({ responses }: OperationChecks, status: number): string | number {
  const family = `${String(status)[0]}XX`;
  return responses[status] ? status : responses[family] ? family : 'default';
}

/** The media type's `type/subtype`, lower-cased, when it is one (so it can be shown); else ''. */
export const essence = (type: string | null): string =>
  /^[\w.+*-]{1,64}\/[\w.+*-]{1,64}$/.exec(String(type).split(';')[0]!.trim().toLowerCase())?.[0] ?? '';

/**
 * The issues of a response with a documented status: what its body breaks when its media type is
 * documented; else none when a documented family (`*\/*`, `text/*`) matches it and its body keeps
 * that type's schema, else that it is not documented (when it came with one), and what its body
 * breaks by the first JSON type's.
 * @param body the parsed body; undefined when none was parsed (not JSON, not read)
 */
export function responseIssues(
  checks: OperationChecks,
  status: number,
  contentType: string | null,
  body: unknown,
): Issue[] {
  const check = bodyCheck(checks, status, contentType);
  if (check !== undefined) return run(check, body, 'body');
  const key = documented(checks, status);
  const [content = {}, at = `/responses/${key}/content`] = checks.responses[key] ?? [];
  const type = essence(contentType);
  const types = Object.keys(content);
  const match = types.find((each) => {
    const documented = essence(each);
    return (
      type &&
      (documented == type || (/\*/.test(documented) && type.startsWith(documented.replace(/\*.*/, ''))))
    );
  });
  const issues = run(content[match ?? types.find((each) => /json$/.test(essence(each)))!] ?? 0, body, 'body');
  // `s` relative to the operation unless spelled (`violation` builds it).
  if (contentType && !match)
    issues.unshift({
      p: '/content-type',
      s: at,
      r: 'content-type',
      a: types,
      g: type || 'another type',
      i: 'header',
    });
  return issues;
}

/**
 * A call's request side, for `validation.ts` (requests are not checked by default): a wrong
 * option refused, else the request's issues settled under its mode. Named as the middleware hooks
 * are (`onRequest`, `onResponse`), which every client bundles, and its arguments in
 * `onResponse`'s order: both cost the client fewer bytes.
 */
export async function onRequest(
  modes: Modes,
  checks: OperationChecks,
  client: ClientOptions,
  target: RequestTarget,
  redact: Redact,
  request: FetchInit,
  raw: boolean,
): Promise<void> {
  if (typeof modes == 'number') refuse(modes ? 'onContractViolation' : 'validate', target);
  const issues = (await checks.request?.())?.default(request, raw) ?? [];
  if (issues.length) settle(issues, (modes as string[])[1]!, client, redact, target, request.body);
}

/**
 * A call's response that `bodyCheck` did not pass, for `validation.ts`: its issues settled under
 * the call's response mode (`modes[0]`).
 */
export function onResponse(
  modes: string[],
  checks: OperationChecks,
  client: ClientOptions,
  target: RequestTarget,
  redact: Redact,
  response: Response,
  body: unknown,
): void {
  const issues = responseIssues(checks, response.status, response.headers.get('content-type'), body);
  if (issues.length) settle(issues, modes[0]!, client, redact, target, body, response);
}

/** What the options `validation.ts` checks ask for. */
const EXPECTED: Record<string, string> = {
  validate: "{ response?, request? } of 'warn', 'throw', 'off'",
  onContractViolation: 'a function',
};

/** Refuses the call to `target` for its wrong `option` (named by `validation.ts`). */
export const refuse = (option: string, target: RequestTarget): void =>
  check(0, option, EXPECTED[option]!, target);

/** The distinct violations each client has reported, by the client's options object. */
const reported = new WeakMap<object, Set<string>>();

/**
 * What issues do under a mode: `throw` rejects with a ContractViolationError; `warn` tells the
 * logger and the hook each violation this client has not reported yet (the console when it has
 * neither), and changes nothing. Bounded: a client that met a thousand distinct violations
 * reports no new ones (the first thousand say what to fix).
 * @param data what was parsed (a request's body), for the error
 * @param response the response the issues are of, if any
 */
export function settle(
  issues: Issue[],
  mode: string,
  client: ClientOptions,
  redact: Redact,
  target: RequestTarget,
  data: unknown,
  response?: Response,
): void {
  const { logger, onContractViolation: hook } = client;
  // A pointer names keys of the body, which a server may fill with what it was sent. The values
  // are redacted, not the names: a credential that reads like one (`in`) must not rename a field.
  const violations = issues.map((issue) => {
    const found = violation(issue, target, response ? 'response' : 'request', response?.status);
    for (const key in found) (found as any)[key] = redact((found as any)[key]);
    return found;
  });
  if (mode == 'throw') {
    const more = violations.length > 1 ? ` (and ${violations.length - 1} more)` : '';
    const error = new ContractViolationError(
      `contract violation: ${violations[0]!.message}${more}`,
      target,
      undefined,
      {
        ...(response && { status: response.status, headers: redact(response.headers) }),
        violations,
      } as never,
    );
    // Kept out of JSON and util.inspect: the data holds the very values the violations leave out.
    throw Object.defineProperty(error, 'data', { value: redact(data) });
  }
  let seen = reported.get(client);
  if (!seen) reported.set(client, (seen = new Set()));
  for (const violation of violations) {
    // Items of one array are one violation: `/items/0/id` and `/items/7/id` alike.
    const key = JSON.stringify({
      ...violation,
      pointer: violation.pointer.replace(/\/\d+(?=\/|$)/g, '/-'),
      message: 0,
    });
    if (seen.has(key) || seen.size >= 1000) continue;
    seen.add(key);
    const message = `contract violation: ${violation.message}`;
    try {
      if (logger)
        logger.warn(message, {
          method: target.method,
          url: target.path,
          ...(target.operationId === undefined ? {} : { operationId: target.operationId }),
          attempt: 0,
          ...(violation.status === undefined ? {} : { status: violation.status }),
          violation,
        });
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

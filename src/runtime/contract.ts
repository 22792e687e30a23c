/**
 * What crosses the wire, held against the spec: an operation's checks (`OperationChecks`, written
 * by the pipeline into `checks/<operationId>.js`) turned into `ContractViolation`s for a request or
 * a response. No client here: `validation.ts` wires this into calls, and `npm run verify` runs the
 * same functions on what an upstream really sent.
 *
 * A violation names the type of what came, never the value (see `checks.ts`), and where its rule
 * is written as a pointer into the package's `openapi.json`. Written small: it ships in every
 * validated client (issue 17's budget is 1.5 kB gzipped for the checks and all of this).
 */
import { TYPES, type Check, type Finding } from './checks.js';
import type { ContractViolation, RequestTarget } from './errors.js';

/** A parameter's check: where it goes, its name, its check (0: none), whether required, its pointer. */
export type ParameterCheck = [
  location: string,
  name: string,
  check: Check | 0,
  required: boolean,
  at: string,
];

/** One operation's checks, as the pipeline writes them; `#/…` strings are pointers into `openapi.json`. */
export interface OperationChecks {
  /**
   * Documented responses by key (`200`, `4XX`, `default`): the pointer of its `content`, and a
   * check per media type (0 where the body is not checked: not JSON, or no schema).
   */
  responses: Record<string, [at: string, content: Record<string, Check | 0>]>;
  /** Loads the request's checks: its body (media type, check, required, pointer) and parameters. */
  request?: () => Promise<{
    default: { body?: [string, Check | 0, boolean, string]; parameters?: ParameterCheck[] };
  }>;
}

/** What a request carries: an operation function's first argument, or a raw call's `params` and `body`. */
export interface RequestParts {
  path?: Record<string, unknown> | undefined;
  query?: Record<string, unknown> | undefined;
  header?: Record<string, unknown> | undefined;
  body?: unknown;
}

const BOUNDS: Record<string, string> = {
  minimum: '>= ',
  maximum: '<= ',
  exclusiveMinimum: '> ',
  exclusiveMaximum: '< ',
};

/** What a rule asks for, in words, from what its check recorded (`a`). */
const expectation = ({ r, a }: Finding): string =>
  r == 'type'
    ? TYPES.filter((_, index) => (a as number) & (1 << index)).join(' or ')
    : r == 'enum'
      ? `one of ${[...(a as Iterable<unknown>)]
          .map((value, index) => (index < 5 ? JSON.stringify(value) : index < 6 ? '…' : ''))
          .filter(Boolean)
          .join(', ')}`
      : r == 'required'
        ? 'present'
        : /Prop|^not|^false/.test(r)
          ? 'absent'
          : (BOUNDS[r] ?? (/^min/.test(r) ? 'at least ' : /^max/.test(r) ? 'at most ' : '')) +
            (typeof a == 'string' ? a : JSON.stringify(a));

/**
 * A finding as a violation.
 * @param expected what a rule that is no keyword (`content-type`) asks for
 */
function violation(
  target: RequestTarget,
  side: string,
  location: string,
  finding: Finding,
  status?: number,
  expected: string = expectation(finding),
): ContractViolation {
  const { p, s, r, g } = finding;
  const schema = `openapi.json${s}`;
  return {
    operationId: '',
    ...target,
    side,
    status,
    in: location,
    pointer: p,
    rule: r,
    expected,
    got: g,
    schema,
    message:
      `${side} ${status ?? ''} ${location} ${p}: ${r}: expected ${expected}, got ${g} (${schema})`.replace(
        / +/g,
        ' ',
      ),
  } as ContractViolation;
}

/** Runs a check; its findings as violations. */
function run(
  check: Check | 0,
  value: unknown,
  make: (finding: Finding) => ContractViolation,
): ContractViolation[] {
  const findings: Finding[] = [];
  if (check && value !== undefined) check(value, findings);
  return findings.map(make);
}

/** The media type's `type/subtype`, lower-cased, when it is one (so it can be shown); else ''. */
const essence = (type: string | null): string =>
  /^[\w.+-]{1,64}\/[\w.+*-]{1,64}$/.exec(String(type).split(';')[0]!.trim().toLowerCase())?.[0] ?? '';

/**
 * The violations of a response with a documented status: a media type it does not document, and
 * what its body breaks. (Verify reports undocumented statuses; the client's error classes cover them.)
 * @param body the parsed body; undefined when none was parsed (not JSON, not read)
 */
export function responseViolations(
  { responses }: OperationChecks,
  target: RequestTarget,
  status: number,
  contentType: string | null,
  body: unknown,
): ContractViolation[] {
  const [at, content] = responses[status] ?? responses[`${String(status)[0]}XX`] ?? responses.default ?? [];
  if (!content) return [];
  const type = essence(contentType);
  const types = Object.keys(content);
  // `*/*` and `text/*` match a family; the body is checked as the client read it: by the matching
  // type's schema, else the first JSON type's.
  const match = types.find((each) => {
    const documented = essence(each);
    return (
      type &&
      (documented == type ||
        documented == '*/*' ||
        (/\/\*$/.test(documented) && type.startsWith(documented.slice(0, -1))))
    );
  });
  const found = run(
    content[match ?? types.find((each) => /json$/.test(essence(each)))!] ?? 0,
    body,
    (finding) => violation(target, 'response', 'body', finding, status),
  );
  if (contentType && types.length && !match)
    found.unshift(
      violation(
        target,
        'response',
        'header',
        { p: '/content-type', s: at!, r: 'content-type', g: type || 'another type' },
        status,
        types.join(' or '),
      ),
    );
  return found;
}

/** The violations of a request: each parameter and the body, before anything is sent. */
export async function requestViolations(
  checks: OperationChecks,
  target: RequestTarget,
  request: RequestParts,
): Promise<ContractViolation[]> {
  const { body, parameters = [] } = (await checks.request?.())?.default ?? {};
  const part = ([location, name, check, required, at]: [
    string,
    string | undefined,
    Check | 0,
    boolean,
    string,
  ]) => {
    const value = name === undefined ? request.body : request[location as 'path']?.[name];
    const p = name === undefined ? '' : `/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const make = (finding: Finding) =>
      violation(target, 'request', location, { ...finding, p: p + finding.p });
    return value === undefined && required
      ? [make({ p: '', s: `${at}/required`, r: 'required', g: 'absent' })]
      : run(check, value, make);
  };
  return [...parameters.flatMap(part), ...(body ? part(['body', undefined, body[1], body[2], body[3]]) : [])];
}

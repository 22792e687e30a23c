/**
 * What crosses the wire, held against the spec: an operation's checks (written by the pipeline
 * into `checks/<operationId>.js`) run on a response or a request, each rule it breaks an `Issue`.
 * No client here, and no words: `validation.ts` runs these in calls, `report.ts` turns issues into
 * `ContractViolation`s (loaded only once there is one), and `npm run verify` runs the same
 * functions on what an upstream really sent. Written small: it ships in every validated client.
 */
import type { Check, Finding } from './checks.js';

/** A parameter's check: where it goes, its name, its check (0: none), whether required, its pointer. */
export type ParameterCheck = [
  location: string,
  name: string,
  check: Check | 0,
  required: boolean,
  at: string,
];

/** A request's checks: its body (media type, check, whether required, pointer), its parameters. */
export interface RequestChecks {
  body?: [mediaType: string, check: Check | 0, required: boolean, at: string];
  parameters?: ParameterCheck[];
}

/** The issues of a request, as its checks module (`checks/<operationId>.request.js`) finds them. */
export type RequestCheck = (request: RequestParts) => Issue[];

/** One operation's checks, as the pipeline writes them; `#/…` strings are pointers into `openapi.json`. */
export interface OperationChecks {
  /**
   * Documented responses by key (`200`, `4XX`, `default`): a check per media type (0 where the
   * body is not checked: not JSON, or no schema), and the pointer of its `content` when it is not
   * the operation's own `/responses/<key>/content` (a `$ref`'d response), which `report.ts` builds.
   */
  responses: Record<string, [content: Record<string, Check | 0>, at?: string]>;
  /** Loads the request's checks: a module of their own, for requests are not checked by default. */
  request?: () => Promise<{ default: RequestCheck }>;
}

/** What a request carries: an operation function's first argument, or a raw call's `params` and `body`. */
export interface RequestParts {
  path?: Record<string, unknown> | undefined;
  query?: Record<string, unknown> | undefined;
  header?: Record<string, unknown> | undefined;
  body?: unknown;
}

/** A broken rule, and where: `body`, `path`, `query`, `header`. */
export type Issue = Finding & { i: string };

/** Runs a check on a value that is there; its findings as issues of `location`, at `prefix`. */
export function run(check: Check | 0, value: unknown, location: string, prefix = ''): Issue[] {
  const findings: Finding[] = [];
  if (check && value !== undefined) check(value, findings);
  return findings.map((finding) => ({ ...finding, p: prefix + finding.p, i: location }));
}

/** The media type's `type/subtype`, lower-cased, when it is one (so it can be shown); else ''. */
const essence = (type: string | null): string =>
  /^[\w.+-]{1,64}\/[\w.+*-]{1,64}$/.exec(String(type).split(';')[0]!.trim().toLowerCase())?.[0] ?? '';

/**
 * The issues of a response with a documented status: a media type it does not document, and
 * what its body breaks. (Verify reports undocumented statuses; the error classes cover the rest.)
 * @param body the parsed body; undefined when none was parsed (not JSON, not read)
 */
export function responseIssues(
  { responses }: OperationChecks,
  status: number,
  contentType: string | null,
  body: unknown,
): Issue[] {
  const family = `${String(status)[0]}XX`;
  const key = responses[status] ? status : responses[family] ? family : 'default';
  const [content, at = `/responses/${key}/content`] = responses[key] ?? [];
  if (!content) return [];
  // The documented type as sent is the common case: found without parsing the header.
  const type =
    contentType !== null && Object.hasOwn(content, contentType) ? contentType : essence(contentType);
  const types = Object.keys(content);
  // `*/*` and `text/*` match a family. The body is checked as the client read it: by the matching
  // type's schema, else the first JSON type's.
  const match =
    content[type] !== undefined
      ? type
      : types.find((each) => {
          const documented = essence(each);
          return (
            type &&
            (documented == type || (/\*/.test(documented) && type.startsWith(documented.replace(/\*.*/, ''))))
          );
        });
  const issues = run(content[match ?? types.find((each) => /json$/.test(essence(each)))!] ?? 0, body, 'body');
  // The documented types, listed by report.ts; `s` relative to the operation unless spelled.
  if (contentType && types.length && !match)
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

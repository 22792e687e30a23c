/**
 * What crosses the wire, held against the spec: an operation's checks (written by the pipeline
 * into `checks/<operationId>.js`) run on a response or a request, each rule it breaks an `Issue`.
 * Types only: `validation.ts` runs these in calls, `explain.ts` finds where a
 * value breaks them and `report.ts` turns issues into `ContractViolation`s (both loaded only once
 * there is one), and `npm run verify` runs the same functions on what an upstream really sent.
 * Written small: it ships in every validated client.
 */
import type { Check, Finding } from './checks.js';
import type { FetchInit } from './send.js';

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

/**
 * The issues of a request, as its checks module (`checks/<operationId>.request.js`) finds them: in an operation
 * function's first argument, or (`raw`) in openapi-fetch's init of a raw call.
 */
export type RequestCheck = (request: RequestParts | FetchInit, raw?: boolean) => Issue[];

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

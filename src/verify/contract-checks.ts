/**
 * The generated clients' contract checks, compiled from the spec verify checks against and run
 * in-process: the same compiler and the same runtime functions as `checks/<operationId>.js` of a
 * package, so that verify's verdict and the client's agree, and neither rests on anything the
 * upstream sends (a `sl-violations` header of its own, say): on each request before it is sent,
 * and on each answer.
 */
import type { ApiOperation, LoadedApi } from '../mock/api.js';
import { operationParameters } from '../mock/sample-requests.js';
import type { ApiModel } from '../model/types.js';
import { checksScript, compileChecks } from '../pipeline/emit/checks/index.js';
import * as checks from '../runtime/checks.js';
import { request } from '../runtime/request.js';
import {
  type Issue,
  type OperationChecks,
  type RequestCheck,
  type RequestParts,
} from '../runtime/contract.js';
import type { ContractViolation, RequestTarget } from '../runtime/errors.js';
import { responseIssues, violation } from '../runtime/report.js';
import type { SourcePosition } from '../shared/errors.js';
import type { JsonObject } from '../shared/openapi.js';
import { parameterReadings } from './parameter-values.js';
import type { PlannedRequest } from './plan.js';
import type { Violation } from './violations.js';

/** Each operation's checks, by operation id. */
export function operationChecks(
  document: JsonObject,
  model: ApiModel,
  file: string,
): Map<string, OperationChecks> {
  const compiled = compileChecks({ model, document, file });
  return new Map(
    model.operations.map(({ operationId }) => {
      const { helpers, code } = checksScript(compiled, operationId);
      const values = helpers.map((name) => (checks as Record<string, unknown>)[name]);
      // The generator's own output, built from the spec: what the packages ship, not input to trust less.
      const table = new Function(...helpers, 'request', code)(...values, request) as OperationChecks;
      return [operationId, table];
    }),
  );
}

/** A response's violations, as the client words them. */
export function responseViolations(
  checks: OperationChecks,
  target: RequestTarget,
  status: number,
  contentType: string | null,
  body: unknown,
): ContractViolation[] {
  return responseIssues(checks, status, contentType, body).map((issue) =>
    violation(issue, target, 'response', status),
  );
}

/** A request's violations, as the client words them. */
export async function requestViolations(
  checks: OperationChecks,
  target: RequestTarget,
  parts: RequestParts,
): Promise<ContractViolation[]> {
  const issues = (await checks.request?.())?.default(parts) ?? [];
  return issues.map((issue) => violation(issue, target, 'request'));
}

/** What verify holds each exchange against: the request it is about to send, and the upstream's answer. */
export interface ContractChecker {
  /**
   * The request's violations, its parameters read from their text as the spec types them
   * (`parameter-values.ts`); `offending`: the parameters they are in (`path agent_id`), whose values
   * are not to be shown; `notes`: parameters verify could not read, left to Prism.
   */
  request(
    request: PlannedRequest,
  ): Promise<{ violations: Violation[]; offending: Set<string>; notes: string[] }>;
  /** The response's violations, from the status, media type and body the relay recorded. */
  response(operationId: string, status: number, contentType: string | undefined, body: Buffer): Violation[];
}

/**
 * What `npm run verify` holds each exchange against: the client's checks, on the request before it
 * is sent and on the body the relay recorded (never on anything Prism or the upstream says about
 * it), worded as verify's violations, each rule's place given in the spec's file when it is there.
 * @param position where a pointer of the document is in the spec's file, if it is
 */
export function contractChecker(
  api: LoadedApi,
  file: string,
  position: (pointer: string) => SourcePosition | undefined,
): ContractChecker {
  const all = operationChecks(api.document, api.model, file);
  const find = (operationId: string) => {
    const checks = all.get(operationId);
    const operation = api.operations.find((each) => each.model.operationId === operationId);
    if (checks === undefined || operation === undefined) return undefined;
    const { method, path } = operation.model;
    return { checks, operation, target: { method: method.toUpperCase(), path, operationId } };
  };
  const words = (violation: ContractViolation): Violation => {
    const at = position(violation.schema.slice('openapi.json'.length));
    const where = at?.line === undefined ? violation.schema : `${at.file}:${at.line}:${at.column}`;
    return {
      side: violation.side,
      location: `${violation.in}${violation.pointer.split('/').map(decodeSegment).join('.')}`,
      kind: violation.rule,
      message: `expected ${violation.expected}, got ${violation.got} (${where})`,
      severity: 'error',
    };
  };
  return {
    async request(planned) {
      const found = find(planned.operationId);
      const check = found && (await found.checks.request?.())?.default;
      if (found === undefined || check === undefined)
        return { violations: [], offending: new Set(), notes: [] };
      const { parts, unread, notes } = readParts(api, found.operation, planned, check);
      const violations = check(parts)
        .filter((issue) => !unread.has(`${issue.i} ${parameterOf(issue.p)}`))
        .map((issue) => violation(issue, found.target, 'request'));
      const offending = new Set(
        violations
          .filter((each) => each.in !== 'body')
          .map((each) => `${each.in} ${parameterOf(each.pointer)}`),
      );
      return { violations: violations.map(words), offending, notes };
    },
    response(operationId, status, contentType, body) {
      const found = find(operationId);
      if (found === undefined) return [];
      let parsed: unknown;
      try {
        parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
      } catch {
        // Not JSON: verify reports that on its own (check.ts); the media type is still checked.
      }
      return responseViolations(found.checks, found.target, status, contentType ?? null, parsed).map(words);
    },
  };
}

/**
 * The request as the checks take it: the body, and each parameter read from its text, as the
 * reading its own checks find least wrong (a value that reads as an integer and as a string
 * passes an `integer | string` parameter either way). A parameter verify cannot read is left out,
 * and the checks' findings about it with it: Prism checks it.
 */
function readParts(
  api: LoadedApi,
  operation: ApiOperation,
  planned: PlannedRequest,
  check: RequestCheck,
): { parts: RequestParts; unread: Set<string>; notes: string[] } {
  const parts = { path: {}, query: {}, header: {}, body: planned.bodyValue } as Required<RequestParts> & {
    [location: string]: Record<string, unknown>;
  };
  const unread = new Set<string>();
  const notes: string[] = [];
  const headers = new Map(
    Object.entries(planned.headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  for (const parameter of operationParameters(api.document, operation)) {
    const { name, in: location, definition } = parameter;
    const text =
      location === 'header'
        ? headers.get(name.toLowerCase())
        : (location === 'path' || location === 'query') && Object.hasOwn(planned.params[location], name)
          ? planned.params[location][name]
          : undefined;
    // An object in the query comes as parameters of its own (`filter[a]=1`), whatever it holds.
    const readings = parameterReadings(api.document, definition, text ?? '');
    if (readings === undefined) {
      unread.add(`${location} ${name}`);
      const given = Object.keys(planned.params.query).some(
        (key) => key === name || key.startsWith(`${name}[`),
      );
      if (given)
        notes.push(
          `verify does not read the ${location} parameter ${name} (an object in the query): Prism checks it`,
        );
      continue;
    }
    if (text === undefined) continue;
    const own = (issue: Issue) => issue.i === location && parameterOf(issue.p) === name;
    let best: { reading: unknown; issues: number } | undefined;
    for (const reading of readings) {
      const issues = check({ ...parts, [location]: { ...parts[location], [name]: reading } }).filter(
        own,
      ).length;
      if (best === undefined || issues < best.issues) best = { reading, issues };
      if (issues === 0) break;
    }
    // Defined, not assigned: a parameter named `__proto__` would set the object's prototype.
    parts[location] = { ...parts[location], [name]: best!.reading };
  }
  return { parts, unread, notes };
}

/** The parameter a request issue's pointer is in: `/ids/1` → `ids`. */
const parameterOf = (pointer: string): string => decodeSegment(pointer.split('/')[1] ?? '');

const decodeSegment = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

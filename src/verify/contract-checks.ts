/**
 * The generated clients' contract checks, compiled from the spec verify checks against and run
 * in-process: the same compiler and the same runtime functions as `checks/<operationId>.js` of a
 * package, so that verify's verdict and the client's agree, and neither rests on anything the
 * upstream sends (a `sl-violations` header of its own, say).
 */
import type { ApiModel } from '../model/types.js';
import { checksScript, compileChecks } from '../pipeline/emit/checks/index.js';
import * as checks from '../runtime/checks.js';
import { request } from '../runtime/request.js';
import { responseIssues, type OperationChecks, type RequestParts } from '../runtime/contract.js';
import type { ContractViolation, RequestTarget } from '../runtime/errors.js';
import { violation } from '../runtime/report.js';
import type { SourcePosition } from '../shared/errors.js';
import type { JsonObject } from '../shared/openapi.js';
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

/**
 * What `npm run verify` holds each upstream answer against: the client's response checks, on the
 * body the relay recorded (never on anything Prism or the upstream says about it), worded as
 * verify's violations, each rule's place given in the spec's file when it is there.
 * @param position where a pointer of the document is in the spec's file, if it is
 */
export function contractChecker(
  document: JsonObject,
  model: ApiModel,
  file: string,
  position: (pointer: string) => SourcePosition | undefined,
): (operationId: string, status: number, contentType: string | undefined, body: Buffer) => Violation[] {
  const all = operationChecks(document, model, file);
  return (operationId, status, contentType, body) => {
    const checks = all.get(operationId);
    const operation = model.operations.find((each) => each.operationId === operationId);
    if (checks === undefined || operation === undefined) return [];
    let parsed: unknown;
    try {
      parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      // Not JSON: verify reports that on its own (check.ts); the media type is still checked.
    }
    const target = { method: operation.method.toUpperCase(), path: operation.path, operationId };
    return responseViolations(checks, target, status, contentType ?? null, parsed).map((violation) => {
      const at = position(violation.schema.slice('openapi.json'.length));
      const where = at?.line === undefined ? violation.schema : `${at.file}:${at.line}:${at.column}`;
      const location =
        violation.in === 'body'
          ? `body${violation.pointer.split('/').map(decodeSegment).join('.')}`
          : 'header.content-type';
      return {
        side: 'response',
        location,
        kind: violation.rule,
        message: `expected ${violation.expected}, got ${violation.got} (${where})`,
        severity: 'error',
      };
    });
  };
}

const decodeSegment = (segment: string): string => segment.replace(/~1/g, '/').replace(/~0/g, '~');

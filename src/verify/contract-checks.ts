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
import type { JsonObject } from '../shared/openapi.js';

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

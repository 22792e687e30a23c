/**
 * Compares the request body of one operation. Its schemas are input.
 */
import { compareContent } from './content-diff.js';
import { report, type DiffContext } from './context.js';
import { compareDocumentation } from './docs-diff.js';
import type { JsonObject } from './json.js';
import { dereference } from './refs.js';
import { getBoolean } from './shape.js';
import { typedAt, typePathOf } from './type-shape.js';

/** @param typed where openapi-typescript types the operation */
export function compareRequestBody(
  ctx: DiffContext,
  operationWas: JsonObject,
  operationIs: JsonObject,
  operation: string,
  typed: string,
): void {
  const location = `${operation} request`;
  if (operationWas.requestBody === undefined && operationIs.requestBody === undefined) return;
  const was =
    operationWas.requestBody === undefined
      ? undefined
      : dereference(ctx.before, operationWas.requestBody, { side: 'before', at: location }, 'a request body');
  const is =
    operationIs.requestBody === undefined
      ? undefined
      : dereference(ctx.after, operationIs.requestBody, { side: 'after', at: location }, 'a request body');
  const requiredWas =
    was !== undefined && getBoolean(was, 'required', { side: 'before', at: location }) === true;
  const requiredIs = is !== undefined && getBoolean(is, 'required', { side: 'after', at: location }) === true;

  if (is === undefined) return report(ctx, 'requestBodyRemoved', 'input', location, 'request body removed');
  if (was === undefined) {
    if (requiredIs)
      return report(ctx, 'requiredRequestBodyAdded', 'input', location, 'required request body added');
    return report(ctx, 'requestBodyAdded', 'input', location, 'optional request body added');
  }
  if (!requiredWas && requiredIs)
    report(ctx, 'requestBodyBecameRequired', 'input', location, 'request body became required');
  if (requiredWas && !requiredIs)
    report(ctx, 'requestBodyBecameOptional', 'input', location, 'request body became optional');
  compareDocumentation(ctx, was, is, location);
  const inline = typePathOf(typed, 'requestBody');
  compareContent(ctx, was, is, location, 'input', {
    before: typedAt(ctx.before, operationWas.requestBody, inline),
    after: typedAt(ctx.after, operationIs.requestBody, inline),
  });
}

/**
 * Compares the responses of one operation. Their schemas and headers are output.
 */
import { compareContent } from './content-diff.js';
import { report, type DiffContext } from './context.js';
import { compareDocumentation } from './docs-diff.js';
import { code, codeList, own, unionKeys, type JsonObject } from './json.js';
import { dereference } from './refs.js';
import { compareSchemas, rootSite } from './schema-diff.js';
import { getBoolean, getObject, type Where } from './shape.js';
import { typedAt, typePathOf, type Sides } from './type-shape.js';

/** `200`, `204`, `2XX`: the statuses the client decodes as success. */
function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

/** @param typed where openapi-typescript types the operation */
export function compareResponses(
  ctx: DiffContext,
  operationWas: JsonObject,
  operationIs: JsonObject,
  operation: string,
  typed: string,
): void {
  const location = `${operation} responses`;
  const was = getObject(operationWas, 'responses', { side: 'before', at: operation }) ?? {};
  const is = getObject(operationIs, 'responses', { side: 'after', at: operation }) ?? {};

  const successWas = Object.keys(was).filter(isSuccess).sort();
  const successIs = Object.keys(is).filter(isSuccess).sort();
  const successChanged = successWas.join() !== successIs.join();
  if (successChanged) {
    const list = (statuses: string[]) => (statuses.length === 0 ? 'none' : codeList(statuses));
    report(
      ctx,
      'successStatusChanged',
      'output',
      location,
      `success status changed from ${list(successWas)} to ${list(successIs)}`,
    );
  }

  for (const status of unionKeys(Object.keys(was), Object.keys(is))) {
    const responseLocation = `${operation} response ${status}`;
    if (own(was, status) !== undefined && own(is, status) !== undefined) {
      const inline = typePathOf(typed, 'responses', status);
      compareResponse(ctx, own(was, status), own(is, status), responseLocation, {
        before: typedAt(ctx.before, own(was, status), inline),
        after: typedAt(ctx.after, own(is, status), inline),
      });
    } else if (!isSuccess(status)) {
      // Success statuses that come and go are covered by `successStatusChanged` above.
      const added = own(was, status) === undefined;
      report(
        ctx,
        added ? 'errorResponseAdded' : 'errorResponseRemoved',
        'output',
        location,
        `documented ${code(status)} response ${added ? 'added' : 'removed'}`,
      );
    }
  }
}

/** @param typed where openapi-typescript types the response on each side */
function compareResponse(
  ctx: DiffContext,
  rawWas: unknown,
  rawIs: unknown,
  location: string,
  typed: Sides<string>,
): void {
  const was = dereference(ctx.before, rawWas, { side: 'before', at: location }, 'a response');
  const is = dereference(ctx.after, rawIs, { side: 'after', at: location }, 'a response');
  compareDocumentation(ctx, was, is, location);
  compareHeaders(ctx, was, is, location, typed);
  compareContent(ctx, was, is, location, 'output', typed);
}

/** Response headers are output fields; header names are case-insensitive. */
function compareHeaders(
  ctx: DiffContext,
  responseWas: JsonObject,
  responseIs: JsonObject,
  response: string,
  typed: Sides<string>,
): void {
  const was = headersByName(ctx, 'before', responseWas, { side: 'before', at: response }, typed.before);
  const is = headersByName(ctx, 'after', responseIs, { side: 'after', at: response }, typed.after);
  for (const key of unionKeys(was.keys(), is.keys())) {
    const headerWas = was.get(key);
    const headerIs = is.get(key);
    const location = `${response} header ${(headerIs ?? headerWas)!.name}`;
    if (headerIs === undefined) {
      report(ctx, 'fieldRemoved', 'output', location, 'header removed');
      continue;
    }
    if (headerWas === undefined) {
      report(ctx, 'fieldAdded', 'output', location, 'header added');
      continue;
    }
    if (!headerWas.required && headerIs.required)
      report(ctx, 'fieldBecameRequired', 'output', location, 'became required');
    if (headerWas.required && !headerIs.required)
      report(ctx, 'fieldBecameOptional', 'output', location, 'became optional');
    compareDocumentation(ctx, headerWas.definition, headerIs.definition, location);
    compareSchemas(
      ctx,
      headerWas.definition.schema ?? {},
      headerIs.definition.schema ?? {},
      rootSite(location, 'output', { before: headerWas.typedAt, after: headerIs.typedAt }),
    );
  }
}

interface Header {
  name: string;
  required: boolean;
  definition: JsonObject;
  /** Where openapi-typescript types it. */
  typedAt: string;
}

function headersByName(
  ctx: DiffContext,
  side: 'before' | 'after',
  response: JsonObject,
  where: Where,
  typed: string,
): Map<string, Header> {
  const headers = new Map<string, Header>();
  for (const [name, raw] of Object.entries(getObject(response, 'headers', where) ?? {})) {
    const definition = dereference(ctx[side], raw, where, `header ${name}`);
    headers.set(name.toLowerCase(), {
      name,
      required: getBoolean(definition, 'required', where) === true,
      definition,
      typedAt: typedAt(ctx[side], raw, typePathOf(typed, 'headers', name)),
    });
  }
  return headers;
}

/**
 * Compares the parameters of one operation (path-level ones merged in), matched by `in` and name.
 * Renaming a parameter is a removal plus an addition, and is reported as both; a header renamed in
 * letter case only stays the same parameter, whose key in the generated types is renamed.
 */
import { report, type DiffContext } from './context.js';
import { compareDocumentation, isDocumentationKeyword } from './docs-diff.js';
import { code, isJsonObject, jsonEqual, unionKeys, type JsonObject } from './json.js';
import { dereference } from './refs.js';
import { compareSchemas, rootSite } from './schema-diff.js';
import { fail, getBoolean, getObjectArray, getString, type Where } from './shape.js';
import { typedAt, typePathOf } from './type-shape.js';
import type { OpenApiDocument } from './types.js';

/** Change how a value is written on the wire even when its schema is unchanged. */
const SERIALIZATION_KEYWORDS = ['style', 'explode', 'allowReserved', 'allowEmptyValue'];
const HANDLED_KEYWORDS = new Set(['name', 'in', 'required', 'schema', 'content', ...SERIALIZATION_KEYWORDS]);

export interface Parameter {
  /** `path.agent_id`; header names are case-insensitive and so lower-cased in the key only. */
  key: string;
  label: string;
  required: boolean;
  definition: JsonObject;
  /** Where openapi-typescript types it (see `type-shape.ts`). */
  typedAt: string;
}

/**
 * The operation's parameters: the path item's, overridden by the operation's with the same key.
 * @param typed where openapi-typescript types the operation, which it types them under
 */
export function effectiveParameters(
  document: OpenApiDocument,
  pathItem: JsonObject,
  operation: JsonObject,
  where: Where,
  typed: string,
): Map<string, Parameter> {
  const parameters = new Map<string, Parameter>();
  const declared = [
    ...(getObjectArray(pathItem, 'parameters', where) ?? []),
    ...(getObjectArray(operation, 'parameters', where) ?? []),
  ];
  for (const raw of declared) {
    const definition = dereference(document, raw, where, 'a parameter');
    const name = getString(definition, 'name', where);
    const location = getString(definition, 'in', where);
    if (name === undefined || location === undefined) fail(where, 'a parameter needs both "name" and "in"');
    const label = `${location}.${name}`;
    const key = location === 'header' ? label.toLowerCase() : label;
    // Path parameters are always required, whatever the spec writes.
    const required = location === 'path' || getBoolean(definition, 'required', where) === true;
    const typedPath = typedAt(document, raw, typePathOf(typed, 'parameters', location, name));
    parameters.set(key, { key, label, required, definition, typedAt: typedPath });
  }
  return parameters;
}

export function compareParameters(
  ctx: DiffContext,
  before: Map<string, Parameter>,
  after: Map<string, Parameter>,
  operation: string,
): void {
  for (const key of unionKeys(before.keys(), after.keys())) {
    const was = before.get(key);
    const is = after.get(key);
    const location = `${operation} parameter ${(is ?? was)!.label}`;
    if (is === undefined) {
      report(ctx, 'parameterRemoved', 'input', location, 'parameter removed');
    } else if (was === undefined) {
      if (is.required) report(ctx, 'requiredParameterAdded', 'input', location, 'required parameter added');
      else report(ctx, 'parameterAdded', 'input', location, 'optional parameter added');
    } else {
      compareParameter(ctx, was, is, location);
    }
  }
}

function compareParameter(ctx: DiffContext, was: Parameter, is: Parameter, location: string): void {
  // Matched case-insensitively, so only a header can differ here, and only in letter case.
  if (was.label !== is.label) {
    const [nameWas, nameIs] = [was, is].map(({ definition }) => code(definition.name));
    report(
      ctx,
      'parameterKeyRenamed',
      'input',
      location,
      `header name spelling changed from ${nameWas} to ${nameIs}: the same header on the wire, but the key of the generated header parameters type is renamed`,
    );
  }
  if (!was.required && is.required)
    report(ctx, 'parameterBecameRequired', 'input', location, 'became required');
  if (was.required && !is.required)
    report(ctx, 'parameterBecameOptional', 'input', location, 'became optional');
  for (const keyword of SERIALIZATION_KEYWORDS) {
    if (jsonEqual(was.definition[keyword], is.definition[keyword])) continue;
    report(
      ctx,
      'parameterSerializationChanged',
      'input',
      location,
      `${code(keyword)} changed, so the same value is sent differently`,
    );
  }
  compareDocumentation(ctx, was.definition, is.definition, location);
  compareSchemas(
    ctx,
    parameterSchema(was.definition),
    parameterSchema(is.definition),
    rootSite(location, 'input', { before: was.typedAt, after: is.typedAt }),
  );
  for (const keyword of unionKeys(Object.keys(was.definition), Object.keys(is.definition))) {
    if (HANDLED_KEYWORDS.has(keyword) || isDocumentationKeyword(keyword)) continue;
    if (jsonEqual(was.definition[keyword], is.definition[keyword])) continue;
    report(
      ctx,
      'unanalysedContractChanged',
      'input',
      location,
      `${code(keyword)} changed (not analysed in detail, counted as breaking)`,
    );
  }
}

/** A parameter's schema, from `schema` or from its single `content` entry. */
function parameterSchema(definition: JsonObject): unknown {
  if (definition.schema !== undefined) return definition.schema;
  const [media] = isJsonObject(definition.content) ? Object.values(definition.content) : [];
  return isJsonObject(media) && media.schema !== undefined ? media.schema : {};
}

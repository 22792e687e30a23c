/**
 * Turns one schema into the flat set of keywords that constrain a value, so the comparison never
 * has to care how a spec author composed it: `$ref` (with 3.1 siblings such as
 * `unevaluatedProperties: false` beside it), `allOf`, boolean schemas, `if`/`then`/`else`.
 */
import { canonicalJson, isJsonObject, type JsonObject } from './json.js';
import { resolvePointer } from './refs.js';
import { fail, getArray, type Where } from './shape.js';
import type { OpenApiDocument } from './types.js';

/** One `if`/`then`/`else` found on the schema or on any of its `allOf` members. */
export interface Conditional {
  if: unknown;
  then?: unknown;
  else?: unknown;
}

export interface FlatSchema {
  /** The merged keywords, without `$ref`, `allOf`, `if`, `then`, `else`. */
  keywords: JsonObject;
  conditionals: Conditional[];
  /** The references followed to get here; the comparison's cycle guard keys on them. */
  refs: string[];
}

const COMPOSITION_KEYWORDS = new Set(['$ref', 'allOf', 'if', 'then', 'else']);

export function flattenSchema(document: OpenApiDocument, schema: unknown, where: Where): FlatSchema {
  // No prototype, as in what it merges: a keyword or property named `__proto__` is a key like any other.
  const flat: FlatSchema = { keywords: Object.create(null), conditionals: [], refs: [] };
  mergeInto(flat, document, schema, where, new Set());
  return flat;
}

/**
 * Conjunction of `schema` into `flat`. Keywords merge as a validator would read them: properties
 * are united (a property defined twice becomes an `allOf` of both, flattened when compared),
 * `required` lists are united, and `false` wins for `additionalProperties`/`unevaluatedProperties`.
 * Other keywords defined twice keep the later one; the specs never restate a keyword across a
 * composition, and keeping one is enough to notice when it changes.
 */
function mergeInto(
  flat: FlatSchema,
  document: OpenApiDocument,
  schema: unknown,
  where: Where,
  active: Set<string>,
): void {
  if (schema === true) return;
  if (schema === false) {
    mergeKeyword(flat.keywords, 'not', {});
    return;
  }
  if (!isJsonObject(schema))
    fail(where, `a schema must be an object or a boolean, got ${canonicalJson(schema)}`);

  const ref = schema.$ref;
  if (ref !== undefined) {
    if (typeof ref !== 'string') fail(where, `"$ref" must be a string, got ${canonicalJson(ref)}`);
    if (active.has(ref)) fail(where, `$ref ${JSON.stringify(ref)} includes itself through $ref/allOf`);
    flat.refs.push(ref);
    mergeInto(flat, document, resolvePointer(document, ref, where), where, new Set([...active, ref]));
  }
  for (const member of getArray(schema, 'allOf', where) ?? [])
    mergeInto(flat, document, member, where, active);
  if (schema.if !== undefined) {
    flat.conditionals.push({ if: schema.if, then: schema.then, else: schema.else });
  }
  for (const [key, value] of Object.entries(schema)) {
    if (!COMPOSITION_KEYWORDS.has(key)) mergeKeyword(flat.keywords, key, value);
  }
}

function mergeKeyword(keywords: JsonObject, key: string, value: unknown): void {
  const existing = keywords[key];
  if (existing === undefined) {
    keywords[key] = value;
  } else if (key === 'properties' && isJsonObject(existing) && isJsonObject(value)) {
    // A property `__proto__` or `constructor` of the second is found only if the first has its own.
    const merged: JsonObject = Object.assign(Object.create(null), existing);
    for (const [name, property] of Object.entries(value)) {
      merged[name] = merged[name] === undefined ? property : { allOf: [merged[name], property] };
    }
    keywords[key] = merged;
  } else if (key === 'required' && Array.isArray(existing) && Array.isArray(value)) {
    keywords[key] = [...new Set([...existing, ...value])];
  } else if ((key === 'additionalProperties' || key === 'unevaluatedProperties') && existing === false) {
    // Closed stays closed whatever the other member allows.
  } else {
    keywords[key] = value;
  }
}

/**
 * What openapi-typescript makes of one schema, where that differs from what the schema validates.
 * The rest of the classifier reads schemas as a validator does (`schema-flatten.ts`); consumers
 * compile against the generated types, and two of the generator's choices change those types
 * without changing what is valid:
 * - with its `defaultNonNullable` (which the types stage turns off: `OPENAPI_TS_OPTIONS`), a field
 *   that is not `required` but has a `default` is typed non-optional, except in a schema whose path
 *   names `parameters`, `requestBody` or `requestBodies`: the generator tests its own path for those
 *   words, so a default in a named schema counts even when a request body uses it, while one in an
 *   inline request body does not;
 * - an object with fields gets an index signature only when `additionalProperties` is written
 *   (`true`, `{}` or a schema); left out, extra fields are valid but the type has no place for them.
 * It reads only what the generator reads: a `$ref` stands for its target alone (keywords beside it
 * are not typed), `allOf` members are part of the type, `if`/`then`/`else` are not.
 * @see node_modules/openapi-typescript/dist/transform/schema-object.mjs (`transformSchemaObjectCore`)
 */
import { isJsonObject, type JsonObject } from './json.js';
import { resolvePointer } from './refs.js';
import type { OpenApiDocument } from './types.js';

/** A value for each of the two documents compared. */
export interface Sides<T> {
  before: T;
  after: T;
}

/**
 * Where openapi-typescript types a schema: the JSON pointer it passes down as `path`, or undefined
 * for a schema it does not type (a `then` block, a keyword beside a `$ref`).
 */
export type TypePath = string | undefined;

export interface TypeShape {
  /** The path of the node's own keywords: its own, or its `$ref` target's. */
  path: TypePath;
  /** Every field the type declares, with the path of the field's schema. */
  fields: Map<string, string>;
  /** Fields typed non-optional because they have a `default` (whether or not also `required`). */
  defaulted: Set<string>;
  /** Whether the type has an index signature for fields it does not list. */
  indexSignature: boolean;
}

/**
 * Whether the generated types type a field with a `default` as present: not since the types stage
 * turned `defaultNonNullable` off. test/changes/type-shape.test.ts holds this to the real output.
 */
const DEFAULTS_TYPED_PRESENT = false;

/** Words whose presence in a schema's path stops openapi-typescript typing defaults as present. */
const DEFAULTS_IGNORED_UNDER = ['parameters', 'requestBody', 'requestBodies'];

/** `path` with segments appended, escaped as openapi-typescript's `createRef` escapes them. */
export function typePathOf(path: string, ...segments: string[]): string {
  return [path, ...segments.map((segment) => segment.replaceAll('~', '~0').replaceAll('/', '~1'))].join('/');
}

/**
 * Where the generator types `value` (a schema, request body, response, parameter or header) found
 * at `inline`: a reference is typed once, where its target is, so the last `$ref` of a chain wins.
 */
export function typedAt(document: OpenApiDocument, value: unknown, inline: string): string;
export function typedAt(document: OpenApiDocument, value: unknown, inline: TypePath): TypePath;
export function typedAt(document: OpenApiDocument, value: unknown, inline: TypePath): TypePath {
  if (inline === undefined) return undefined;
  let path = inline;
  let current = value;
  const seen = new Set<string>();
  while (isJsonObject(current) && typeof current.$ref === 'string' && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    path = current.$ref;
    current = resolveQuietly(document, current.$ref);
  }
  return path;
}

export function typeShape(document: OpenApiDocument, schema: unknown, path: TypePath): TypeShape {
  const shape: TypeShape = {
    path: typedAt(document, schema, path),
    fields: new Map(),
    defaulted: new Set(),
    indexSignature: false,
  };
  if (path !== undefined) visit(document, shape, schema, path, new Set());
  return shape;
}

function visit(
  document: OpenApiDocument,
  shape: TypeShape,
  schema: unknown,
  path: string,
  active: Set<string>,
): void {
  if (!isJsonObject(schema)) return;
  if (typeof schema.$ref === 'string') {
    // A cycle through `$ref`/`allOf` is reported by `flattenSchema`; here it only ends the walk.
    if (active.has(schema.$ref)) return;
    const target = resolveQuietly(document, schema.$ref);
    visit(document, shape, target, schema.$ref, new Set([...active, schema.$ref]));
    return;
  }
  const ignoresDefaults =
    !DEFAULTS_TYPED_PRESENT || DEFAULTS_IGNORED_UNDER.some((word) => path.includes(word));
  for (const [name, field] of Object.entries(isJsonObject(schema.properties) ? schema.properties : {})) {
    if (!shape.fields.has(name)) shape.fields.set(name, typePathOf(path, name));
    if (!ignoresDefaults && hasDefault(field)) shape.defaulted.add(name);
  }
  if (schema.additionalProperties === true || isJsonObject(schema.additionalProperties))
    shape.indexSignature = true;
  for (const member of Array.isArray(schema.allOf) ? schema.allOf : []) {
    visit(document, shape, member, path, active);
  }
}

function hasDefault(field: unknown): boolean {
  return (
    isJsonObject(field) && Object.hasOwn(field, 'default') && (field as JsonObject).default !== undefined
  );
}

/** A broken reference is reported where the schemas are compared; here it types nothing. */
function resolveQuietly(document: OpenApiDocument, ref: string): unknown {
  try {
    return resolvePointer(document, ref, { side: 'before', at: ref });
  } catch {
    return undefined;
  }
}

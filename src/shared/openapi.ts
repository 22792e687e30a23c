/**
 * Reading a bundled OpenAPI 3.1 document: JSON pointers and local `$ref`s. The document is plain
 * JSON (Redocly's bundle keeps `#/components/...` references), so every stage reads it through
 * these few helpers instead of trusting its shape.
 * @see https://spec.openapis.org/oas/v3.1.0#reference-object
 */

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A bundled document as text, as its package's `openapi.json` holds it (and `import` keeps it for
 * `generate`). Parsed and written again, the text is the same: `JSON.stringify` writes what
 * `JSON.parse` reads back as the same value, in the same order of keys.
 */
export function openapiJsonText(document: JsonObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** What a pointer segment escapes (`pointerSegment`) or unescapes (`pointerSegments`). */
const ESCAPED = /[~/%]/;

/** `#/a/b~1c` from `['a', 'b/c']`. */
export function pointer(...segments: (string | number)[]): string {
  return `#/${segments.map((segment) => pointerSegment(String(segment))).join('/')}`;
}

/**
 * One segment of a pointer, in the URI-fragment form `$ref`s use: `getAtPointer` and the loader's
 * `locate` percent-decode each segment, so a literal `%` (a path `/files/100%`) is written `%25`;
 * unescaped, it failed to decode (an internal error instead of the spec problem's position) or
 * decoded into another key (`%25` into `%`, locating the problem at `paths:`).
 */
export function pointerSegment(segment: string): string {
  // Most keys need no escaping: the model builds pointers for every node of a large document.
  if (!ESCAPED.test(segment)) return segment;
  return segment.replace(/~/g, '~0').replace(/\//g, '~1').replace(/%/g, '%25');
}

/** The keys a local pointer (`#/paths/~1a%25/get`) names, unescaped: `['paths', '/a%', 'get']`. */
export function pointerSegments(ref: string): string[] {
  const path = ref.replace(/^#/, '');
  if (path === '' || path === '/') return [];
  return path
    .split('/')
    .slice(1)
    .map((raw) =>
      ESCAPED.test(raw) ? decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~') : raw,
    );
}

export function getAtPointer(document: JsonObject, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = document;
  for (const segment of pointerSegments(ref)) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isObject(node)) node = Object.hasOwn(node, segment) ? node[segment] : undefined;
    else return undefined;
  }
  return node;
}

/**
 * Follows `$ref`s (local only: the document is bundled) to the object they name, with the pointer
 * of where it was found. Returns `undefined` for a dangling or circular chain.
 */
export function deref(
  document: JsonObject,
  value: unknown,
  at: string,
): { value: JsonObject; pointer: string } | undefined {
  const seen = new Set<string>();
  let current = value;
  let where = at;
  while (isObject(current) && typeof current.$ref === 'string') {
    if (seen.has(current.$ref)) return undefined;
    seen.add(current.$ref);
    where = current.$ref;
    current = getAtPointer(document, current.$ref);
  }
  return isObject(current) ? { value: current, pointer: where } : undefined;
}

/**
 * A schema and its `allOf` branches, theirs too (`$ref`s followed), each once, with its pointer:
 * where an object's properties and `required` are gathered from (a published request is often an
 * `allOf` of a shared shape and a list of what it requires).
 */
export function allOfParts(
  document: JsonObject,
  schema: JsonObject,
  at = '',
): { schema: JsonObject; pointer: string }[] {
  const parts: { schema: JsonObject; pointer: string }[] = [];
  const collect = (part: JsonObject, pointer: string): void => {
    if (parts.some((known) => known.schema === part)) return;
    parts.push({ schema: part, pointer });
    (Array.isArray(part.allOf) ? part.allOf : []).forEach((branch, index) => {
      const resolved = deref(document, branch, `${pointer}/allOf/${index}`);
      if (resolved) collect(resolved.value, resolved.pointer);
    });
  };
  collect(schema, at);
  return parts;
}

/** A parameter object, `$ref`s followed, with the pointer of where it was found. */
export type ResolvedParameter = { value: JsonObject; pointer: string };

/**
 * The parameters the path item or operation at `at` lists, `$ref`s followed (one that resolves to
 * no object is left out). `holder`: that object, when the caller has it.
 */
export function listedParameters(
  document: JsonObject,
  at: string,
  holder: unknown = getAtPointer(document, at),
): ResolvedParameter[] {
  const list = isObject(holder) && Array.isArray(holder.parameters) ? holder.parameters : [];
  return list.flatMap((raw, index) => deref(document, raw, `${at}/parameters/${index}`) ?? []);
}

/**
 * The parameters of the operation at `operationAt` merged over its path item's, by `in:name` (the
 * operation's replaces its path item's of the same `in` and `name`, in the path item's place).
 */
export function mergedParameters(document: JsonObject, operationAt: string): Map<string, ResolvedParameter> {
  const merged = new Map<string, ResolvedParameter>();
  for (const at of [operationAt.slice(0, operationAt.lastIndexOf('/')), operationAt]) {
    for (const parameter of listedParameters(document, at)) {
      const { in: location, name } = parameter.value;
      if (typeof name === 'string' && typeof location === 'string')
        merged.set(`${location}:${name}`, parameter);
    }
  }
  return merged;
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

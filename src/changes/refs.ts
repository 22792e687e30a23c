/**
 * Following local `$ref`s. The classifier reads bundled documents, where every reference is a JSON
 * pointer into the same document (`#/components/schemas/Agent`).
 */
import { isJsonObject, type JsonObject } from './json.js';
import { asObject, fail, type Where } from './shape.js';
import type { OpenApiDocument } from './types.js';

/** The value a local `$ref` points at. */
export function resolvePointer(document: OpenApiDocument, ref: string, where: Where): unknown {
  if (!ref.startsWith('#')) {
    fail(
      where,
      `$ref ${JSON.stringify(ref)} is not local; classify bundled documents (one file, #/ references only)`,
    );
  }
  const tokens = ref === '#' ? [] : ref.slice(1).split('/').slice(1);
  let target: unknown = document;
  for (const raw of tokens) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    const next: unknown = Array.isArray(target)
      ? target[Number(token)]
      : isJsonObject(target)
        ? target[token]
        : undefined;
    if (next === undefined) fail(where, `$ref ${JSON.stringify(ref)} points to nothing`);
    target = next;
  }
  return target;
}

/**
 * Follows a chain of `$ref`s to a non-reference object (a parameter, response, request body,
 * header, path item). In 3.1 a reference may carry `summary`/`description` beside it, which
 * override the target's, so the siblings are laid over the target.
 */
export function dereference(
  document: OpenApiDocument,
  value: unknown,
  where: Where,
  what: string,
): JsonObject {
  let current = asObject(value, where, what);
  const seen = new Set<string>();
  while (typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (seen.has(ref)) fail(where, `$ref ${JSON.stringify(ref)} refers to itself in a cycle`);
    seen.add(ref);
    const { $ref: _followed, ...siblings } = current;
    current = {
      ...asObject(resolvePointer(document, ref, where), where, `the target of ${ref}`),
      ...siblings,
    };
  }
  return current;
}

/**
 * Every component a document's operations can reach: references found outside `components`, and
 * transitively inside whatever they point to. Returned as `schemas/Agent`-style keys.
 * Components outside this set cannot change what any operation sends or receives
 * (see `components-diff.ts`).
 */
export function reachableComponents(document: OpenApiDocument): Set<string> {
  const reached = new Set<string>();
  const pending: unknown[] = Object.entries(document)
    .filter(([key]) => key !== 'components')
    .map(([, value]) => value);
  const followed = new Set<string>();
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    if (!isJsonObject(value)) continue;
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#/') && !followed.has(child)) {
        followed.add(child);
        const component = componentKey(child);
        if (component !== undefined) reached.add(component);
        pending.push(resolveQuietly(document, child));
      } else {
        pending.push(child);
      }
    }
  }
  return reached;
}

/** One JSON pointer segment: percent-decoded (it sits in a URI fragment), then `~1` and `~0` unescaped. */
function decodePointerToken(token: string, ref: string, where: Where): string {
  try {
    return decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~');
  } catch {
    return fail(where, `$ref ${JSON.stringify(ref)} is not a valid JSON pointer (bad percent-encoding)`);
  }
}

/** `schemas/Agent` for `#/components/schemas/Agent/properties/name`; undefined outside components. */
function componentKey(ref: string): string | undefined {
  const match = /^#\/components\/([^/]+)\/([^/]+)/.exec(ref);
  if (match === null) return undefined;
  try {
    return `${match[1]}/${decodePointerToken(match[2]!, ref, { side: 'before', at: ref })}`;
  } catch {
    return undefined;
  }
}

/** A broken reference is reported where it is compared, with its location; here it just ends the walk. */
function resolveQuietly(document: OpenApiDocument, ref: string): unknown {
  try {
    return resolvePointer(document, ref, { side: 'before', at: ref });
  } catch {
    return undefined;
  }
}

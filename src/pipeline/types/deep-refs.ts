/**
 * A `$ref` to a schema that openapi-typescript gives no type of its own is printed as an indexed
 * access of a member that does not exist: Codat's `#/components/schemas/CategorisedAccount/definitions/accountRef`
 * became `components["schemas"]["CategorisedAccount"]["definitions"]["accountRef"]`, and
 * `#/components/parameters/companyId/schema` `components["parameters"]["companyId"]["schema"]` (a
 * parameter is typed as its value), so the package did not compile. In the document the transform
 * reads (lent: each change recorded in `edits`), each such `$ref` is replaced by a copy of its target; the ones it prints as types that
 * exist are kept: a component, `properties/<name>` below a schema component (it skips the
 * `properties` segment). A target that refers back to itself that way is `{}` (`unknown`) where it
 * recurs.
 */
import { getAtPointer, isObject, pointerSegments, type JsonObject } from '../../shared/openapi.js';
import type { Edits } from './edits.js';

/** Whether openapi-typescript's `oapiRef` prints `ref` as a type that exists. */
function printable(ref: string): boolean {
  const [root, kind, name, ...rest] = pointerSegments(ref);
  // Below `paths`, a media type's or parameter's `schema` is no key of the type it is printed from
  // (Telstra's `#/paths/~1messages/get/responses/200/content/application~1json/schema/properties/paging`).
  if (root !== 'components') return !pointerSegments(ref).includes('schema');
  if (kind === undefined || name === undefined) return false;
  if (rest.length === 0) return true;
  return (
    kind === 'schemas' && rest.length % 2 === 0 && rest.every((s, i) => i % 2 === 1 || s === 'properties')
  );
}

/** Replaces, in `document`, each `$ref` into a component that openapi-typescript cannot print. */
export function inlineDeepRefs(document: JsonObject, edits: Edits): void {
  const visited = new Set<object>();
  const expanding = new Set<unknown>();
  /** `holder[key]` replaced where `replace` gives another (a scalar never is: not called for one). */
  const replaceChild = (holder: Record<string, unknown>, key: string, child: unknown) => {
    if (typeof child !== 'object' || child === null) return;
    const next = replace(child);
    if (next !== child) edits.set(holder, key, next);
  };
  /** `node` itself, its children replaced in place, or a copy of a deep `$ref`'s target. */
  const replace = (node: object): unknown => {
    if (Array.isArray(node)) {
      if (visited.has(node)) return node;
      visited.add(node);
      const holder = node as unknown as Record<string, unknown>;
      for (let i = 0; i < node.length; i++) replaceChild(holder, String(i), node[i]);
      return node;
    }
    const ref = (node as JsonObject).$ref;
    if (typeof ref === 'string' && ref.startsWith('#/') && !printable(ref)) {
      const target = getAtPointer(document, ref);
      if (!isObject(target) || expanding.has(target)) return {};
      const { $ref: _ref, ...siblings } = node as JsonObject;
      expanding.add(target);
      const copy = replace({ ...structuredClone(target), ...siblings });
      expanding.delete(target);
      return copy;
    }
    if (visited.has(node)) return node;
    visited.add(node);
    const holder = node as Record<string, unknown>;
    for (const key of Object.keys(holder)) replaceChild(holder, key, holder[key]);
    return node;
  };
  replace(document);
}
